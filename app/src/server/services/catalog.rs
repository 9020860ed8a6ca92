//! The public catalogue.

use crate::contract::catalog::{
    CatalogSummary, FilterChoices, GroupCard, Named, OrganizationCard, ProgramDetails, ProgramPage,
    ProgramSummary,
};
use crate::domain::catalog_filter::{CatalogQuery, PAGE_SIZE};
use crate::domain::direction::Direction;
use crate::domain::enrolment::EnrolmentState;
use crate::domain::ids::{DistrictId, GroupId, OrganizationId, ProgramId};
use crate::domain::level::Level;
use crate::domain::organization_kind::OrganizationKind;
use crate::error::AppError;
use crate::server::db::{catalog as db, Database};
use crate::server::state::today_in_moscow;

#[tracing::instrument(skip_all, err(Debug))]
pub async fn list_programs(
    database: &Database,
    query: &CatalogQuery,
) -> Result<ProgramPage, AppError> {
    let filter = query.parse().map_err(AppError::Validation)?;
    let total = u64::try_from(db::count_programs(database, &filter).await?).unwrap_or(0);
    let pages = u32::try_from(total.div_ceil(PAGE_SIZE.into()))
        .unwrap_or(u32::MAX)
        .max(1);
    let rows = if filter.page > pages {
        Vec::new()
    } else {
        db::list_programs(database, &filter).await?
    };
    let items = rows.into_iter().map(summary).collect::<Result<_, _>>()?;
    Ok(ProgramPage {
        items,
        total,
        page: filter.page,
        pages,
    })
}

#[tracing::instrument(skip(database), err(Debug))]
pub async fn get_program(database: &Database, id: ProgramId) -> Result<ProgramDetails, AppError> {
    let row = db::find_program(database, id.0)
        .await?
        .ok_or(AppError::NotFound)?;
    let today = today_in_moscow();
    let groups = db::list_groups(database, id.0)
        .await?
        .into_iter()
        .map(|g| GroupCard {
            id: GroupId(g.id),
            name: g.name,
            schedule: g.schedule,
            teacher: g.teacher,
            age_min: age(g.age_min),
            age_max: age(g.age_max),
            capacity: count(g.capacity.into()),
            free_seats: count(i64::from(g.capacity) - i64::from(g.occupied)),
            starts_on: g.starts_on,
            enrolment_opens: g.enrolment_opens,
            enrolment_closes: g.enrolment_closes,
            enrolment: EnrolmentState::on(today, g.enrolment_opens, g.enrolment_closes),
        })
        .collect();
    Ok(ProgramDetails {
        id: ProgramId(row.id),
        title: row.title,
        direction: direction(&row.direction)?,
        level: level(&row.level)?,
        age_min: age(row.age_min),
        age_max: age(row.age_max),
        price_rub: price(row.is_free, row.price_rub),
        description: row.description,
        organization: OrganizationCard {
            id: OrganizationId(row.organization_id),
            name: row.organization_name,
            kind: OrganizationKind::from_code(&row.organization_kind)
                .ok_or_else(|| corrupt("kind"))?,
            address: row.address,
            district: row.district_name,
            phone: row.phone,
            email: row.email,
            website: row.website,
            opening_hours: row.opening_hours,
        },
        groups,
    })
}

#[tracing::instrument(skip_all, err(Debug))]
pub async fn options(database: &Database) -> Result<FilterChoices, AppError> {
    let organizations = db::list_organizations(database)
        .await?
        .into_iter()
        .map(|r| Named {
            id: OrganizationId(r.id),
            name: r.name,
        })
        .collect();
    let districts = db::list_districts(database)
        .await?
        .into_iter()
        .map(|r| Named {
            id: DistrictId(r.id),
            name: r.name,
        })
        .collect();
    Ok(FilterChoices {
        organizations,
        districts,
    })
}

#[tracing::instrument(skip_all, err(Debug))]
pub async fn overview(database: &Database) -> Result<CatalogSummary, AppError> {
    let counts = db::count_by_direction(database).await?;
    let directions = Direction::ALL
        .into_iter()
        .map(|d| {
            let n = counts
                .iter()
                .find(|c| c.direction == d.code())
                .map_or(0, |c| c.programs);
            (d, u64::try_from(n).unwrap_or(0))
        })
        .collect();
    let (organizations, free_seats) = db::totals(database).await?;
    Ok(CatalogSummary {
        directions,
        organizations: u64::try_from(organizations).unwrap_or(0),
        free_seats: u64::try_from(free_seats).unwrap_or(0),
    })
}

fn summary(row: db::ProgramSummaryRow) -> Result<ProgramSummary, AppError> {
    Ok(ProgramSummary {
        id: ProgramId(row.id),
        title: row.title,
        direction: direction(&row.direction)?,
        level: level(&row.level)?,
        age_min: age(row.age_min),
        age_max: age(row.age_max),
        price_rub: price(row.is_free, row.price_rub),
        organization_name: row.organization_name,
        district_name: row.district_name,
        group_count: count(row.group_count),
        free_seats: count(row.free_seats),
    })
}

fn direction(code: &str) -> Result<Direction, AppError> {
    Direction::from_code(code).ok_or_else(|| corrupt("direction"))
}

fn level(code: &str) -> Result<Level, AppError> {
    Level::from_code(code).ok_or_else(|| corrupt("level"))
}

/// The schema's CHECK constraints keep ages within 0..=18.
fn age(value: i32) -> u8 {
    u8::try_from(value.clamp(0, 18)).unwrap_or(0)
}

/// A stored count as the contract carries it (counts are never negative; a huge one saturates).
pub(super) fn count(value: i64) -> u32 {
    u32::try_from(value.max(0)).unwrap_or(u32::MAX)
}

fn price(is_free: bool, price: Option<i32>) -> Option<u32> {
    if is_free {
        None
    } else {
        price.and_then(|p| u32::try_from(p).ok())
    }
}

/// A stored code the schema should have refused: a bug, logged, shown as an internal error.
fn corrupt(column: &str) -> AppError {
    tracing::error!(column, "unknown code stored in the catalogue");
    AppError::Internal
}
