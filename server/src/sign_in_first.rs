//! Pages for the signed-in only send a visitor without a session to the log-in page before
//! anything is rendered. The pages redirect themselves too, but a redirect decided inside a
//! render reaches a browser without JavaScript only when the render keeps its response options,
//! which Leptos 0.8 under load does not always do; here it is a plain `303 See Other`.

use app::server::auth::session::account_of_headers;
use app::server::state::AppState;
use axum::body::Body;
use axum::extract::State;
use axum::http::{Method, Request};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

/// The sections whose every page needs a signed-in account.
const SIGNED_IN_SECTIONS: &[&str] = &["/cabinet", "/operator", "/admin", "/role"];

fn needs_account(path: &str) -> bool {
    // Downloads answer a missing session themselves, as server functions do.
    crate::patience::is_page(path)
        && SIGNED_IN_SECTIONS.iter().any(|section| {
            path.strip_prefix(section)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        })
}

pub async fn send_anonymous_to_login(
    State(state): State<AppState>,
    request: Request<Body>,
    next: Next,
) -> Response {
    let reading = matches!(*request.method(), Method::GET | Method::HEAD);
    if reading && needs_account(request.uri().path()) {
        // A database error is left to the page, which explains it.
        if let Ok(None) = account_of_headers(&state, request.headers()).await {
            return Redirect::to("/login").into_response();
        }
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::needs_account;

    #[test]
    fn only_the_signed_in_sections_need_an_account() {
        for path in [
            "/cabinet",
            "/cabinet/children/new",
            "/operator/families",
            "/admin/audit",
            "/role",
        ] {
            assert!(needs_account(path), "{path}");
        }
        for path in [
            "/",
            "/login",
            "/programs",
            "/help",
            "/cabinetx",
            "/operator/applications/export.csv",
            "/operator/municipality-changes/document",
        ] {
            assert!(!needs_account(path), "{path}");
        }
    }
}
