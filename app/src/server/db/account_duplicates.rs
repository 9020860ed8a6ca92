//! Accounts suspected to be one family's two accounts, in the duplicate queue beside the records
//! of children, and their resolution.

use super::duplicates::Scope;
use super::params::id_list;
use super::{on_pool, BeginWrite, Database, DbError};
use chrono::{DateTime, Utc};

/// Puts a pair into the queue; `false` when the pair was flagged before, either way round.
pub async fn flag(
    db: &Database,
    account_id: i64,
    matched_account_id: i64,
    noted_by: i64,
    reason: &str,
) -> Result<bool, DbError> {
    on_pool!(db, pool => sqlx::query(
        "INSERT INTO account_duplicate_flags (account_id, matched_account_id, noted_by_account_id, reason) \
         VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
    )
    .bind(account_id)
    .bind(matched_account_id)
    .bind(noted_by)
    .bind(reason)
    .execute(pool)
    .await
    .map(|r| r.rows_affected() == 1)
    .map_err(DbError::from_sqlx))
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FlagRow {
    pub id: i64,
    pub account_id: i64,
    pub matched_account_id: i64,
    pub reason: String,
    pub noted_by: String,
}

const OPEN: &str = "FROM account_duplicate_flags f JOIN accounts a ON a.id = f.account_id \
    JOIN accounts b ON b.id = f.matched_account_id JOIN accounts n ON n.id = f.noted_by_account_id \
    WHERE f.resolved_at IS NULL AND a.duplicate_of_account_id IS NULL AND b.duplicate_of_account_id IS NULL";

/// Either account applied to the organization or holds a child it confirmed; or, for МОЦ, is in
/// the municipality.
fn scope_sql(scope: Scope) -> (&'static str, i64) {
    match scope {
        Scope::Organization(id) => (
            " AND (EXISTS (SELECT 1 FROM applications p WHERE p.account_id IN (a.id, b.id) AND p.organization_id = $1) \
             OR EXISTS (SELECT 1 FROM child_guardians g JOIN children c ON c.id = g.child_id \
             WHERE g.account_id IN (a.id, b.id) AND c.confirmed_by_organization_id = $1))",
            id,
        ),
        Scope::Municipality(id) => (" AND (a.municipality_id = $1 OR b.municipality_id = $1)", id),
    }
}

const COLUMNS: &str = "f.id, f.account_id, f.matched_account_id, f.reason, n.email AS noted_by";

pub async fn open_pairs(
    db: &Database,
    scope: Scope,
    limit: i64,
) -> Result<(Vec<FlagRow>, i64), DbError> {
    let (condition, id) = scope_sql(scope);
    let list = format!("SELECT {COLUMNS} {OPEN}{condition} ORDER BY f.id LIMIT $2");
    let count = format!("SELECT COUNT(*) {OPEN}{condition}");
    on_pool!(db, pool => async {
        let rows = sqlx::query_as::<_, FlagRow>(&list).bind(id).bind(limit).fetch_all(pool).await?;
        let total: i64 = sqlx::query_scalar(&count).bind(id).fetch_one(pool).await?;
        Ok::<_, sqlx::Error>((rows, total))
    }
    .await
    .map_err(DbError::from_sqlx))
}

pub async fn open_pair(
    db: &Database,
    scope: Scope,
    flag_id: i64,
) -> Result<Option<FlagRow>, DbError> {
    let (condition, id) = scope_sql(scope);
    let sql = format!("SELECT {COLUMNS} {OPEN}{condition} AND f.id = $2");
    on_pool!(db, pool => sqlx::query_as::<_, FlagRow>(&sql)
        .bind(id)
        .bind(flag_id)
        .fetch_optional(pool)
        .await
        .map_err(DbError::from_sqlx))
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AccountRow {
    pub id: i64,
    pub surname: String,
    pub given_name: String,
    pub patronymic: Option<String>,
    pub email: String,
    pub phone: String,
    pub municipality: String,
    pub created_at: DateTime<Utc>,
}

pub async fn accounts(db: &Database, ids: &[i64]) -> Result<Vec<AccountRow>, DbError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT a.id, a.surname, a.given_name, a.patronymic, a.email, a.phone, m.name AS municipality, \
         a.created_at FROM accounts a JOIN municipalities m ON m.id = a.municipality_id WHERE a.id IN ({})",
        id_list(ids)
    );
    on_pool!(db, pool => sqlx::query_as::<_, AccountRow>(&sql)
        .fetch_all(pool)
        .await
        .map_err(DbError::from_sqlx))
}

/// `(account, program title, status)` of the applications submitted from the accounts.
pub async fn applications_from(
    db: &Database,
    ids: &[i64],
) -> Result<Vec<(i64, String, String)>, DbError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT a.account_id, p.title, a.status FROM applications a JOIN programs p ON p.id = a.program_id \
         WHERE a.account_id IN ({}) ORDER BY a.id DESC",
        id_list(ids)
    );
    on_pool!(db, pool => sqlx::query_as(&sql)
        .fetch_all(pool)
        .await
        .map_err(DbError::from_sqlx))
}

pub struct Resolution<'a> {
    pub flag_id: i64,
    pub by_account_id: i64,
    pub reason: &'a str,
    pub at: DateTime<Utc>,
    /// For «дубль»: the account kept, the duplicate, and the R6 text of its applications.
    pub duplicate: Option<(i64, i64, &'a str)>,
}

/// Resolves an open flag; for «дубль» marks the duplicate account in the same transaction.
/// `Ok(false)` when another operator resolved it first.
pub async fn resolve(db: &Database, r: &Resolution<'_>) -> Result<bool, DbError> {
    let (resolution, kept) = match r.duplicate {
        Some((keep, _, _)) => ("duplicate", Some(keep)),
        None => ("not_duplicate", None),
    };
    on_pool!(db, pool => async {
        let mut tx = pool.begin_write().await?;
        let claimed = sqlx::query(
            "UPDATE account_duplicate_flags SET resolved_at = $1, resolution = $2, resolved_by_account_id = $3, \
             resolution_reason = $4, kept_account_id = $5, updated_at = $1 WHERE id = $6 AND resolved_at IS NULL",
        )
        .bind(r.at)
        .bind(resolution)
        .bind(r.by_account_id)
        .bind(r.reason)
        .bind(kept)
        .bind(r.flag_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if claimed == 0 {
            return Ok(false);
        }
        if let Some((keep, duplicate, message)) = r.duplicate {
            let marked = sqlx::query(
                "UPDATE accounts SET duplicate_of_account_id = $1, duplicate_message = $2, updated_at = $3 \
                 WHERE id = $4 AND duplicate_of_account_id IS NULL",
            )
            .bind(keep)
            .bind(message)
            .bind(r.at)
            .bind(duplicate)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if marked == 0 {
                return Ok(false);
            }
        }
        tx.commit().await?;
        Ok::<_, sqlx::Error>(true)
    }
    .await
    .map_err(DbError::from_sqlx))
}
