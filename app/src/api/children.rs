//! Children in the parent's cabinet: adding one (with the duplicate check of SPEC §5) and listing them.

use crate::contract::children::{ChildCard, ChildForm, ChildOutcome};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The duplicate check alone, before submitting: called when the birth date is entered.
#[server(endpoint = "children/check")]
pub async fn check_child(#[server(flatten)] form: ChildForm) -> Result<ChildOutcome, AppError> {
    use crate::server::{services::children, state::AppState};
    crate::api::respond(async { children::submit(&AppState::current()?, form, false).await }.await)
}

#[server(endpoint = "children/add")]
pub async fn add_child(#[server(flatten)] form: ChildForm) -> Result<ChildOutcome, AppError> {
    use crate::server::{services::children, state::AppState};
    crate::api::respond(async { children::submit(&AppState::current()?, form, true).await }.await)
}

#[server(endpoint = "children/mine", input = GetUrl)]
pub async fn my_children() -> Result<Vec<ChildCard>, AppError> {
    use crate::server::{services::children, state::AppState};
    crate::api::respond(async { children::mine(&AppState::current()?).await }.await)
}
