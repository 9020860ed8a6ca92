//! The audit log: appended to, never changed (the database refuses updates and deletes).

use super::params::{bind_params, Param, Params};
use super::{on_pool, Database, DbError};
use chrono::{DateTime, Utc};

pub struct Entry<'a> {
    pub actor_account_id: i64,
    pub actor_role: &'a str,
    pub action: &'a str,
    pub subject: &'a str,
    pub details: Option<&'a str>,
    pub address: &'a str,
    pub at: DateTime<Utc>,
}

pub async fn append(db: &Database, e: &Entry<'_>) -> Result<(), DbError> {
    on_pool!(db, pool => sqlx::query(
        "INSERT INTO audit_log (actor_account_id, actor_role, action, subject, details, address, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(e.actor_account_id)
    .bind(e.actor_role)
    .bind(e.action)
    .bind(e.subject)
    .bind(e.details)
    .bind(e.address)
    .bind(e.at)
    .execute(pool)
    .await
    .map(|_| ())
    .map_err(DbError::from_sqlx))
}

/// A checked filter of the viewer: every part optional.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only what operators of one municipality did (МОЦ's view): its МОЦ and its institutions.
    pub municipality: Option<i64>,
    pub operator_email: Option<String>,
    /// `(exact, Some((list prefix, id)))`: the subject, or a list of them that holds the id.
    pub subject: Option<(String, Option<(&'static str, i64)>)>,
    pub action: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub before: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Row {
    pub id: i64,
    pub created_at: DateTime<Utc>,
    pub operator_email: String,
    pub actor_role: String,
    pub action: String,
    pub subject: String,
    pub details: Option<String>,
    pub address: String,
}

const FROM: &str = "FROM audit_log l JOIN accounts a ON a.id = l.actor_account_id";

fn clause(f: &Filter, params: &mut Params) -> String {
    let mut parts = vec!["1 = 1".to_owned()];
    if let Some(m) = f.municipality {
        let tag = params.push(Param::Text(format!("moc_operator:{m}")));
        let m = params.push(Param::Int(m));
        parts.push(format!(
            "(l.actor_role = {tag} OR EXISTS (SELECT 1 FROM organizations o WHERE o.municipality_id = {m} \
             AND l.actor_role = 'institution_operator:' || CAST(o.id AS TEXT)))"
        ));
    }
    if let Some(e) = &f.operator_email {
        parts.push(format!(
            "a.email_canonical = {}",
            params.push(Param::Text(e.clone()))
        ));
    }
    if let Some((exact, list)) = &f.subject {
        let exact = params.push(Param::Text(exact.clone()));
        match list {
            Some((prefix, id)) => {
                let prefix = params.push(Param::Text(format!("{prefix}%")));
                let first = params.push(Param::Text(format!("%:{id},%")));
                let later = params.push(Param::Text(format!("%,{id},%")));
                parts.push(format!(
                    "(l.subject = {exact} OR (l.subject LIKE {prefix} AND \
                     (',' || l.subject || ',' LIKE {first} OR ',' || l.subject || ',' LIKE {later})))"
                ));
            }
            None => parts.push(format!("l.subject = {exact}")),
        }
    }
    if let Some(a) = &f.action {
        parts.push(format!(
            "l.action = {}",
            params.push(Param::Text(a.clone()))
        ));
    }
    if let Some(t) = f.from {
        parts.push(format!("l.created_at >= {}", params.push(Param::Time(t))));
    }
    if let Some(t) = f.before {
        parts.push(format!("l.created_at < {}", params.push(Param::Time(t))));
    }
    parts.join(" AND ")
}

const COLUMNS: &str =
    "l.id, l.created_at, a.email AS operator_email, l.actor_role, l.action, l.subject, \
    l.details, l.address";

/// One page of entries, newest first, and how many match in all.
pub async fn search(
    db: &Database,
    f: &Filter,
    limit: i64,
    offset: i64,
) -> Result<(Vec<Row>, i64), DbError> {
    let mut params = Params::default();
    let condition = clause(f, &mut params);
    let count_params = params.clone();
    let limit = params.push(Param::Int(limit));
    let offset = params.push(Param::Int(offset));
    let list = format!(
        "SELECT {COLUMNS} {FROM} WHERE {condition} ORDER BY l.id DESC LIMIT {limit} OFFSET {offset}"
    );
    let count = format!("SELECT COUNT(*) {FROM} WHERE {condition}");
    on_pool!(db, pool => async {
        let rows = bind_params!(sqlx::query_as::<_, Row>(&list), params).fetch_all(pool).await?;
        let total: i64 = bind_params!(sqlx::query_scalar(&count), count_params).fetch_one(pool).await?;
        Ok::<_, sqlx::Error>((rows, total))
    }
    .await
    .map_err(DbError::from_sqlx))
}

/// The next `limit` entries after `after_id`, oldest first, for the CSV export.
pub async fn chunk(
    db: &Database,
    f: &Filter,
    after_id: i64,
    limit: i64,
) -> Result<Vec<Row>, DbError> {
    let mut params = Params::default();
    let condition = clause(f, &mut params);
    let after = params.push(Param::Int(after_id));
    let limit = params.push(Param::Int(limit));
    let sql = format!(
        "SELECT {COLUMNS} {FROM} WHERE {condition} AND l.id > {after} ORDER BY l.id LIMIT {limit}"
    );
    on_pool!(db, pool => bind_params!(sqlx::query_as::<_, Row>(&sql), params)
        .fetch_all(pool)
        .await
        .map_err(DbError::from_sqlx))
}
