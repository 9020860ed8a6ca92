//! Administrators keep the dictionary of cancel reasons; every change is audited.

use super::roles::{administrator, audit};
use crate::contract::admin::{ReasonForm, ReasonOutcome, ReasonRow};
use crate::domain::field_error::FieldError;
use crate::error::AppError;
use crate::server::db::operator_applications as db;
use crate::server::state::AppState;

pub async fn reasons(state: &AppState) -> Result<Vec<ReasonRow>, AppError> {
    administrator(state).await?;
    Ok(db::cancel_reasons(&state.db)
        .await?
        .into_iter()
        .map(|r| ReasonRow {
            id: r.id,
            names_account: r.code == "duplicate_account",
            title: r.title,
            message: r.message,
            needs_comment: r.needs_comment,
            active: r.is_active,
        })
        .collect())
}

#[tracing::instrument(skip_all, err(Debug))]
pub async fn save_reason(state: &AppState, form: ReasonForm) -> Result<ReasonOutcome, AppError> {
    let acting = administrator(state).await?;
    let (title, message) = (form.title.trim(), form.message.trim());
    let existing = match form.id.trim() {
        "" => None,
        id => Some(
            db::cancel_reasons(&state.db)
                .await?
                .into_iter()
                .find(|r| r.id.to_string() == id)
                .ok_or(AppError::NotFound)?,
        ),
    };
    let mut errors = Vec::new();
    if !(3..=120).contains(&title.chars().count()) {
        errors.push(FieldError::new("title", "Название — от 3 до 120 знаков"));
    }
    if !(3..=1000).contains(&message.chars().count()) {
        errors.push(FieldError::new(
            "message",
            "Текст для родителя — от 3 до 1000 знаков",
        ));
    }
    if existing
        .as_ref()
        .is_some_and(|r| r.code == "duplicate_account")
        && !message.contains("{account}")
    {
        errors.push(FieldError::new(
            "message",
            "Оставьте в тексте {account}: туда подставляется почта подтвержденного аккаунта",
        ));
    }
    if !errors.is_empty() {
        return Ok(ReasonOutcome::Invalid {
            id: form.id,
            errors,
        });
    }
    let needs_comment = form.needs_comment == "1";
    let subject = match existing {
        Some(r) => {
            db::update_cancel_reason(
                &state.db,
                r.id,
                title,
                message,
                needs_comment,
                form.active == "1",
            )
            .await?;
            format!("cancel_reason:{}", r.id)
        }
        None => {
            let id =
                db::insert_cancel_reason(&state.db, &new_code(), title, message, needs_comment)
                    .await?;
            format!("cancel_reason:{id}")
        }
    };
    audit(state, &acting, "save_cancel_reason", &subject, Some(title)).await?;
    Ok(ReasonOutcome::Saved {
        title: title.to_owned(),
    })
}

/// A code nobody else has, for a reason an administrator adds.
fn new_code() -> String {
    let random: String = crate::server::auth::tokens::random_token()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(12)
        .collect();
    format!("custom_{random}")
}
