//! The duplicate verdict (SPEC §5): is a new child the same as one already registered?
//!
//! * exact — the same normalised surname, name, patronymic, sex and birth date (and no two
//!   different documents); or the same valid СНИЛС; or the same birth certificate. Refused (R1).
//! * probable — a close birth date (a typo) and close names: typos, transliteration, surname and
//!   name swapped, one half of a double surname, a patronymic on one side only, another form of
//!   the first name (Саша for Александр). Also everything the same but the sex (a mis-click), or
//!   but the СНИЛС or birth certificate (a mistyped number, or a namesake). Warned, and flagged
//!   for review when the parent says it is another child.
//! * distinct — everything else; in particular twins: the same surname, patronymic and birth date
//!   with first names that are two different names of the dictionary (Алина and Арина), or with
//!   another sex and another name.

use super::birth_certificate::BirthCertificate;
use super::date_typos::{relate, DateRelation};
use super::given_names::{kinship, names_of, Kinship};
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
            surname: as_normalised_now(surname),
            given_name: as_normalised_now(given_name),
            patronymic: (!patronymic.is_empty()).then(|| as_normalised_now(patronymic)),
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

/// A name from a stored key as `normalize_name` writes it today: keys written before a word made
/// wholly of Latin look-alikes («bepa») was read as Cyrillic are read the new way. Names with no
/// Latin letter, nearly all, are taken as they are.
fn as_normalised_now(stored: &str) -> String {
    if stored.bytes().any(|b| b.is_ascii_alphabetic()) {
        normalize_name(stored)
    } else {
        stored.to_owned()
    }
}

/// Why two records are thought to be one child.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExactReason {
    SameNamesAndBirthDate,
    SameSnils,
    SameCertificate,
}

/// What, beside close names and a close birth date, makes a pair probable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Clue {
    /// The names are spelled alike: the same, a typo, a transliteration.
    Spelling,
    /// The first names are forms of one name (Саша — Александр).
    GivenNameForm,
    /// Everything the same but the sex: a mis-click.
    SexDiffers,
    /// Everything the same but two valid СНИЛС: a mistyped number, or a namesake.
    SnilsDiffer,
    /// Everything the same but two birth certificates.
    CertificatesDiffer,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    Exact(ExactReason),
    Probable {
        date: DateRelation,
        names_swapped: bool,
        clue: Clue,
    },
    Distinct,
}

impl Verdict {
    /// Why a probable pair is flagged, as stored with the flag and read back by
    /// `review::flag_reason_label`: the date relation, then what else (`OneDigitOff, names
    /// swapped`; `Equal, sex differs`).
    pub fn flag_reason(&self) -> Option<String> {
        let Verdict::Probable {
            date,
            names_swapped,
            clue,
        } = self
        else {
            return None;
        };
        let mut reason = format!("{date:?}");
        if *names_swapped {
            reason.push_str(", names swapped");
        }
        if let Some(why) = clue.stored() {
            reason.push_str(", ");
            reason.push_str(why);
        }
        Some(reason)
    }

    fn probable(date: DateRelation, clue: Clue) -> Self {
        Verdict::Probable {
            date,
            names_swapped: false,
            clue,
        }
    }
}

impl Clue {
    /// How a flag's reason names the clue; a spelling says nothing more than the date.
    pub fn stored(self) -> Option<&'static str> {
        match self {
            Clue::Spelling => None,
            Clue::GivenNameForm => Some(GIVEN_NAME_FORM),
            Clue::SexDiffers => Some(SEX_DIFFERS),
            Clue::SnilsDiffer => Some(SNILS_DIFFER),
            Clue::CertificatesDiffer => Some(CERTIFICATES_DIFFER),
        }
    }
}

pub const GIVEN_NAME_FORM: &str = "given name form";
pub const SEX_DIFFERS: &str = "sex differs";
pub const SNILS_DIFFER: &str = "snils differ";
pub const CERTIFICATES_DIFFER: &str = "certificates differ";

/// An identity with the Latin skeletons of its names worked out once, for comparing it with many.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub identity: ChildIdentity,
    surname: Spelled,
    given_name: Spelled,
    patronymic: Option<Spelled>,
    /// The names of the dictionary the first name is a form of.
    given_names: &'static [u16],
}

impl Prepared {
    pub fn new(identity: ChildIdentity) -> Self {
        Self {
            surname: Spelled::new(&identity.surname),
            given_name: Spelled::new(&identity.given_name),
            patronymic: identity.patronymic.as_deref().map(Spelled::new),
            given_names: names_of(&identity.given_name),
            identity,
        }
    }
}

/// Whether two first names are one child's: the same, forms of one name, or — unless both are
/// names of the dictionary, and different ones (twins Алина and Арина) — spelled alike.
fn given_names_agree(a: &Prepared, b: &Prepared) -> Option<Clue> {
    if a.given_name.text == b.given_name.text {
        return Some(Clue::Spelling);
    }
    match kinship(a.given_names, b.given_names) {
        Kinship::DifferentNames => None,
        // Mariya and Мария are one form spelled twice; Саша and Александр are two forms.
        Kinship::FormsOfOneName if spelled_close(&a.given_name, &b.given_name) => {
            Some(Clue::Spelling)
        }
        Kinship::FormsOfOneName => Some(Clue::GivenNameForm),
        Kinship::Unknown => spelled_close(&a.given_name, &b.given_name).then_some(Clue::Spelling),
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
        // Two valid numbers decide alone: equal is one child, different are two — unless all
        // else is the same, when one number may be mistyped: a person decides.
        return if a == b {
            Verdict::Exact(ExactReason::SameSnils)
        } else if new.same_exact(old) {
            Verdict::probable(DateRelation::Equal, Clue::SnilsDiffer)
        } else {
            Verdict::Distinct
        };
    }
    if let (Some(a), Some(b)) = (&new.certificate, &old.certificate) {
        return if a == b {
            Verdict::Exact(ExactReason::SameCertificate)
        } else if new.same_exact(old) {
            Verdict::probable(DateRelation::Equal, Clue::CertificatesDiffer)
        } else {
            Verdict::Distinct
        };
    }
    if new.sex != old.sex {
        // A brother and a sister have other names; the same names under the other sex are a
        // mis-click.
        let otherwise_same = new.surname == old.surname
            && new.given_name == old.given_name
            && new.patronymic == old.patronymic
            && new.birth_date == old.birth_date;
        return if otherwise_same {
            Verdict::probable(DateRelation::Equal, Clue::SexDiffers)
        } else {
            Verdict::Distinct
        };
    }
    if new.same_exact(old) {
        return Verdict::Exact(ExactReason::SameNamesAndBirthDate);
    }
    let Some(date) = relate(new.birth_date, old.birth_date) else {
        return Verdict::Distinct;
    };
    let patronymics_agree = match (&new_p.patronymic, &old_p.patronymic) {
        (Some(a), Some(b)) => spelled_close(a, b),
        _ => true,
    };
    if !patronymics_agree {
        return Verdict::Distinct;
    }
    if spelled_surnames_close(&new_p.surname, &old_p.surname) {
        if let Some(clue) = given_names_agree(new_p, old_p) {
            return Verdict::probable(date, clue);
        }
    }
    if spelled_close(&new_p.surname, &old_p.given_name)
        && spelled_close(&new_p.given_name, &old_p.surname)
    {
        return Verdict::Probable {
            date,
            names_swapped: true,
            clue: Clue::Spelling,
        };
    }
    Verdict::Distinct
}

#[cfg(test)]
mod tests;
