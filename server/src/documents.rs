//! `/operator/municipality-changes/document?id=`: the scan of a parent's application to change the
//! municipality, for the operators who may see that application; each opening is audited.

use crate::router::ServerState;
use app::error::AppError;
use app::server::auth::session::{address_of, token_in};
use app::server::services::municipality_changes::document;
use app::server::services::roles::acting_with_token;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use std::net::SocketAddr;

#[derive(serde::Deserialize)]
pub struct DocumentQuery {
    id: i64,
}

pub async fn change_document(
    State(state): State<ServerState>,
    ConnectInfo(address): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Query(query): Query<DocumentQuery>,
) -> Response {
    let db = &state.app.db;
    let acting = match token_in(&headers) {
        Some(token) => acting_with_token(&state.app, &token).await,
        None => Ok(None),
    };
    let acting = match acting {
        Ok(Some(a)) => a,
        Ok(None) => return Redirect::to("/login").into_response(),
        Err(e) => return refusal(e),
    };
    match document(
        db,
        &acting,
        query.id,
        &address_of(&state.app, &headers, Some(address)),
    )
    .await
    {
        Ok((name, kind, bytes)) => {
            // Always a download: the file is what someone uploaded, never shown as a page of ours.
            let disposition = format!(
                "attachment; filename=\"document\"; filename*=UTF-8''{}",
                percent_encode(&name)
            );
            let mut response = bytes.into_response();
            let h = response.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_str(&kind)
                    .unwrap_or(HeaderValue::from_static("application/octet-stream")),
            );
            if let Ok(v) = HeaderValue::from_str(&disposition) {
                h.insert(header::CONTENT_DISPOSITION, v);
            }
            h.insert(
                "x-content-type-options",
                HeaderValue::from_static("nosniff"),
            );
            h.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            );
            response
        }
        Err(e) => refusal(e),
    }
}

fn refusal(e: AppError) -> Response {
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, e.to_string()).into_response()
}

/// RFC 5987 encoding of a file name: everything but unreserved ASCII as `%XX`.
fn percent_encode(name: &str) -> String {
    name.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_encoded_for_the_header() {
        assert_eq!(percent_encode("scan-1.pdf"), "scan-1.pdf");
        assert_eq!(
            percent_encode("Заявление 1.pdf"),
            "%D0%97%D0%B0%D1%8F%D0%B2%D0%BB%D0%B5%D0%BD%D0%B8%D0%B5%201.pdf"
        );
    }
}
