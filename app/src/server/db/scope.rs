//! The facts the scope rule needs about the accounts a power reaches: where each lives and whether
//! it holds a role.

use super::params::id_list;
use super::{on_pool, Database, DbError};
use crate::domain::scope::Holder;

#[derive(Debug, Clone, Copy, sqlx::FromRow)]
struct HolderRow {
    id: i64,
    municipality_id: i64,
    holds_role: bool,
}

impl From<HolderRow> for Holder {
    fn from(r: HolderRow) -> Self {
        Holder {
            account_id: r.id,
            municipality_id: r.municipality_id,
            holds_role: r.holds_role,
        }
    }
}

const COLUMNS: &str = "a.id, a.municipality_id, \
    EXISTS (SELECT 1 FROM account_roles r WHERE r.account_id = a.id) AS holds_role";

/// The accounts among `ids` that exist.
pub async fn accounts(db: &Database, ids: &[i64]) -> Result<Vec<Holder>, DbError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT {COLUMNS} FROM accounts a WHERE a.id IN ({}) ORDER BY a.id",
        id_list(ids)
    );
    let rows: Vec<HolderRow> = on_pool!(db, pool => sqlx::query_as(&sql)
        .fetch_all(pool)
        .await
        .map_err(DbError::from_sqlx))?;
    Ok(rows.into_iter().map(Holder::from).collect())
}

/// The guardians of a child, retired or not; none when there is no such child.
pub async fn guardians(db: &Database, child_id: i64) -> Result<Vec<Holder>, DbError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM child_guardians g JOIN accounts a ON a.id = g.account_id \
         WHERE g.child_id = $1 ORDER BY a.id"
    );
    let rows: Vec<HolderRow> = on_pool!(db, pool => sqlx::query_as(&sql)
        .bind(child_id)
        .fetch_all(pool)
        .await
        .map_err(DbError::from_sqlx))?;
    Ok(rows.into_iter().map(Holder::from).collect())
}
