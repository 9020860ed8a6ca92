//! `kruzhok import children FILE.csv`: children from an institution's file, through the same rules
//! as the cabinet. A parent account is found by e-mail or created (the parent then sets a password
//! through «Восстановить пароль»).

use super::children::{add_for, Mode};
use crate::contract::children::{ChildForm, ChildOutcome};
use crate::domain::account::email::Email;
use crate::domain::account::phone::Phone;
use crate::domain::municipality_name;
use crate::error::AppError;
use crate::server::auth::passwords::NO_PASSWORD;
use crate::server::auth::tokens::{random_token, token_hash};
use crate::server::db::accounts::{self, NewAccount};
use crate::server::state::AppState;
use chrono::Utc;
use serde::{Deserialize, Serialize};

/// One row of the file: `surname,name,patronymic,sex,birth_date,snils,birth_certificate,
/// parent_email,parent_phone,municipality`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ImportRow {
    pub surname: String,
    pub name: String,
    #[serde(default)]
    pub patronymic: String,
    pub sex: String,
    pub birth_date: String,
    #[serde(default)]
    pub snils: String,
    #[serde(default)]
    pub birth_certificate: String,
    pub parent_email: String,
    pub parent_phone: String,
    pub municipality: String,
}

/// What became of one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum RowReport {
    Imported { child_id: i64 },
    ExactDuplicate { of: Option<i64> },
    ProbableDuplicate { of: i64, child_id: i64 },
    Invalid { reason: String },
}

impl std::fmt::Display for RowReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RowReport::Imported { child_id } => write!(f, "импортирован: ребенок #{child_id}"),
            RowReport::ExactDuplicate { of: Some(of) } => {
                write!(f, "отказано: точный дубль ребенка #{of}")
            }
            RowReport::ExactDuplicate { of: None } => write!(f, "отказано: точный дубль"),
            RowReport::ProbableDuplicate { of, child_id } => {
                write!(
                    f,
                    "импортирован как #{child_id} и помечен как возможный дубль ребенка #{of}"
                )
            }
            RowReport::Invalid { reason } => write!(f, "ошибка: {reason}"),
        }
    }
}

fn invalid(reason: impl Into<String>) -> RowReport {
    RowReport::Invalid {
        reason: reason.into(),
    }
}

fn sex_code(raw: &str) -> String {
    match raw.trim().to_lowercase().as_str() {
        "м" | "муж" | "мужской" | "male" | "m" => "male".into(),
        "ж" | "жен" | "женский" | "female" | "f" => "female".into(),
        _ => String::new(),
    }
}

/// Imports the rows of one file: the municipalities are read once for all its rows.
pub struct Importer<'a> {
    state: &'a AppState,
    /// Each municipality's id under its name key (`municipality_name::key`).
    municipalities: Vec<(i64, String)>,
    /// Rows handled so far, and at which count the register's statistics are refreshed next.
    rows: std::sync::atomic::AtomicU64,
    next_refresh: std::sync::atomic::AtomicU64,
}

/// The first refresh of the statistics; each later one comes when the rows handled have doubled,
/// so a file of n rows refreshes them about log₂(n / 500) times.
const FIRST_REFRESH: u64 = 500;

impl<'a> Importer<'a> {
    pub async fn new(state: &'a AppState) -> Result<Self, AppError> {
        let municipalities = crate::server::db::municipalities::all(&state.db)
            .await?
            .into_iter()
            .map(|(id, name)| (id, municipality_name::key(&name)))
            .collect();
        Ok(Self {
            state,
            municipalities,
            rows: 0.into(),
            next_refresh: FIRST_REFRESH.into(),
        })
    }

    /// The municipality a row names, whatever the case of its letters or its spacing.
    fn municipality_id(&self, name: &str) -> Option<i64> {
        let wanted = municipality_name::key(name);
        self.municipalities
            .iter()
            .find(|(_, key)| *key == wanted)
            .map(|(id, _)| *id)
    }

