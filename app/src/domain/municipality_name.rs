//! A municipality's name as typed in a file or a form, reduced to what tells municipalities apart:
//! the case of any letter (Cyrillic too), «ё», spaces and the spaces after a dot do not matter.
//! Both backends compare these keys in Rust alike (SQLite's `LOWER` folds only ASCII).

/// The key of a municipality's name: «Г. О.  ИВАНОВО» and «г.о. Иваново» have the same one.
pub fn key(name: &str) -> String {
    let words: Vec<String> = name
        .split_whitespace()
        .map(|w| w.to_lowercase().replace('ё', "е"))
        .collect();
    words.join(" ").replace(". ", ".")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_of_cyrillic_letters_and_spacing_do_not_matter() {
        let ivanovo = key("г.о. Иваново");
        for typed in ["Г.О. ИВАНОВО", "  г. о.  иваново ", "Г.О.\tИваново"]
        {
            assert_eq!(key(typed), ivanovo, "{typed}");
        }
        assert_eq!(key("Шуёй"), key("ШУЕЙ"));
    }

    #[test]
    fn other_names_stay_apart() {
        assert_ne!(key("г.о. Шуя"), key("Шуйский"));
        assert_ne!(key("Тейковский"), key("г.о. Тейково"));
    }
}
