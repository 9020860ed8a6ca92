//! Applications from the parent's side: apply to a group, see them with their history and the
//! place in a waiting list, withdraw, answer a seat offer; and the in-app notifications.

use crate::contract::applications::{
    ApplyForm, ApplyOutcome, ApplyTarget, ChildApplications, ChildChoice, MoveForm, MoveOutcome,
    Notification,
};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[server(endpoint = "applications/group", input = GetUrl)]
pub async fn group_to_apply(group_id: i64) -> Result<ApplyTarget, AppError> {
    use crate::server::{services::applications, state::AppState};
    crate::api::respond(
        async { applications::group_to_apply(&AppState::current()?, group_id).await }.await,
    )
}

#[server(endpoint = "applications/apply")]
pub async fn apply(#[server(flatten)] form: ApplyForm) -> Result<ApplyOutcome, AppError> {
    use crate::server::{services::applications, state::AppState};
    crate::api::respond(async { applications::apply(&AppState::current()?, form).await }.await)
}

/// The children of the signed-in account, for the apply form; empty for the anonymous.
#[server(endpoint = "applications/children", input = GetUrl)]
pub async fn children_to_apply() -> Result<Vec<ChildChoice>, AppError> {
    use crate::server::{services::applications, state::AppState};
    crate::api::respond(
        async { applications::children_to_apply(&AppState::current()?).await }.await,
    )
}

#[server(endpoint = "applications/mine", input = GetUrl)]
pub async fn my_applications() -> Result<Vec<ChildApplications>, AppError> {
    use crate::server::{services::applications, state::AppState};
    crate::api::respond(async { applications::mine(&AppState::current()?).await }.await)
}

#[server(endpoint = "applications/move")]
pub async fn move_application(#[server(flatten)] form: MoveForm) -> Result<MoveOutcome, AppError> {
    use crate::server::{services::applications, state::AppState};
    crate::api::respond(
        async { applications::parent_move(&AppState::current()?, form).await }.await,
    )
}

#[server(endpoint = "notifications/mine", input = GetUrl)]
pub async fn my_notifications() -> Result<Vec<Notification>, AppError> {
    use crate::server::{services::notifications, state::AppState};
    crate::api::respond(async { notifications::latest(&AppState::current()?).await }.await)
}

/// How many notifications the signed-in account has not read; 0 for the anonymous.
#[server(endpoint = "notifications/unread", input = GetUrl)]
pub async fn unread_notifications() -> Result<i64, AppError> {
    use crate::server::{services::notifications, state::AppState};
    crate::api::respond(async { notifications::unread(&AppState::current()?).await }.await)
}
