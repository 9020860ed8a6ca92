//! Applications to change a family's municipality (R5): an institution records the parent's written
//! application, with its scan if there is one; the regional operator approves or rejects it; МОЦ
//! sees them but does not decide.

use crate::domain::field_error::FieldError;
use serde::{Deserialize, Serialize};

/// The institution's record of the application. The scan travels beside it in a
/// `multipart/form-data` post of the family page (field `change_document`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeForm {
    #[serde(default)]
    pub change_account: String,
    #[serde(default)]
    pub change_to: String,
    #[serde(default)]
    pub change_reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChangeOutcome {
    Invalid {
        form: ChangeForm,
        errors: Vec<FieldError>,
    },
    Recorded {
        message: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeCard {
    pub id: i64,
    pub parent_name: String,
    pub parent_email: String,
    pub from: String,
    pub to: String,
    pub reason: String,
    /// The scan's file name and where to open it.
    pub document: Option<(String, String)>,
    pub recorded_by: String,
    /// ДД.ММ.ГГГГ ЧЧ:ММ, Moscow time.
    pub recorded_at: String,
    pub status: String,
    pub pending: bool,
    pub decision_reason: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeList {
    pub cards: Vec<ChangeCard>,
    /// The regional operator decides; everyone else reads.
    pub can_decide: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecideForm {
    #[serde(default)]
    pub change: String,
    /// `approve` or `reject`.
    #[serde(default)]
    pub decision: String,
    #[serde(default)]
    pub decision_reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DecideOutcome {
    Invalid {
        form: DecideForm,
        errors: Vec<FieldError>,
    },
    Decided {
        message: String,
    },
}
