//! A page whose render stalls is rendered again. Leptos 0.8's server rendering can, rarely and
//! only under load, lose the wake-up of a `<Suspense>` and never finish a response (upstream:
//! leptos-rs/leptos#4673, #4851, #4866); the process stays healthy and a second render of the
//! same request completes. Pages wait for all their data before the first byte is sent
//! (`SsrMode::Async`), so a stalled render has sent nothing and may be started again.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::time::Duration;
use tokio::time::timeout;

/// Far beyond a normal render (milliseconds), short of a person giving up.
const PATIENCE: Duration = Duration::from_secs(15);

pub async fn render_patiently(request: Request<Body>, next: Next) -> Response {
    with_patience(PATIENCE, request, next).await
}

/// Pages only: server functions, files and exports have no `<Suspense>` to stall, and an export
/// may rightly take long.
pub(crate) fn is_page(path: &str) -> bool {
    !(path.starts_with("/api/")
        || path.starts_with("/pkg/")
        || path.contains("/export.")
        || path.ends_with("/document"))
}

/// Server functions, exports and documents get `limit` to answer; past it the client hears that
/// the server did not make it (the work is dropped, and with it any open transaction).
pub async fn answer_in_time(limit: Duration, request: Request<Body>, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    if is_page(&path) || path.starts_with("/pkg/") {
        return next.run(request).await;
    }
    match timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::warn!(path, "answer took too long");
            if path.starts_with("/api/") {
                use leptos::server_fn::error::FromServerFnError;
                (
                    StatusCode::SERVICE_UNAVAILABLE,
                    [(axum::http::header::CONTENT_TYPE, "application/json")],
                    app::error::AppError::Internal.ser(),
                )
                    .into_response()
            } else {
                unavailable()
            }
        }
    }
}

async fn with_patience(patience: Duration, request: Request<Body>, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    if !is_page(&path) {
        return next.run(request).await;
    }
    // A GET changes nothing: it is safe to render again. A form post may have made its change
    // already; it is answered with a plain refusal instead of being repeated.
    let again = (request.method() == Method::GET).then(|| copy(&request));
    match timeout(patience, next.clone().run(request)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::warn!(path, "page render stalled");
            match again {
                Some(request) => match timeout(patience, next.run(request)).await {
                    Ok(response) => response,
                    Err(_) => unavailable(),
                },
                None => unavailable(),
            }
        }
    }
}

/// The same GET again: method, address, headers and the connection's details.
fn copy(request: &Request<Body>) -> Request<Body> {
    let mut again = Request::builder()
        .method(request.method().clone())
        .uri(request.uri().clone())
        .version(request.version())
        .body(Body::empty())
        .unwrap_or_default();
    *again.headers_mut() = request.headers().clone();
    if let Some(info) = request
        .extensions()
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
    {
        again.extensions_mut().insert(*info);
    }
    // The headers already promise this nonce: the second render's scripts must carry it too.
    if let Some(nonce) = request
        .extensions()
        .get::<crate::security_headers::RequestNonce>()
    {
        again.extensions_mut().insert(nonce.clone());
    }
    again
}

fn unavailable() -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        "Сервер не успел ответить. Обновите страницу через минуту",
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::routing::{get, post};
    use axum::Router;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    use tower::ServiceExt;

    /// A page whose first render never finishes, as the upstream race leaves one.
    fn stalling_once(calls: Arc<AtomicUsize>) -> Router {
        let handler = move || {
            let calls = calls.clone();
            async move {
                if calls.fetch_add(1, Ordering::SeqCst) == 0 {
                    std::future::pending::<()>().await;
                }
                "страница"
            }
        };
        Router::new()
            .route("/page", get(handler.clone()))
            .route("/form", post(handler))
            .layer(axum::middleware::from_fn(|r, n| {
                with_patience(Duration::from_millis(50), r, n)
            }))
    }

    #[tokio::test]
    async fn a_server_function_past_its_time_is_answered_with_a_russian_error() {
        let slow = || async {
            tokio::time::sleep(Duration::from_secs(5)).await;
            "поздно"
        };
        let app = Router::new()
            .route("/api/slow", get(slow))
            .route("/page", get(|| async { "страница" }))
            .layer(axum::middleware::from_fn(|r, n| {
                answer_in_time(Duration::from_millis(50), r, n)
            }));
        let response = app
            .clone()
            .oneshot(Request::get("/api/slow").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        let body = axum::body::to_bytes(response.into_body(), 1024)
            .await
            .unwrap();
        let error: app::error::AppError = serde_json::from_slice(&body).unwrap();
        assert_eq!(error, app::error::AppError::Internal);
        let page = app
            .oneshot(Request::get("/page").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(
            page.status(),
            StatusCode::OK,
            "pages have their own patience"
        );
    }

    #[test]
    fn only_pages_are_timed() {
        assert!(is_page("/operator/families"));
        assert!(!is_page("/api/operator/families"));
        assert!(!is_page("/operator/applications/export.xlsx"));
        assert!(!is_page("/operator/municipality-changes/document"));
    }

    #[tokio::test]
    async fn a_stalled_page_is_rendered_again() {
        let calls = Arc::new(AtomicUsize::new(0));
        let response = stalling_once(calls.clone())
            .oneshot(Request::get("/page").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(calls.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn a_stalled_form_post_is_refused_not_repeated() {
        let calls = Arc::new(AtomicUsize::new(0));
        let response = stalling_once(calls.clone())
            .oneshot(Request::post("/form").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }
}
