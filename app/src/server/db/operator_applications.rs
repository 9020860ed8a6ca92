//! The applications of one organization, as its operators filter, page and export them.

use super::applications::queue_position;
use super::params::{bind_params, Param, Params};
use super::{on_pool, Database, DbError};
use chrono::{DateTime, NaiveDate, Utc};

/// A checked filter; every part is optional but the organization.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub organization_id: i64,
    pub program_id: Option<i64>,
    pub group_id: Option<i64>,
    pub status: Option<&'static str>,
    pub created_from: Option<DateTime<Utc>>,
    pub created_before: Option<DateTime<Utc>>,
    /// A normalised prefix of the child's surname or name.
    pub child: Option<String>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Row {
    pub id: i64,
    pub child_surname: String,
    pub child_given_name: String,
    pub child_patronymic: Option<String>,
    pub child_birth_date: NaiveDate,
    pub program_title: String,
    pub group_name: String,
    pub status: String,
    pub reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub position: Option<i64>,
    pub parent_name: String,
    pub parent_phone: String,
    pub parent_email: String,
}

const COLUMNS: &str = concat!(
    "a.id, c.surname AS child_surname, c.given_name AS child_given_name, \
     c.patronymic AS child_patronymic, c.birth_date AS child_birth_date, p.title AS program_title, \
     gr.name AS group_name, a.status, a.reason, a.created_at, ",
    queue_position!(),
    ", (ac.surname || ' ' || ac.given_name) AS parent_name, ac.phone AS parent_phone, \
     ac.email AS parent_email"
);

const JOINS: &str = "FROM applications a JOIN children c ON c.id = a.child_id \
    JOIN study_groups gr ON gr.id = a.group_id JOIN programs p ON p.id = a.program_id \
    JOIN accounts ac ON ac.id = a.account_id";

fn clause(filter: &Filter, params: &mut Params) -> String {
    let mut parts = vec![format!(
        "a.organization_id = {}",
        params.push(Param::Int(filter.organization_id))
    )];
    if let Some(p) = filter.program_id {
        parts.push(format!("a.program_id = {}", params.push(Param::Int(p))));
    }
    if let Some(g) = filter.group_id {
        parts.push(format!("a.group_id = {}", params.push(Param::Int(g))));
    }
    if let Some(s) = filter.status {
        parts.push(format!(
            "a.status = {}",
            params.push(Param::Text(s.to_owned()))
        ));
    }
    if let Some(t) = filter.created_from {
        parts.push(format!("a.created_at >= {}", params.push(Param::Time(t))));
    }
    if let Some(t) = filter.created_before {
        parts.push(format!("a.created_at < {}", params.push(Param::Time(t))));
    }
    if let Some(c) = &filter.child {
        let like = params.push(Param::Text(format!("{}%", c.replace(['%', '_'], ""))));
        parts.push(format!(
            "(c.surname_norm LIKE {like} OR c.given_name_norm LIKE {like})"
        ));
    }
    parts.join(" AND ")
}

/// One page, newest first, and the number of all that match.
pub async fn page(
    db: &Database,
    filter: &Filter,
    offset: i64,
    limit: i64,
) -> Result<(Vec<Row>, i64), DbError> {
    let mut params = Params::default();
    let clause = clause(filter, &mut params);
    let count_sql = format!("SELECT COUNT(*) {JOINS} WHERE {clause}");
    let total: i64 = on_pool!(db, pool => bind_params!(sqlx::query_scalar(&count_sql), params)
        .fetch_one(pool)
        .await
        .map_err(DbError::from_sqlx))?;
    let (o, l) = (
        params.push(Param::Int(offset)),
        params.push(Param::Int(limit)),
    );
    let sql =
        format!("SELECT {COLUMNS} {JOINS} WHERE {clause} ORDER BY a.id DESC LIMIT {l} OFFSET {o}");
    let rows = on_pool!(db, pool => bind_params!(sqlx::query_as::<_, Row>(&sql), params)
        .fetch_all(pool)
        .await
        .map_err(DbError::from_sqlx))?;
    Ok((rows, total))
}

