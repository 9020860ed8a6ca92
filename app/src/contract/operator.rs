//! The institution operator's applications: the filtered list and moves on a selection.

use crate::contract::choice::Choice;
use crate::domain::field_error::FieldError;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperatorRow {
    pub id: i64,
    pub child_name: String,
    pub child_birth_date: String,
    pub program_title: String,
    pub group_name: String,
    pub status: String,
    pub reason: Option<String>,
    pub created_at: String,
    pub position: Option<i64>,
    pub parent_name: String,
    pub parent_phone: String,
    pub parent_email: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperatorPage {
    pub organization_name: String,
    pub rows: Vec<OperatorRow>,
    pub total: i64,
    pub page: u32,
    pub pages: u32,
    pub programs: Vec<Choice>,
    pub groups: Vec<Choice>,
    pub statuses: Vec<Choice>,
    pub actions: Vec<Choice>,
    pub reasons: Vec<Choice>,
    /// Problems with the filter, each at its field.
    pub errors: Vec<FieldError>,
}

/// A move on the checked applications.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkMoveForm {
    #[serde(default)]
    pub ids: Vec<String>,
    /// `confirm`, `enrol`, `expel`, `cancel` or `offer`.
    #[serde(default)]
    pub action: String,
    /// A cancel reason's id from the dictionary (cancel and expel).
    #[serde(default)]
    pub reason: String,
    /// The operator's own words: required for «Иное», the confirmed account's e-mail for R6.
    #[serde(default)]
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum BulkOutcome {
    Invalid {
        errors: Vec<FieldError>,
    },
    Done {
        changed: usize,
        refused: Vec<String>,
    },
}
