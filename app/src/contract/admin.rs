//! Administrators' dictionaries: the standard reasons of a cancellation.

use crate::domain::field_error::FieldError;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReasonRow {
    pub id: i64,
    pub title: String,
    pub message: String,
    pub needs_comment: bool,
    pub active: bool,
    /// The R6 reason: its message must keep `{account}`.
    pub names_account: bool,
}

/// A new reason (`id` empty) or changes to one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReasonForm {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub message: String,
    /// `1` when the operator must write the reason in own words.
    #[serde(default)]
    pub needs_comment: String,
    /// `1` to offer it to operators.
    #[serde(default)]
    pub active: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReasonOutcome {
    Invalid { id: String, errors: Vec<FieldError> },
    Saved { title: String },
}
