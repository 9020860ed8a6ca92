//! Catalogue reads: the filtered program list, one program with its groups, and the filter options.

use super::params::{bind_params, Param, Params};
use super::{on_pool, Database, DbError};
use crate::domain::catalog_filter::{CatalogFilter, Cost, PAGE_SIZE};
use crate::domain::search::{prefix_upper_bound, query_terms};
use chrono::NaiveDate;

#[derive(Debug, sqlx::FromRow)]
pub struct ProgramSummaryRow {
    pub id: i64,
    pub title: String,
    pub direction: String,
    pub level: String,
    pub age_min: i32,
    pub age_max: i32,
    pub is_free: bool,
    pub price_rub: Option<i32>,
    pub organization_name: String,
    pub district_name: Option<String>,
    pub group_count: i64,
    pub free_seats: i64,
}

#[derive(Debug, sqlx::FromRow)]
pub struct ProgramRow {
    pub id: i64,
    pub title: String,
    pub direction: String,
    pub level: String,
    pub age_min: i32,
    pub age_max: i32,
    pub is_free: bool,
    pub price_rub: Option<i32>,
    pub description: String,
    pub organization_id: i64,
    pub organization_name: String,
    pub organization_kind: String,
    pub address: String,
    pub phone: String,
    pub email: Option<String>,
    pub website: Option<String>,
    pub opening_hours: String,
    pub district_name: Option<String>,
}

#[derive(Debug, sqlx::FromRow)]
pub struct GroupRow {
    pub id: i64,
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
}

#[derive(Debug, sqlx::FromRow)]
pub struct NamedRow {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, sqlx::FromRow)]
pub struct DirectionCountRow {
    pub direction: String,
    pub programs: i64,
}

const SUMMARY_COLUMNS: &str = "\
    p.id, p.title, p.direction, p.level, p.age_min, p.age_max, p.is_free, p.price_rub, \
    o.short_name AS organization_name, d.name AS district_name, \
    (SELECT COUNT(*) FROM study_groups g WHERE g.program_id = p.id AND NOT g.closed) AS group_count, \
    (SELECT COALESCE(SUM(g.capacity - g.occupied), 0) FROM study_groups g \
        WHERE g.program_id = p.id AND NOT g.closed) AS free_seats";

/// A program parents may find.
const VISIBLE: &str = "p.published AND NOT p.archived";

const FROM_PROGRAMS: &str = "\
    FROM programs p \
    JOIN organizations o ON o.id = p.organization_id \
    LEFT JOIN districts d ON d.id = o.district_id";

/// The `WHERE` clause of a filter, with its values.
pub fn filter_clause(filter: &CatalogFilter) -> (String, Params) {
    let mut params = Params::default();
    // Parents see published programs only (issue 23); a change waiting for МОЦ is not in the row.
    let mut conditions: Vec<String> = vec![VISIBLE.into()];
    if let Some(direction) = filter.direction {
        let p = params.push(Param::Text(direction.code().into()));
        conditions.push(format!("p.direction = {p}"));
    }
    if let Some(age) = filter.age {
        let a = params.push(Param::Int(age.into()));
        let b = params.push(Param::Int(age.into()));
        conditions.push(format!("p.age_min <= {a} AND p.age_max >= {b}"));
    }
    if let Some(org) = filter.organization {
        let p = params.push(Param::Int(org.0));
        conditions.push(format!("p.organization_id = {p}"));
    }
    if let Some(district) = filter.district {
        let p = params.push(Param::Int(district.0));
        conditions.push(format!("o.district_id = {p}"));
    }
    if let Some(cost) = filter.cost {
        let p = params.push(Param::Bool(cost == Cost::Free));
        conditions.push(format!("p.is_free = {p}"));
    }
    if filter.with_free_seats {
        conditions.push(
            "EXISTS (SELECT 1 FROM study_groups g \
             WHERE g.program_id = p.id AND NOT g.closed AND g.occupied < g.capacity)"
                .into(),
        );
    }
    for term in query_terms(&filter.text) {
        let hi_bound = prefix_upper_bound(&term);
        let lo = params.push(Param::Text(term));
        let hi = params.push(Param::Text(hi_bound));
        conditions.push(format!(
            "p.id IN (SELECT t.program_id FROM program_terms t WHERE t.term >= {lo} AND t.term < {hi})"
        ));
    }
    (format!("WHERE {}", conditions.join(" AND ")), params)
}

/// The SQL of one page of the list, with its values; shared with the query-plan check.
pub fn page_sql(filter: &CatalogFilter) -> (String, Params) {
    let (clause, mut params) = filter_clause(filter);
    let limit = params.push(Param::Int(PAGE_SIZE.into()));
    let offset = params.push(Param::Int(filter.offset().into()));
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} {FROM_PROGRAMS} {clause} \
         ORDER BY p.title, p.id LIMIT {limit} OFFSET {offset}"
    );
    (sql, params)
}

