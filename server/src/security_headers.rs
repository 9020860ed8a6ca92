//! Headers every answer carries: a Content-Security-Policy whose per-request nonce the page's own
//! inline scripts (Leptos's hydration and resource scripts) carry, no framing, no MIME sniffing,
//! no referrer beyond the site, no caching of anything but the built static files, and HSTS in
//! production.

use axum::extract::Request;
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, REFERRER_POLICY, STRICT_TRANSPORT_SECURITY,
    X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use leptos::nonce::Nonce;
use leptos::prelude::{provide_context, use_context};

/// The nonce of this request's CSP, put into the request for the page render to use.
#[derive(Clone, Debug)]
pub(crate) struct RequestNonce(Nonce);

/// Makes the page render use this request's nonce (Leptos generates one of its own otherwise,
/// which the header would not know). Called in the render's context.
pub fn provide_request_nonce() {
    let nonce = use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<RequestNonce>().cloned());
    if let Some(RequestNonce(nonce)) = nonce {
        provide_context(nonce);
    }
}

/// The policy: scripts of the site and inline ones with the nonce, WebAssembly compiled from the
/// site's own file, styles from the site's stylesheet only; no plugins, no other site may frame
/// the pages or receive the forms.
pub fn policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// The built files of `target/site`: fingerprint-free but the same for every visitor.
fn is_static(path: &str) -> bool {
    path.starts_with("/pkg/") || path == "/favicon.ico"
}

/// Sets the headers; `production` adds HSTS (the site is served over HTTPS there).
pub async fn secure_headers(production: bool, mut request: Request, next: Next) -> Response {
    let nonce = Nonce::new();
    let csp = HeaderValue::from_str(&policy(&nonce)).ok();
    let is_static = is_static(request.uri().path());
    request.extensions_mut().insert(RequestNonce(nonce));
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if let Some(csp) = csp {
        headers.insert(CONTENT_SECURITY_POLICY, csp);
    }
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    if !is_static {
        // Pages and answers may carry a family's data: no browser or proxy keeps them.
        headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if production {
        headers.insert(
            STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_allows_inline_scripts_only_with_the_nonce_and_no_framing() {
        let p = policy("abc");
        assert!(p.contains("script-src 'self' 'nonce-abc' 'wasm-unsafe-eval'"));
        assert!(p.contains("frame-ancestors 'none'"));
        assert!(!p.contains("unsafe-inline"));
    }

    #[test]
    fn only_the_built_files_may_be_cached() {
        assert!(is_static("/pkg/kruzhok.wasm"));
        assert!(!is_static("/cabinet"));
        assert!(!is_static("/api/children/mine"));
    }
}
