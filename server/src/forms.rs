//! Form posts without JavaScript: the body is decoded and the page at the same address is rendered
//! with it, so the page can answer with errors next to the fields, the next step, or a redirect.

use crate::router::ServerState;
use app::shell;
use app::ui::forms::FormSubmission;
use axum::body::{to_bytes, Body};
use axum::extract::State;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use leptos::prelude::provide_context;

/// Forms are small; anything larger is not a form of ours.
const MAX_FORM_BYTES: usize = 64 * 1024;

pub async fn render_posted_form(
    State(state): State<ServerState>,
    request: Request<Body>,
) -> Response {
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_FORM_BYTES).await else {
        return (StatusCode::PAYLOAD_TOO_LARGE, "Форма слишком большая").into_response();
    };
    let fields: Vec<(String, String)> = form_urlencoded::parse(&bytes).into_owned().collect();
    let submission = FormSubmission(fields);
    let app = state.app.clone();
    let options = state.leptos_options.clone();
    let handler = leptos_axum::render_app_async_with_context(
        move || {
            provide_context(app.clone());
            provide_context(submission.clone());
        },
        move || shell(options.clone()),
    );
    handler(Request::from_parts(parts, Body::empty())).await
}

/// Refuses a POST whose `Origin` is another site: with SameSite=Lax cookies this closes the
/// remaining cross-site request forgery paths.
pub fn foreign_origin(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let Some(host) = headers.get(header::HOST).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let origin_host = origin.split_once("://").map_or(origin, |(_, rest)| rest);
    origin_host != host
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(origin: Option<&str>, host: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_str(host).unwrap());
        if let Some(o) = origin {
            h.insert(header::ORIGIN, HeaderValue::from_str(o).unwrap());
        }
        h
    }

    #[test]
    fn the_same_site_and_no_origin_are_allowed() {
        assert!(!foreign_origin(&headers(
            Some("http://127.0.0.1:3000"),
            "127.0.0.1:3000"
        )));
        assert!(!foreign_origin(&headers(None, "127.0.0.1:3000")));
    }

    #[test]
    fn another_site_is_refused() {
        assert!(foreign_origin(&headers(
            Some("https://evil.example"),
            "kruzhok.ru"
        )));
        assert!(foreign_origin(&headers(Some("null"), "kruzhok.ru")));
    }
}
