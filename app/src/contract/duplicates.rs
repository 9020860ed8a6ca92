//! The operators' duplicate queue (R6): probable duplicate pairs side by side, resolved as
//! «не дубль» or «дубль», keeping one record.

use crate::domain::field_error::FieldError;
use crate::domain::identity::review::ComparedField;
use serde::{Deserialize, Serialize};

/// One record of a pair: whose cabinet holds it and what has happened to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairRecord {
    pub child_id: i64,
    /// The account whose cabinet holds the record, in full: the operator tells it to the parent.
    pub account_email: String,
    pub account_phone: String,
    pub municipality: String,
    /// ДД.ММ.ГГГГ: when the record was entered.
    pub entered: String,
    pub confirmation: String,
    /// «Программа — статус» of each application.
    pub applications: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairCard {
    pub flag_id: i64,
    /// Where the flag came from: «регистрация», «исправление данных», «импорт», «проверка реестра».
    pub source: String,
    /// Why the pair looks alike.
    pub reason: String,
    pub first: PairRecord,
    pub second: PairRecord,
    pub fields: Vec<ComparedField>,
}

/// One account of a suspected pair of accounts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRecord {
    pub account_id: i64,
    pub email: String,
    /// ДД.ММ.ГГГГ: when the account was registered.
    pub registered: String,
    /// «Фамилия Имя, ДД.ММ.ГГГГ» of each child in the cabinet.
    pub children: Vec<String>,
    /// «Программа — статус» of each application submitted from the account.
    pub applications: Vec<String>,
}

/// Two accounts an operator suspects to be one family's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountPairCard {
    pub flag_id: i64,
    /// What the operator who put the pair into the queue wrote, and who it was.
    pub reason: String,
    pub noted_by: String,
    pub first: AccountRecord,
    pub second: AccountRecord,
    pub fields: Vec<ComparedField>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DuplicateQueue {
    pub pairs: Vec<PairCard>,
    /// Open pairs in the queue, of which `pairs` are the oldest.
    pub total: i64,
    pub account_pairs: Vec<AccountPairCard>,
    pub accounts_total: i64,
    /// The acting operator's role carries the permission to resolve.
    pub can_resolve: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResolveForm {
    /// `account` for a pair of accounts; a pair of children's records otherwise.
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub flag: String,
    /// `not_duplicate`, or `keep:<child id>` (`keep:<account id>` for accounts).
    #[serde(default)]
    pub decision: String,
    #[serde(default)]
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ResolveOutcome {
    Invalid {
        form: ResolveForm,
        errors: Vec<FieldError>,
    },
    /// What was done, for the operator.
    Resolved { message: String },
}

/// An operator who found a family twice puts the two accounts into the queue.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlagAccountsForm {
    #[serde(default)]
    pub flag_account: String,
    #[serde(default)]
    pub flag_other: String,
    #[serde(default)]
    pub flag_reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FlagOutcome {
    Invalid {
        form: FlagAccountsForm,
        errors: Vec<FieldError>,
    },
    Flagged {
        message: String,
    },
}
