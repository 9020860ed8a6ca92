//! Administrators' dictionaries: the standard reasons of a cancellation.

use crate::contract::admin::{ReasonForm, ReasonOutcome, ReasonRow};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

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
