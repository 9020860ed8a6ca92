//! Study groups as institutions keep them (issue 23). Changes that touch seats hold the group as
//! applying does (`applications::hold_group`), so capacity and the waiting list never race with
//! parents applying or operators moving applications.

use super::applications::{actor_code, hold_group, offer_next, set_status, Change};
use super::{on_pool, BeginWrite, Database, DbError};
use crate::domain::application::status::{Actor, Status};
use chrono::{DateTime, NaiveDate, Utc};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct GroupRecord {
    pub id: i64,
    pub program_id: i64,
    pub name: String,
    pub schedule: String,
    pub teacher: String,
    pub age_min: i32,
    pub age_max: i32,
    pub capacity: i32,
    pub occupied: i32,
    pub starts_on: NaiveDate,
    pub enrolment_opens: NaiveDate,
    pub enrolment_closes: NaiveDate,
    pub closed: bool,
    pub waiting: i64,
    pub active: i64,
}

/// A group's fields as the form gives them.
pub struct GroupData<'a> {
    pub name: &'a str,
    pub teacher: &'a str,
    pub schedule: &'a str,
    pub age_min: i32,
    pub age_max: i32,
    pub capacity: i32,
    pub starts_on: NaiveDate,
    pub enrolment_opens: NaiveDate,
    pub enrolment_closes: NaiveDate,
}

/// Why a change of a group did not happen.
#[derive(Debug)]
pub enum GroupError {
    /// The new capacity is below the seats taken, which is this many.
    BelowTaken(i32),
    NotFound,
    Db(DbError),
}

impl From<sqlx::Error> for GroupError {
    fn from(e: sqlx::Error) -> Self {
        GroupError::Db(DbError::from_sqlx(e))
    }
}

/// The applications that are not finished: each is cancelled when its group closes.
pub(super) const ACTIVE: &str = "('new', 'confirmed', 'enrolled', 'queued', 'offered')";

/// Writes a new group of the program. A macro, so that it expands for each driver's transaction
/// type or pool.
macro_rules! insert_group_in {
    ($executor:expr, $program_id:expr, $g:expr) => {
        sqlx::query_scalar::<_, i64>(
            "INSERT INTO study_groups (program_id, name, schedule, teacher, age_min, age_max, capacity, \
             starts_on, enrolment_opens, enrolment_closes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
             RETURNING id",
        )
        .bind($program_id)
        .bind($g.name)
        .bind($g.schedule)
        .bind($g.teacher)
        .bind($g.age_min)
        .bind($g.age_max)
        .bind($g.capacity)
        .bind($g.starts_on)
        .bind($g.enrolment_opens)
        .bind($g.enrolment_closes)
        .fetch_one(&mut *$executor)
        .await?
    };
}
pub(super) use insert_group_in;

const GROUP_COLUMNS: &str = "\
    g.id, g.program_id, g.name, g.schedule, g.teacher, g.age_min, g.age_max, g.capacity, g.occupied, \
    g.starts_on, g.enrolment_opens, g.enrolment_closes, g.closed, \
    (SELECT COUNT(*) FROM applications a WHERE a.group_id = g.id AND a.status = 'queued') AS waiting, \
    (SELECT COUNT(*) FROM applications a WHERE a.group_id = g.id \
        AND a.status IN ('new', 'confirmed', 'enrolled', 'queued', 'offered')) AS active";

pub async fn groups_of(db: &Database, program_id: i64) -> Result<Vec<GroupRecord>, DbError> {
    let sql = format!(
        "SELECT {GROUP_COLUMNS} FROM study_groups g WHERE g.program_id = $1 ORDER BY g.closed, g.name, g.id"
    );
    on_pool!(db, pool => sqlx::query_as::<_, GroupRecord>(&sql)
        .bind(program_id)
        .fetch_all(pool)
        .await
        .map_err(DbError::from_sqlx))
}

pub async fn group(db: &Database, group_id: i64) -> Result<Option<GroupRecord>, DbError> {
    let sql = format!("SELECT {GROUP_COLUMNS} FROM study_groups g WHERE g.id = $1");
    on_pool!(db, pool => sqlx::query_as::<_, GroupRecord>(&sql)
        .bind(group_id)
        .fetch_optional(pool)
        .await
        .map_err(DbError::from_sqlx))
}

