//! Parents' requests to correct a child's data (R4) and the institutions' answers. The correction
//! itself is written by `children::update_checked`, which closes the request it answers.

use super::{on_pool, Database, DbError};
use chrono::{DateTime, NaiveDate, Utc};

/// What a parent asks for.
pub struct NewRequest<'a> {
    pub child_id: i64,
    pub account_id: i64,
    pub organization_id: i64,
    pub surname: &'a str,
    pub given_name: &'a str,
    pub patronymic: Option<&'a str>,
    pub sex: &'a str,
    pub birth_date: NaiveDate,
    pub snils: Option<&'a str>,
    pub birth_certificate: Option<&'a str>,
    pub comment: Option<&'a str>,
}

/// Records a request; `None` when one already waits for the child.
pub async fn insert(db: &Database, r: &NewRequest<'_>) -> Result<Option<i64>, DbError> {
    let inserted = on_pool!(db, pool => sqlx::query_scalar(
        "INSERT INTO correction_requests (child_id, account_id, organization_id, surname, given_name, \
         patronymic, sex, birth_date, snils, birth_certificate, comment) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
    )
    .bind(r.child_id)
    .bind(r.account_id)
    .bind(r.organization_id)
    .bind(r.surname)
    .bind(r.given_name)
    .bind(r.patronymic)
    .bind(r.sex)
    .bind(r.birth_date)
    .bind(r.snils)
    .bind(r.birth_certificate)
    .bind(r.comment)
    .fetch_one(pool)
    .await
    .map_err(DbError::from_sqlx));
    match inserted {
        Ok(id) => Ok(Some(id)),
        Err(DbError::UniqueViolation) => Ok(None),
        Err(other) => Err(other),
    }
}

/// A request with the child's data as registered now and the parent's contacts.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RequestRow {
    pub id: i64,
    pub child_id: i64,
    pub account_id: i64,
    pub organization_id: i64,
    pub organization_name: String,
    pub surname: String,
    pub given_name: String,
    pub patronymic: Option<String>,
    pub sex: String,
    pub birth_date: NaiveDate,
    pub snils: Option<String>,
    pub birth_certificate: Option<String>,
    pub comment: Option<String>,
    pub status: String,
    pub answer: Option<String>,
    pub created_at: DateTime<Utc>,
    pub now_surname: String,
    pub now_given_name: String,
    pub now_patronymic: Option<String>,
    pub now_sex: String,
    pub now_birth_date: NaiveDate,
    pub now_snils: Option<String>,
    pub now_birth_certificate: Option<String>,
    pub parent_email: String,
    pub parent_phone: String,
}

const SELECT: &str = "SELECT r.id, r.child_id, r.account_id, r.organization_id, o.short_name AS organization_name, \
    r.surname, r.given_name, r.patronymic, r.sex, r.birth_date, r.snils, r.birth_certificate, r.comment, \
    r.status, r.answer, r.created_at, c.surname AS now_surname, c.given_name AS now_given_name, \
    c.patronymic AS now_patronymic, c.sex AS now_sex, c.birth_date AS now_birth_date, c.snils AS now_snils, \
    c.birth_certificate AS now_birth_certificate, a.email AS parent_email, a.phone AS parent_phone \
    FROM correction_requests r JOIN children c ON c.id = r.child_id \
    JOIN accounts a ON a.id = r.account_id JOIN organizations o ON o.id = r.organization_id";

/// The requests sent to an organization: the waiting ones first, oldest first; then the latest
/// answered ones.
pub async fn inbox(
    db: &Database,
    organization_id: i64,
    limit: i64,
) -> Result<Vec<RequestRow>, DbError> {
    let sql = format!(
        "{SELECT} WHERE r.organization_id = $1 AND c.retired_at IS NULL \
         ORDER BY CASE WHEN r.status = 'new' THEN 0 ELSE 1 END, \
         CASE WHEN r.status = 'new' THEN r.id ELSE -r.id END LIMIT $2"
    );
    on_pool!(db, pool => sqlx::query_as::<_, RequestRow>(&sql)
        .bind(organization_id)
        .bind(limit)
        .fetch_all(pool)
        .await
        .map_err(DbError::from_sqlx))
}

pub async fn one(db: &Database, id: i64) -> Result<Option<RequestRow>, DbError> {
    let sql = format!("{SELECT} WHERE r.id = $1");
    on_pool!(db, pool => sqlx::query_as::<_, RequestRow>(&sql)
        .bind(id)
        .fetch_optional(pool)
        .await
        .map_err(DbError::from_sqlx))
}

/// The latest request of each child the account asked about, newest first.
pub async fn latest_of_account(db: &Database, account_id: i64) -> Result<Vec<RequestRow>, DbError> {
    let sql = format!(
        "{SELECT} WHERE r.id IN (SELECT MAX(id) FROM correction_requests WHERE account_id = $1 \
         GROUP BY child_id) ORDER BY r.id DESC"
    );
    on_pool!(db, pool => sqlx::query_as::<_, RequestRow>(&sql)
        .bind(account_id)
        .fetch_all(pool)
        .await
        .map_err(DbError::from_sqlx))
}

/// Refuses a waiting request of `organization_id`; `false` when it is not waiting there.
pub async fn reject(
    db: &Database,
    id: i64,
    organization_id: i64,
    answer: &str,
    by_account_id: i64,
    at: DateTime<Utc>,
) -> Result<bool, DbError> {
    on_pool!(db, pool => sqlx::query(
        "UPDATE correction_requests SET status = 'rejected', answer = $1, decided_by_account_id = $2, \
         decided_at = $3, updated_at = $3 WHERE id = $4 AND organization_id = $5 AND status = 'new'",
    )
    .bind(answer)
    .bind(by_account_id)
    .bind(at)
    .bind(id)
    .bind(organization_id)
    .execute(pool)
    .await
    .map(|r| r.rows_affected() == 1)
    .map_err(DbError::from_sqlx))
}
