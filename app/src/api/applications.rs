//! Applications from the parent's side: apply to a group, see them with their history and the
//! place in a waiting list, withdraw, answer a seat offer; and the in-app notifications.

use crate::domain::field_error::FieldError;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// The apply form on a program's page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplyForm {
    #[serde(default)]
    pub child_id: String,
    #[serde(default)]
    pub group_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ApplyOutcome {
    Invalid {
        errors: Vec<FieldError>,
    },
    Applied {
        child_name: String,
        group_name: String,
        status: String,
        /// The place in the waiting list when the group was full.
        position: Option<i64>,
    },
}

/// A child the parent can apply for, for the form's choices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildChoice {
    pub id: i64,
    pub name: String,
}

/// One line of an application's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryLine {
    /// ДД.ММ.ГГГГ ЧЧ:ММ, Moscow time.
    pub at: String,
    pub status: String,
    pub who: String,
    pub reason: Option<String>,
}

/// What a parent may do with an application now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ParentMove {
    Withdraw,
    Accept,
    Decline,
}

impl ParentMove {
    pub fn code(self) -> &'static str {
        match self {
            ParentMove::Withdraw => "withdraw",
            ParentMove::Accept => "accept",
            ParentMove::Decline => "decline",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ParentMove::Withdraw => "Отозвать заявку",
            ParentMove::Accept => "Принять место",
            ParentMove::Decline => "Отказаться от места",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationCard {
    pub id: i64,
    pub child_id: i64,
    pub program_id: i64,
    pub program_title: String,
    pub organization_name: String,
    pub group_name: String,
    pub schedule: String,
    pub status: String,
    pub reason: Option<String>,
    pub position: Option<i64>,
    /// Until when an offered seat waits for the answer.
    pub offer_until: Option<String>,
    pub moves: Vec<ParentMove>,
    pub history: Vec<HistoryLine>,
}

/// A child with its applications, as the cabinet shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildApplications {
    pub child_id: i64,
    pub child_name: String,
    /// Why the record is closed, for a record retired as a duplicate (R6): its applications stay
    /// readable with the message they were cancelled with.
    pub closed: Option<String>,
    pub applications: Vec<ApplicationCard>,
}

/// A parent's move on one application, from the cabinet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoveForm {
    #[serde(default)]
    pub application_id: String,
    /// `withdraw`, `accept` or `decline`.
    #[serde(default)]
    pub action: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoveOutcome {
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    pub id: i64,
    pub at: String,
    pub subject: String,
    pub body: String,
    pub unread: bool,
}

/// The group an application goes to, as the apply page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApplyTarget {
    pub program_id: i64,
    pub program_title: String,
    pub organization_name: String,
    pub group: crate::api::catalog::GroupCard,
}

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
