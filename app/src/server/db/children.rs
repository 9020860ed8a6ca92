//! Children, their guardians and duplicate flags.

use super::child_candidates::{candidates_sql, fetch_candidates};
use super::{on_pool, BeginWrite, Database, DbError};
use chrono::{Datelike, NaiveDate};

pub use super::child_candidates::{all_candidates, candidates, Blocking, Candidate};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ChildRow {
    pub id: i64,
    pub surname: String,
    pub given_name: String,
    pub patronymic: Option<String>,
    pub sex: String,
    pub birth_date: NaiveDate,
    pub snils: Option<String>,
    pub certificate_key: Option<String>,
    pub confirmed_at: Option<chrono::DateTime<chrono::Utc>>,
    pub confirmed_by: Option<String>,
    pub flagged: bool,
}

const COLUMNS: &str = "c.id, c.surname, c.given_name, c.patronymic, c.sex, c.birth_date, c.snils, \
    c.certificate_key, c.confirmed_at, o.short_name AS confirmed_by, \
    EXISTS (SELECT 1 FROM duplicate_flags f WHERE f.child_id = c.id AND f.resolved_at IS NULL) AS flagged";

/// A child to insert; keys come from the domain's normalisation.
pub struct NewChild<'a> {
    pub surname: &'a str,
    pub given_name: &'a str,
    pub patronymic: Option<&'a str>,
    pub sex: &'a str,
    pub birth_date: NaiveDate,
    pub snils: Option<&'a str>,
    pub birth_certificate: Option<&'a str>,
    pub certificate_key: Option<&'a str>,
    pub exact_key: &'a str,
    pub name_key: &'a str,
    pub surname_norm: &'a str,
    pub given_name_norm: &'a str,
}

/// What the caller decided after seeing the candidates, inside the transaction.
pub enum Decision {
    Insert { flag: Option<(i64, String)> },
    Stop,
}

/// On PostgreSQL, takes the transaction locks of every birth year a probable duplicate of the child
/// can have — the years of its birth date's typo variants, 2015 and 2018 among them — in
/// ascending order, so that two writers of close children run one after the other and never
/// wait for each other in a circle (SQLite's `BEGIN IMMEDIATE` already serialises writers). Two
/// children whose dates are typos of each other each lock both years.
macro_rules! lock_birth_years {
    ($db:expr, $tx:ident, $blocking:expr) => {
        if let Database::Postgres(_) = $db {
            // One statement for all of them: the array is ascending, and a function scan yields
            // its elements in order, so the locks are taken in that order. The array travels as
            // text, which both drivers bind (the macro expands for each).
            let years: Vec<String> = lock_years($blocking).iter().map(i32::to_string).collect();
            sqlx::query(
                "SELECT count(pg_advisory_xact_lock(7301, y)) FROM unnest($1::int4[]) AS y",
            )
            .bind(format!("{{{}}}", years.join(",")))
            .execute(&mut *$tx)
            .await?;
        }
    };
}

/// The birth years `lock_birth_years` locks, ascending.
fn lock_years(blocking: &Blocking<'_>) -> Vec<i32> {
    let mut years: Vec<i32> = std::iter::once(blocking.birth_date)
        .chain(blocking.date_variants.iter().copied())
        .map(|d| d.year())
        .collect();
    years.sort_unstable();
    years.dedup();
    years
}

