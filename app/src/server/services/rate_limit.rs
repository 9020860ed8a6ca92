//! Limits on how often one address or one account may try something, across all servers.

use crate::error::AppError;
use crate::server::db::rate_limits;
use crate::server::state::AppState;
use chrono::Utc;

/// Counts a hit on `bucket` and refuses once more than `limit` hits fall in the current window of
/// `window_secs` seconds.
pub async fn check(
    state: &AppState,
    bucket: &str,
    limit: i64,
    window_secs: i64,
) -> Result<(), AppError> {
    let now = Utc::now().timestamp();
    let window_start = window_of(now, window_secs);
    let hits = rate_limits::hit(&state.db, bucket, window_start).await?;
    if hits == 1 {
        // The first hit of a window is a fine moment to forget windows that ended long ago.
        rate_limits::prune(&state.db, now - 86_400).await?;
    }
    if hits > limit {
        tracing::warn!(
            bucket_kind = bucket.split(':').next().unwrap_or(""),
            "rate limited"
        );
        return Err(AppError::RateLimited);
    }
    Ok(())
}

/// Takes back a hit counted by [`check`] when the attempt turned out to be legitimate (the right
/// password): a limit on guesses must not lock out someone who simply logs in often. Counting
/// first and forgiving after keeps the limit exact under concurrent guesses.
pub async fn forgive(state: &AppState, bucket: &str, window_secs: i64) -> Result<(), AppError> {
    let window_start = window_of(Utc::now().timestamp(), window_secs);
    rate_limits::forgive(&state.db, bucket, window_start).await?;
    Ok(())
}

fn window_of(now: i64, window_secs: i64) -> i64 {
    now - now.rem_euclid(window_secs)
}
