//! How close two normalised names are: a few typing mistakes, a transliteration, or one half of a
//! double surname.

use super::translit::latin_skeleton;
use strsim::osa_distance;

/// How many edits (insertions, deletions, substitutions, swaps of neighbours) a name of this
/// length may differ by and still be "the same name mistyped": 1 up to six letters, 2 beyond.
pub fn allowed_edits(a: &str, b: &str) -> usize {
    let len = a.chars().count().min(b.chars().count());
    if len <= 3 {
        0
    } else if len <= 6 {
        1
    } else {
        2
    }
}

/// Equal, or differing by a typing mistake, or the same name in Latin letters.
pub fn names_close(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if osa_distance(a, b) <= allowed_edits(a, b) {
        return true;
    }
    let (la, lb) = (latin_skeleton(a), latin_skeleton(b));
    la == lb || osa_distance(&la, &lb) <= allowed_edits(&la, &lb).saturating_sub(1)
}

/// Surnames are also close when one is a part of the other's double surname.
pub fn surnames_close(a: &str, b: &str) -> bool {
    if names_close(a, b) {
        return true;
    }
    let parts = |s: &str| {
        s.split(['-', ' '])
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    let (pa, pb) = (parts(a), parts(b));
    (pa.len() > 1 || pb.len() > 1) && pa.iter().any(|x| pb.iter().any(|y| names_close(x, y)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_typo_in_a_short_name_is_close() {
        assert!(names_close("мария", "мариа"));
        assert!(names_close("олег", "олек"));
        assert!(!names_close("олег", "игорь"));
    }

    #[test]
    fn two_typos_are_allowed_only_in_a_long_name() {
        assert!(names_close("александров", "алексондрав"));
        assert!(!names_close("олег", "олежка"));
        assert!(!names_close("мария", "марьяна"));
    }

    #[test]
    fn very_short_names_must_match_exactly() {
        assert!(!names_close("ян", "яр"));
        assert!(names_close("ян", "ян"));
    }

    #[test]
    fn neighbouring_letters_swapped_are_one_edit() {
        assert!(names_close("сергей", "серегй"));
        assert!(names_close("иван", "ивна"));
    }

    #[test]
    fn a_latin_spelling_is_close_to_the_cyrillic_name() {
        assert!(names_close("ivanov", "иванов"));
        assert!(names_close("yuliya", "юлия"));
    }

    #[test]
    fn one_part_of_a_double_surname_is_close() {
        assert!(surnames_close("петрова-водкина", "петрова"));
        assert!(surnames_close("водкина", "петрова-водкина"));
        assert!(!surnames_close("петрова", "сидорова"));
    }
}
