//! Sessions: a token hash per signed-in browser.

use super::{on_pool, Database, DbError};
use chrono::{DateTime, Utc};

pub async fn insert(
    db: &Database,
    token_hash: &str,
    account_id: i64,
    expires_at: DateTime<Utc>,
) -> Result<(), DbError> {
    on_pool!(db, pool => sqlx::query("INSERT INTO sessions (token_hash, account_id, expires_at) VALUES ($1, $2, $3)")
        .bind(token_hash)
        .bind(account_id)
        .bind(expires_at)
        .execute(pool)
        .await
        .map(|_| ())
        .map_err(DbError::from_sqlx))
}

/// The account of an unexpired session.
pub async fn account_of(
    db: &Database,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<i64>, DbError> {
    on_pool!(db, pool => sqlx::query_scalar("SELECT account_id FROM sessions WHERE token_hash = $1 AND expires_at > $2")
        .bind(token_hash)
        .bind(now)
        .fetch_optional(pool)
        .await
        .map_err(DbError::from_sqlx))
}

pub async fn delete(db: &Database, token_hash: &str) -> Result<(), DbError> {
    on_pool!(db, pool => sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(pool)
        .await
        .map(|_| ())
        .map_err(DbError::from_sqlx))
}
