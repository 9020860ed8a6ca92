//! The audit log viewer: who did what to whose data, when and from where — for administrators,
//! and for МОЦ over its municipality's operators. Filters travel in the address (a GET form); they
//! never hold a child's data.

use crate::contract::choice::Choice;
use crate::domain::field_error::FieldError;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    /// ДД.ММ.ГГГГ ЧЧ:ММ, Moscow time.
    pub at: String,
    pub operator: String,
    /// The role acted in, in words («Оператор учреждения: Школа № 1»).
    pub role: String,
    pub action: String,
    pub subject: String,
    pub details: Option<String>,
    pub address: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub errors: Vec<FieldError>,
    pub rows: Vec<AuditEntry>,
    pub total: i64,
    pub page: u32,
    pub pages: u32,
    /// The actions to filter by.
    pub actions: Vec<Choice>,
}
