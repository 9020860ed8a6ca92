//! What every answer carries and what leaves the server in files: the Content-Security-Policy with
//! the nonce the page's own scripts carry, the other protective headers, exports that a
//! spreadsheet opens without running what someone typed, the client's address taken from the
//! proxy's own `X-Forwarded-For` entry.

use crate::applications_support::{apply, child, group};
use crate::helpers::scalar;
use crate::helpers::{spawn_seeded_app, spawn_seeded_app_with, Backend, TestApp};
use crate::on_both_backends;
use app::contract::operator::OperatorPage;

on_both_backends!(
    pages_and_answers_carry_the_protective_headers,
    csv_exports_open_a_typed_formula_as_text,
    the_client_address_is_the_proxys_last_forwarded_entry,
);

const HYPERLINK: &str = "=HYPERLINK(\"http://evil.example\",\"Открыть\")";

fn header<'a>(response: &'a reqwest::Response, name: &str) -> &'a str {
    response
        .headers()
        .get(name)
        .unwrap_or_else(|| panic!("no {name} on {}", response.url()))
        .to_str()
        .unwrap()
}

/// The nonce a response's policy allows.
fn nonce_of(csp: &str) -> String {
    let start = csp.find("'nonce-").expect("a nonce in the policy") + "'nonce-".len();
    csp[start..].split('\'').next().unwrap().to_owned()
}

async fn pages_and_answers_carry_the_protective_headers(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let (parent, _) = app.confirmed_parent(1).await;
    let mut nonces = Vec::new();
    for (client, path) in [
        (&app.client, "/"),
        (&app.client, "/login"),
        (&parent, "/cabinet"),
        (&parent, "/api/children/mine"),
        (&app.client, "/api/catalog/programs"),
        (&app.client, "/no-such-page"),
    ] {
        let response = client
            .get(format!("{}{path}", app.base))
            .send()
            .await
            .unwrap();
        let csp = header(&response, "content-security-policy").to_owned();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert_eq!(
            header(&response, "x-content-type-options"),
            "nosniff",
            "{path}"
        );
        assert_eq!(header(&response, "x-frame-options"), "DENY", "{path}");
        assert_eq!(
            header(&response, "referrer-policy"),
            "same-origin",
            "{path}"
        );
        assert_eq!(header(&response, "cache-control"), "no-store", "{path}");
        assert!(
            response
                .headers()
                .get("strict-transport-security")
                .is_none(),
            "{path}: no HSTS over plain development HTTP"
        );
        let nonce = nonce_of(&csp);
        let html = response.text().await.unwrap();
        if html.contains("<script") {
            // Every inline script of the page carries the nonce the header allows.
            let scripts = html.matches("<script").count();
            let carried = html.matches(&format!("nonce=\"{nonce}\"")).count();
            assert!(
                carried >= scripts,
                "{path}: {scripts} scripts, {carried} with the nonce"
            );
        }
        nonces.push(nonce);
    }
    let distinct: std::collections::BTreeSet<_> = nonces.iter().collect();
    assert_eq!(distinct.len(), nonces.len(), "a nonce is used once");
    // A form posted without JavaScript is answered with a page whose scripts carry the nonce too.
    let response = app
        .client
        .post(format!("{}/login", app.base))
        .form(&[("email", "x@mail.ru"), ("password", "неверный пароль")])
        .send()
        .await
        .unwrap();
    let nonce = nonce_of(header(&response, "content-security-policy"));
    let html = response.text().await.unwrap();
    assert!(
        html.contains(&format!("nonce=\"{nonce}\"")),
        "the posted form's page"
    );
    app.finish().await;
}

async fn text_at(client: &reqwest::Client, url: &str) -> String {
    client.get(url).send().await.unwrap().text().await.unwrap()
}

async fn csv_exports_open_a_typed_formula_as_text(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let org = app.organization(0).await;
    let (parent, account) = app.confirmed_parent(1).await;
    let kid = child(&app, account, 1, 8).await;
    apply(&app, &parent, kid, group(&app, 3, (7, 10)).await).await;
    let application = scalar(
        &app,
        "SELECT id FROM applications WHERE child_id = $1",
        &[kid],
    )
    .await
    .to_string();
    let (operator, _) = app.in_role(2, "institution_operator", Some(org)).await;
    let page: OperatorPage = app
        .get_json_with(&operator, "/api/operator/applications")
        .await;
    let other = page
        .reasons
        .iter()
        .find(|r| r.label == "Иное")
        .expect("the reason «Иное»")
        .value
        .clone();
    let (status, body) = app
        .post_with(
            &operator,
            "/api/operator/applications/move",
            &[
                ("ids[]", &application),
                ("action", "cancel"),
                ("reason", &other),
                ("comment", HYPERLINK),
            ],
        )
        .await;
    assert!(status == 200 && body.contains("\"changed\":1"), "{body}");
    let csv = text_at(
        &operator,
        &format!("{}/operator/applications/export.csv", app.base),
    )
    .await;
    assert!(csv.contains("'=HYPERLINK("), "{csv}");
    assert!(
        !csv.contains(";=HYPERLINK(") && !csv.contains(";\"=HYPERLINK("),
        "{csv}"
    );
    // What an operator typed as a reason goes into the audit log, and from it into a file.
    let (status, body) = app
        .post_with(
            &operator,
            "/api/operator/families/replace-email",
            &[
                ("account_id", &account.to_string()),
                ("email", "new.address@yandex.ru"),
                ("reason", HYPERLINK),
            ],
        )
        .await;
    assert!(status == 200 && body.contains("Replaced"), "{body}");
    let (admin, _) = app.in_role(3, "admin", None).await;
    let log = text_at(
        &admin,
        &format!("{}/admin/audit/export.csv?action=replace_email", app.base),
    )
    .await;
    assert!(log.contains("'=HYPERLINK("), "{log}");
    app.finish().await;
}

async fn the_client_address_is_the_proxys_last_forwarded_entry(backend: Backend) {
    let Some(app) = spawn_seeded_app_with(backend, &[("trust_forwarded_for", "true")]).await else {
        return;
    };
    let (status, _) = {
        let response = TestApp::new_client()
            .post(format!("{}/api/accounts/login", app.base))
            .header("x-forwarded-for", "6.6.6.6, 203.0.113.7")
            .form(&[("email", "x@mail.ru"), ("password", "неверный пароль")])
            .send()
            .await
            .unwrap();
        (response.status().as_u16(), ())
    };
    assert_eq!(status, 422);
    let buckets = |like: &'static str| {
        let app = &app;
        async move {
            let sql = "SELECT COUNT(*) FROM rate_limits WHERE bucket = $1";
            match &app.db {
                app::server::db::Database::Sqlite(p) => {
                    sqlx::query_scalar::<_, i64>(sql)
                        .bind(like)
                        .fetch_one(p)
                        .await
                }
                app::server::db::Database::Postgres(p) => {
                    sqlx::query_scalar::<_, i64>(sql)
                        .bind(like)
                        .fetch_one(p)
                        .await
                }
            }
            .unwrap()
        }
    };
    assert_eq!(
        buckets("login-ip:203.0.113.7").await,
        1,
        "the proxy's entry"
    );
    assert_eq!(
        buckets("login-ip:6.6.6.6").await,
        0,
        "not what the client claimed"
    );
    app.finish().await;
}
