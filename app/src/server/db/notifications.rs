//! In-app notifications of parents: each also goes out by e-mail.

use super::{on_pool, Database, DbError};
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct NotificationRow {
    pub id: i64,
    pub subject: String,
    pub body: String,
    pub read_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

pub async fn insert(
    db: &Database,
    account_id: i64,
    application_id: Option<i64>,
    subject: &str,
    body: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    on_pool!(db, pool => sqlx::query(
        "INSERT INTO notifications (account_id, application_id, subject, body, created_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(account_id)
    .bind(application_id)
    .bind(subject)
    .bind(body)
    .bind(now)
    .execute(pool)
    .await
    .map(|_| ())
    .map_err(DbError::from_sqlx))
}

pub async fn unread_count(db: &Database, account_id: i64) -> Result<i64, DbError> {
    on_pool!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM notifications WHERE account_id = $1 AND read_at IS NULL",
    )
    .bind(account_id)
    .fetch_one(pool)
    .await
    .map_err(DbError::from_sqlx))
}

/// The latest notifications of an account, newest first.
pub async fn latest(
    db: &Database,
    account_id: i64,
    limit: i64,
) -> Result<Vec<NotificationRow>, DbError> {
    on_pool!(db, pool => sqlx::query_as::<_, NotificationRow>(
        "SELECT id, subject, body, read_at, created_at FROM notifications WHERE account_id = $1 \
         ORDER BY id DESC LIMIT $2",
    )
    .bind(account_id)
    .bind(limit)
    .fetch_all(pool)
    .await
    .map_err(DbError::from_sqlx))
}

/// Marks every notification of the account up to `up_to` as read.
pub async fn mark_read(
    db: &Database,
    account_id: i64,
    up_to: i64,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    on_pool!(db, pool => sqlx::query(
        "UPDATE notifications SET read_at = $1 WHERE account_id = $2 AND id <= $3 AND read_at IS NULL",
    )
    .bind(now)
    .bind(account_id)
    .bind(up_to)
    .execute(pool)
    .await
    .map(|_| ())
    .map_err(DbError::from_sqlx))
}
