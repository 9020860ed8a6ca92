//! Fixed-window counters shared by every server process.

use super::{on_pool, Database, DbError};

/// Counts one hit of `bucket` in the window starting at `window_start` and returns the hits so far.
pub async fn hit(db: &Database, bucket: &str, window_start: i64) -> Result<i64, DbError> {
    on_pool!(db, pool => sqlx::query_scalar::<_, i32>(
        "INSERT INTO rate_limits (bucket, window_start, hits) VALUES ($1, $2, 1) \
         ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limits.hits + 1 \
         RETURNING hits",
    )
    .bind(bucket)
    .bind(window_start)
    .fetch_one(pool)
    .await
    .map(i64::from)
    .map_err(DbError::from_sqlx))
}

/// Takes back one hit of `bucket` in the window starting at `window_start`, if it has any.
pub async fn forgive(db: &Database, bucket: &str, window_start: i64) -> Result<(), DbError> {
    on_pool!(db, pool => sqlx::query(
        "UPDATE rate_limits SET hits = hits - 1 \
         WHERE bucket = $1 AND window_start = $2 AND hits > 0",
    )
    .bind(bucket)
    .bind(window_start)
    .execute(pool)
    .await
    .map(|_| ())
    .map_err(DbError::from_sqlx))
}

/// Forgets windows that ended before `before`.
pub async fn prune(db: &Database, before: i64) -> Result<(), DbError> {
    on_pool!(db, pool => sqlx::query("DELETE FROM rate_limits WHERE window_start < $1")
        .bind(before)
        .execute(pool)
        .await
        .map(|_| ())
        .map_err(DbError::from_sqlx))
}
