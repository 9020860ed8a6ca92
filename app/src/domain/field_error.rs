//! A message for one field of a form, shown next to that field and in the form's error summary.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The field's name in the form (`age`, `snils`, …); the input's id is `field-<name>`.
    pub field: String,
    /// The Russian message the user reads.
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, message: &str) -> Self {
        Self {
            field: field.to_owned(),
            message: message.to_owned(),
        }
    }
}
