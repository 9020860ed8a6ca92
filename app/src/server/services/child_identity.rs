//! A child's form turned into an identity, and the verdict against registered candidates.

use crate::contract::children::ChildForm;
use crate::domain::field_error::FieldError;
use crate::domain::identity::birth_certificate::BirthCertificate;
use crate::domain::identity::birth_date::BirthDate;
use crate::domain::identity::blocking::{is_candidate, Keys};
use crate::domain::identity::person_name::{GivenName, Patronymic, Surname};
use crate::domain::identity::snils::Snils;
use crate::domain::identity::verdict::{compare_prepared, ChildIdentity, Prepared, Sex, Verdict};
use crate::server::db::children::{Candidate, NewChild};
use crate::server::state::today_in_moscow;

/// A child as typed, checked field by field.
pub(super) struct Parsed {
    pub surname: Surname,
    pub given_name: GivenName,
    pub patronymic: Option<Patronymic>,
    pub sex: Sex,
    pub birth_date: BirthDate,
    pub snils: Option<Snils>,
    pub certificate: Option<BirthCertificate>,
}

pub(super) fn parse(form: &ChildForm) -> Result<Parsed, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut field = |name: &str, r: Result<(), &'static str>| {
        if let Err(m) = r {
            errors.push(FieldError::new(name, m));
        }
    };
    let surname = Surname::parse(&form.surname);
    field("surname", surname.as_ref().map(|_| ()).map_err(|m| *m));
    let given_name = GivenName::parse(&form.given_name);
    field(
        "given_name",
        given_name.as_ref().map(|_| ()).map_err(|m| *m),
    );
    let patronymic = Patronymic::parse_optional(&form.patronymic);
    field(
        "patronymic",
        patronymic.as_ref().map(|_| ()).map_err(|m| *m),
    );
    let sex = match form.sex.as_str() {
        "male" => Ok(Sex::Male),
        "female" => Ok(Sex::Female),
        _ => Err("Укажите пол ребенка"),
    };
    field("sex", sex.map(|_| ()));
    let birth_date = BirthDate::parse(&form.birth_date, today_in_moscow());
    field("birth_date", birth_date.map(|_| ()));
    let snils = (!form.snils.trim().is_empty())
        .then(|| Snils::parse(&form.snils))
        .transpose();
    field("snils", snils.as_ref().map(|_| ()).map_err(|m| *m));
    let certificate = (!form.birth_certificate.trim().is_empty())
        .then(|| BirthCertificate::parse(&form.birth_certificate))
        .transpose();
    field(
        "birth_certificate",
        certificate.as_ref().map(|_| ()).map_err(|m| *m),
    );
    match (
        surname,
        given_name,
        patronymic,
        sex,
        birth_date,
        snils,
        certificate,
    ) {
        (
            Ok(surname),
            Ok(given_name),
            Ok(patronymic),
            Ok(sex),
            Ok(birth_date),
            Ok(snils),
            Ok(certificate),
        ) if errors.is_empty() => Ok(Parsed {
            surname,
            given_name,
            patronymic,
            sex,
            birth_date,
            snils,
            certificate,
        }),
        _ => Err(errors),
    }
}

pub(super) fn identity_of(p: &Parsed) -> ChildIdentity {
    let mut id = ChildIdentity::new(
        p.surname.as_str(),
        p.given_name.as_str(),
        p.patronymic.as_ref().map_or("", Patronymic::as_str),
        p.sex,
        p.birth_date.date(),
    );
    id.snils = p.snils.clone();
    id.certificate = p.certificate.clone();
    id
}

/// A parsed child in the forms the register stores: its identity and keys.
pub(super) struct Stored {
    pub identity: ChildIdentity,
    pub certificate_key: Option<String>,
    exact_key: String,
    name_key: String,
    certificate: Option<String>,
}

impl Stored {
    pub fn of(p: &Parsed) -> Self {
        let identity = identity_of(p);
        Self {
            certificate_key: p.certificate.as_ref().map(BirthCertificate::key),
            exact_key: identity.exact_key(),
            name_key: identity.name_key(),
            certificate: p.certificate.as_ref().map(ToString::to_string),
            identity,
        }
    }

