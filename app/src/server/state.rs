//! The state every server function and page render reaches through Leptos context.

use super::auth::tokens::Signer;
use super::db::Database;
use super::mail::Mailer;
use crate::error::AppError;
use chrono::NaiveDate;
use std::sync::Arc;

/// Settings the services need, decided at start-up.
#[derive(Debug, Clone)]
pub struct ServiceSettings {
    /// The address people open, for links in letters, without a trailing slash.
    pub public_url: String,
    /// `Secure` on cookies: on everywhere but plain-HTTP development.
    pub secure_cookies: bool,
    /// `environment = production`: the demo password opens no account.
    pub production: bool,
    /// Whether to trust `X-Forwarded-For` from a reverse proxy for the client's address.
    pub trust_forwarded_for: bool,
    /// How long a freed seat stays offered to the first in a waiting list.
    pub offer_for: chrono::Duration,
    /// Log-in attempts one client address may make in 15 minutes.
    pub login_attempts_per_address: i64,
    /// Registration steps one client address may submit in 10 minutes.
    pub registrations_per_address: i64,
    /// Duplicate checks and added children one client address may submit in 10 minutes.
    pub child_checks_per_address: i64,
    /// Family look-ups one operator may make in an hour.
    pub family_lookups_per_hour: i64,
    /// How long a session of an account holding a role lives without being used.
    pub operator_idle: chrono::Duration,
    /// How long a server function or an export may take to answer.
    pub request_timeout: std::time::Duration,
}

#[derive(Clone)]
pub struct AppState {
    pub db: Database,
    pub mailer: Mailer,
    pub signer: Signer,
    pub settings: Arc<ServiceSettings>,
}

impl AppState {
    /// The state of the current request; missing state is a wiring bug, reported as `Internal`.
    pub fn current() -> Result<Self, AppError> {
        leptos::prelude::use_context::<AppState>().ok_or_else(|| {
            tracing::error!("AppState is not provided to this request");
            AppError::Internal
        })
    }

    /// A link into the site for a letter.
    pub fn link(&self, path_and_query: &str) -> String {
        format!("{}{path_and_query}", self.settings.public_url)
    }
}

/// Today's date in Moscow, where every institution of the region works.
pub fn today_in_moscow() -> NaiveDate {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Moscow)
        .date_naive()
}

/// The start of a day in Moscow, as an instant: where a filter's period by Moscow dates begins.
pub fn moscow_midnight(day: NaiveDate) -> chrono::DateTime<chrono::Utc> {
    use chrono::TimeZone;
    let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    chrono_tz::Europe::Moscow
        .from_local_datetime(&midnight)
        .earliest()
        .map_or_else(|| midnight.and_utc(), |t| t.with_timezone(&chrono::Utc))
}

/// «ДД.ММ.ГГГГ ЧЧ:ММ» in Moscow time.
pub fn moscow_time(at: chrono::DateTime<chrono::Utc>) -> String {
    at.with_timezone(&chrono_tz::Europe::Moscow)
        .format("%d.%m.%Y %H:%M")
        .to_string()
}
