//! The state every server function and page render reaches through Leptos context.

use super::db::Database;
use crate::error::AppError;
use chrono::NaiveDate;

#[derive(Clone)]
pub struct AppState {
    pub db: Database,
}

impl AppState {
    pub fn new(db: Database) -> Self {
        Self { db }
    }

    /// The state of the current request; missing state is a wiring bug, reported as `Internal`.
    pub fn current() -> Result<Self, AppError> {
        leptos::prelude::use_context::<AppState>().ok_or_else(|| {
            tracing::error!("AppState is not provided to this request");
            AppError::Internal
        })
    }
}

/// Today's date in Moscow, where every institution of the region works.
pub fn today_in_moscow() -> NaiveDate {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Moscow)
        .date_naive()
}
