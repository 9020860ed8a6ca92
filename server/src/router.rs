//! The HTTP router: pages and server functions through Leptos, `/healthz`, static files,
//! compression and a tracing span per request.

use app::server::state::AppState;
use app::{shell, App};
use axum::extract::{FromRef, State};
use axum::http::{Request, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{file_and_error_handler_with_context, generate_route_list, LeptosRoutes};
use tower_http::compression::CompressionLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

/// What axum hands to handlers: Leptos's options and the application state.
#[derive(Clone, FromRef)]
pub struct ServerState {
    pub leptos_options: LeptosOptions,
    pub app: AppState,
}

pub fn build(state: ServerState) -> Router {
    let routes = generate_route_list(App);
    let app_state = state.app.clone();
    let context = move || {
        provide_context(app_state.clone());
        crate::security_headers::provide_request_nonce();
    };
    let production = state.app.settings.production;
    let limit = state.app.settings.request_timeout;
    let options = state.leptos_options.clone();
    let mut router = Router::new()
        .route("/healthz", get(healthz))
        .route("/operator/applications/export.csv", get(crate::export::csv))
        .route(
            "/operator/applications/export.xlsx",
            get(crate::export::xlsx),
        )
        .route(
            "/operator/municipality-changes/document",
            get(crate::documents::change_document),
        )
        .route("/admin/audit/export.csv", get(crate::audit_export::csv));
    for path in app::ui::FORM_PAGES {
        router = router.route(path, post(crate::forms::render_posted_form));
    }
    router
        .leptos_routes_with_context(&state, routes, context.clone(), move || shell(options.clone()))
        .fallback(file_and_error_handler_with_context::<ServerState, _>(context, shell))
        .layer(middleware::from_fn(crate::patience::render_patiently))
        .layer(middleware::from_fn(move |r, n| {
            crate::patience::answer_in_time(limit, r, n)
        }))
        .layer(middleware::from_fn_with_state(
            state.app.clone(),
            crate::sign_in_first::send_anonymous_to_login,
        ))
        .layer(middleware::from_fn(refuse_foreign_posts))
        .layer(CompressionLayer::new())
        .layer(middleware::from_fn(move |r, n| {
            crate::security_headers::secure_headers(production, r, n)
        }))
        .layer(
            // The path only: query strings may carry what people typed.
            TraceLayer::new_for_http()
                .make_span_with(|request: &Request<_>| {
                    tracing::info_span!("request", method = %request.method(), path = %request.uri().path())
                })
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .with_state(state)
}

async fn refuse_foreign_posts(request: Request<axum::body::Body>, next: Next) -> Response {
    if request.method() == axum::http::Method::POST
        && crate::forms::foreign_origin(request.headers())
    {
        return (StatusCode::FORBIDDEN, "Запрос с другого сайта отклонён").into_response();
    }
    next.run(request).await
}

/// 200 when the database answers, 503 otherwise.
async fn healthz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match state.db.ping().await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(error) => {
            tracing::error!(error = ?error, "health check: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
