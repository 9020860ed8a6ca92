//! Name normalisation (SPEC §5): Unicode NFKC, trimmed, single spaces, any dash → `-` without spaces
//! around it, Latin look-alike letters inside Cyrillic words → Cyrillic, lowercase, ё → е.
//! Two spellings of one name normalise to the same string; the result is what keys and similarity use.

use unicode_normalization::UnicodeNormalization;

/// The normalised form of a surname, given name or patronymic.
pub fn normalize_name(input: &str) -> String {
    let nfkc: String = input.nfkc().collect();
    let mut spaced = String::with_capacity(nfkc.len());
    for word in nfkc.split_whitespace() {
        if !spaced.is_empty() {
            spaced.push(' ');
        }
        spaced.push_str(word);
    }
    let dashed = unify_dashes(&spaced);
    dashed
        .split_inclusive([' ', '-'])
        .map(fold_word)
        .collect::<String>()
}

fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'
            ..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' | '\u{00AD}'
    )
}

/// Every dash becomes `-`, with no spaces around it.
fn unify_dashes(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_dash(c) {
            while out.ends_with(' ') {
                out.pop();
            }
            out.push('-');
        } else if c == ' ' && out.ends_with('-') {
            continue;
        } else {
            out.push(c);
        }
    }
    out
}

pub fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}')
}

/// The Cyrillic letter a Latin one is mistaken for, by shape.
pub fn cyrillic_look_alike(c: char) -> Option<char> {
    Some(match c {
        'A' => 'А',
        'B' => 'В',
        'C' => 'С',
        'E' => 'Е',
        'H' => 'Н',
        'K' => 'К',
        'M' => 'М',
        'O' => 'О',
        'P' => 'Р',
        'T' => 'Т',
        'X' => 'Х',
        'Y' => 'У',
        'a' => 'а',
        'c' => 'с',
        'e' => 'е',
        'k' => 'к',
        'o' => 'о',
        'p' => 'р',
        'x' => 'х',
        'y' => 'у',
        _ => return None,
    })
}

/// Lower-cases one word (with its trailing separator), turning Latin look-alikes into Cyrillic when
/// the word has Cyrillic letters, and ё into е.
/// A word read as Cyrillic: one that holds a Cyrillic letter, or one made wholly of Latin letters
/// that look like Cyrillic ones («Bepa», «MAPK»): a Cyrillic register holds no such Latin names,
/// and a keyboard left in the Latin layout, or a copy from a scanned document, types them.
fn reads_as_cyrillic(word: &str) -> bool {
    word.chars().any(is_cyrillic)
        || (word.chars().any(char::is_alphabetic)
            && word
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(|c| cyrillic_look_alike(c).is_some()))
}

fn fold_word(word: &str) -> String {
    let cyrillic = reads_as_cyrillic(word);
    word.chars()
        .map(|c| {
            if cyrillic {
                cyrillic_look_alike(c).unwrap_or(c)
            } else {
                c
            }
        })
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn case_spaces_and_yo_do_not_matter() {
        assert_eq!(normalize_name("  СЕМЁНОВ  "), "семенов");
        assert_eq!(normalize_name("Анна   Мария"), "анна мария");
        assert_eq!(normalize_name("Фёдор"), normalize_name("федор"));
    }

    #[test]
    fn latin_look_alikes_inside_cyrillic_words_become_cyrillic() {
        // "Сергеев" typed with Latin C, e and a Latin "o" in "Петрoв".
        assert_eq!(normalize_name("Cергeев"), "сергеев");
        assert_eq!(normalize_name("Петрoв"), "петров");
        assert_eq!(normalize_name("ПETPOB"), "петров");
    }

    #[test]
    fn words_wholly_of_latin_look_alikes_become_cyrillic() {
        assert_eq!(normalize_name("Bepa"), "вера");
        assert_eq!(normalize_name("Mapk"), "марк");
        assert_eq!(normalize_name("BEPA"), "вера");
        assert_eq!(normalize_name("Anna-Bepa"), "anna-вера");
    }

    #[test]
    fn wholly_latin_words_stay_latin() {
        assert_eq!(normalize_name("Petrov"), "petrov");
        assert_eq!(normalize_name("Anna-Мария"), "anna-мария");
    }

    #[test]
    fn every_dash_becomes_a_hyphen_without_spaces() {
        for typed in [
            "Римский-Корсаков",
            "Римский – Корсаков",
            "Римский—Корсаков",
            "Римский ‐ Корсаков",
            "Римский -Корсаков",
        ] {
            assert_eq!(normalize_name(typed), "римский-корсаков", "{typed}");
        }
    }

    #[test]
    fn compatibility_forms_are_folded_by_nfkc() {
        // Fullwidth Latin letters and a non-breaking space.
        assert_eq!(normalize_name("ＡＮＮＡ\u{a0}Ｌｅｅ"), "anna lee");
    }

    proptest! {
        #[test]
        fn normalising_twice_changes_nothing(s in "\\PC{0,30}") {
            let once = normalize_name(&s);
            prop_assert_eq!(normalize_name(&once), once.clone());
        }

        #[test]
        fn the_result_has_no_outer_or_double_spaces_and_no_yo(s in "[ а-яёА-ЯЁa-zA-Z\\-–—]{0,30}") {
            let n = normalize_name(&s);
            prop_assert!(!n.starts_with(' ') && !n.ends_with(' '));
            prop_assert!(!n.contains("  ") && !n.contains(" -") && !n.contains("- "));
            prop_assert!(!n.contains('ё') && !n.chars().any(char::is_uppercase));
        }
    }
}