    pub async fn row(&self, row: &ImportRow) -> Result<RowReport, AppError> {
        use std::sync::atomic::Ordering;
        let report = import_row(self, row).await?;
        let handled = self.rows.fetch_add(1, Ordering::SeqCst) + 1;
        let due = self.next_refresh.load(Ordering::SeqCst);
        // One worker wins the swap and refreshes; the others go on importing meanwhile.
        if handled >= due
            && self
                .next_refresh
                .compare_exchange(due, due * 2, Ordering::SeqCst, Ordering::SeqCst)
                .is_ok()
        {
            crate::server::db::children::refresh_statistics(&self.state.db).await?;
        }
        Ok(report)
    }
}

/// Finds the parent by e-mail, or creates the account, with no password until its owner sets one.
async fn parent(
    importer: &Importer<'_>,
    row: &ImportRow,
) -> Result<Result<accounts::AccountRow, RowReport>, AppError> {
    let state = importer.state;
    let email = match Email::parse(&row.parent_email) {
        Ok(e) => e,
        Err(m) => return Ok(Err(invalid(format!("почта родителя: {m}")))),
    };
    if let Some(existing) = accounts::find_by_email(&state.db, &email.canonical()).await? {
        return Ok(Ok(existing));
    }
    let phone = match Phone::parse(&row.parent_phone) {
        Ok(p) => p,
        Err(m) => return Ok(Err(invalid(format!("телефон родителя: {m}")))),
    };
    let Some(municipality_id) = importer.municipality_id(&row.municipality) else {
        return Ok(Err(invalid(format!(
            "муниципалитет не найден: {}",
            row.municipality
        ))));
    };
    let canonical = email.canonical();
    let new = NewAccount {
        kind: "parent",
        surname: "",
        given_name: "",
        patronymic: None,
        phone: phone.e164(),
        email: email.as_str(),
        email_canonical: &canonical,
        password_hash: NO_PASSWORD,
        municipality_id,
        pd_consent_at: Utc::now(),
    };
    let token = token_hash(&random_token());
    match accounts::insert_with_token(&state.db, &new, &token, Utc::now()).await? {
        Ok(id) => Ok(accounts::find(&state.db, id)
            .await?
            .ok_or(AppError::Internal)
            .map(Ok)?),
        // Another row of the same family, imported at the same moment, created the account.
        Err(accounts::Taken::Email) => {
            match accounts::find_by_email(&state.db, &canonical).await? {
                Some(existing) => Ok(Ok(existing)),
                None => Err(AppError::Internal),
            }
        }
        Err(accounts::Taken::Phone) => Ok(Err(invalid(
            "телефон родителя уже принадлежит другому аккаунту",
        ))),
    }
}

async fn import_row(importer: &Importer<'_>, row: &ImportRow) -> Result<RowReport, AppError> {
    let state = importer.state;
    let account = match parent(importer, row).await? {
        Ok(a) => a,
        Err(report) => return Ok(report),
    };
    let form = ChildForm {
        surname: row.surname.clone(),
        given_name: row.name.clone(),
        patronymic: row.patronymic.clone(),
        sex: sex_code(&row.sex),
        birth_date: row.birth_date.clone(),
        snils: row.snils.clone(),
        birth_certificate: row.birth_certificate.clone(),
        another_child: String::new(),
    };
    let result = add_for(state, &account, form, Mode::Import).await?;
    Ok(match (result.outcome, result.child_id, result.matched) {
        (ChildOutcome::Added { flagged: true, .. }, Some(child_id), Some(of)) => {
            RowReport::ProbableDuplicate { of, child_id }
        }
        (ChildOutcome::Added { .. }, Some(child_id), _) => RowReport::Imported { child_id },
        (ChildOutcome::Refused(_), _, of) => RowReport::ExactDuplicate { of },
        (ChildOutcome::Invalid { errors }, _, _) => invalid(
            errors
                .iter()
                .map(|e| format!("{}: {}", e.field, e.message))
                .collect::<Vec<_>>()
                .join("; "),
        ),
        (other, _, _) => invalid(format!("неожиданный результат: {other:?}")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sex_is_read_in_russian_and_english() {
        assert_eq!(sex_code("Ж"), "female");
        assert_eq!(sex_code(" м "), "male");
        assert_eq!(sex_code("male"), "male");
        assert_eq!(sex_code("?"), "");
    }
}
