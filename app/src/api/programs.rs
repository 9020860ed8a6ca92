//! Programs as institutions keep them, and МОЦ's moderation of them.

use crate::contract::programs::{
    CloseForm, Closed, DecideForm, Decided, GroupForm, GroupSaved, GroupSheet, ImportReport,
    ModerationQueue, ProgramForm, ProgramList, ProgramSaved, ProgramSheet,
};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[server(endpoint = "operator/programs", input = GetUrl)]
pub async fn my_programs() -> Result<ProgramList, AppError> {
    use crate::server::{services::programs, state::AppState};
    crate::api::respond(async { programs::list(&AppState::current()?).await }.await)
}

/// One program to edit; `id` 0 gives the empty form of a new one.
#[server(endpoint = "operator/programs/one", input = GetUrl)]
pub async fn load_program(id: i64) -> Result<ProgramSheet, AppError> {
    use crate::server::{services::programs, state::AppState};
    crate::api::respond(
        async { programs::sheet(&AppState::current()?, (id > 0).then_some(id)).await }.await,
    )
}

#[server(endpoint = "operator/programs/save")]
pub async fn save_program(#[server(flatten)] form: ProgramForm) -> Result<ProgramSaved, AppError> {
    use crate::server::{services::programs, state::AppState};
    crate::api::respond(async { programs::save(&AppState::current()?, form).await }.await)
}

#[server(endpoint = "operator/programs/copy")]
pub async fn copy_program(id: i64) -> Result<ProgramSaved, AppError> {
    use crate::server::{services::programs, state::AppState};
    crate::api::respond(async { programs::copy(&AppState::current()?, id).await }.await)
}

#[server(endpoint = "operator/programs/archive")]
pub async fn archive_program(#[server(flatten)] form: CloseForm) -> Result<Closed, AppError> {
    use crate::server::{services::programs, state::AppState};
    crate::api::respond(async { programs::archive(&AppState::current()?, form).await }.await)
}

/// One group of the program to edit; `id` 0 gives the empty form of a new one.
#[server(endpoint = "operator/groups/one", input = GetUrl)]
pub async fn load_group(program: i64, id: i64) -> Result<GroupSheet, AppError> {
    use crate::server::{services::groups, state::AppState};
    crate::api::respond(
        async { groups::group_sheet(&AppState::current()?, program, (id > 0).then_some(id)).await }
            .await,
    )
}

#[server(endpoint = "operator/groups/save")]
pub async fn save_group(#[server(flatten)] form: GroupForm) -> Result<GroupSaved, AppError> {
    use crate::server::{services::groups, state::AppState};
    crate::api::respond(async { groups::save_group(&AppState::current()?, form).await }.await)
}

#[server(endpoint = "operator/groups/close")]
pub async fn close_group(#[server(flatten)] form: CloseForm) -> Result<Closed, AppError> {
    use crate::server::{services::groups, state::AppState};
    crate::api::respond(async { groups::close_group(&AppState::current()?, form).await }.await)
}

#[server(endpoint = "moc/programs", input = GetUrl)]
pub async fn waiting_programs() -> Result<ModerationQueue, AppError> {
    use crate::server::{services::moderation, state::AppState};
    crate::api::respond(async { moderation::queue(&AppState::current()?).await }.await)
}

#[server(endpoint = "moc/programs/decide")]
pub async fn decide_program(#[server(flatten)] form: DecideForm) -> Result<Decided, AppError> {
    use crate::server::{services::moderation, state::AppState};
    crate::api::respond(async { moderation::decide(&AppState::current()?, form).await }.await)
}

/// An institution's programs file (CSV, the template's columns) for the operator's own
/// institution; the answer says what became of each line.
#[server(endpoint = "operator/programs/import")]
pub async fn import_programs(csv: String) -> Result<ImportReport, AppError> {
    use crate::server::{services::program_import, state::AppState};
    crate::api::respond(async { program_import::upload(&AppState::current()?, &csv).await }.await)
}
