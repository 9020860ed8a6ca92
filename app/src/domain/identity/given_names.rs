//! Forms of one given name (Александр — Саша, Шура; Анастасия — Настя, Ася): the dictionary
//! `given_names.txt`, kept as data and read once. Two first names are one name when a line of it
//! holds both; two names of different lines are two names (twins Алина and Арина), whatever their
//! letters.

use super::normalize::{is_cyrillic, normalize_name};
use super::translit::latin_skeleton;
use std::collections::HashMap;
use std::sync::OnceLock;

const DICTIONARY: &str = include_str!("given_names.txt");

/// Which names (lines of the dictionary, merged by their full form) a first name is a form of.
type Names = Vec<u16>;

struct GivenNames {
    /// Normalised form → the names it is a form of, sorted.
    by_form: HashMap<String, Names>,
    /// The same by Latin skeleton, for a name typed in Latin letters (Sasha, Nastya).
    by_skeleton: HashMap<String, Names>,
}

fn add(map: &mut HashMap<String, Names>, key: String, name: u16) {
    let names = map.entry(key).or_default();
    if let Err(at) = names.binary_search(&name) {
        names.insert(at, name);
    }
}

fn parse(text: &str) -> GivenNames {
    let mut heads: HashMap<String, u16> = HashMap::new();
    let mut dictionary = GivenNames {
        by_form: HashMap::new(),
        by_skeleton: HashMap::new(),
    };
    for line in text.lines().map(str::trim) {
        let Some((head, forms)) = line.split_once(':').filter(|_| !line.starts_with('#')) else {
            continue;
        };
        let head = normalize_name(head);
        let next = u16::try_from(heads.len()).unwrap_or(u16::MAX);
        let name = *heads.entry(head.clone()).or_insert(next);
        let forms = forms
            .split(',')
            .map(normalize_name)
            .filter(|f| !f.is_empty());
        for form in std::iter::once(head.clone()).chain(forms) {
            add(&mut dictionary.by_skeleton, latin_skeleton(&form), name);
            add(&mut dictionary.by_form, form, name);
        }
    }
    dictionary
}

fn dictionary() -> &'static GivenNames {
    static DICT: OnceLock<GivenNames> = OnceLock::new();
    DICT.get_or_init(|| parse(DICTIONARY))
}

/// The names a normalised first name is a form of; empty for one the dictionary does not know.
/// A name with no Cyrillic letter is looked up by its Latin skeleton (Sasha is Саша).
pub fn names_of(first_name: &str) -> &'static [u16] {
    let dict = dictionary();
    if let Some(names) = dict.by_form.get(first_name) {
        return names;
    }
    if first_name.chars().any(is_cyrillic) {
        return &[];
    }
    dict.by_skeleton
        .get(&latin_skeleton(first_name))
        .map_or(&[], Vec::as_slice)
}

/// How two first names stand to each other by the dictionary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kinship {
    /// Some line holds both: Александр and Саша, Sasha and Саша.
    FormsOfOneName,
    /// Both are known, from different lines: Алина and Арина, Иван and Мария.
    DifferentNames,
    /// At least one is not in the dictionary: only their spelling can tell.
    Unknown,
}

/// `Kinship` of two first names from their `names_of`.
pub fn kinship(a: &[u16], b: &[u16]) -> Kinship {
    if a.is_empty() || b.is_empty() {
        return Kinship::Unknown;
    }
    // Both sorted and short (one or two names each): a merge finds a shared one.
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Equal => return Kinship::FormsOfOneName,
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    Kinship::DifferentNames
}

/// How many different names the dictionary holds.
pub fn name_count() -> usize {
    let mut names: Vec<u16> = dictionary().by_form.values().flatten().copied().collect();
    names.sort_unstable();
    names.dedup();
    names.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(name: &str) -> &'static [u16] {
        names_of(&normalize_name(name))
    }

    fn kin(a: &str, b: &str) -> Kinship {
        kinship(of(a), of(b))
    }

    #[test]
    fn everyday_and_diminutive_forms_are_one_name() {
        for (full, form) in [
            ("Александр", "Саша"),
            ("Александр", "Шура"),
            ("Михаил", "Миша"),
            ("Анастасия", "Настя"),
            ("Анастасия", "Ася"),
            ("Елизавета", "Лиза"),
            ("Фёдор", "Федя"),
            ("Софья", "София"),
            ("Евгения", "Женя"),
        ] {
            assert_eq!(kin(full, form), Kinship::FormsOfOneName, "{full} / {form}");
        }
    }

    #[test]
    fn a_form_shared_by_two_names_joins_each_but_not_the_two() {
        assert_eq!(kin("Саша", "Александра"), Kinship::FormsOfOneName);
        assert_eq!(kin("Саша", "Александр"), Kinship::FormsOfOneName);
        assert_eq!(kin("Александр", "Алексей"), Kinship::DifferentNames);
        assert_eq!(kin("Анастасия", "Асия"), Kinship::DifferentNames);
    }

    #[test]
    fn close_but_different_names_are_two_names() {
        for (a, b) in [
            ("Алина", "Арина"),
            ("Иван", "Мария"),
            ("Мария", "Марина"),
            ("Полина", "Алина"),
            ("Даниил", "Данила"),
        ] {
            assert_eq!(kin(a, b), Kinship::DifferentNames, "{a} / {b}");
        }
    }

    #[test]
    fn a_name_outside_the_dictionary_is_unknown() {
        assert_eq!(kin("Станслав", "Станислав"), Kinship::Unknown);
        assert_eq!(kin("Полона", "Полина"), Kinship::Unknown);
        assert!(of("Федар").is_empty());
    }

    #[test]
    fn latin_spellings_find_their_name() {
        assert_eq!(kin("Sasha", "Александр"), Kinship::FormsOfOneName);
        assert_eq!(kin("Nastya", "Анастасия"), Kinship::FormsOfOneName);
        assert_eq!(kin("Maria", "Мария"), Kinship::FormsOfOneName);
        assert_eq!(kin("Arina", "Алина"), Kinship::DifferentNames);
    }

    #[test]
    fn the_dictionary_holds_at_least_two_hundred_names_all_cyrillic() {
        assert!(name_count() >= 200, "{}", name_count());
        for form in dictionary().by_form.keys() {
            assert!(
                form.chars().all(|c| is_cyrillic(c) || c == '-'),
                "a form with a non-Cyrillic letter: {form}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn kinship_is_symmetric(a in "[а-я]{2,8}|саша|миша|настя|александр|алина|арина",
                                b in "[а-я]{2,8}|саша|шура|ася|анастасия|мария|алина") {
            proptest::prop_assert_eq!(kinship(names_of(&a), names_of(&b)), kinship(names_of(&b), names_of(&a)));
        }
    }
}
