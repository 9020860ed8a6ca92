//! The institution operator's applications: the filtered list and moves on a selection.

use crate::contract::operator::{BulkMoveForm, BulkOutcome, OperatorPage};
use crate::domain::application::operator_query::OperatorQuery;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[server(endpoint = "operator/applications", input = GetUrl)]
pub async fn operator_applications(
    #[server(flatten)] query: OperatorQuery,
) -> Result<OperatorPage, AppError> {
    use crate::server::{services::operator, state::AppState};
    crate::api::respond(async { operator::list(&AppState::current()?, query).await }.await)
}

#[server(endpoint = "operator/applications/move")]
pub async fn operator_move(#[server(flatten)] form: BulkMoveForm) -> Result<BulkOutcome, AppError> {
    use crate::server::{services::operator, state::AppState};
    crate::api::respond(async { operator::bulk_move(&AppState::current()?, form).await }.await)
}
