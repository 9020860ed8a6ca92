//! Administrators give and take operators' roles: an institution operator bound to one
//! organization, a МОЦ operator to one municipality, the regional operator, administrators.

use crate::contract::operators::{GrantForm, GrantOutcome, OperatorsPage, RevokeForm};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[server(endpoint = "admin/operators", input = GetUrl)]
pub async fn operator_roles() -> Result<OperatorsPage, AppError> {
    use crate::server::{services::operator_admin, state::AppState};
    crate::api::respond(async { operator_admin::page(&AppState::current()?).await }.await)
}

#[server(endpoint = "admin/operators/grant")]
pub async fn grant_role(#[server(flatten)] form: GrantForm) -> Result<GrantOutcome, AppError> {
    use crate::server::{services::operator_admin, state::AppState};
    crate::api::respond(async { operator_admin::grant(&AppState::current()?, form).await }.await)
}

#[server(endpoint = "admin/operators/revoke")]
pub async fn revoke_role(#[server(flatten)] form: RevokeForm) -> Result<GrantOutcome, AppError> {
    use crate::server::{services::operator_admin, state::AppState};
    crate::api::respond(async { operator_admin::revoke(&AppState::current()?, form).await }.await)
}