/// Checks the candidates again and inserts in one write transaction, so that two submissions of one
/// child cannot both pass: SQLite serialises writers (`BEGIN IMMEDIATE`); PostgreSQL takes
/// transaction locks on the birth years a probable duplicate can have; the unique indexes stop
/// exact duplicates on both. Returns the new id, or `None` when `decide` stopped.
pub async fn insert_checked(
    db: &Database,
    child: &NewChild<'_>,
    blocking: &Blocking<'_>,
    account_id: i64,
    relation: &str,
    source: &str,
    decide: impl Fn(&[Candidate]) -> Decision,
) -> Result<Option<i64>, DbError> {
    let (sql, params) = candidates_sql(db, blocking);
    on_pool!(db, pool => async {
        let mut tx = pool.begin_write().await?;
        lock_birth_years!(db, tx, blocking);
        let rows = fetch_candidates!(db, &mut *tx, &sql, params);
        let Decision::Insert { flag } = decide(&rows) else {
            return Ok(None);
        };
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO children (surname, given_name, patronymic, sex, birth_date, snils, \
             birth_certificate, certificate_key, exact_key, name_key, created_by_account_id, \
             surname_norm, given_name_norm) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
        )
        .bind(child.surname)
        .bind(child.given_name)
        .bind(child.patronymic)
        .bind(child.sex)
        .bind(child.birth_date)
        .bind(child.snils)
        .bind(child.birth_certificate)
        .bind(child.certificate_key)
        .bind(child.exact_key)
        .bind(child.name_key)
        .bind(account_id)
        .bind(child.surname_norm)
        .bind(child.given_name_norm)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query("INSERT INTO child_guardians (child_id, account_id, relation) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(account_id)
            .bind(relation)
            .execute(&mut *tx)
            .await?;
        if let Some((matched, reason)) = flag {
            sqlx::query("INSERT INTO duplicate_flags (child_id, matched_child_id, source, reason) VALUES ($1, $2, $3, $4)")
                .bind(id)
                .bind(matched)
                .bind(source)
                .bind(reason)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok::<_, sqlx::Error>(Some(id))
    }
    .await
    .map_err(DbError::from_sqlx))
}

/// The accounts that hold `child_id`, with their relation.
pub async fn guardians(db: &Database, child_id: i64) -> Result<Vec<(i64, String)>, DbError> {
    on_pool!(db, pool => sqlx::query_as("SELECT account_id, relation FROM child_guardians WHERE child_id = $1")
        .bind(child_id)
        .fetch_all(pool)
        .await
        .map_err(DbError::from_sqlx))
}

/// The children in an account's cabinet.
pub async fn of_account(db: &Database, account_id: i64) -> Result<Vec<ChildRow>, DbError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM children c JOIN child_guardians g ON g.child_id = c.id \
         LEFT JOIN organizations o ON o.id = c.confirmed_by_organization_id \
         WHERE g.account_id = $1 AND c.retired_at IS NULL ORDER BY c.birth_date, c.id"
    );
    on_pool!(db, pool => sqlx::query_as::<_, ChildRow>(&sql)
        .bind(account_id)
        .fetch_all(pool)
        .await
        .map_err(DbError::from_sqlx))
}

/// Records of the account's cabinet retired as duplicates that have applications, which stay
/// readable: `(id, surname, given name, patronymic)`.
pub async fn retired_with_applications(
    db: &Database,
    account_id: i64,
) -> Result<Vec<(i64, String, String, Option<String>)>, DbError> {
    on_pool!(db, pool => sqlx::query_as(
        "SELECT c.id, c.surname, c.given_name, c.patronymic FROM children c \
         JOIN child_guardians g ON g.child_id = c.id \
         WHERE g.account_id = $1 AND c.retired_at IS NOT NULL \
         AND EXISTS (SELECT 1 FROM applications a WHERE a.child_id = c.id) ORDER BY c.id",
    )
    .bind(account_id)
    .fetch_all(pool)
    .await
    .map_err(DbError::from_sqlx))
}

/// A correction of a registered child: the data, and what else the same transaction records.
pub struct Correction<'a> {
    pub child_id: i64,
    pub data: &'a NewChild<'a>,
    /// The organization whose operator saw the documents: the data are confirmed by it.
    pub confirmed_by_organization_id: i64,
    /// The parent's request it answers: `(request, answer, operator)`.
    pub request: Option<(i64, &'a str, i64)>,
    pub at: chrono::DateTime<chrono::Utc>,
}

/// Why a correction was not written.
#[derive(Debug)]
pub enum CorrectionStop {
    /// `decide` stopped it after seeing the candidates.
    Decided,
    /// The child, or the request it answers, is not (or no longer) there to correct.
    Gone,
    Db(DbError),
}

impl From<sqlx::Error> for CorrectionStop {
    fn from(e: sqlx::Error) -> Self {
        CorrectionStop::Db(DbError::from_sqlx(e))
    }
}

