//! The duplicate verdict (SPEC §5): is a new child the same as one already registered?
//!
//! * exact — the same normalised surname, name, patronymic, sex and birth date; or the same valid
//!   СНИЛС; or the same birth certificate. Refused (R1).
//! * probable — a close birth date (a typo) and close names (typos, transliteration, surname and
//!   name swapped, one half of a double surname, a patronymic on one side only). Warned.
//! * distinct — everything else; in particular twins: the same surname, patronymic and birth date
//!   with another first name, or another sex.

use super::birth_certificate::BirthCertificate;
use super::date_typos::{relate, DateRelation};
use super::normalize::normalize_name;
use super::similarity::{spelled_close, spelled_surnames_close, Spelled};
use super::snils::Snils;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Sex {
    Male,
    Female,
}

/// What identifies a child, with names already normalised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChildIdentity {
    pub surname: String,
    pub given_name: String,
    pub patronymic: Option<String>,
    pub sex: Sex,
    pub birth_date: NaiveDate,
    pub snils: Option<Snils>,
    pub certificate: Option<BirthCertificate>,
}

impl ChildIdentity {
    /// Normalises the names as typed; an empty patronymic is none.
    pub fn new(
        surname: &str,
        given_name: &str,
        patronymic: &str,
        sex: Sex,
        birth_date: NaiveDate,
    ) -> Self {
        let patronymic = normalize_name(patronymic);
        Self {
            surname: normalize_name(surname),
            given_name: normalize_name(given_name),
            patronymic: (!patronymic.is_empty()).then_some(patronymic),
            sex,
            birth_date,
            snils: None,
            certificate: None,
        }
    }

    /// The key a unique index holds, so that an exact duplicate is refused by the database too.
    pub fn exact_key(&self) -> String {
        format!(
            "{}|{}|{}|{}|{}",
            self.surname,
            self.given_name,
            self.patronymic.as_deref().unwrap_or(""),
            self.birth_date,
            match self.sex {
                Sex::Male => "m",
                Sex::Female => "f",
            }
        )
    }

    /// The blocking key that finds a child by name whatever the birth date.
    pub fn name_key(&self) -> String {
        format!("{}|{}", self.surname, self.given_name)
    }

    /// Reads an `exact_key` back: the names in it are normalised already, so candidates loaded
    /// from the register are compared without normalising them again. СНИЛС and certificate are
    /// not part of the key.
    pub fn from_exact_key(key: &str) -> Option<Self> {
        let mut parts = key.split('|');
        let (surname, given_name, patronymic, date, sex) = (
            parts.next()?,
            parts.next()?,
            parts.next()?,
            parts.next()?,
            parts.next()?,
        );
        if parts.next().is_some() {
            return None;
        }
        Some(Self {
            surname: surname.to_owned(),
            given_name: given_name.to_owned(),
            patronymic: (!patronymic.is_empty()).then(|| patronymic.to_owned()),
            sex: match sex {
                "m" => Sex::Male,
                "f" => Sex::Female,
                _ => return None,
            },
            birth_date: date.parse().ok()?,
            snils: None,
            certificate: None,
        })
    }

    /// The same normalised names, sex and birth date: what `exact_key` says, without building it.
    fn same_exact(&self, other: &Self) -> bool {
        self.surname == other.surname
            && self.given_name == other.given_name
            && self.patronymic == other.patronymic
            && self.sex == other.sex
            && self.birth_date == other.birth_date
    }
}

/// Why two records are thought to be one child.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExactReason {
    SameNamesAndBirthDate,
    SameSnils,
    SameCertificate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    Exact(ExactReason),
    Probable {
        date: DateRelation,
        names_swapped: bool,
    },
    Distinct,
}

/// An identity with the Latin skeletons of its names worked out once, for comparing it with many.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub identity: ChildIdentity,
    surname: Spelled,
    given_name: Spelled,
    patronymic: Option<Spelled>,
}

impl Prepared {
    pub fn new(identity: ChildIdentity) -> Self {
        Self {
            surname: Spelled::new(&identity.surname),
            given_name: Spelled::new(&identity.given_name),
            patronymic: identity.patronymic.as_deref().map(Spelled::new),
            identity,
        }
    }
}

/// Compares a new child with one already registered.
pub fn compare(new: &ChildIdentity, old: &ChildIdentity) -> Verdict {
    compare_prepared(&Prepared::new(new.clone()), &Prepared::new(old.clone()))
}

/// `compare` of two prepared identities: the cheap tests first, the names last.
pub fn compare_prepared(new_p: &Prepared, old_p: &Prepared) -> Verdict {
    let (new, old) = (&new_p.identity, &old_p.identity);
    if let (Some(a), Some(b)) = (&new.snils, &old.snils) {
        // Two valid numbers decide alone: equal is one child, different are two.
        return if a == b {
            Verdict::Exact(ExactReason::SameSnils)
        } else {
            Verdict::Distinct
        };
    }
    if let (Some(a), Some(b)) = (&new.certificate, &old.certificate) {
        if a == b {
            return Verdict::Exact(ExactReason::SameCertificate);
        }
        return Verdict::Distinct;
    }
    if new.sex != old.sex {
        return Verdict::Distinct;
    }
    if new.same_exact(old) {
        return Verdict::Exact(ExactReason::SameNamesAndBirthDate);
    }
    let Some(date) = relate(new.birth_date, old.birth_date) else {
        return Verdict::Distinct;
    };
    let twins = date == DateRelation::Equal
        && new.surname == old.surname
        && new.patronymic == old.patronymic
        && new.given_name != old.given_name;
    if twins {
        return Verdict::Distinct;
    }
    let patronymics_agree = match (&new_p.patronymic, &old_p.patronymic) {
        (Some(a), Some(b)) => spelled_close(a, b),
        _ => true,
    };
    if !patronymics_agree {
        return Verdict::Distinct;
    }
    if spelled_surnames_close(&new_p.surname, &old_p.surname)
        && spelled_close(&new_p.given_name, &old_p.given_name)
    {
        return Verdict::Probable {
            date,
            names_swapped: false,
        };
    }
    if spelled_close(&new_p.surname, &old_p.given_name)
        && spelled_close(&new_p.given_name, &old_p.surname)
    {
        return Verdict::Probable {
            date,
            names_swapped: true,
        };
    }
    Verdict::Distinct
}

#[cfg(test)]
mod tests;
