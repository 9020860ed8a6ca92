//! Where a child's duplicate candidates are looked for: one rule for the check before a child is
//! saved (which the database searches, `db::child_candidates`) and for the scan of the whole
//! register (`services::scan`, in memory). Each searches a little wider through its indexes and
//! keeps what `is_candidate` keeps, so that a pair the check can flag is a pair the scan lists (a
//! property test over random registers in the server's tests holds both to it).
//!
//! The rule follows from the verdict: a probable duplicate has the same sex (or the same date and
//! names), a close birth date and close names. Comparing every pair is out of reach for a million
//! children, so a candidate must share something exact with the new child:
//! * the same СНИЛС or birth certificate, whatever else differs;
//! * the same birth date, whatever the sex and names (a mis-clicked sex, a mistyped name);
//! * under the same sex, a typo of the birth date (`date_typos::relate`), and
//!   - the old child's surname is the new one's surname or first name (the surname typed right,
//!     or the names swapped), or
//!   - the old child's first name is the new one's surname or first name, and its surname starts
//!     with the letter one of the new names starts with: a common first name otherwise brings
//!     every namesake born on some typo of the date.
//!
//! What it leaves out on purpose: a birth date typed wrong together with both names typed wrong.

use super::date_typos::relate;
use super::verdict::{ChildIdentity, Sex};
use chrono::NaiveDate;

/// What the rule reads of a child: normalised names, sex, birth date and documents.
#[derive(Debug, Clone, Copy)]
pub struct Keys<'a> {
    pub surname: &'a str,
    pub given_name: &'a str,
    pub sex: Sex,
    pub birth_date: NaiveDate,
    /// The СНИЛС's eleven digits.
    pub snils: Option<&'a str>,
    /// `BirthCertificate::key`.
    pub certificate_key: Option<&'a str>,
}

impl<'a> Keys<'a> {
    pub fn of(identity: &'a ChildIdentity, certificate_key: Option<&'a str>) -> Self {
        Self {
            surname: &identity.surname,
            given_name: &identity.given_name,
            sex: identity.sex,
            birth_date: identity.birth_date,
            snils: identity.snils.as_ref().map(super::snils::Snils::digits),
            certificate_key,
        }
    }

    /// The new child's surname and first name: the name keys it is searched under.
    pub fn name_parts(&self) -> [&'a str; 2] {
        [self.surname, self.given_name]
    }
}

/// The first letter of a normalised name, as the database reads it (the first character of the
/// stored key, whose surname comes first).
pub fn initial(name: &str) -> Option<char> {
    name.chars().next()
}

/// Whether `old` is a candidate of `new` (the rule in the module's comment).
pub fn is_candidate(new: &Keys<'_>, old: &Keys<'_>) -> bool {
    let same = |a: Option<&str>, b: Option<&str>| a.is_some() && a == b;
    if same(new.snils, old.snils) || same(new.certificate_key, old.certificate_key) {
        return true;
    }
    if new.birth_date == old.birth_date {
        return true;
    }
    if new.sex != old.sex || relate(new.birth_date, old.birth_date).is_none() {
        return false;
    }
    let parts = new.name_parts();
    if parts.contains(&old.surname) {
        return true;
    }
    let initials = parts.map(initial);
    parts.contains(&old.given_name) && initials.contains(&initial(old.surname))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn keys<'a>(surname: &'a str, given: &'a str, sex: Sex, date: NaiveDate) -> Keys<'a> {
        Keys {
            surname,
            given_name: given,
            sex,
            birth_date: date,
            snils: None,
            certificate_key: None,
        }
    }

    const F: Sex = Sex::Female;

    #[test]
    fn the_same_birth_date_is_a_candidate_whatever_the_sex_and_names() {
        let new = keys("смирнова", "мария", F, d(2015, 3, 12));
        assert!(is_candidate(
            &new,
            &keys("орлов", "егор", Sex::Male, d(2015, 3, 12))
        ));
    }

    #[test]
    fn a_date_typo_needs_the_surname_or_the_name_with_a_shared_initial() {
        let new = keys("смирнова", "мария", F, d(2015, 3, 12));
        let typo = d(2015, 3, 13);
        assert!(is_candidate(&new, &keys("смирнова", "дарья", F, typo)));
        assert!(is_candidate(&new, &keys("мария", "смирнова", F, typo)));
        assert!(is_candidate(&new, &keys("сидорова", "мария", F, typo)));
        assert!(is_candidate(&new, &keys("мухина", "мария", F, typo)));
        assert!(!is_candidate(&new, &keys("орлова", "мария", F, typo)));
        assert!(!is_candidate(
            &new,
            &keys("смирнова", "мария", Sex::Male, typo)
        ));
        assert!(!is_candidate(
            &new,
            &keys("смирнова", "мария", F, d(2015, 5, 20))
        ));
    }

    #[test]
    fn the_same_document_is_a_candidate_whatever_else_differs() {
        let mut new = keys("смирнова", "мария", F, d(2015, 3, 12));
        let mut old = keys("орлов", "егор", Sex::Male, d(2010, 1, 1));
        assert!(!is_candidate(&new, &old));
        new.snils = Some("11223344595");
        old.snils = Some("11223344595");
        assert!(is_candidate(&new, &old));
        old.snils = None;
        new.certificate_key = Some("IIФО123456");
        old.certificate_key = Some("IIФО123456");
        assert!(is_candidate(&new, &old));
    }
}
