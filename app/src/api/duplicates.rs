//! The operators' duplicate queue (R6): probable duplicate pairs side by side, resolved as
//! «не дубль» or «дубль», keeping one record.

use crate::contract::duplicates::{
    DuplicateQueue, FlagAccountsForm, FlagOutcome, ResolveForm, ResolveOutcome,
};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The pairs the acting operator's institution is concerned with, or МОЦ's municipality.
#[server(endpoint = "operator/duplicates", input = GetUrl)]
pub async fn duplicate_pairs() -> Result<DuplicateQueue, AppError> {
    use crate::server::{services::duplicates, state::AppState};
    crate::api::respond(async { duplicates::queue(&AppState::current()?).await }.await)
}

#[server(endpoint = "operator/duplicates/resolve")]
pub async fn resolve_duplicate(
    #[server(flatten)] form: ResolveForm,
) -> Result<ResolveOutcome, AppError> {
    use crate::server::{services::duplicates, state::AppState};
    crate::api::respond(async { duplicates::resolve(&AppState::current()?, form).await }.await)
}

#[server(endpoint = "operator/duplicates/flag-accounts")]
pub async fn flag_accounts(
    #[server(flatten)] form: FlagAccountsForm,
) -> Result<FlagOutcome, AppError> {
    use crate::server::{services::account_duplicates, state::AppState};
    crate::api::respond(async { account_duplicates::flag(&AppState::current()?, form).await }.await)
}
