//! Work the server does beside the requests.

use app::server::db::duplicates::Cancellable;
use app::server::services::applications::expire_offers;
use app::server::services::duplicate_decisions::cancel_duplicates;
use app::server::state::AppState;
use std::time::Duration;

/// Every `period` (a minute by default): passes seats whose offer ran out to the next in line, and
/// cancels what is left of a duplicate record's or account's applications when a server stopped
/// in the middle of resolving it. Every server process runs this; each application moves once, so they never
/// step on each other.
pub async fn periodic_jobs(state: AppState, period: Duration) {
    let mut tick = tokio::time::interval(period);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        match expire_offers(&state).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(expired = n, "seat offers passed on"),
            Err(error) => tracing::warn!(?error, "seat offers not checked"),
        }
        match cancel_duplicates(&state, Cancellable::All, None).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(cancelled = n, "applications of duplicate records cancelled"),
            Err(error) => tracing::warn!(?error, "applications of duplicate records not checked"),
        }
    }
}
