//! Sessions: a token hash per signed-in browser.

use super::{on_pool, Database, DbError};
use chrono::{DateTime, Utc};

pub async fn insert(
    db: &Database,
    token_hash: &str,
    account_id: i64,
    expires_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    on_pool!(db, pool => sqlx::query(
        "INSERT INTO sessions (token_hash, account_id, expires_at, last_seen_at) VALUES ($1, $2, $3, $4)",
    )
        .bind(token_hash)
        .bind(account_id)
        .bind(expires_at)
        .bind(now)
        .execute(pool)
        .await
        .map(|_| ())
        .map_err(DbError::from_sqlx))
}

/// A session that is still alive: its account and the role it acts in (none: the parent's own).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Live {
    pub account_id: i64,
    pub active_role_id: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    account_id: i64,
    active_role_id: Option<i64>,
    last_seen_at: Option<DateTime<Utc>>,
    holds_role: bool,
}

/// How often a live session's last activity is written down: not on every request.
const TOUCH_EVERY_SECS: i64 = 60;

/// The session of `token_hash`, if it has not expired, and — for an account that holds any role —
/// has not been idle longer than `idle`; an idle one is ended here. Marks the session as used.
pub async fn live(
    db: &Database,
    token_hash: &str,
    now: DateTime<Utc>,
    idle: chrono::Duration,
) -> Result<Option<Live>, DbError> {
    let found: Option<SessionRow> = on_pool!(db, pool => sqlx::query_as(
            "SELECT s.account_id, s.active_role_id, s.last_seen_at, \
             EXISTS (SELECT 1 FROM account_roles r WHERE r.account_id = s.account_id) AS holds_role \
             FROM sessions s WHERE s.token_hash = $1 AND s.expires_at > $2",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(pool)
        .await
        .map_err(DbError::from_sqlx))?;
    let Some(SessionRow {
        account_id,
        active_role_id,
        last_seen_at: last_seen,
        holds_role,
    }) = found
    else {
        return Ok(None);
    };
    if holds_role && last_seen.is_some_and(|seen| seen + idle < now) {
        delete(db, token_hash).await?;
        return Ok(None);
    }
    if last_seen.is_none_or(|seen| seen + chrono::Duration::seconds(TOUCH_EVERY_SECS) < now) {
        on_pool!(db, pool => sqlx::query("UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1")
            .bind(token_hash)
            .bind(now)
            .execute(pool)
            .await
            .map(|_| ())
            .map_err(DbError::from_sqlx))?;
    }
    Ok(Some(Live {
        account_id,
        active_role_id,
    }))
}

pub async fn delete(db: &Database, token_hash: &str) -> Result<(), DbError> {
    on_pool!(db, pool => sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(pool)
        .await
        .map(|_| ())
        .map_err(DbError::from_sqlx))
}
