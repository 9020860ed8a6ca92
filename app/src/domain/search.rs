//! Search terms: the catalogue indexes every word of a program by its normalised form and finds
//! programs by word prefixes, so a search is a range scan of an index on both database backends.

/// Lower-cases, folds ё to е and splits on anything that is not a letter or digit.
pub fn terms(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        let term: String = word
            .chars()
            .flat_map(char::to_lowercase)
            .filter(|c| c.is_alphanumeric())
            .map(|c| if c == 'ё' { 'е' } else { c })
            .collect();
        if term.is_empty() {
            continue;
        }
        if !out.contains(&term) {
            out.push(term);
        }
    }
    out
}

/// The query words to look up, at most `MAX_QUERY_TERMS` of them, in the order typed.
pub fn query_terms(query: &str) -> Vec<String> {
    let mut all = terms(query);
    all.truncate(MAX_QUERY_TERMS);
    all
}

pub const MAX_QUERY_TERMS: usize = 5;

/// The smallest string greater than every string starting with `prefix`, so that
/// `term >= prefix AND term < upper` finds exactly the terms with that prefix.
pub fn prefix_upper_bound(prefix: &str) -> String {
    let mut chars: Vec<char> = prefix.chars().collect();
    while let Some(last) = chars.pop() {
        if let Some(next) = next_char(last) {
            chars.push(next);
            return chars.into_iter().collect();
        }
    }
    char::MAX.to_string()
}

fn next_char(c: char) -> Option<char> {
    let mut code = c as u32 + 1;
    while code <= char::MAX as u32 {
        if let Some(next) = char::from_u32(code) {
            return Some(next);
        }
        code += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn words_are_lowercased_and_yo_becomes_ye() {
        assert_eq!(terms("Ёлочка и ЁЖИК"), ["елочка", "и", "ежик"]);
    }

    #[test]
    fn punctuation_and_dashes_separate_words_and_repeats_are_dropped() {
        assert_eq!(
            terms("«Робототехника» — LEGO-робототехника, 3D!"),
            ["робототехника", "lego", "3d"]
        );
    }

    #[test]
    fn a_query_keeps_at_most_five_words() {
        assert_eq!(query_terms("а б в г д е ж").len(), MAX_QUERY_TERMS);
    }

    #[test]
    fn the_upper_bound_follows_the_last_letter() {
        assert_eq!(prefix_upper_bound("роб"), "ров");
        assert_eq!(prefix_upper_bound("a"), "b");
    }

    proptest! {
        #[test]
        fn a_prefix_bound_lies_above_every_extension(prefix in "[а-я]{1,6}", rest in "[а-яa-z0-9]{0,6}") {
            let upper = prefix_upper_bound(&prefix);
            let word = format!("{prefix}{rest}");
            prop_assert!(word.as_str() >= prefix.as_str());
            prop_assert!(word.as_str() < upper.as_str());
        }

        #[test]
        fn terms_are_never_empty_and_never_contain_separators(text in "\\PC{0,40}") {
            for t in terms(&text) {
                prop_assert!(!t.is_empty());
                prop_assert!(t.chars().all(char::is_alphanumeric));
                prop_assert!(!t.contains('ё'));
            }
        }
    }
}
