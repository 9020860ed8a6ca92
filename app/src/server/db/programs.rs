//! Programs and groups as institutions keep them, and МОЦ's moderation (issue 23).
//!
//! A `programs` row holds what parents read — or, before the first publication, the version sent
//! to МОЦ. A change of a published program waits in `program_revisions` (at most one pending per
//! program, by a unique index) until МОЦ accepts it; accepting copies it into the row and
//! re-indexes the program's search terms in the same transaction. Group changes that touch seats
//! and groups are in `study_groups`.

use super::applications::{actor_code, hold_group, set_status, Change};
use super::study_groups::{close_in, insert_group_in, GroupData, ACTIVE};
use super::{on_pool, BeginWrite, Database, DbError};
use crate::domain::application::status::{Actor, Status};
use chrono::{DateTime, Utc};

/// Writes the program's search terms (its distinct normalised words). A macro, so that it expands
/// for each driver's transaction type.
macro_rules! write_terms {
    ($tx:expr, $program_id:expr, $searchable:expr) => {
        for term in $crate::domain::search::terms(&$searchable) {
            sqlx::query(
                "INSERT INTO program_terms (term, program_id) VALUES ($1, $2) \
                 ON CONFLICT (term, program_id) DO NOTHING",
            )
            .bind(term)
            .bind($program_id)
            .execute(&mut *$tx)
            .await?;
        }
    };
}
pub(super) use write_terms;

/// What parents read about a program, as stored in a program row or a revision.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ProgramData {
    pub title: String,
    pub description: String,
    pub direction: String,
    pub level: String,
    pub age_min: i32,
    pub age_max: i32,
    pub is_free: bool,
    pub price_rub: Option<i32>,
    pub address: Option<String>,
    pub teachers: String,
}