/// Corrects a child under the same rules as an insert: the candidates (other than the child
/// itself) are read again inside the write transaction, `decide` may stop it or flag a probable
/// duplicate, and the unique indexes refuse an exact one. The request it answers is closed in the
/// same transaction, so nothing is half-saved.
pub async fn update_checked(
    db: &Database,
    c: &Correction<'_>,
    blocking: &Blocking<'_>,
    decide: impl Fn(&[Candidate]) -> Decision,
) -> Result<(), CorrectionStop> {
    let (sql, params) = candidates_sql(db, blocking);
    let child = c.data;
    on_pool!(db, pool => async {
        let mut tx = pool.begin_write().await?;
        lock_birth_years!(db, tx, blocking);
        let mut rows = fetch_candidates!(db, &mut *tx, &sql, params);
        rows.retain(|r| r.id != c.child_id);
        let Decision::Insert { flag } = decide(&rows) else {
            return Err(CorrectionStop::Decided);
        };
        let updated = sqlx::query(
            "UPDATE children SET surname = $1, given_name = $2, patronymic = $3, sex = $4, birth_date = $5, \
             snils = $6, birth_certificate = $7, certificate_key = $8, exact_key = $9, name_key = $10, \
             surname_norm = $11, given_name_norm = $12, confirmed_by_organization_id = $13, confirmed_at = $14, \
             updated_at = $14 WHERE id = $15 AND retired_at IS NULL",
        )
        .bind(child.surname)
        .bind(child.given_name)
        .bind(child.patronymic)
        .bind(child.sex)
        .bind(child.birth_date)
        .bind(child.snils)
        .bind(child.birth_certificate)
        .bind(child.certificate_key)
        .bind(child.exact_key)
        .bind(child.name_key)
        .bind(child.surname_norm)
        .bind(child.given_name_norm)
        .bind(c.confirmed_by_organization_id)
        .bind(c.at)
        .bind(c.child_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if updated == 0 {
            return Err(CorrectionStop::Gone);
        }
        if let Some((matched, reason)) = flag {
            sqlx::query(
                "INSERT INTO duplicate_flags (child_id, matched_child_id, source, reason) \
                 SELECT $1, $2, 'correction', $3 WHERE NOT EXISTS (SELECT 1 FROM duplicate_flags \
                 WHERE (child_id = $1 AND matched_child_id = $2) OR (child_id = $2 AND matched_child_id = $1))",
            )
            .bind(c.child_id)
            .bind(matched)
            .bind(reason)
            .execute(&mut *tx)
            .await?;
        }
        if let Some((request, answer, by)) = c.request {
            let closed = sqlx::query(
                "UPDATE correction_requests SET status = 'corrected', answer = $1, decided_by_account_id = $2, \
                 decided_at = $3, updated_at = $3 WHERE id = $4 AND child_id = $5 AND status = 'new'",
            )
            .bind(answer)
            .bind(by)
            .bind(c.at)
            .bind(request)
            .bind(c.child_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if closed == 0 {
                return Err(CorrectionStop::Gone);
            }
        }
        tx.commit().await?;
        Ok(())
    }
    .await)
}

/// Refreshes the planner's statistics of the register's tables. A bulk import calls it as the
/// register grows: a PostgreSQL connection keeps the plan it made while the tables were small
/// (a whole-index scan is as cheap as any on a few rows), and without autovacuum (which
/// deployments may turn off) nothing else tells it that the table grew — measured on a 50 000-row
/// import: one such plan read 148 million index entries, and the import slowed from 760 rows/s
/// to 30. `ANALYZE` invalidates those plans; on SQLite it fills `sqlite_stat1` for its planner.
pub async fn refresh_statistics(db: &Database) -> Result<(), DbError> {
    let sql = match db {
        Database::Sqlite(_) => "ANALYZE",
        Database::Postgres(_) => "ANALYZE children, child_name_tokens, child_guardians, accounts",
    };
    on_pool!(db, pool => sqlx::query(sql)
        .execute(pool)
        .await
        .map(|_| ())
        .map_err(DbError::from_sqlx))
}
