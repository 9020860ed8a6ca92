//! Loads the reference data (all municipalities of the region) and the demo catalogue of г.о. Иваново.

use crate::error::AppError;
use crate::server::db::seed_data::{self, municipalities::MUNICIPALITIES};
use crate::server::db::{seed, Database};
use chrono::NaiveDate;

pub use seed::SeedReport;

/// Seeds for the academic year that contains `today`. Running it again adds nothing.
#[tracing::instrument(skip(database), err(Debug))]
pub async fn run(database: &Database, today: NaiveDate) -> Result<SeedReport, AppError> {
    let demo = seed_data::build(today);
    Ok(seed::apply(database, MUNICIPALITIES, &demo).await?)
}
