//! Applications, their history and the seats they hold.
//!
//! Capacity is the database's: `study_groups.occupied` counts the applications that hold a seat,
//! a `CHECK` keeps it within `capacity`, and every change of it happens in a write transaction
//! that holds the group (SQLite: `BEGIN IMMEDIATE`; PostgreSQL: the group's row `FOR UPDATE`), so
//! applications to one group, operators' moves and freed seats are applied one after another.

use super::{on_pool, BeginWrite, Database, DbError};
use crate::domain::application::status::{Actor, Status};
use chrono::{DateTime, NaiveDate, Utc};

/// A group as the apply form and its rules need it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct GroupForApply {
    pub id: i64,
    pub program_id: i64,
    pub organization_id: i64,
    pub program_title: String,
    pub name: String,
    pub age_min: i32,
    pub age_max: i32,
    pub starts_on: NaiveDate,
    pub enrolment_opens: NaiveDate,
    pub enrolment_closes: NaiveDate,
    pub capacity: i32,
    pub occupied: i32,
}

pub async fn group_for_apply(
    db: &Database,
    group_id: i64,
) -> Result<Option<GroupForApply>, DbError> {
    on_pool!(db, pool => sqlx::query_as::<_, GroupForApply>(
        "SELECT g.id, g.program_id, p.organization_id, p.title AS program_title, g.name, g.age_min, \
         g.age_max, g.starts_on, g.enrolment_opens, g.enrolment_closes, g.capacity, g.occupied \
         FROM study_groups g JOIN programs p ON p.id = g.program_id \
         WHERE g.id = $1 AND NOT g.closed AND p.published AND NOT p.archived",
    )
    .bind(group_id)
    .fetch_optional(pool)
    .await
    .map_err(DbError::from_sqlx))
}

pub struct NewApplication {
    pub child_id: i64,
    pub group_id: i64,
    pub program_id: i64,
    pub organization_id: i64,
    pub account_id: i64,
    pub now: DateTime<Utc>,
}

/// A status change made in a transaction, for the notifications sent after it commits.
#[derive(Debug, Clone)]
pub struct Change {
    pub application_id: i64,
    pub account_id: i64,
    pub from: Option<Status>,
    pub to: Status,
    pub reason: Option<String>,
}

/// Holds the group for the rest of the transaction (PostgreSQL; SQLite's writer lock already does).
macro_rules! hold_group {
    ($db:expr, $tx:expr, $group_id:expr) => {
        if let Database::Postgres(_) = $db {
            sqlx::query("SELECT id FROM study_groups WHERE id = $1 FOR UPDATE")
                .bind($group_id)
                .execute(&mut *$tx)
                .await?;
        }
    };
}

