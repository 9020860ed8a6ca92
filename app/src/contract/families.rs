//! The operators' family look-up (R1, R3): find a family by a child or by the parent's phone, read
//! the account's e-mail in full, and replace the e-mail after checking identity in person.

use crate::domain::field_error::FieldError;
use serde::{Deserialize, Serialize};

/// What the operator typed: a child (surname, name, birth date), or the parent — the phone, or the
/// surname and name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyQuery {
    #[serde(default)]
    pub parent_surname: String,
    #[serde(default)]
    pub parent_given_name: String,
    #[serde(default)]
    pub surname: String,
    #[serde(default)]
    pub given_name: String,
    #[serde(default)]
    pub birth_date: String,
    #[serde(default)]
    pub phone: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyChild {
    pub id: i64,
    pub name: String,
    /// ДД.ММ.ГГГГ.
    pub birth_date: String,
    /// «Данные подтверждены: <организация>, ДД.ММ.ГГГГ» or «Данные не подтверждены».
    pub confirmation: String,
    pub confirmed: bool,
    pub under_review: bool,
    /// «Программа — статус» of each application.
    pub applications: Vec<String>,
    /// How it matched the search: «точное совпадение», «похожие данные», or nothing.
    pub matched: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyCard {
    pub account_id: i64,
    pub parent_name: String,
    /// In full: the operator tells it to the parent (R1, R3).
    pub email: String,
    pub email_confirmed: bool,
    pub phone: String,
    pub municipality: String,
    pub municipality_id: i64,
    /// The account holds a role, or is the operator's own: only an administrator changes it, and
    /// the card offers no change of the account itself.
    pub protected: bool,
    /// An application to change the municipality that waits for the regional operator (R5).
    pub municipality_change: Option<String>,
    pub children: Vec<FamilyChild>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyAnswer {
    pub errors: Vec<FieldError>,
    /// A search ran (the form was filled in well enough).
    pub searched: bool,
    pub families: Vec<FamilyCard>,
    /// The acting operator serves families in person (an institution's, not МОЦ's): may confirm a
    /// child's data and replace an e-mail.
    pub can_confirm: bool,
    /// Where a family may move, for the application to change the municipality (R5).
    pub municipalities: Vec<crate::contract::choice::Choice>,
}

/// A new e-mail for an account, with the reason (identity checked in person).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplaceEmailForm {
    #[serde(default)]
    pub account_id: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReplaceEmailOutcome {
    Invalid {
        form: ReplaceEmailForm,
        errors: Vec<FieldError>,
    },
    Replaced {
        email: String,
    },
}

/// «Данные подтверждены»: the operator has seen the child's documents.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfirmChildForm {
    #[serde(default)]
    pub confirm_child: String,
}

/// A second guardian for a child already registered: the other parent's own account, found by its
/// e-mail or phone, instead of the child entered again.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkGuardianForm {
    #[serde(default)]
    pub link_child: String,
    /// The e-mail or the phone of the second parent's account.
    #[serde(default)]
    pub guardian: String,
    /// What was checked: the document that shows the person is the child's legal representative.
    #[serde(default)]
    pub guardian_reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkGuardianOutcome {
    Invalid {
        form: LinkGuardianForm,
        errors: Vec<FieldError>,
    },
    Linked {
        message: String,
    },
}
