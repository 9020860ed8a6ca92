//! The МОЦ hotline's hours and days off, the institutions a family deals with, and requests
//! (обращения) with their append-only history.

use super::params::id_list;
use super::{on_pool, BeginWrite, Database, DbError};
use chrono::{DateTime, NaiveDate, Utc};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct HoursRow {
    pub id: i64,
    pub weekday: i32,
    pub opens_at: String,
    pub closes_at: String,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DayOffRow {
    pub day: NaiveDate,
    pub note: String,
}

pub async fn hours(db: &Database) -> Result<Vec<HoursRow>, DbError> {
    on_pool!(db, pool => sqlx::query_as::<_, HoursRow>(
        "SELECT id, weekday, opens_at, closes_at FROM hotline_hours ORDER BY weekday, opens_at",
    )
    .fetch_all(pool)
    .await
    .map_err(DbError::from_sqlx))
}

/// Days off from `from` on, soonest first.
pub async fn days_off(db: &Database, from: NaiveDate) -> Result<Vec<DayOffRow>, DbError> {
    on_pool!(db, pool => sqlx::query_as::<_, DayOffRow>(
        "SELECT day, note FROM hotline_days_off WHERE day >= $1 ORDER BY day",
    )
    .bind(from)
    .fetch_all(pool)
    .await
    .map_err(DbError::from_sqlx))
}

/// Adds a weekly window; `false` when one opening at that time of that day exists.
pub async fn add_hours(
    db: &Database,
    weekday: i32,
    opens_at: &str,
    closes_at: &str,
) -> Result<bool, DbError> {
    on_pool!(db, pool => sqlx::query(
        "INSERT INTO hotline_hours (weekday, opens_at, closes_at) VALUES ($1, $2, $3) \
         ON CONFLICT (weekday, opens_at) DO NOTHING",
    )
    .bind(weekday)
    .bind(opens_at)
    .bind(closes_at)
    .execute(pool)
    .await
    .map(|r| r.rows_affected() == 1)
    .map_err(DbError::from_sqlx))
}

pub async fn delete_hours(db: &Database, id: i64) -> Result<bool, DbError> {
    on_pool!(db, pool => sqlx::query("DELETE FROM hotline_hours WHERE id = $1")
        .bind(id)
        .execute(pool)
        .await
        .map(|r| r.rows_affected() == 1)
        .map_err(DbError::from_sqlx))
}

/// Marks a day off, or changes its note.
pub async fn put_day_off(db: &Database, day: NaiveDate, note: &str) -> Result<(), DbError> {
    on_pool!(db, pool => sqlx::query(
        "INSERT INTO hotline_days_off (day, note) VALUES ($1, $2) \
         ON CONFLICT (day) DO UPDATE SET note = excluded.note",
    )
    .bind(day)
    .bind(note)
    .execute(pool)
    .await
    .map(|_| ())
    .map_err(DbError::from_sqlx))
}

pub async fn delete_day_off(db: &Database, day: NaiveDate) -> Result<bool, DbError> {
    on_pool!(db, pool => sqlx::query("DELETE FROM hotline_days_off WHERE day = $1")
        .bind(day)
        .execute(pool)
        .await
        .map(|r| r.rows_affected() == 1)
        .map_err(DbError::from_sqlx))
}

/// An institution with what a parent needs to reach it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ContactRow {
    pub id: i64,
    pub name: String,
    pub short_name: String,
    pub address: String,
    pub phone: String,
    pub email: Option<String>,
    pub opening_hours: String,
}

const CONTACT_COLUMNS: &str =
    "o.id, o.name, o.short_name, o.address, o.phone, o.email, o.opening_hours";

/// The institutions a family deals with: where its applications went and which confirmed its
/// children's data.
pub async fn institutions_of(db: &Database, account_id: i64) -> Result<Vec<ContactRow>, DbError> {
    let sql = format!(
        "SELECT {CONTACT_COLUMNS} FROM organizations o WHERE o.id IN ( \
            SELECT organization_id FROM applications WHERE account_id = $1 \
            UNION SELECT c.confirmed_by_organization_id FROM children c \
                JOIN child_guardians g ON g.child_id = c.id \
                WHERE g.account_id = $1 AND c.confirmed_by_organization_id IS NOT NULL) \
         ORDER BY o.short_name"
    );
    on_pool!(db, pool => sqlx::query_as::<_, ContactRow>(&sql)
        .bind(account_id)
        .fetch_all(pool)
        .await
        .map_err(DbError::from_sqlx))
}