    /// The row to write: the data as typed (normalised only in the keys).
    pub fn row<'a>(&'a self, p: &'a Parsed) -> NewChild<'a> {
        NewChild {
            surname: p.surname.as_str(),
            given_name: p.given_name.as_str(),
            patronymic: p.patronymic.as_ref().map(Patronymic::as_str),
            sex: sex_column(p.sex),
            birth_date: p.birth_date.date(),
            snils: p.snils.as_ref().map(Snils::digits),
            birth_certificate: self.certificate.as_deref(),
            certificate_key: self.certificate_key.as_deref(),
            exact_key: &self.exact_key,
            name_key: &self.name_key,
            surname_norm: &self.identity.surname,
            given_name_norm: &self.identity.given_name,
        }
    }
}

/// How `children.sex` spells a sex.
pub(super) fn sex_column(sex: Sex) -> &'static str {
    match sex {
        Sex::Female => "female",
        Sex::Male => "male",
    }
}

/// Why a probable pair is flagged, as stored with the flag (`OneDigitOff, names swapped`).
pub(super) fn flag_reason(verdict: &Verdict) -> Option<String> {
    verdict.flag_reason()
}

/// A candidate as an identity, from its stored normalised key and documents; `None` for a
/// malformed key, which the check then skips rather than fail a parent's submission.
pub(crate) fn candidate_identity(row: &Candidate) -> Option<ChildIdentity> {
    let mut id = ChildIdentity::from_exact_key(&row.exact_key)?;
    id.snils = row.snils.as_deref().and_then(|s| Snils::parse(s).ok());
    // The stored key is the certificate's series and number, which read back as typed.
    id.certificate = row
        .certificate_key
        .as_deref()
        .and_then(|k| BirthCertificate::parse(k).ok());
    Some(id)
}

/// Every candidate by the domain's blocking rule that is the same child or probably so, with its
/// verdict, in the order of `rows`: what the check flags. The database's search may bring a few
/// children the rule does not admit; they do not count.
pub fn verdicts(
    new: &ChildIdentity,
    new_certificate: Option<&str>,
    rows: &[Candidate],
) -> Vec<(Verdict, i64)> {
    let keys = Keys::of(new, new_certificate);
    let new = Prepared::new(new.clone());
    rows.iter()
        .filter_map(|row| {
            let Some(old) = candidate_identity(row) else {
                tracing::warn!(child_id = row.id, "malformed exact key skipped");
                return None;
            };
            if !is_candidate(&keys, &Keys::of(&old, row.certificate_key.as_deref())) {
                return None;
            }
            match compare_prepared(&new, &Prepared::new(old)) {
                Verdict::Distinct => None,
                verdict => Some((verdict, row.id)),
            }
        })
        .collect()
}

/// The strongest verdict among the candidates, with the child it points at: the first exact
/// one, else the first probable one.
pub fn strongest(
    new: &ChildIdentity,
    new_certificate: Option<&str>,
    rows: &[Candidate],
) -> (Verdict, Option<i64>) {
    let found = verdicts(new, new_certificate, rows);
    found
        .iter()
        .find(|(v, _)| matches!(v, Verdict::Exact(_)))
        .or_else(|| found.first())
        .map_or((Verdict::Distinct, None), |(v, id)| (v.clone(), Some(*id)))
}

/// Every candidate that is the same child or probably so, with whether it is exact: what an
/// operator's look-up by a child shows.
pub(super) fn matching(new: &ChildIdentity, rows: &[Candidate]) -> Vec<(i64, bool)> {
    let new = Prepared::new(new.clone());
    rows.iter()
        .filter_map(|row| {
            let old = candidate_identity(row)?;
            match compare_prepared(&new, &Prepared::new(old)) {
                Verdict::Exact(_) => Some((row.id, true)),
                Verdict::Probable { .. } => Some((row.id, false)),
                Verdict::Distinct => None,
            }
        })
        .collect()
}
