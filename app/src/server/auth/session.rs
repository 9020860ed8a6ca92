//! The session cookie: HttpOnly, SameSite=Lax, Secure outside development; a fresh token at every
//! log-in; only the token's hash in the database, so that several servers share sessions.

use super::tokens::{random_token, token_hash};
use crate::error::AppError;
use crate::server::db::sessions;
use crate::server::state::AppState;
use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::HeaderValue;
use chrono::{Duration, Utc};
use cookie::{time, Cookie, SameSite};
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;

pub const COOKIE_NAME: &str = "kruzhok_session";
const SESSION_DAYS: i64 = 30;

/// The session token the browser sent with this request, if any.
pub fn session_token() -> Option<String> {
    token_in(&use_context::<Parts>()?.headers)
}

/// The session token among `headers`, for handlers outside a page render.
pub fn token_in(headers: &axum::http::HeaderMap) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|header| Cookie::split_parse(header.to_owned()).flatten())
        .find(|c| c.name() == COOKIE_NAME)
        .map(|c| c.value().to_owned())
}

/// The signed-in account of this request.
pub async fn current_account_id(state: &AppState) -> Result<Option<i64>, AppError> {
    match use_context::<Parts>() {
        Some(parts) => account_of_headers(state, &parts.headers).await,
        None => Ok(None),
    }
}

/// The signed-in account of a request's `headers`, for handlers outside a page render.
pub async fn account_of_headers(
    state: &AppState,
    headers: &axum::http::HeaderMap,
) -> Result<Option<i64>, AppError> {
    let Some(token) = token_in(headers) else {
        return Ok(None);
    };
    Ok(live_session(state, &token).await?.map(|s| s.account_id))
}

/// The live session of a token: unexpired, and not idle too long if the account holds a role.
pub async fn live_session(
    state: &AppState,
    token: &str,
) -> Result<Option<sessions::Live>, AppError> {
    Ok(sessions::live(
        &state.db,
        &token_hash(token),
        Utc::now(),
        state.settings.operator_idle,
    )
    .await?)
}

/// Signs `account_id` in with a new session, ending the browser's previous one.
pub async fn start_session(state: &AppState, account_id: i64) -> Result<(), AppError> {
    if let Some(old) = session_token() {
        sessions::delete(&state.db, &token_hash(&old)).await?;
    }
    let token = random_token();
    let now = Utc::now();
    sessions::insert(
        &state.db,
        &token_hash(&token),
        account_id,
        now + Duration::days(SESSION_DAYS),
        now,
    )
    .await?;
    set_cookie(state, &token, time::Duration::days(SESSION_DAYS));
    Ok(())
}

/// Signs the browser out.
pub async fn end_session(state: &AppState) -> Result<(), AppError> {
    if let Some(token) = session_token() {
        sessions::delete(&state.db, &token_hash(&token)).await?;
    }
    set_cookie(state, "", time::Duration::ZERO);
    Ok(())
}

fn set_cookie(state: &AppState, value: &str, max_age: time::Duration) {
    let cookie = Cookie::build((COOKIE_NAME, value.to_owned()))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.settings.secure_cookies)
        .max_age(max_age)
        .build();
    if let (Some(response), Ok(header)) = (
        use_context::<ResponseOptions>(),
        HeaderValue::from_str(&cookie.to_string()),
    ) {
        response.append_header(SET_COOKIE, header);
    }
}

/// The client's address for rate limits and the audit log.
pub fn client_address(state: &AppState) -> String {
    let Some(parts) = use_context::<Parts>() else {
        return "unknown".to_owned();
    };
    let peer = parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0);
    address_of(state, &parts.headers, peer)
}

/// The client's address of a request: the socket peer, or — behind a trusted reverse proxy — the
/// last `X-Forwarded-For` entry. The proxy appends the address it saw to whatever the client
/// sent, so only the last entry is the proxy's word; the first ones are the client's own claims.
pub fn address_of(
    state: &AppState,
    headers: &axum::http::HeaderMap,
    peer: Option<std::net::SocketAddr>,
) -> String {
    if state.settings.trust_forwarded_for {
        let last = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .rfind(|hop| !hop.is_empty());
        if let Some(last) = last {
            return last.to_owned();
        }
    }
    peer.map_or_else(|| "unknown".to_owned(), |p| p.ip().to_string())
}
