//! Administrators' dictionaries: the standard reasons of a cancellation.

use crate::domain::field_error::FieldError;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReasonRow {
    pub id: i64,
    pub title: String,
    pub message: String,
    pub needs_comment: bool,
    pub active: bool,
    /// The R6 reason: its message must keep `{account}`.
    pub names_account: bool,
}

/// A new reason (`id` empty) or changes to one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReasonForm {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub message: String,
    /// `1` when the operator must write the reason in own words.
    #[serde(default)]
    pub needs_comment: String,
    /// `1` to offer it to operators.
    #[serde(default)]
    pub active: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReasonOutcome {
    Invalid { id: String, errors: Vec<FieldError> },
    Saved { title: String },
}

#[server(endpoint = "admin/cancel-reasons", input = GetUrl)]
pub async fn cancel_reasons() -> Result<Vec<ReasonRow>, AppError> {
    use crate::server::{services::admin, state::AppState};
    crate::api::respond(async { admin::reasons(&AppState::current()?).await }.await)
}

#[server(endpoint = "admin/cancel-reasons/save")]
pub async fn save_cancel_reason(
    #[server(flatten)] form: ReasonForm,
) -> Result<ReasonOutcome, AppError> {
    use crate::server::{services::admin, state::AppState};
    crate::api::respond(async { admin::save_reason(&AppState::current()?, form).await }.await)
}