/// Institutions whose name contains `needle` (already lowercased), or every one for an empty
/// needle; at most `limit`.
pub async fn search_institutions(
    db: &Database,
    needle: &str,
    limit: i64,
) -> Result<Vec<ContactRow>, DbError> {
    // SQLite's lower() folds ASCII only, so Cyrillic names are matched in Rust below.
    let sql = format!("SELECT {CONTACT_COLUMNS} FROM organizations o ORDER BY o.short_name");
    let all = on_pool!(db, pool => sqlx::query_as::<_, ContactRow>(&sql)
        .fetch_all(pool)
        .await
        .map_err(DbError::from_sqlx))?;
    Ok(all
        .into_iter()
        .filter(|o| {
            needle.is_empty()
                || o.name.to_lowercase().contains(needle)
                || o.short_name.to_lowercase().contains(needle)
        })
        .take(limit as usize)
        .collect())
}

pub async fn institution(db: &Database, id: i64) -> Result<Option<ContactRow>, DbError> {
    let sql = format!("SELECT {CONTACT_COLUMNS} FROM organizations o WHERE o.id = $1");
    on_pool!(db, pool => sqlx::query_as::<_, ContactRow>(&sql)
        .bind(id)
        .fetch_optional(pool)
        .await
        .map_err(DbError::from_sqlx))
}

/// A new request and its first message.
pub struct NewRequest<'a> {
    pub account_id: i64,
    pub organization_id: i64,
    pub municipality_id: i64,
    pub child_id: Option<i64>,
    pub situation: &'a str,
    pub body: &'a str,
    pub now: DateTime<Utc>,
}

