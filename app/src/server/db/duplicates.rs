//! The duplicate queue (R6): open probable-duplicate flags an operator is concerned with, the two
//! records of a pair, and their resolution.

use super::params::id_list;
use super::{on_pool, BeginWrite, Database, DbError};
use chrono::{DateTime, NaiveDate, Utc};

/// Whose pairs an operator sees.
#[derive(Debug, Clone, Copy)]
pub enum Scope {
    /// An institution: either record applied to it or was confirmed by it.
    Organization(i64),
    /// МОЦ: either record is in a cabinet of the municipality.
    Municipality(i64),
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FlagRow {
    pub id: i64,
    pub child_id: i64,
    pub matched_child_id: i64,
    pub source: String,
    pub reason: String,
}

const OPEN: &str = "FROM duplicate_flags f JOIN children a ON a.id = f.child_id \
    JOIN children b ON b.id = f.matched_child_id \
    WHERE f.resolved_at IS NULL AND a.retired_at IS NULL AND b.retired_at IS NULL";

fn scope_sql(scope: Scope) -> (&'static str, i64) {
    match scope {
        Scope::Organization(id) => (
            " AND (a.confirmed_by_organization_id = $1 OR b.confirmed_by_organization_id = $1 \
             OR EXISTS (SELECT 1 FROM applications p WHERE p.child_id = a.id AND p.organization_id = $1) \
             OR EXISTS (SELECT 1 FROM applications p WHERE p.child_id = b.id AND p.organization_id = $1))",
            id,
        ),
        Scope::Municipality(id) => (
            " AND EXISTS (SELECT 1 FROM accounts ac \
             WHERE ac.id IN (a.created_by_account_id, b.created_by_account_id) AND ac.municipality_id = $1)",
            id,
        ),
    }
}

/// The oldest open pairs in scope (at most `limit`) and how many there are in all.
pub async fn open_pairs(
    db: &Database,
    scope: Scope,
    limit: i64,
) -> Result<(Vec<FlagRow>, i64), DbError> {
    let (condition, id) = scope_sql(scope);
    let list = format!(
        "SELECT f.id, f.child_id, f.matched_child_id, f.source, f.reason {OPEN}{condition} \
         ORDER BY f.id LIMIT $2"
    );
    let count = format!("SELECT COUNT(*) {OPEN}{condition}");
    on_pool!(db, pool => async {
        let rows = sqlx::query_as::<_, FlagRow>(&list).bind(id).bind(limit).fetch_all(pool).await?;
        let total: i64 = sqlx::query_scalar(&count).bind(id).fetch_one(pool).await?;
        Ok::<_, sqlx::Error>((rows, total))
    }
    .await
    .map_err(DbError::from_sqlx))
}

/// One open pair in scope, for resolving it.
pub async fn open_pair(
    db: &Database,
    scope: Scope,
    flag_id: i64,
) -> Result<Option<FlagRow>, DbError> {
    let (condition, id) = scope_sql(scope);
    let sql = format!(
        "SELECT f.id, f.child_id, f.matched_child_id, f.source, f.reason {OPEN}{condition} AND f.id = $2"
    );
    on_pool!(db, pool => sqlx::query_as::<_, FlagRow>(&sql)
        .bind(id)
        .bind(flag_id)
        .fetch_optional(pool)
        .await
        .map_err(DbError::from_sqlx))
}

/// A record of a pair with the account whose cabinet holds it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RecordRow {
    pub id: i64,
    pub surname: String,
    pub given_name: String,
    pub patronymic: Option<String>,
    pub sex: String,
    pub birth_date: NaiveDate,
    pub snils: Option<String>,
    pub birth_certificate: Option<String>,
    pub created_at: DateTime<Utc>,
    pub confirmed_by: Option<String>,
    pub confirmed_at: Option<DateTime<Utc>>,
    pub account_id: i64,
    pub account_email: String,
    pub account_phone: String,
    pub municipality: String,
}

pub async fn records(db: &Database, child_ids: &[i64]) -> Result<Vec<RecordRow>, DbError> {
    if child_ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT c.id, c.surname, c.given_name, c.patronymic, c.sex, c.birth_date, c.snils, \
         c.birth_certificate, c.created_at, o.short_name AS confirmed_by, c.confirmed_at, \
         ac.id AS account_id, ac.email AS account_email, ac.phone AS account_phone, m.name AS municipality \
         FROM children c JOIN accounts ac ON ac.id = c.created_by_account_id \
         JOIN municipalities m ON m.id = ac.municipality_id \
         LEFT JOIN organizations o ON o.id = c.confirmed_by_organization_id \
         WHERE c.id IN ({})",
        id_list(child_ids)
    );
    on_pool!(db, pool => sqlx::query_as::<_, RecordRow>(&sql)
        .fetch_all(pool)
        .await
        .map_err(DbError::from_sqlx))
}

/// Whether an operator already said the two records are different children (either way round).
pub async fn said_distinct(db: &Database, a: i64, b: i64) -> Result<bool, DbError> {
    on_pool!(db, pool => sqlx::query_scalar::<_, bool>(
        "SELECT EXISTS (SELECT 1 FROM duplicate_flags WHERE resolution = 'not_duplicate' \
         AND ((child_id = $1 AND matched_child_id = $2) OR (child_id = $2 AND matched_child_id = $1)))",
    )
    .bind(a)
    .bind(b)
    .fetch_one(pool)
    .await
    .map_err(DbError::from_sqlx))
}

