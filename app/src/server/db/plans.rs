//! Query plans of the queries that must stay index searches (the catalogue, the duplicate check),
//! so tests can show that indexes are used.

use super::child_candidates::{self, Blocking};
use super::params::{bind_params, Params};
use super::{catalog, Database, DbError};
use crate::domain::catalog_filter::CatalogFilter;

/// The plan of one catalogue page for `filter`, one line per plan step.
///
/// On PostgreSQL sequential scans are disabled for the one connection that explains, so that a plan
/// over the small demo tables shows which index the planner *can* use (on a few hundred rows it
/// rightly prefers a scan; on a large register it picks the index).
pub async fn catalog_page_plan(
    db: &Database,
    filter: &CatalogFilter,
) -> Result<Vec<String>, DbError> {
    let (sql, params) = catalog::page_sql(filter);
    plan_of(db, &sql, params).await
}

/// The plan of the duplicate check's candidate lookup.
pub async fn child_candidates_plan(
    db: &Database,
    blocking: &Blocking<'_>,
) -> Result<Vec<String>, DbError> {
    let (sql, params) = child_candidates::candidates_sql(db, blocking);
    plan_of(db, &sql, params).await
}

async fn plan_of(db: &Database, sql: &str, params: Params) -> Result<Vec<String>, DbError> {
    match db {
        Database::Sqlite(pool) => {
            let explain = format!("EXPLAIN QUERY PLAN {sql}");
            let rows: Vec<(i64, i64, i64, String)> = bind_params!(sqlx::query_as(&explain), params)
                .fetch_all(pool)
                .await
                .map_err(DbError::from_sqlx)?;
            Ok(rows.into_iter().map(|r| r.3).collect())
        }
        Database::Postgres(pool) => {
            let mut tx = pool.begin().await.map_err(DbError::from_sqlx)?;
            sqlx::query("SET LOCAL enable_seqscan = off")
                .execute(&mut *tx)
                .await
                .map_err(DbError::from_sqlx)?;
            let explain = format!("EXPLAIN {sql}");
            let rows: Vec<(String,)> = bind_params!(sqlx::query_as(&explain), params)
                .fetch_all(&mut *tx)
                .await
                .map_err(DbError::from_sqlx)?;
            tx.rollback().await.map_err(DbError::from_sqlx)?;
            Ok(rows.into_iter().map(|r| r.0).collect())
        }
    }
}