/// A new group of the program. A name the program already has is `DbError::UniqueViolation`.
pub async fn insert_group(
    db: &Database,
    program_id: i64,
    g: &GroupData<'_>,
) -> Result<i64, DbError> {
    on_pool!(db, pool => async {
        let mut connection = pool.acquire().await?;
        Ok::<_, sqlx::Error>(insert_group_in!(connection, program_id, g))
    }
    .await
    .map_err(DbError::from_sqlx))
}

/// Changes an open group. The capacity never goes below the seats taken, read under the group's
/// lock; seats it frees are offered to the waiting list in order, as a withdrawal's seat is.
/// Gives the offers made.
pub async fn update_group(
    db: &Database,
    group_id: i64,
    g: &GroupData<'_>,
    now: DateTime<Utc>,
    offer_for: chrono::Duration,
) -> Result<Vec<Change>, GroupError> {
    on_pool!(db, pool => async {
        let mut tx = pool.begin_write().await?;
        hold_group!(db, tx, group_id);
        let occupied: Option<i32> = sqlx::query_scalar("SELECT occupied FROM study_groups WHERE id = $1 AND NOT closed")
            .bind(group_id)
            .fetch_optional(&mut *tx)
            .await?;
        let Some(occupied) = occupied else {
            return Err(GroupError::NotFound);
        };
        if g.capacity < occupied {
            return Err(GroupError::BelowTaken(occupied));
        }
        sqlx::query(
            "UPDATE study_groups SET name = $1, schedule = $2, teacher = $3, age_min = $4, age_max = $5, \
             capacity = $6, starts_on = $7, enrolment_opens = $8, enrolment_closes = $9, updated_at = $10 \
             WHERE id = $11",
        )
        .bind(g.name)
        .bind(g.schedule)
        .bind(g.teacher)
        .bind(g.age_min)
        .bind(g.age_max)
        .bind(g.capacity)
        .bind(g.starts_on)
        .bind(g.enrolment_opens)
        .bind(g.enrolment_closes)
        .bind(now)
        .bind(group_id)
        .execute(&mut *tx)
        .await?;
        let mut changes = Vec::new();
        for _ in occupied..g.capacity {
            match offer_next!(tx, group_id, now, offer_for) {
                Some(change) => changes.push(change),
                None => break,
            }
        }
        tx.commit().await?;
        Ok(changes)
    }
    .await)
}

/// Closes a group: every active application is cancelled with `reason` (by `actor`), the seats
/// are released and the group takes no more applications. A macro, so that closing one group and
/// archiving a program share one transaction's code on each driver.
macro_rules! close_in {
    ($tx:expr, $group_id:expr, $reason:expr, $actor:expr, $now:expr, $changes:expr) => {{
        let group_id: i64 = $group_id;
        let active: Vec<(i64, i64, String)> = sqlx::query_as(&format!(
            "SELECT id, account_id, status FROM applications WHERE group_id = $1 AND status IN {ACTIVE} ORDER BY id"
        ))
        .bind(group_id)
        .fetch_all(&mut *$tx)
        .await?;
        for (id, account_id, status) in active {
            let Some(from) = Status::from_code(&status) else { continue };
            let reason: &str = $reason;
            set_status!($tx, id, from, Status::Cancelled, Actor::Operator, Some($actor), Some(reason), None::<DateTime<Utc>>, $now);
            $changes.push(Change {
                application_id: id,
                account_id,
                from: Some(from),
                to: Status::Cancelled,
                reason: Some(reason.to_owned()),
            });
        }
        sqlx::query("UPDATE study_groups SET closed = TRUE, occupied = 0, updated_at = $1 WHERE id = $2")
            .bind($now)
            .bind(group_id)
            .execute(&mut *$tx)
            .await?;
    }};
}
pub(super) use close_in;

/// Closes an open group (see `close_in!`). Gives the cancellations, or `None` for a group already
/// closed.
pub async fn close_group(
    db: &Database,
    group_id: i64,
    reason: &str,
    actor: i64,
    now: DateTime<Utc>,
) -> Result<Option<Vec<Change>>, DbError> {
    on_pool!(db, pool => async {
        let mut tx = pool.begin_write().await?;
        hold_group!(db, tx, group_id);
        let closed: Option<bool> = sqlx::query_scalar("SELECT closed FROM study_groups WHERE id = $1")
            .bind(group_id)
            .fetch_optional(&mut *tx)
            .await?;
        if closed != Some(false) {
            return Ok(None);
        }
        let mut changes = Vec::new();
        close_in!(tx, group_id, reason, actor, now, changes);
        tx.commit().await?;
        Ok::<_, sqlx::Error>(Some(changes))
    }
    .await
    .map_err(DbError::from_sqlx))
}