pub async fn count_programs(db: &Database, filter: &CatalogFilter) -> Result<i64, DbError> {
    let (clause, params) = filter_clause(filter);
    let sql = format!("SELECT COUNT(*) {FROM_PROGRAMS} {clause}");
    on_pool!(db, pool => bind_params!(sqlx::query_scalar::<_, i64>(&sql), params)
        .fetch_one(pool)
        .await
        .map_err(DbError::from_sqlx))
}

pub async fn list_programs(
    db: &Database,
    filter: &CatalogFilter,
) -> Result<Vec<ProgramSummaryRow>, DbError> {
    let (sql, params) = page_sql(filter);
    on_pool!(db, pool => bind_params!(sqlx::query_as::<_, ProgramSummaryRow>(&sql), params)
        .fetch_all(pool)
        .await
        .map_err(DbError::from_sqlx))
}

pub async fn find_program(db: &Database, id: i64) -> Result<Option<ProgramRow>, DbError> {
    const SQL: &str = "\
        SELECT p.id, p.title, p.direction, p.level, p.age_min, p.age_max, p.is_free, p.price_rub, \
               p.description, o.id AS organization_id, o.name AS organization_name, \
               o.kind AS organization_kind, o.address, o.phone, o.email, o.website, \
               o.opening_hours, d.name AS district_name \
        FROM programs p \
        JOIN organizations o ON o.id = p.organization_id \
        LEFT JOIN districts d ON d.id = o.district_id \
        WHERE p.id = $1 AND p.published AND NOT p.archived";
    on_pool!(db, pool => sqlx::query_as::<_, ProgramRow>(SQL)
        .bind(id)
        .fetch_optional(pool)
        .await
        .map_err(DbError::from_sqlx))
}

pub async fn list_groups(db: &Database, program_id: i64) -> Result<Vec<GroupRow>, DbError> {
    const SQL: &str = "\
        SELECT id, name, schedule, teacher, age_min, age_max, capacity, occupied, starts_on, \
               enrolment_opens, enrolment_closes \
        FROM study_groups WHERE program_id = $1 AND NOT closed ORDER BY name, id";
    on_pool!(db, pool => sqlx::query_as::<_, GroupRow>(SQL)
        .bind(program_id)
        .fetch_all(pool)
        .await
        .map_err(DbError::from_sqlx))
}

/// Organizations that run at least one program, by short name.
pub async fn list_organizations(db: &Database) -> Result<Vec<NamedRow>, DbError> {
    const SQL: &str = "\
        SELECT o.id, o.short_name AS name FROM organizations o \
        WHERE EXISTS (SELECT 1 FROM programs p WHERE p.organization_id = o.id \
            AND p.published AND NOT p.archived) \
        ORDER BY o.short_name, o.id";
    on_pool!(db, pool => sqlx::query_as::<_, NamedRow>(SQL)
        .fetch_all(pool)
        .await
        .map_err(DbError::from_sqlx))
}

pub async fn list_districts(db: &Database) -> Result<Vec<NamedRow>, DbError> {
    const SQL: &str = "SELECT id, name FROM districts ORDER BY name, id";
    on_pool!(db, pool => sqlx::query_as::<_, NamedRow>(SQL)
        .fetch_all(pool)
        .await
        .map_err(DbError::from_sqlx))
}

pub async fn count_by_direction(db: &Database) -> Result<Vec<DirectionCountRow>, DbError> {
    const SQL: &str = "\
        SELECT direction, COUNT(*) AS programs FROM programs p \
        WHERE p.published AND NOT p.archived GROUP BY direction ORDER BY direction";
    on_pool!(db, pool => sqlx::query_as::<_, DirectionCountRow>(SQL)
        .fetch_all(pool)
        .await
        .map_err(DbError::from_sqlx))
}

/// Organizations with programs and the seats free across all groups.
pub async fn totals(db: &Database) -> Result<(i64, i64), DbError> {
    const SQL: &str = "\
        SELECT (SELECT COUNT(DISTINCT organization_id) FROM programs p \
                   WHERE p.published AND NOT p.archived) AS organizations, \
               (SELECT COALESCE(SUM(g.capacity - g.occupied), 0) FROM study_groups g \
                   JOIN programs p ON p.id = g.program_id \
                   WHERE NOT g.closed AND p.published AND NOT p.archived) AS free_seats";
    on_pool!(db, pool => sqlx::query_as::<_, (i64, i64)>(SQL)
        .fetch_one(pool)
        .await
        .map_err(DbError::from_sqlx))
}
