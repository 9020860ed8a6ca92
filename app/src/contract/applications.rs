//! Applications from the parent's side: apply to a group, see them with their history and the
//! place in a waiting list, withdraw, answer a seat offer; and the in-app notifications.

use crate::domain::field_error::FieldError;
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
    pub group: crate::contract::catalog::GroupCard,
}
