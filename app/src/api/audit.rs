//! The audit log viewer: who did what to whose data, when and from where — for administrators,
//! and for МОЦ over its municipality's operators. Filters travel in the address (a GET form); they
//! never hold a child's data.

use crate::contract::audit::AuditPage;
use crate::domain::audit::AuditQuery;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[server(endpoint = "admin/audit", input = GetUrl)]
pub async fn audit_log(#[server(flatten)] query: AuditQuery) -> Result<AuditPage, AppError> {
    use crate::server::{services::audit_log, state::AppState};
    crate::api::respond(async { audit_log::page(&AppState::current()?, query).await }.await)
}