/// What an operator decided about one open flag.
pub struct Resolution<'a> {
    pub flag_id: i64,
    pub by_account_id: i64,
    pub reason: &'a str,
    pub at: DateTime<Utc>,
    /// For «дубль»: the record that stays, the one retired, and the R6 text its applications get.
    pub duplicate: Option<(i64, i64, &'a str)>,
}

/// Resolves a flag that is still open; for «дубль» retires the other record in the same
/// transaction. `Ok(false)` when another operator resolved it first.
pub async fn resolve(db: &Database, r: &Resolution<'_>) -> Result<bool, DbError> {
    let (resolution, kept) = match r.duplicate {
        Some((keep, _, _)) => ("duplicate", Some(keep)),
        None => ("not_duplicate", None),
    };
    on_pool!(db, pool => async {
        let mut tx = pool.begin_write().await?;
        let claimed = sqlx::query(
            "UPDATE duplicate_flags SET resolved_at = $1, resolution = $2, resolved_by_account_id = $3, \
             resolution_reason = $4, kept_child_id = $5, updated_at = $1 WHERE id = $6 AND resolved_at IS NULL",
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
        if let Some((keep, retire, message)) = r.duplicate {
            let retired = sqlx::query(
                "UPDATE children SET retired_at = $1, duplicate_of_child_id = $2, retired_message = $3, \
                 updated_at = $1 WHERE id = $4 AND retired_at IS NULL",
            )
            .bind(r.at)
            .bind(keep)
            .bind(message)
            .bind(retire)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if retired == 0 {
                return Ok(false);
            }
        }
        tx.commit().await?;
        Ok::<_, sqlx::Error>(true)
    }
    .await
    .map_err(DbError::from_sqlx))
}

/// Which duplicates' applications to cancel.
#[derive(Debug, Clone, Copy)]
pub enum Cancellable {
    /// Of a child record retired as a duplicate.
    Child(i64),
    /// Submitted from an account marked as a duplicate.
    Account(i64),
    /// Of every such record and account: what the periodic job finishes when a server stopped in
    /// the middle of a resolution.
    All,
}

/// The applications of the duplicates `which` names whose status meets `status`, each with the R6
/// text of its record or account: the statement and the id to bind. Found from the few retired
/// records and duplicate accounts (partial indexes), never by scanning every application.
fn of_duplicates(which: Cancellable, status: &str) -> (String, Option<i64>) {
    let of_children = format!(
        "SELECT a.id, c.retired_message FROM children c JOIN applications a ON a.child_id = c.id \
         WHERE c.retired_message IS NOT NULL AND {status}"
    );
    let of_accounts = format!(
        "SELECT a.id, ac.duplicate_message FROM accounts ac JOIN applications a ON a.account_id = ac.id \
         WHERE ac.duplicate_message IS NOT NULL AND {status}"
    );
    match which {
        Cancellable::Child(id) => (format!("{of_children} AND c.id = $1"), Some(id)),
        Cancellable::Account(id) => (format!("{of_accounts} AND ac.id = $1"), Some(id)),
        Cancellable::All => (format!("{of_children} UNION ALL {of_accounts}"), None),
    }
}

/// Applications of duplicates that can still be cancelled, with the R6 text to cancel each with.
pub async fn cancellable(db: &Database, which: Cancellable) -> Result<Vec<(i64, String)>, DbError> {
    let (sql, id) = of_duplicates(
        which,
        "a.status IN ('new', 'confirmed', 'queued', 'offered')",
    );
    let sql = format!("{sql} LIMIT 500");
    on_pool!(db, pool => {
        let mut query = sqlx::query_as(&sql);
        if let Some(id) = id {
            query = query.bind(id);
        }
        query.fetch_all(pool).await.map_err(DbError::from_sqlx)
    })
}

/// How many applications of duplicates are «Зачислен». A duplicate decision does not cancel an
/// enrolment (the child attends the group, and the state machine only lets an operator expel), so
/// the operator is told how many remain to see to.
pub async fn enrolled(db: &Database, which: Cancellable) -> Result<i64, DbError> {
    let (sql, id) = of_duplicates(which, "a.status = 'enrolled'");
    let sql = format!("SELECT COUNT(*) FROM ({sql}) enrolled");
    on_pool!(db, pool => {
        let mut query = sqlx::query_scalar(&sql);
        if let Some(id) = id {
            query = query.bind(id);
        }
        query.fetch_one(pool).await.map_err(DbError::from_sqlx)
    })
}

/// Puts pairs into the queue, the first record of each (`child_id`) under review; `source` says
/// where they were found (`scan`, `correction`). A pair flagged before, either way round, or said
/// to be two children, is left as it is. Returns how many pairs were added.
pub async fn flag_pairs(
    db: &Database,
    source: &str,
    pairs: &[(i64, i64, String)],
) -> Result<u64, DbError> {
    on_pool!(db, pool => async {
        let mut tx = pool.begin_write().await?;
        let mut added = 0;
        for (child, matched, reason) in pairs {
            added += sqlx::query(
                "INSERT INTO duplicate_flags (child_id, matched_child_id, source, reason) \
                 SELECT $1, $2, $4, $3 WHERE NOT EXISTS (SELECT 1 FROM duplicate_flags \
                 WHERE (child_id = $1 AND matched_child_id = $2) OR (child_id = $2 AND matched_child_id = $1))",
            )
            .bind(child)
            .bind(matched)
            .bind(reason)
            .bind(source)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        }
        tx.commit().await?;
        Ok::<_, sqlx::Error>(added)
    }
    .await
    .map_err(DbError::from_sqlx))
}
