//! The development outbox.

use super::{on_pool, Database, DbError};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct OutboxLetter {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub body: String,
}

pub async fn insert(
    db: &Database,
    recipient: &str,
    subject: &str,
    body: &str,
) -> Result<(), DbError> {
    on_pool!(db, pool => sqlx::query("INSERT INTO outbox (recipient, subject, body) VALUES ($1, $2, $3)")
        .bind(recipient)
        .bind(subject)
        .bind(body)
        .execute(pool)
        .await
        .map(|_| ())
        .map_err(DbError::from_sqlx))
}

/// The newest letters first, to one address (any case) or to everybody.
pub async fn list(
    db: &Database,
    recipient: Option<&str>,
    limit: i64,
) -> Result<Vec<OutboxLetter>, DbError> {
    on_pool!(db, pool => match recipient {
        Some(r) => sqlx::query_as::<_, OutboxLetter>(
            "SELECT id, recipient, subject, body FROM outbox WHERE LOWER(recipient) = LOWER($1) ORDER BY id DESC LIMIT $2",
        )
        .bind(r)
        .bind(limit)
        .fetch_all(pool)
        .await,
        None => sqlx::query_as::<_, OutboxLetter>("SELECT id, recipient, subject, body FROM outbox ORDER BY id DESC LIMIT $1")
            .bind(limit)
            .fetch_all(pool)
            .await,
    }
    .map_err(DbError::from_sqlx))
}
