//! Corrections of a child's data (R4): the parent asks an institution from the cabinet instead of
//! entering the child again; the institution's operator corrects the data after seeing the
//! documents, directly or from the request, and the duplicate rules run again on the new data.

use crate::contract::children::ChildForm;
use crate::contract::choice::Choice;
use crate::domain::field_error::FieldError;
use crate::domain::identity::review::ComparedField;
use serde::{Deserialize, Serialize};

/// A child's data as a correction form carries them, from a parent or from an operator.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorrectionForm {
    #[serde(default)]
    pub child: String,
    /// The parent's request an operator's correction answers, if any.
    #[serde(default)]
    pub request: String,
    /// The institution the parent will bring the documents to.
    #[serde(default)]
    pub organization: String,
    #[serde(default)]
    pub surname: String,
    #[serde(default)]
    pub given_name: String,
    #[serde(default)]
    pub patronymic: String,
    #[serde(default)]
    pub sex: String,
    #[serde(default)]
    pub birth_date: String,
    #[serde(default)]
    pub snils: String,
    #[serde(default)]
    pub birth_certificate: String,
    /// The parent: what is wrong. The operator: which document was checked.
    #[serde(default)]
    pub note: String,
}

impl CorrectionForm {
    pub fn child_form(&self) -> ChildForm {
        ChildForm {
            surname: self.surname.clone(),
            given_name: self.given_name.clone(),
            patronymic: self.patronymic.clone(),
            sex: self.sex.clone(),
            birth_date: self.birth_date.clone(),
            snils: self.snils.clone(),
            birth_certificate: self.birth_certificate.clone(),
            another_child: String::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum CorrectionOutcome {
    Invalid {
        errors: Vec<FieldError>,
    },
    /// Sent, corrected or rejected: what happened, in words.
    Done {
        message: String,
    },
}

/// The parent's form to ask for a correction: the child's data as registered, and where to go.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorrectionStart {
    pub child_name: String,
    pub form: CorrectionForm,
    /// The family's own institutions, then every other one.
    pub mine: Vec<Choice>,
    pub others: Vec<Choice>,
    /// A request that already waits for this child, in words.
    pub waiting: Option<String>,
}

/// A request in an institution's inbox: the data as registered beside the data asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorrectionCard {
    pub id: i64,
    pub child_id: i64,
    pub child_name: String,
    pub parent_email: String,
    pub parent_phone: String,
    /// ДД.ММ.ГГГГ ЧЧ:ММ, Moscow time.
    pub sent: String,
    pub status: String,
    pub waiting: bool,
    /// «Сейчас» against «Просит», what differs marked.
    pub fields: Vec<ComparedField>,
    pub comment: Option<String>,
    pub answer: Option<String>,
}

/// The operator's correction form: prefilled with what the parent asked for, or with the data as
/// registered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorrectionDraft {
    pub child_name: String,
    pub form: CorrectionForm,
    /// The parent's comment on the request answered.
    pub comment: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RejectForm {
    #[serde(default)]
    pub reject: String,
    #[serde(default)]
    pub answer: String,
}