const DATA_COLUMNS: &str =
    "title, description, direction, level, age_min, age_max, is_free, price_rub, address, teachers";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ProgramRecord {
    pub id: i64,
    pub organization_id: i64,
    pub municipality_id: i64,
    pub published: bool,
    pub archived: bool,
    #[sqlx(flatten)]
    pub data: ProgramData,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RevisionRecord {
    pub id: i64,
    pub program_id: i64,
    pub state: String,
    pub comment: Option<String>,
    pub submitted_at: DateTime<Utc>,
    #[sqlx(flatten)]
    pub data: ProgramData,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ListRow {
    pub id: i64,
    pub title: String,
    pub published: bool,
    pub archived: bool,
    pub revision_state: Option<String>,
    pub comment: Option<String>,
    pub groups: i64,
}

/// A queue row: the waiting version and what parents read now (`None` before the first
/// publication).
#[derive(Debug, Clone)]
pub struct QueueRow {
    pub revision: RevisionRecord,
    pub organization_name: String,
    pub published: Option<ProgramData>,
}

pub async fn list_of_organization(
    db: &Database,
    organization_id: i64,
) -> Result<Vec<ListRow>, DbError> {
    const SQL: &str = "\
        SELECT p.id, COALESCE(r.title, p.title) AS title, p.published, p.archived, \
               r.state AS revision_state, r.comment, \
               (SELECT COUNT(*) FROM study_groups g WHERE g.program_id = p.id AND NOT g.closed) AS groups \
        FROM programs p \
        LEFT JOIN program_revisions r ON r.program_id = p.id AND r.state IN ('waiting', 'returned') \
        WHERE p.organization_id = $1 \
        ORDER BY p.archived, COALESCE(r.title, p.title), p.id";
    on_pool!(db, pool => sqlx::query_as::<_, ListRow>(SQL)
        .bind(organization_id)
        .fetch_all(pool)
        .await
        .map_err(DbError::from_sqlx))
}

pub async fn find(db: &Database, id: i64) -> Result<Option<ProgramRecord>, DbError> {
    let sql = format!(
        "SELECT p.id, p.organization_id, o.municipality_id, p.published, p.archived, \
         p.{} FROM programs p JOIN organizations o ON o.id = p.organization_id WHERE p.id = $1",
        DATA_COLUMNS.replace(", ", ", p.")
    );
    on_pool!(db, pool => sqlx::query_as::<_, ProgramRecord>(&sql)
        .bind(id)
        .fetch_optional(pool)
        .await
        .map_err(DbError::from_sqlx))
}

pub async fn pending_revision(
    db: &Database,
    program_id: i64,
) -> Result<Option<RevisionRecord>, DbError> {
    let sql = format!(
        "SELECT id, program_id, state, comment, submitted_at, {DATA_COLUMNS} FROM program_revisions \
         WHERE program_id = $1 AND state IN ('waiting', 'returned')"
    );
    on_pool!(db, pool => sqlx::query_as::<_, RevisionRecord>(&sql)
        .bind(program_id)
        .fetch_optional(pool)
        .await
        .map_err(DbError::from_sqlx))
}

/// The program and municipality a revision belongs to, and its state.
pub async fn revision_place(
    db: &Database,
    revision_id: i64,
) -> Result<Option<(i64, i64, String)>, DbError> {
    const SQL: &str = "\
        SELECT r.program_id, o.municipality_id, r.state FROM program_revisions r \
        JOIN programs p ON p.id = r.program_id JOIN organizations o ON o.id = p.organization_id \
        WHERE r.id = $1";
    on_pool!(db, pool => sqlx::query_as::<_, (i64, i64, String)>(SQL)
        .bind(revision_id)
        .fetch_optional(pool)
        .await
        .map_err(DbError::from_sqlx))
}

/// Binds a `ProgramData` to the next ten placeholders, in `DATA_COLUMNS` order.
macro_rules! bind_data {
    ($query:expr, $d:expr) => {
        $query
            .bind(&$d.title)
            .bind(&$d.description)
            .bind(&$d.direction)
            .bind(&$d.level)
            .bind($d.age_min)
            .bind($d.age_max)
            .bind($d.is_free)
            .bind($d.price_rub)
            .bind(&$d.address)
            .bind(&$d.teachers)
    };
}

/// Makes `data` the pending version of the program, waiting for МОЦ: the pending one is replaced
/// (a returned one loses its comment), or a new one is written.
macro_rules! submit_revision {
    ($tx:expr, $program_id:expr, $data:expr, $actor:expr, $now:expr) => {{
        let replaced = bind_data!(
            sqlx::query(
                "UPDATE program_revisions SET state = 'waiting', comment = NULL, title = $1, \
                 description = $2, direction = $3, level = $4, age_min = $5, age_max = $6, \
                 is_free = $7, price_rub = $8, address = $9, teachers = $10, submitted_by = $11, \
                 submitted_at = $12 WHERE program_id = $13 AND state IN ('waiting', 'returned')",
            ),
            $data
        )
        .bind($actor)
        .bind($now)
        .bind($program_id)
        .execute(&mut *$tx)
        .await?
        .rows_affected();
        if replaced == 0 {
            bind_data!(
                sqlx::query(&format!(
                    "INSERT INTO program_revisions (program_id, state, {DATA_COLUMNS}, submitted_by, \
                     submitted_at) VALUES ($1, 'waiting', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
                ))
                .bind($program_id),
                $data
            )
            .bind($actor)
            .bind($now)
            .execute(&mut *$tx)
            .await?;
        }
    }};
}

/// Writes `data` into the program row itself.
macro_rules! write_row {
    ($tx:expr, $program_id:expr, $data:expr, $now:expr) => {
        bind_data!(
            sqlx::query(
                "UPDATE programs SET title = $1, description = $2, direction = $3, level = $4, \
                 age_min = $5, age_max = $6, is_free = $7, price_rub = $8, address = $9, \
                 teachers = $10, updated_at = $11 WHERE id = $12",
            ),
            $data
        )
        .bind($now)
        .bind($program_id)
        .execute(&mut *$tx)
        .await?
    };
}

/// A new program of the organization, unpublished and waiting for МОЦ. A title the organization
/// already uses is `DbError::UniqueViolation`.
/// Its open `groups` are written with it, in the same transaction.
pub async fn create(
    db: &Database,
    organization_id: i64,
    data: &ProgramData,
    groups: &[GroupData<'_>],
    actor: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64, DbError> {
    on_pool!(db, pool => async {
        let mut tx = pool.begin_write().await?;
        let id: i64 = bind_data!(
            sqlx::query_scalar(&format!(
                "INSERT INTO programs (organization_id, published, {DATA_COLUMNS}, created_at, updated_at) \
                 VALUES ($1, FALSE, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id"
            ))
            .bind(organization_id),
            data
        )
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        submit_revision!(tx, id, data, actor, now);
        for g in groups {
            insert_group_in!(tx, id, g);
        }
        tx.commit().await?;
        Ok::<_, sqlx::Error>(id)
    }
    .await
    .map_err(DbError::from_sqlx))
}

/// A change of the program sent to МОЦ. Before the first publication parents see nothing, so the
/// row carries the change too (and a title clash is found at once).
pub async fn submit_change(
    db: &Database,
    program_id: i64,
    data: &ProgramData,
    published: bool,
    actor: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    on_pool!(db, pool => async {
        let mut tx = pool.begin_write().await?;
        if !published {
            write_row!(tx, program_id, data, now);
        }
        submit_revision!(tx, program_id, data, actor, now);
        tx.commit().await?;
        Ok::<_, sqlx::Error>(())
    }
    .await
    .map_err(DbError::from_sqlx))
}

/// A change that needs no moderation (the teachers): into the row, and into the pending version.
pub async fn update_teachers(
    db: &Database,
    program_id: i64,
    teachers: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    on_pool!(db, pool => async {
        let mut tx = pool.begin_write().await?;
        sqlx::query("UPDATE programs SET teachers = $1, updated_at = $2 WHERE id = $3")
            .bind(teachers)
            .bind(now)
            .bind(program_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE program_revisions SET teachers = $1 WHERE program_id = $2 AND state IN ('waiting', 'returned')")
            .bind(teachers)
            .bind(program_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok::<_, sqlx::Error>(())
    }
    .await
    .map_err(DbError::from_sqlx))
}

/// МОЦ accepts the waiting version: it becomes the program row, published, with its search terms
/// written anew. `false` when the version no longer waits (decided meanwhile).
pub async fn publish(
    db: &Database,
    revision_id: i64,
    actor: i64,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let sql = format!("SELECT id, program_id, state, comment, submitted_at, {DATA_COLUMNS} FROM program_revisions WHERE id = $1 AND state = 'waiting'");
    on_pool!(db, pool => async {
        let mut tx = pool.begin_write().await?;
        let revision: Option<RevisionRecord> = sqlx::query_as(&sql)
            .bind(revision_id)
            .fetch_optional(&mut *tx)
            .await?;
        let Some(revision) = revision else {
            return Ok(false);
        };
        let program_id = revision.program_id;
        write_row!(tx, program_id, revision.data, now);
        sqlx::query("UPDATE programs SET published = TRUE WHERE id = $1")
            .bind(program_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE program_revisions SET state = 'accepted', decided_by = $1, decided_at = $2 WHERE id = $3")
            .bind(actor)
            .bind(now)
            .bind(revision_id)
            .execute(&mut *tx)
            .await?;
        let (short_name, name): (String, String) = sqlx::query_as(
            "SELECT o.short_name, o.name FROM organizations o JOIN programs p ON p.organization_id = o.id WHERE p.id = $1",
        )
        .bind(program_id)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM program_terms WHERE program_id = $1")
            .bind(program_id)
            .execute(&mut *tx)
            .await?;
        let direction = crate::domain::direction::Direction::from_code(&revision.data.direction)
            .map_or("", |d| d.label());
        let searchable = format!(
            "{} {direction} {short_name} {name} {}",
            revision.data.title, revision.data.description
        );
        write_terms!(tx, program_id, searchable);
        tx.commit().await?;
        Ok::<_, DbError>(true)
    }
    .await)
}

/// МОЦ returns the waiting version with a comment. `false` when it no longer waits.
pub async fn return_revision(
    db: &Database,
    revision_id: i64,
    comment: &str,
    actor: i64,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    on_pool!(db, pool => sqlx::query(
        "UPDATE program_revisions SET state = 'returned', comment = $1, decided_by = $2, decided_at = $3 \
         WHERE id = $4 AND state = 'waiting'",
    )
    .bind(comment)
    .bind(actor)
    .bind(now)
    .bind(revision_id)
    .execute(pool)
    .await
    .map(|r| r.rows_affected() == 1)
    .map_err(DbError::from_sqlx))
}

/// The versions waiting for the municipality's МОЦ, oldest first, with what parents read now.
pub async fn moderation_queue(
    db: &Database,
    municipality_id: i64,
) -> Result<Vec<QueueRow>, DbError> {
    let sql = format!(
        "SELECT r.id, r.program_id, r.state, r.comment, r.submitted_at, \
         r.{}, o.short_name AS organization_name, p.published \
         FROM program_revisions r JOIN programs p ON p.id = r.program_id \
         JOIN organizations o ON o.id = p.organization_id \
         WHERE r.state = 'waiting' AND o.municipality_id = $1 ORDER BY r.id LIMIT 200",
        DATA_COLUMNS.replace(", ", ", r.")
    );
    let rows: Vec<(RevisionRecord, String, bool)> = on_pool!(db, pool => async {
        let rows = sqlx::query(&sql).bind(municipality_id).fetch_all(pool).await?;
        rows.iter()
            .map(|row| {
                use sqlx::{FromRow, Row};
                Ok((
                    RevisionRecord::from_row(row)?,
                    row.try_get::<String, _>("organization_name")?,
                    row.try_get::<bool, _>("published")?,
                ))
            })
            .collect::<Result<Vec<_>, sqlx::Error>>()
    }
    .await
    .map_err(DbError::from_sqlx))?;
    // What parents read now, for every published program in the queue: one query, not one a row.
    let published_sql = format!(
        "SELECT p.id, p.organization_id, o.municipality_id, p.published, p.archived, p.{} \
         FROM programs p JOIN organizations o ON o.id = p.organization_id \
         WHERE p.published AND o.municipality_id = $1 AND EXISTS (SELECT 1 FROM program_revisions r \
             WHERE r.program_id = p.id AND r.state = 'waiting')",
        DATA_COLUMNS.replace(", ", ", p.")
    );
    let mut published: std::collections::HashMap<i64, ProgramData> =
        on_pool!(db, pool => sqlx::query_as::<_, ProgramRecord>(&published_sql)
            .bind(municipality_id)
            .fetch_all(pool)
            .await
            .map_err(DbError::from_sqlx))?
        .into_iter()
        .map(|p| (p.id, p.data))
        .collect();
    let queue = rows
        .into_iter()
        .map(|(revision, organization_name, is_published)| QueueRow {
            published: is_published
                .then(|| published.remove(&revision.program_id))
                .flatten(),
            revision,
            organization_name,
        })
        .collect();
    Ok(queue)
}

/// The organization's program of this title (as parents read it, or as it waits for МОЦ).
pub async fn find_by_title(
    db: &Database,
    organization_id: i64,
    title: &str,
) -> Result<Option<ProgramRecord>, DbError> {
    const SQL: &str = "\
        SELECT p.id FROM programs p WHERE p.organization_id = $1 AND (p.title = $2 OR EXISTS \
            (SELECT 1 FROM program_revisions r WHERE r.program_id = p.id AND r.title = $2 \
             AND r.state IN ('waiting', 'returned'))) ORDER BY p.id LIMIT 1";
    let id: Option<i64> = on_pool!(db, pool => sqlx::query_scalar(SQL)
        .bind(organization_id)
        .bind(title)
        .fetch_optional(pool)
        .await
        .map_err(DbError::from_sqlx))?;
    match id {
        Some(id) => find(db, id).await,
        None => Ok(None),
    }
}

/// Whether another program of the organization has the title (its published version or the one
/// waiting for МОЦ).
pub async fn title_taken(
    db: &Database,
    organization_id: i64,
    title: &str,
    except: i64,
) -> Result<bool, DbError> {
    const SQL: &str = "\
        SELECT EXISTS (SELECT 1 FROM programs WHERE organization_id = $1 AND title = $2 AND id <> $3) \
            OR EXISTS (SELECT 1 FROM program_revisions r JOIN programs p ON p.id = r.program_id \
                WHERE p.organization_id = $1 AND r.title = $2 AND r.program_id <> $3 \
                AND r.state IN ('waiting', 'returned'))";
    on_pool!(db, pool => sqlx::query_scalar::<_, bool>(SQL)
        .bind(organization_id)
        .bind(title)
        .bind(except)
        .fetch_one(pool)
        .await
        .map_err(DbError::from_sqlx))
}

/// The organization's full name and address.
pub async fn organization(db: &Database, id: i64) -> Result<Option<(String, String)>, DbError> {
    on_pool!(db, pool => sqlx::query_as::<_, (String, String)>("SELECT name, address FROM organizations WHERE id = $1")
        .bind(id)
        .fetch_optional(pool)
        .await
        .map_err(DbError::from_sqlx))
}

/// Archives a program: its open groups close (see `close_in!`), a pending version is withdrawn,
/// and parents no longer find it. Gives the cancellations, or `None` when already archived.
pub async fn archive(
    db: &Database,
    program_id: i64,
    reason: &str,
    actor: i64,
    now: DateTime<Utc>,
) -> Result<Option<Vec<Change>>, DbError> {
    on_pool!(db, pool => async {
        let mut tx = pool.begin_write().await?;
        let archived: Option<bool> = sqlx::query_scalar("SELECT archived FROM programs WHERE id = $1")
            .bind(program_id)
            .fetch_optional(&mut *tx)
            .await?;
        if archived != Some(false) {
            return Ok(None);
        }
        let groups: Vec<i64> = sqlx::query_scalar("SELECT id FROM study_groups WHERE program_id = $1 AND NOT closed ORDER BY id")
            .bind(program_id)
            .fetch_all(&mut *tx)
            .await?;
        let mut changes = Vec::new();
        for group_id in groups {
            hold_group!(db, tx, group_id);
            close_in!(tx, group_id, reason, actor, now, changes);
        }
        sqlx::query("UPDATE programs SET archived = TRUE, published = FALSE, updated_at = $1 WHERE id = $2")
            .bind(now)
            .bind(program_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE program_revisions SET state = 'withdrawn' WHERE program_id = $1 AND state IN ('waiting', 'returned')")
            .bind(program_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok::<_, sqlx::Error>(Some(changes))
    }
    .await
    .map_err(DbError::from_sqlx))
}

/// Active applications across the program's open groups.
pub async fn active_in_program(db: &Database, program_id: i64) -> Result<i64, DbError> {
    let sql =
        format!("SELECT COUNT(*) FROM applications WHERE program_id = $1 AND status IN {ACTIVE}");
    on_pool!(db, pool => sqlx::query_scalar::<_, i64>(&sql)
        .bind(program_id)
        .fetch_one(pool)
        .await
        .map_err(DbError::from_sqlx))
}
