//! The catalogue: programs with filters, one program with its groups, the filters' options.

use crate::contract::catalog::{CatalogSummary, FilterChoices, ProgramDetails, ProgramPage};
use crate::domain::catalog_filter::CatalogQuery;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[server(endpoint = "catalog/programs", input = GetUrl)]
pub async fn list_programs(
    #[server(flatten)] query: CatalogQuery,
) -> Result<ProgramPage, AppError> {
    use crate::server::{services::catalog, state::AppState};
    crate::api::respond(
        async { catalog::list_programs(&AppState::current()?.db, &query).await }.await,
    )
}

#[server(endpoint = "catalog/program", input = GetUrl)]
pub async fn get_program(id: i64) -> Result<ProgramDetails, AppError> {
    use crate::server::{services::catalog, state::AppState};
    crate::api::respond(
        async {
            catalog::get_program(&AppState::current()?.db, crate::domain::ids::ProgramId(id)).await
        }
        .await,
    )
}

#[server(endpoint = "catalog/options", input = GetUrl)]
pub async fn catalog_options() -> Result<FilterChoices, AppError> {
    use crate::server::{services::catalog, state::AppState};
    crate::api::respond(async { catalog::options(&AppState::current()?.db).await }.await)
}

#[server(endpoint = "catalog/overview", input = GetUrl)]
pub async fn catalog_overview() -> Result<CatalogSummary, AppError> {
    use crate::server::{services::catalog, state::AppState};
    crate::api::respond(async { catalog::overview(&AppState::current()?.db).await }.await)
}
