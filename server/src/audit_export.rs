//! `/admin/audit/export.csv`: the audit log as the viewer filters it, streamed as CSV, for
//! administrators and МОЦ operators; the export itself is recorded in the log.

use crate::export::{attachment, internal};
use crate::router::ServerState;
use app::domain::audit::AuditQuery;
use app::server::auth::session::{address_of, token_in};
use app::server::services::audit_log::{described, export_chunk, filter_of, viewer, Names};
use app::server::services::roles::{acting_with_token, audit_from};
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use std::net::SocketAddr;

const COLUMNS: [&str; 8] = [
    "№",
    "Когда (МСК)",
    "Оператор",
    "Роль",
    "Действие",
    "Чьи данные",
    "Подробности",
    "Адрес",
];

pub async fn csv(
    State(state): State<ServerState>,
    ConnectInfo(address): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Query(query): Query<AuditQuery>,
) -> Response {
    let app = state.app;
    let acting = match token_in(&headers) {
        Some(token) => match acting_with_token(&app, &token).await {
            Ok(a) => a,
            Err(_) => return internal(),
        },
        None => None,
    };
    let Some(acting) = acting else {
        return Redirect::to("/login").into_response();
    };
    let municipality = match viewer(&acting) {
        Ok(m) => m,
        Err(e) => return (StatusCode::FORBIDDEN, e.to_string()).into_response(),
    };
    let parsed = match query.parse() {
        Ok(p) => p,
        Err(errors) => {
            let text: Vec<String> = errors.into_iter().map(|e| e.message).collect();
            return (
                StatusCode::BAD_REQUEST,
                format!("Проверьте фильтр: {}", text.join("; ")),
            )
                .into_response();
        }
    };
    let recorded = audit_from(
        &app.db,
        &acting,
        "export_audit",
        "audit_log",
        Some(&described(&query)),
        &address_of(&app, &headers, Some(address)),
    )
    .await;
    let names = match (recorded, Names::load(&app).await) {
        (Ok(()), Ok(names)) => names,
        _ => return internal(),
    };
    let filter = filter_of(&parsed, municipality);
    let body = crate::csv_body::csv_body(
        &COLUMNS,
        (app.db.clone(), filter, std::sync::Arc::new(names)),
        |(db, filter, names), after| {
            let (db, filter, names) = (db.clone(), filter.clone(), names.clone());
            async move {
                export_chunk(&db, &filter, after)
                    .await
                    .map(|rows| {
                        rows.into_iter()
                            .map(|r| {
                                let id = r.id;
                                let e = names.entry(r);
                                let cells = vec![
                                    e.id.to_string(),
                                    e.at,
                                    e.operator,
                                    e.role,
                                    e.action,
                                    e.subject,
                                    e.details.unwrap_or_default(),
                                    e.address,
                                ];
                                (id, cells)
                            })
                            .collect()
                    })
                    .map_err(|e| e.to_string())
            }
        },
    );
    attachment("text/csv; charset=utf-8", "zhurnal.csv", body)
}
