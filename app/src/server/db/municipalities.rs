//! The municipalities of the region: the registration form's list and its check.

use super::{on_pool, Database, DbError};

/// Every municipality as `(id, name)`, in the region's order.
pub async fn all(db: &Database) -> Result<Vec<(i64, String)>, DbError> {
    on_pool!(db, pool => sqlx::query_as("SELECT id, name FROM municipalities ORDER BY sort_order, name")
        .fetch_all(pool)
        .await
        .map_err(DbError::from_sqlx))
}

pub async fn exists(db: &Database, id: i64) -> Result<bool, DbError> {
    on_pool!(db, pool => sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM municipalities WHERE id = $1)")
        .bind(id)
        .fetch_one(pool)
        .await
        .map_err(DbError::from_sqlx))
}