/// Takes a seat if one is free and nobody waits for it; otherwise the application joins the
/// waiting list. Returns the application's id and status. A second active application of the
/// child to the program is refused by the unique index (`DbError::UniqueViolation`).
pub async fn apply(db: &Database, new: &NewApplication) -> Result<(i64, Status), DbError> {
    on_pool!(db, pool => async {
        let mut tx = pool.begin_write().await?;
        hold_group!(db, tx, new.group_id);
        // Read under the group's lock: a group closed a moment ago takes no application.
        let closed: bool = sqlx::query_scalar("SELECT closed FROM study_groups WHERE id = $1")
            .bind(new.group_id)
            .fetch_one(&mut *tx)
            .await
            .map_err(DbError::from_sqlx)?;
        if closed {
            return Err(DbError::Gone);
        }
        let seated = sqlx::query(
            "UPDATE study_groups SET occupied = occupied + 1 WHERE id = $1 AND occupied < capacity \
             AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.group_id = $1 AND a.status = 'queued')",
        )
        .bind(new.group_id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        let status = if seated { Status::New } else { Status::Queued };
        let reason = crate::domain::application::status::submitted_reason(status);
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO applications (child_id, group_id, program_id, organization_id, account_id, \
             status, reason, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
        )
        .bind(new.child_id)
        .bind(new.group_id)
        .bind(new.program_id)
        .bind(new.organization_id)
        .bind(new.account_id)
        .bind(status.code())
        .bind(reason)
        .bind(new.now)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO application_events (application_id, from_status, to_status, actor, \
             actor_account_id, reason, created_at) VALUES ($1, NULL, $2, 'parent', $3, $4, $5)",
        )
        .bind(id)
        .bind(status.code())
        .bind(new.account_id)
        .bind(reason)
        .bind(new.now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok::<_, DbError>((id, status))
    }
    .await)
}

/// Offers one free seat of the group to the first in its waiting list, if anyone waits: the seat
/// is taken for the offer and the application becomes «offered» until the offer runs out. Gives the
/// change made. A macro, so that it expands for each driver's transaction type.
macro_rules! offer_next {
    ($tx:expr, $group_id:expr, $now:expr, $offer_for:expr) => {{
        let group_id: i64 = $group_id;
        let first: Option<(i64, i64)> = sqlx::query_as(
            "SELECT id, account_id FROM applications WHERE group_id = $1 AND status = 'queued' ORDER BY id LIMIT 1",
        )
        .bind(group_id)
        .fetch_optional(&mut *$tx)
        .await?;
        match first {
            Some((next_id, next_account)) => {
                sqlx::query("UPDATE study_groups SET occupied = occupied + 1 WHERE id = $1")
                    .bind(group_id)
                    .execute(&mut *$tx)
                    .await?;
                let reason = crate::domain::application::status::Action::Offer.own_reason();
                set_status!($tx, next_id, Status::Queued, Status::Offered, Actor::System, None::<i64>, reason, Some($now + $offer_for), $now);
                Some(Change {
                    application_id: next_id,
                    account_id: next_account,
                    from: Some(Status::Queued),
                    to: Status::Offered,
                    reason: reason.map(str::to_owned),
                })
            }
            None => None,
        }
    }};
}
pub(super) use offer_next;

/// Writes a status and its history line; the status is changed only from `from`, which the
/// transaction read, so nothing is overwritten unseen. A macro, so that it expands for each
/// driver's transaction type.
macro_rules! set_status {
    ($tx:expr, $id:expr, $from:expr, $to:expr, $actor:expr, $actor_account:expr, $reason:expr, $expires:expr, $now:expr) => {{
        let (from, to): (Status, Status) = ($from, $to);
        let reason: Option<&str> = $reason;
        sqlx::query(
            "UPDATE applications SET status = $1, reason = $2, offer_expires_at = $3, updated_at = $4 \
             WHERE id = $5 AND status = $6",
        )
        .bind(to.code())
        .bind(reason)
        .bind($expires)
        .bind($now)
        .bind($id)
        .bind(from.code())
        .execute(&mut *$tx)
        .await?;
        sqlx::query(
            "INSERT INTO application_events (application_id, from_status, to_status, actor, \
             actor_account_id, reason, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind($id)
        .bind(from.code())
        .bind(to.code())
        .bind(actor_code($actor))
        .bind($actor_account)
        .bind(reason)
        .bind($now)
        .execute(&mut *$tx)
        .await?;
    }};
}

pub(super) use hold_group;
pub(super) use set_status;

pub(super) fn actor_code(actor: Actor) -> &'static str {
    match actor {
        Actor::Parent => "parent",
        Actor::Operator => "operator",
        Actor::System => "system",
    }
}

/// What a move asks of the database.
pub struct Move<'a> {
    pub application_id: i64,
    pub actor: Actor,
    pub actor_account_id: Option<i64>,
    pub reason: Option<&'a str>,
    pub now: DateTime<Utc>,
    /// How long a freed seat is offered to the first in line.
    pub offer_for: chrono::Duration,
}

