//! Writes reference and demo data. Every insert is keyed by a natural key and skips rows that
//! exist, so running the seed again changes nothing.

use super::programs::write_terms;
use super::seed_data::{DemoData, MunicipalitySeed};
use super::{on_pool, BeginWrite, Database, DbError};

/// What one run of the seed added.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SeedReport {
    pub municipalities: u64,
    pub districts: u64,
    pub organizations: u64,
    pub programs: u64,
    pub groups: u64,
}

pub async fn apply(
    db: &Database,
    municipalities: &[MunicipalitySeed],
    demo: &DemoData,
) -> Result<SeedReport, DbError> {
    on_pool!(db, pool => async {
        let mut report = SeedReport::default();
        let mut tx = pool.begin_write().await?;
        for m in municipalities {
            report.municipalities += sqlx::query(
                "INSERT INTO municipalities (name, kind, sort_order) VALUES ($1, $2, $3) \
                 ON CONFLICT (name) DO NOTHING",
            )
            .bind(m.name)
            .bind(m.kind)
            .bind(m.sort_order)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        }
        let city_id: i64 = sqlx::query_scalar("SELECT id FROM municipalities WHERE name = $1")
            .bind(demo.municipality)
            .fetch_one(&mut *tx)
            .await?;
        let mut district_ids = Vec::new();
        for name in &demo.districts {
            report.districts += sqlx::query(
                "INSERT INTO districts (municipality_id, name) VALUES ($1, $2) \
                 ON CONFLICT (municipality_id, name) DO NOTHING",
            )
            .bind(city_id)
            .bind(*name)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            let id: i64 = sqlx::query_scalar(
                "SELECT id FROM districts WHERE municipality_id = $1 AND name = $2",
            )
            .bind(city_id)
            .bind(*name)
            .fetch_one(&mut *tx)
            .await?;
            district_ids.push(id);
        }
        for org in &demo.organizations {
            report.organizations += sqlx::query(
                "INSERT INTO organizations (municipality_id, district_id, kind, name, short_name, \
                 address, phone, email, website, opening_hours) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
                 ON CONFLICT (municipality_id, name) DO NOTHING",
            )
            .bind(city_id)
            .bind(district_ids[org.district])
            .bind(org.kind.code())
            .bind(&org.name)
            .bind(&org.short_name)
            .bind(&org.address)
            .bind(&org.phone)
            .bind(&org.email)
            .bind(org.website.clone())
            .bind(org.opening_hours)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            let org_id: i64 = sqlx::query_scalar(
                "SELECT id FROM organizations WHERE municipality_id = $1 AND name = $2",
            )
            .bind(city_id)
            .bind(&org.name)
            .fetch_one(&mut *tx)
            .await?;
            for program in &org.programs {
                let inserted = sqlx::query(
                    "INSERT INTO programs (organization_id, title, direction, level, age_min, \
                     age_max, is_free, price_rub, description) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
                     ON CONFLICT (organization_id, title) DO NOTHING",
                )
                .bind(org_id)
                .bind(program.title)
                .bind(program.direction.code())
                .bind(program.level.code())
                .bind(program.age_min)
                .bind(program.age_max)
                .bind(program.price_rub.is_none())
                .bind(program.price_rub)
                .bind(&program.description)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                report.programs += inserted;
                let program_id: i64 = sqlx::query_scalar(
                    "SELECT id FROM programs WHERE organization_id = $1 AND title = $2",
                )
                .bind(org_id)
                .bind(program.title)
                .fetch_one(&mut *tx)
                .await?;
                let searchable = format!(
                    "{} {} {} {} {}",
                    program.title,
                    program.direction.label(),
                    org.short_name,
                    org.name,
                    program.description
                );
                write_terms!(tx, program_id, searchable);
                for group in &program.groups {
                    report.groups += sqlx::query(
                        "INSERT INTO study_groups (program_id, name, schedule, teacher, age_min, \
                         age_max, capacity, occupied, starts_on, enrolment_opens, enrolment_closes) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
                         ON CONFLICT (program_id, name) DO NOTHING",
                    )
                    .bind(program_id)
                    .bind(&group.name)
                    .bind(group.schedule)
                    .bind(group.teacher)
                    .bind(group.age_min)
                    .bind(group.age_max)
                    .bind(group.capacity)
                    .bind(group.occupied)
                    .bind(group.starts_on)
                    .bind(group.enrolment_opens)
                    .bind(group.enrolment_closes)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                }
            }
        }
        tx.commit().await?;
        Ok::<_, sqlx::Error>(report)
    }
    .await
    .map_err(DbError::from_sqlx))
}