pub async fn insert_request(db: &Database, r: &NewRequest<'_>) -> Result<i64, DbError> {
    on_pool!(db, pool => async {
        let mut tx = pool.begin_write().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO help_requests (account_id, organization_id, municipality_id, child_id, \
             situation, level, status, waiting_since, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, 'institution', 'new', $6, $6, $6) RETURNING id",
        )
        .bind(r.account_id)
        .bind(r.organization_id)
        .bind(r.municipality_id)
        .bind(r.child_id)
        .bind(r.situation)
        .bind(r.now)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO help_request_events (request_id, author_account_id, author_side, action, \
             from_status, to_status, to_level, body, created_at) \
             VALUES ($1, $2, 'parent', 'send', NULL, 'new', 'institution', $3, $4)",
        )
        .bind(id)
        .bind(r.account_id)
        .bind(r.body)
        .bind(r.now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok::<_, sqlx::Error>(id)
    }
    .await
    .map_err(DbError::from_sqlx))
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RequestRow {
    pub id: i64,
    pub account_id: i64,
    pub organization_id: i64,
    pub organization_name: String,
    pub municipality_id: i64,
    pub child_name: Option<String>,
    pub parent_name: String,
    pub parent_email: String,
    pub parent_phone: String,
    pub situation: String,
    pub level: String,
    pub status: String,
    pub waiting_since: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

const REQUEST_COLUMNS: &str = "r.id, r.account_id, r.organization_id, o.short_name AS organization_name, \
    r.municipality_id, \
    CASE WHEN c.id IS NULL THEN NULL ELSE c.surname || ' ' || c.given_name END AS child_name, \
    (a.surname || ' ' || a.given_name) AS parent_name, a.email AS parent_email, a.phone AS parent_phone, \
    r.situation, r.level, r.status, r.waiting_since, r.created_at, r.updated_at \
    FROM help_requests r JOIN organizations o ON o.id = r.organization_id \
    JOIN accounts a ON a.id = r.account_id LEFT JOIN children c ON c.id = r.child_id";

/// Whose inbox: the institution's (its requests still at that level) or a МОЦ's (requests of its
/// municipality that climbed to it).
#[derive(Debug, Clone, Copy)]
pub enum Inbox {
    Institution(i64),
    Moc(i64),
}

pub async fn of_account(db: &Database, account_id: i64) -> Result<Vec<RequestRow>, DbError> {
    let sql =
        format!("SELECT {REQUEST_COLUMNS} WHERE r.account_id = $1 ORDER BY r.id DESC LIMIT 100");
    on_pool!(db, pool => sqlx::query_as::<_, RequestRow>(&sql)
        .bind(account_id)
        .fetch_all(pool)
        .await
        .map_err(DbError::from_sqlx))
}

/// An inbox, the longest-waiting first among those still owed an answer, then the answered
/// ones newest first; `status` narrows it.
pub async fn inbox(
    db: &Database,
    inbox: Inbox,
    status: Option<&str>,
) -> Result<Vec<RequestRow>, DbError> {
    let (column, level, id) = match inbox {
        Inbox::Institution(id) => ("r.organization_id", "institution", id),
        Inbox::Moc(id) => ("r.municipality_id", "moc", id),
    };
    let sql = format!(
        "SELECT {REQUEST_COLUMNS} WHERE {column} = $1 AND r.level = $2 AND ($3 = '' OR r.status = $3) \
         ORDER BY CASE WHEN r.status = 'answered' THEN 1 ELSE 0 END, \
         CASE WHEN r.status = 'answered' THEN r.updated_at END DESC, r.waiting_since LIMIT 200"
    );
    on_pool!(db, pool => sqlx::query_as::<_, RequestRow>(&sql)
        .bind(id)
        .bind(level)
        .bind(status.unwrap_or(""))
        .fetch_all(pool)
        .await
        .map_err(DbError::from_sqlx))
}

pub async fn request(db: &Database, id: i64) -> Result<Option<RequestRow>, DbError> {
    let sql = format!("SELECT {REQUEST_COLUMNS} WHERE r.id = $1");
    on_pool!(db, pool => sqlx::query_as::<_, RequestRow>(&sql)
        .bind(id)
        .fetch_optional(pool)
        .await
        .map_err(DbError::from_sqlx))
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EventRow {
    pub request_id: i64,
    pub author_side: String,
    pub author_name: String,
    pub action: String,
    pub to_status: String,
    pub to_level: String,
    pub body: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// The histories of the given requests, oldest entry first.
pub async fn events(db: &Database, request_ids: &[i64]) -> Result<Vec<EventRow>, DbError> {
    if request_ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = id_list(request_ids);
    let sql = format!(
        "SELECT e.request_id, e.author_side, (a.surname || ' ' || a.given_name) AS author_name, \
         e.action, e.to_status, e.to_level, e.body, e.created_at \
         FROM help_request_events e JOIN accounts a ON a.id = e.author_account_id \
         WHERE e.request_id IN ({list}) ORDER BY e.id"
    );
    on_pool!(db, pool => sqlx::query_as::<_, EventRow>(&sql)
        .fetch_all(pool)
        .await
        .map_err(DbError::from_sqlx))
}

/// A move of a request from the state the actor saw to the next one, with its history entry.
pub struct RequestMove<'a> {
    pub id: i64,
    pub from_level: &'a str,
    pub from_status: &'a str,
    pub to_level: &'a str,
    pub to_status: &'a str,
    pub author_account_id: i64,
    pub author_side: &'a str,
    pub action: &'a str,
    pub body: Option<&'a str>,
    /// The operators owe an answer again: the waiting clock restarts.
    pub restart_wait: bool,
    pub now: DateTime<Utc>,
}

/// Applies the move only if the request is still where the actor saw it, so two operators who
/// act at once never both succeed; `false` when it had moved on.
pub async fn move_request(db: &Database, m: &RequestMove<'_>) -> Result<bool, DbError> {
    on_pool!(db, pool => async {
        let mut tx = pool.begin_write().await?;
        let moved = sqlx::query(
            "UPDATE help_requests SET level = $1, status = $2, updated_at = $3, \
             waiting_since = CASE WHEN $4 THEN $3 ELSE waiting_since END \
             WHERE id = $5 AND level = $6 AND status = $7",
        )
        .bind(m.to_level)
        .bind(m.to_status)
        .bind(m.now)
        .bind(m.restart_wait)
        .bind(m.id)
        .bind(m.from_level)
        .bind(m.from_status)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if !moved {
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO help_request_events (request_id, author_account_id, author_side, action, \
             from_status, to_status, to_level, body, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(m.id)
        .bind(m.author_account_id)
        .bind(m.author_side)
        .bind(m.action)
        .bind(m.from_status)
        .bind(m.to_status)
        .bind(m.to_level)
        .bind(m.body)
        .bind(m.now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok::<_, sqlx::Error>(true)
    }
    .await
    .map_err(DbError::from_sqlx))
}
