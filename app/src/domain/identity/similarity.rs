//! How close two normalised names are: a few typing mistakes, a transliteration, or one half of a
//! double surname.

use super::translit::latin_skeleton;
use std::borrow::Cow;
use std::sync::OnceLock;
use strsim::osa_distance;

/// How many edits (insertions, deletions, substitutions, swaps of neighbours) a name of this
/// length may differ by and still be "the same name mistyped": 1 up to six letters, 2 beyond.
pub fn allowed_edits(a: &str, b: &str) -> usize {
    allowance(a.chars().count().min(b.chars().count()))
}

/// `allowed_edits` for the shorter name's length in letters.
fn allowance(len: usize) -> usize {
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
    close_with(a, b, || {
        (latin_skeleton(a).into(), latin_skeleton(b).into())
    })
}

/// A normalised name whose Latin skeleton is worked out once, for comparing it with many others,
/// and only when a comparison needs it: a candidate is mostly told apart by its first differing
/// name, and the skeletons of its other names are then never asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spelled {
    pub text: String,
    // A `OnceLock`, not a `OnceCell`: the duplicate scan shares prepared names between threads.
    skeleton: OnceLock<String>,
}

impl Spelled {
    pub fn new(text: &str) -> Self {
        Self {
            text: text.to_owned(),
            skeleton: OnceLock::new(),
        }
    }

    pub fn skeleton(&self) -> &str {
        self.skeleton.get_or_init(|| latin_skeleton(&self.text))
    }
}

/// `names_close` of two prepared names.
pub fn spelled_close(a: &Spelled, b: &Spelled) -> bool {
    close_with(&a.text, &b.text, || {
        (a.skeleton().into(), b.skeleton().into())
    })
}

/// `surnames_close` of two prepared surnames.
pub fn spelled_surnames_close(a: &Spelled, b: &Spelled) -> bool {
    spelled_close(a, b) || halves_close(&a.text, &b.text)
}

/// Skeletons are asked for only when the spellings themselves are too far apart.
fn close_with<'a>(
    a: &str,
    b: &str,
    skeletons: impl FnOnce() -> (Cow<'a, str>, Cow<'a, str>),
) -> bool {
    if a == b {
        return true;
    }
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if within_edits(a, b, 0) {
        return true;
    }
    let (la, lb) = skeletons();
    la == lb || within_edits(&la, &lb, 1)
}

/// `osa_distance(a, b) <= allowed_edits(a, b) - fewer`. Every edit changes the length by one at
/// most, so names whose lengths differ by more than the allowance are told apart without the
/// distance: most pairs the duplicate scan meets are settled by their lengths alone, and most of
/// the rest by their letters (`letters_apart`).
fn within_edits(a: &str, b: &str, fewer: usize) -> bool {
    let (la, lb) = (a.chars().count(), b.chars().count());
    let Some(allowed) = allowance(la.min(lb)).checked_sub(fewer) else {
        return false;
    };
    la.abs_diff(lb) <= allowed
        && letters_apart(a, b).div_ceil(2) <= allowed
        && osa_distance(a, b) <= allowed
}

/// How many letters one name has that the other lacks, counted both ways, with letters grouped
/// into 64 buckets by code point. An edit changes that count by two at most (a substitution takes
/// one letter away and adds another; an insertion or deletion changes one; a swap of neighbours
/// none), so half of it, rounded up, never exceeds the edit distance; grouping letters only makes
/// it smaller. It costs one pass over each name and no allocation, where the distance itself
/// allocates and fills a table: a check compares its new child with a hundred candidates.
fn letters_apart(a: &str, b: &str) -> usize {
    let mut counts = [0i16; 64];
    for c in a.chars() {
        counts[c as usize % 64] += 1;
    }
    for c in b.chars() {
        counts[c as usize % 64] -= 1;
    }
    counts.iter().map(|n| n.unsigned_abs() as usize).sum()
}

fn parts(s: &str) -> Vec<&str> {
    s.split(['-', ' ']).filter(|p| !p.is_empty()).collect()
}

/// Surnames are also close when one is a part of the other's double surname.
pub fn surnames_close(a: &str, b: &str) -> bool {
    names_close(a, b) || halves_close(a, b)
}

fn halves_close(a: &str, b: &str) -> bool {
    let double = |s: &str| s.contains(['-', ' ']);
    if !double(a) && !double(b) {
        return false;
    }
    let (pa, pb) = (parts(a), parts(b));
    pa.iter().any(|x| pb.iter().any(|y| names_close(x, y)))
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

    proptest::proptest! {
        #[test]
        fn prepared_names_compare_as_plain_ones(a in "[a-zа-яё-]{0,10}", b in "[a-zа-яё-]{0,10}") {
            let (sa, sb) = (Spelled::new(&a), Spelled::new(&b));
            proptest::prop_assert_eq!(spelled_close(&sa, &sb), names_close(&a, &b));
            proptest::prop_assert_eq!(spelled_surnames_close(&sa, &sb), surnames_close(&a, &b));
        }
    }

    proptest::proptest! {
        #[test]
        // A small alphabet, so that many pairs are a few edits apart.
        fn the_length_shortcut_agrees_with_the_distance(a in "[абвa]{0,10}", b in "[абвa]{0,10}", fewer in 0usize..2) {
            let by_distance = osa_distance(&a, &b) <= allowed_edits(&a, &b).saturating_sub(fewer);
            // With no edits allowed only equal names pass, which `close_with` checks first.
            proptest::prop_assume!(a != b);
            proptest::prop_assert_eq!(within_edits(&a, &b, fewer), by_distance);
        }
    }

    proptest::proptest! {
        #[test]
        // Letters of both scripts, some sharing a bucket (`а` and `p` are 64 code points apart).
        fn letters_apart_never_exceeds_twice_the_distance(a in "[абвгдеpqrsa-d]{0,12}", b in "[абвгдеpqrsa-d]{0,12}") {
            proptest::prop_assert!(letters_apart(&a, &b) <= 2 * osa_distance(&a, &b));
        }
    }

    #[test]
    fn letters_apart_counts_what_differs() {
        assert_eq!(letters_apart("иван", "иван"), 0);
        assert_eq!(letters_apart("иван", "ивна"), 0);
        assert_eq!(letters_apart("иван", "иванов"), 2);
        assert_eq!(letters_apart("олег", "игорь"), 5);
    }

    #[test]
    fn one_part_of_a_double_surname_is_close() {
        assert!(surnames_close("петрова-водкина", "петрова"));
        assert!(surnames_close("водкина", "петрова-водкина"));
        assert!(!surnames_close("петрова", "сидорова"));
    }
}