/// The next `limit` rows after `after_id` in id order: an export reads the list chunk by chunk,
/// never all of it at once.
pub async fn chunk(
    db: &Database,
    filter: &Filter,
    after_id: i64,
    limit: i64,
) -> Result<Vec<Row>, DbError> {
    let mut params = Params::default();
    let clause = clause(filter, &mut params);
    let (a, l) = (
        params.push(Param::Int(after_id)),
        params.push(Param::Int(limit)),
    );
    let sql =
        format!("SELECT {COLUMNS} {JOINS} WHERE {clause} AND a.id > {a} ORDER BY a.id LIMIT {l}");
    on_pool!(db, pool => bind_params!(sqlx::query_as::<_, Row>(&sql), params)
        .fetch_all(pool)
        .await
        .map_err(DbError::from_sqlx))
}

/// The child of an application to the organization; `None` for another organization's.
pub async fn child_of(
    db: &Database,
    organization_id: i64,
    application_id: i64,
) -> Result<Option<i64>, DbError> {
    on_pool!(db, pool => sqlx::query_scalar::<_, i64>(
        "SELECT child_id FROM applications WHERE id = $1 AND organization_id = $2",
    )
    .bind(application_id)
    .bind(organization_id)
    .fetch_optional(pool)
    .await
    .map_err(DbError::from_sqlx))
}

/// The organization's programs and groups, for the filter's choices.
pub async fn groups_of(
    db: &Database,
    organization_id: i64,
) -> Result<Vec<(i64, String, i64, String)>, DbError> {
    on_pool!(db, pool => sqlx::query_as(
        "SELECT p.id, p.title, g.id, g.name FROM programs p JOIN study_groups g ON g.program_id = p.id \
         WHERE p.organization_id = $1 ORDER BY p.title, g.name",
    )
    .bind(organization_id)
    .fetch_all(pool)
    .await
    .map_err(DbError::from_sqlx))
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CancelReason {
    pub id: i64,
    pub code: String,
    pub title: String,
    pub message: String,
    pub needs_comment: bool,
    pub is_active: bool,
}

/// The dictionary of cancel reasons, in its order.
pub async fn cancel_reasons(db: &Database) -> Result<Vec<CancelReason>, DbError> {
    on_pool!(db, pool => sqlx::query_as::<_, CancelReason>(
        "SELECT id, code, title, message, needs_comment, is_active FROM cancel_reasons ORDER BY sort_order, id",
    )
    .fetch_all(pool)
    .await
    .map_err(DbError::from_sqlx))
}

/// Adds a reason to the dictionary, at its end, under `code`, which no other reason has.
pub async fn insert_cancel_reason(
    db: &Database,
    code: &str,
    title: &str,
    message: &str,
    needs_comment: bool,
) -> Result<i64, DbError> {
    on_pool!(db, pool => async {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO cancel_reasons (code, title, message, needs_comment, sort_order) \
             VALUES ($1, $2, $3, $4, (SELECT COALESCE(MAX(sort_order), 0) + 1 FROM cancel_reasons)) RETURNING id",
        )
        .bind(code)
        .bind(title)
        .bind(message)
        .bind(needs_comment)
        .fetch_one(pool)
        .await?;
        Ok::<_, sqlx::Error>(id)
    }
    .await
    .map_err(DbError::from_sqlx))
}

pub async fn update_cancel_reason(
    db: &Database,
    id: i64,
    title: &str,
    message: &str,
    needs_comment: bool,
    is_active: bool,
) -> Result<bool, DbError> {
    on_pool!(db, pool => sqlx::query(
        "UPDATE cancel_reasons SET title = $1, message = $2, needs_comment = $3, is_active = $4 WHERE id = $5",
    )
    .bind(title)
    .bind(message)
    .bind(needs_comment)
    .bind(is_active)
    .bind(id)
    .execute(pool)
    .await
    .map(|r| r.rows_affected() == 1)
    .map_err(DbError::from_sqlx))
}
