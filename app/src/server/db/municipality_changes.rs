//! Applications to change an account's municipality (R5): recorded by institutions, decided by the
//! regional operator; an approval moves the account in the same transaction.

use super::{on_pool, BeginWrite, Database, DbError};
use chrono::{DateTime, Utc};

pub struct NewChange<'a> {
    pub account_id: i64,
    pub from_municipality_id: i64,
    pub to_municipality_id: i64,
    pub reason: &'a str,
    /// `(file name, content type, bytes)` of the scanned application.
    pub document: Option<(&'a str, &'a str, &'a [u8])>,
    pub recorded_by_account_id: i64,
    pub recorded_by_organization_id: i64,
}

/// Records an application; `None` when one is already pending for the account.
pub async fn insert(db: &Database, c: &NewChange<'_>) -> Result<Option<i64>, DbError> {
    let (name, kind, bytes) = match c.document {
        Some((n, k, b)) => (Some(n), Some(k), Some(b)),
        None => (None, None, None),
    };
    let inserted = on_pool!(db, pool => sqlx::query_scalar(
        "INSERT INTO municipality_changes (account_id, from_municipality_id, to_municipality_id, reason, \
         document_name, document_type, document, recorded_by_account_id, recorded_by_organization_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(c.account_id)
    .bind(c.from_municipality_id)
    .bind(c.to_municipality_id)
    .bind(c.reason)
    .bind(name)
    .bind(kind)
    .bind(bytes)
    .bind(c.recorded_by_account_id)
    .bind(c.recorded_by_organization_id)
    .fetch_one(pool)
    .await
    .map_err(DbError::from_sqlx));
    match inserted {
        Ok(id) => Ok(Some(id)),
        Err(DbError::UniqueViolation) => Ok(None),
        Err(other) => Err(other),
    }
}

/// Whose applications a list shows.
#[derive(Debug, Clone, Copy)]
pub enum Scope {
    All,
    /// Moving from or to the municipality.
    Municipality(i64),
    /// Recorded by the organization.
    Organization(i64),
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ChangeRow {
    pub id: i64,
    pub account_id: i64,
    pub parent_surname: String,
    pub parent_given_name: String,
    pub parent_email: String,
    pub from_municipality_id: i64,
    pub from_name: String,
    pub to_municipality_id: i64,
    pub to_name: String,
    pub reason: String,
    pub document_name: Option<String>,
    pub status: String,
    pub organization_id: i64,
    pub organization_name: String,
    pub decision_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
}

const SELECT: &str = "SELECT c.id, c.account_id, a.surname AS parent_surname, a.given_name AS parent_given_name, \
    a.email AS parent_email, c.from_municipality_id, mf.name AS from_name, c.to_municipality_id, \
    mt.name AS to_name, c.reason, c.document_name, c.status, c.recorded_by_organization_id AS organization_id, \
    o.short_name AS organization_name, c.decision_reason, c.created_at, c.decided_at \
    FROM municipality_changes c JOIN accounts a ON a.id = c.account_id \
    JOIN municipalities mf ON mf.id = c.from_municipality_id \
    JOIN municipalities mt ON mt.id = c.to_municipality_id \
    JOIN organizations o ON o.id = c.recorded_by_organization_id";

fn scope_sql(scope: Scope) -> (&'static str, i64) {
    match scope {
        Scope::All => ("$1 = $1", 0),
        Scope::Municipality(m) => (
            "(c.from_municipality_id = $1 OR c.to_municipality_id = $1)",
            m,
        ),
        Scope::Organization(o) => ("c.recorded_by_organization_id = $1", o),
    }
}

/// The pending applications first (oldest first), then the latest decided ones.
pub async fn list(db: &Database, scope: Scope, limit: i64) -> Result<Vec<ChangeRow>, DbError> {
    let (condition, id) = scope_sql(scope);
    let sql = format!(
        "{SELECT} WHERE {condition} ORDER BY CASE WHEN c.status = 'pending' THEN 0 ELSE 1 END, \
         CASE WHEN c.status = 'pending' THEN c.id ELSE -c.id END LIMIT $2"
    );
    on_pool!(db, pool => sqlx::query_as::<_, ChangeRow>(&sql)
        .bind(id)
        .bind(limit)
        .fetch_all(pool)
        .await
        .map_err(DbError::from_sqlx))
}

pub async fn one(db: &Database, scope: Scope, id: i64) -> Result<Option<ChangeRow>, DbError> {
    let (condition, scope_id) = scope_sql(scope);
    let sql = format!("{SELECT} WHERE {condition} AND c.id = $2");
    on_pool!(db, pool => sqlx::query_as::<_, ChangeRow>(&sql)
        .bind(scope_id)
        .bind(id)
        .fetch_optional(pool)
        .await
        .map_err(DbError::from_sqlx))
}

/// The scanned application: `(file name, content type, bytes)`.
pub async fn document(
    db: &Database,
    id: i64,
) -> Result<Option<(String, String, Vec<u8>)>, DbError> {
    on_pool!(db, pool => sqlx::query_as(
        "SELECT document_name, document_type, document FROM municipality_changes \
         WHERE id = $1 AND document IS NOT NULL",
    )
    .bind(id)
    .fetch_optional(pool)
    .await
    .map_err(DbError::from_sqlx))
}

pub struct Decided<'a> {
    pub id: i64,
    pub approve: bool,
    pub reason: Option<&'a str>,
    pub by_account_id: i64,
    pub at: DateTime<Utc>,
}

/// Decides a pending application; an approval moves the account, if it is still in the
/// municipality it applied from, in the same transaction. `false`: already decided, or the
/// account has moved since.
pub async fn decide(db: &Database, d: &Decided<'_>) -> Result<bool, DbError> {
    let status = if d.approve { "approved" } else { "rejected" };
    on_pool!(db, pool => async {
        let mut tx = pool.begin_write().await?;
        let changed = sqlx::query(
            "UPDATE municipality_changes SET status = $1, decision_reason = $2, decided_by_account_id = $3, \
             decided_at = $4, updated_at = $4 WHERE id = $5 AND status = 'pending'",
        )
        .bind(status)
        .bind(d.reason)
        .bind(d.by_account_id)
        .bind(d.at)
        .bind(d.id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed == 0 {
            return Ok(false);
        }
        if d.approve {
            let moved = sqlx::query(
                "UPDATE accounts SET municipality_id = c.to_municipality_id, updated_at = $1 \
                 FROM municipality_changes c WHERE c.id = $2 AND accounts.id = c.account_id \
                 AND accounts.municipality_id = c.from_municipality_id",
            )
            .bind(d.at)
            .bind(d.id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if moved == 0 {
                return Ok(false);
            }
        }
        tx.commit().await?;
        Ok::<_, sqlx::Error>(true)
    }
    .await
    .map_err(DbError::from_sqlx))
}