/// Why a move did not happen.
#[derive(Debug)]
pub enum MoveError {
    NotFound,
    /// The state machine refused the move from the current status.
    Refused(&'static str),
    /// An offer needs a free seat and there is none.
    NoSeat,
    Db(DbError),
}

impl From<sqlx::Error> for MoveError {
    fn from(e: sqlx::Error) -> Self {
        MoveError::Db(DbError::from_sqlx(e))
    }
}

#[derive(sqlx::FromRow)]
struct Current {
    group_id: i64,
    account_id: i64,
    status: String,
}

/// Moves one application: `decide` turns the status read inside the transaction into the next
/// one (the domain's state machine), the seat follows, and a seat freed in the group is offered
/// to the first in its waiting list in the same transaction. Returns every change made.
pub async fn move_application(
    db: &Database,
    m: &Move<'_>,
    decide: impl Fn(Status) -> Result<Status, &'static str>,
) -> Result<Vec<Change>, MoveError> {
    on_pool!(db, pool => async {
        let mut tx = pool.begin_write().await?;
        let group_id: Option<i64> = sqlx::query_scalar("SELECT group_id FROM applications WHERE id = $1")
            .bind(m.application_id)
            .fetch_optional(&mut *tx)
            .await?;
        let Some(group_id) = group_id else {
            return Err(MoveError::NotFound);
        };
        hold_group!(db, tx, group_id);
        let current: Current = sqlx::query_as("SELECT group_id, account_id, status FROM applications WHERE id = $1")
            .bind(m.application_id)
            .fetch_one(&mut *tx)
            .await?;
        let from = Status::from_code(&current.status).ok_or(MoveError::NotFound)?;
        let to = decide(from).map_err(MoveError::Refused)?;
        let mut changes = Vec::new();
        if !from.holds_seat() && to.holds_seat() {
            let taken = sqlx::query("UPDATE study_groups SET occupied = occupied + 1 WHERE id = $1 AND occupied < capacity")
                .bind(current.group_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if taken == 0 {
                return Err(MoveError::NoSeat);
            }
        }
        let expires = (to == Status::Offered).then(|| m.now + m.offer_for);
        set_status!(tx, m.application_id, from, to, m.actor, m.actor_account_id, m.reason, expires, m.now);
        changes.push(Change {
            application_id: m.application_id,
            account_id: current.account_id,
            from: Some(from),
            to,
            reason: m.reason.map(str::to_owned),
        });
        if from.holds_seat() && !to.holds_seat() {
            sqlx::query("UPDATE study_groups SET occupied = occupied - 1 WHERE id = $1")
                .bind(current.group_id)
                .execute(&mut *tx)
                .await?;
            changes.extend(offer_next!(tx, current.group_id, m.now, m.offer_for));
        }
        tx.commit().await?;
        Ok(changes)
    }
    .await)
}

/// Offers whose time ran out, oldest first.
pub async fn expired_offers(db: &Database, now: DateTime<Utc>) -> Result<Vec<i64>, DbError> {
    on_pool!(db, pool => sqlx::query_scalar(
        "SELECT id FROM applications WHERE status = 'offered' AND offer_expires_at < $1 ORDER BY offer_expires_at LIMIT 500",
    )
    .bind(now)
    .fetch_all(pool)
    .await
    .map_err(DbError::from_sqlx))
}

/// An application as its family sees it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FamilyApplication {
    pub id: i64,
    pub child_id: i64,
    pub program_id: i64,
    pub program_title: String,
    pub organization_name: String,
    pub group_name: String,
    pub schedule: String,
    pub status: String,
    pub reason: Option<String>,
    pub offer_expires_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    /// The place in the waiting list, counted now: those ahead of it leave, it moves up.
    pub position: Option<i64>,
}

/// The place of application `a` in its group's waiting list, counted now (those ahead of it
/// leave, it moves up); NULL for an application not in the list. A macro, to join string constants.
macro_rules! queue_position {
    () => {
        "CASE WHEN a.status = 'queued' THEN (SELECT COUNT(*) FROM applications q \
         WHERE q.group_id = a.group_id AND q.status = 'queued' AND q.id <= a.id) END AS position"
    };
}
pub(super) use queue_position;

const FAMILY_COLUMNS: &str = concat!(
    "a.id, a.child_id, a.program_id, p.title AS program_title, \
     o.short_name AS organization_name, gr.name AS group_name, gr.schedule, a.status, a.reason, \
     a.offer_expires_at, a.created_at, ",
    queue_position!()
);

const FAMILY_JOINS: &str = "FROM applications a \
    JOIN child_guardians cg ON cg.child_id = a.child_id \
    JOIN study_groups gr ON gr.id = a.group_id \
    JOIN programs p ON p.id = a.program_id \
    JOIN organizations o ON o.id = a.organization_id";

/// The applications of every child in the account's cabinet, newest first.
pub async fn of_account(db: &Database, account_id: i64) -> Result<Vec<FamilyApplication>, DbError> {
    let sql = format!(
        "SELECT {FAMILY_COLUMNS} {FAMILY_JOINS} WHERE cg.account_id = $1 ORDER BY a.id DESC"
    );
    on_pool!(db, pool => sqlx::query_as::<_, FamilyApplication>(&sql)
        .bind(account_id)
        .fetch_all(pool)
        .await
        .map_err(DbError::from_sqlx))
}

/// One application, if it belongs to a child in the account's cabinet.
pub async fn of_account_one(
    db: &Database,
    account_id: i64,
    application_id: i64,
) -> Result<Option<FamilyApplication>, DbError> {
    let sql =
        format!("SELECT {FAMILY_COLUMNS} {FAMILY_JOINS} WHERE cg.account_id = $1 AND a.id = $2");
    on_pool!(db, pool => sqlx::query_as::<_, FamilyApplication>(&sql)
        .bind(account_id)
        .bind(application_id)
        .fetch_optional(pool)
        .await
        .map_err(DbError::from_sqlx))
}

/// One line of an application's history.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EventRow {
    pub application_id: i64,
    pub from_status: Option<String>,
    pub to_status: String,
    pub actor: String,
    pub reason: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// The history of every application of the account's children, oldest line first.
pub async fn events_of_account(db: &Database, account_id: i64) -> Result<Vec<EventRow>, DbError> {
    on_pool!(db, pool => sqlx::query_as::<_, EventRow>(
        "SELECT e.application_id, e.from_status, e.to_status, e.actor, e.reason, e.created_at \
         FROM application_events e JOIN applications a ON a.id = e.application_id \
         JOIN child_guardians cg ON cg.child_id = a.child_id \
         WHERE cg.account_id = $1 ORDER BY e.application_id, e.id",
    )
    .bind(account_id)
    .fetch_all(pool)
    .await
    .map_err(DbError::from_sqlx))
}

/// What a notification about one application names.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Subject {
    pub child_given_name: String,
    pub child_surname: String,
    pub program_title: String,
    pub group_name: String,
    pub organization_name: String,
    pub offer_expires_at: Option<DateTime<Utc>>,
    pub position: Option<i64>,
}

pub async fn subject(db: &Database, application_id: i64) -> Result<Option<Subject>, DbError> {
    on_pool!(db, pool => sqlx::query_as::<_, Subject>(concat!(
        "SELECT c.given_name AS child_given_name, c.surname AS child_surname, p.title AS program_title, \
         gr.name AS group_name, o.short_name AS organization_name, a.offer_expires_at, ",
        queue_position!(),
        " FROM applications a JOIN children c ON c.id = a.child_id \
         JOIN study_groups gr ON gr.id = a.group_id JOIN programs p ON p.id = a.program_id \
         JOIN organizations o ON o.id = a.organization_id WHERE a.id = $1",
    ))
    .bind(application_id)
    .fetch_optional(pool)
    .await
    .map_err(DbError::from_sqlx))
}

/// Whether the child has a probable-duplicate flag still under review.
pub async fn child_under_review(db: &Database, child_id: i64) -> Result<bool, DbError> {
    on_pool!(db, pool => sqlx::query_scalar::<_, bool>(
        "SELECT EXISTS (SELECT 1 FROM duplicate_flags WHERE child_id = $1 AND resolved_at IS NULL)",
    )
    .bind(child_id)
    .fetch_one(pool)
    .await
    .map_err(DbError::from_sqlx))
}
