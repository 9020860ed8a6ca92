//! Single-use tokens sent by e-mail.

use super::{on_pool, Database, DbError};
use chrono::{DateTime, Utc};

pub async fn insert(
    db: &Database,
    account_id: i64,
    purpose: &str,
    token_hash: &str,
    expires_at: DateTime<Utc>,
) -> Result<(), DbError> {
    on_pool!(db, pool => sqlx::query(
        "INSERT INTO email_tokens (account_id, purpose, token_hash, expires_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(account_id)
    .bind(purpose)
    .bind(token_hash)
    .bind(expires_at)
    .execute(pool)
    .await
    .map(|_| ())
    .map_err(DbError::from_sqlx))
}

/// Uses an unused, unexpired token of `purpose` and returns its account. Every other token of that
/// purpose of the account ends with it: a link from an older letter no longer works. One
/// statement, so two clicks on one link (or on two links) cannot both succeed.
pub async fn consume(
    db: &Database,
    purpose: &str,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<i64>, DbError> {
    let accounts: Vec<i64> = on_pool!(db, pool => sqlx::query_scalar(
        "UPDATE email_tokens SET used_at = $3, updated_at = $3 \
         WHERE purpose = $2 AND used_at IS NULL AND account_id = ( \
             SELECT account_id FROM email_tokens \
             WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3) \
         RETURNING account_id",
    )
    .bind(token_hash)
    .bind(purpose)
    .bind(now)
    .fetch_all(pool)
    .await
    .map_err(DbError::from_sqlx))?;
    Ok(accounts.first().copied())
}
