//! Corrections of a child's data (R4, SPEC §4.4). A parent asks an institution from the cabinet;
//! an institution operator — who has seen the documents — corrects the data, from the request or
//! directly, or refuses the request with a reason. The duplicate rules of SPEC §5 run again on the
//! corrected data inside the writing transaction: an exact duplicate is refused (and the pair goes
//! to the duplicate queue), a probable one is saved and flagged. Every view and change is audited.

use crate::contract::corrections::CorrectionForm;
use crate::domain::dates::format_ru;
use crate::domain::identity::review::{compare_records, RecordFacts};
use crate::error::AppError;
use crate::server::db::duplicates::{self as pairs, RecordRow};
use crate::server::state::AppState;

mod operator;
mod parent;

pub use operator::{correct, draft, inbox, reject};
pub use parent::{request, start, state_line};

/// Requests an inbox shows at once.
const INBOX: i64 = 50;
/// A parent's comment to a request, at most.
const NOTE_CHARS: usize = 1000;
/// What the operator names as the document checked.
const DOCUMENT_CHARS: std::ops::RangeInclusive<usize> = 5..=500;

fn id_of(s: &str) -> Result<i64, AppError> {
    s.trim().parse::<i64>().map_err(|_| AppError::NotFound)
}

async fn record(state: &AppState, child_id: i64) -> Result<RecordRow, AppError> {
    pairs::records(&state.db, &[child_id])
        .await?
        .into_iter()
        .next()
        .ok_or(AppError::NotFound)
}

/// The data of a record as a form shows them.
fn form_of(r: &RecordRow) -> CorrectionForm {
    CorrectionForm {
        child: r.id.to_string(),
        surname: r.surname.clone(),
        given_name: r.given_name.clone(),
        patronymic: r.patronymic.clone().unwrap_or_default(),
        sex: r.sex.clone(),
        birth_date: format_ru(r.birth_date),
        snils: r.snils.clone().unwrap_or_default(),
        birth_certificate: r.birth_certificate.clone().unwrap_or_default(),
        ..CorrectionForm::default()
    }
}

fn facts_of(f: &CorrectionForm) -> RecordFacts {
    RecordFacts {
        surname: f.surname.clone(),
        given_name: f.given_name.clone(),
        patronymic: f.patronymic.clone(),
        sex: match f.sex.as_str() {
            "male" => "мужской",
            "female" => "женский",
            _ => "",
        }
        .to_owned(),
        birth_date: f.birth_date.clone(),
        snils: f.snils.chars().filter(char::is_ascii_digit).collect(),
        birth_certificate: f.birth_certificate.clone(),
    }
}

/// The labels of the fields that `after` changes.
fn changed(before: &CorrectionForm, after: &CorrectionForm) -> Vec<String> {
    compare_records(&facts_of(before), &facts_of(after))
        .into_iter()
        .filter(|f| f.differs)
        .map(|f| f.label)
        .collect()
}
