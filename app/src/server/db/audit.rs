//! The audit log: appended to, never changed (the database refuses updates and deletes).

use super::{on_pool, Database, DbError};
use chrono::{DateTime, Utc};

pub struct Entry<'a> {
    pub actor_account_id: i64,
    pub actor_role: &'a str,
    pub action: &'a str,
    pub subject: &'a str,
    pub details: Option<&'a str>,
    pub address: &'a str,
    pub at: DateTime<Utc>,
}

pub async fn append(db: &Database, e: &Entry<'_>) -> Result<(), DbError> {
    on_pool!(db, pool => sqlx::query(
        "INSERT INTO audit_log (actor_account_id, actor_role, action, subject, details, address, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(e.actor_account_id)
    .bind(e.actor_role)
    .bind(e.action)
    .bind(e.subject)
    .bind(e.details)
    .bind(e.address)
    .bind(e.at)
    .execute(pool)
    .await
    .map(|_| ())
    .map_err(DbError::from_sqlx))
}
