//! Development helpers: the outbox of letters. Answers only while letters go to the outbox (never
//! with SMTP configured, so never in production).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxLetter {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub body: String,
}
