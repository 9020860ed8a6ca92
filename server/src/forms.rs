//! Form posts without JavaScript: the body is decoded and the page at the same address is rendered
//! with it, so the page can answer with errors next to the fields, the next step, or a redirect.
//! A form with a file (`multipart/form-data`) hands its files to the page render as well.

use crate::router::ServerState;
use app::contract::upload::{PostedFile, PostedFiles};
use app::shell;
use app::ui::forms::FormSubmission;
use axum::body::{to_bytes, Body};
use axum::extract::State;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use leptos::prelude::provide_context;

/// Forms are small; anything larger is not a form of ours.
const MAX_FORM_BYTES: usize = 64 * 1024;
/// A form with a scanned document: the document and the fields around it.
const MAX_UPLOAD_BYTES: u64 = 6 * 1024 * 1024;

pub async fn render_posted_form(
    State(state): State<ServerState>,
    request: Request<Body>,
) -> Response {
    let (parts, body) = request.into_parts();
    let boundary = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .filter(|t| t.starts_with("multipart/form-data"))
        .and_then(|t| multer::parse_boundary(t).ok());
    let read = match boundary {
        Some(boundary) => read_multipart(body, boundary).await,
        None => match to_bytes(body, MAX_FORM_BYTES).await {
            Ok(bytes) => Ok((
                form_urlencoded::parse(&bytes).into_owned().collect(),
                Vec::new(),
            )),
            Err(_) => Err(()),
        },
    };
    let Ok((fields, files)) = read else {
        return (
            StatusCode::PAYLOAD_TOO_LARGE,
            "Форма слишком большая: файл — не больше 5 МБ",
        )
            .into_response();
    };
    let submission = FormSubmission(fields);
    let files = PostedFiles(files);
    let app = state.app.clone();
    let options = state.leptos_options.clone();
    let handler = leptos_axum::render_app_async_with_context(
        move || {
            provide_context(app.clone());
            provide_context(submission.clone());
            provide_context(files.clone());
            crate::security_headers::provide_request_nonce();
        },
        move || shell(options.clone()),
    );
    handler(Request::from_parts(parts, Body::empty())).await
}

/// The text fields and the files of a `multipart/form-data` body, within the upload limit.
async fn read_multipart(
    body: Body,
    boundary: String,
) -> Result<(Vec<(String, String)>, Vec<PostedFile>), ()> {
    let limits = multer::Constraints::new().size_limit(
        multer::SizeLimit::new()
            .whole_stream(MAX_UPLOAD_BYTES)
            .per_field(MAX_UPLOAD_BYTES),
    );
    let mut multipart =
        multer::Multipart::with_constraints(body.into_data_stream(), boundary, limits);
    let (mut fields, mut files) = (Vec::new(), Vec::new());
    while let Some(field) = multipart.next_field().await.map_err(|_| ())? {
        let name = field.name().unwrap_or_default().to_owned();
        match field.file_name().map(str::to_owned) {
            Some(file_name) => {
                let content_type = field
                    .content_type()
                    .map_or_else(String::new, ToString::to_string);
                let bytes = field.bytes().await.map_err(|_| ())?;
                // A file input left empty still sends a part, with no name and no bytes.
                if !file_name.is_empty() && !bytes.is_empty() {
                    files.push(PostedFile {
                        field: name,
                        file_name,
                        content_type,
                        bytes: bytes.to_vec(),
                    });
                }
            }
            None => fields.push((name, field.text().await.map_err(|_| ())?)),
        }
    }
    Ok((fields, files))
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
