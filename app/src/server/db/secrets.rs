//! Secrets every server process shares, created by whichever process needs one first.

use super::{on_pool, Database, DbError};

/// The secret called `name`, storing `candidate` if there is none yet.
pub async fn get_or_create(db: &Database, name: &str, candidate: &str) -> Result<String, DbError> {
    on_pool!(db, pool => async {
        sqlx::query("INSERT INTO server_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING")
            .bind(name)
            .bind(candidate)
            .execute(pool)
            .await?;
        sqlx::query_scalar("SELECT value FROM server_secrets WHERE name = $1")
            .bind(name)
            .fetch_one(pool)
            .await
    }
    .await
    .map_err(DbError::from_sqlx))
}
