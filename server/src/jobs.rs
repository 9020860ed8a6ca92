//! Work the server does beside the requests.

use app::server::services::applications::expire_offers;
use app::server::state::AppState;
use std::time::Duration;

/// Passes seats whose offer ran out to the next in line, every `period` (a minute by default).
/// Every server process runs this; each offer moves once, so they never step on each other.
pub async fn expire_offers_every(state: AppState, period: Duration) {
    let mut tick = tokio::time::interval(period);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        match expire_offers(&state).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(expired = n, "seat offers passed on"),
            Err(error) => tracing::warn!(?error, "seat offers not checked"),
        }
    }
}
