//! Letters over real SMTP: an aiosmtpd sink that `scripts/test` starts (`KRUZHOK_TEST_SMTP`,
//! `KRUZHOK_TEST_MAILDIR`). Without it the harness reports the test as ignored, unless
//! `KRUZHOK_REQUIRE_SMTP=1`, where it fails.

use crate::accounts_support::{register, token_of, Parent};
use crate::helpers::{spawn_app_with, Backend, TestApp};
use crate::on_both_backends;
use app::server::services::seed;
use base64::Engine;
use std::time::Duration;

on_both_backends!(
    ; smtp: a_confirmation_letter_travels_over_smtp_and_its_link_confirms
    ; sqlite: an_undeliverable_letter_is_recorded_on_the_account_and_registration_still_succeeds
);

/// The sink's host, port and Maildir; the harness runs the test only where they are set.
fn sink() -> (String, String, String) {
    let address = std::env::var("KRUZHOK_TEST_SMTP").expect("the SMTP sink (KRUZHOK_TEST_SMTP)");
    let maildir =
        std::env::var("KRUZHOK_TEST_MAILDIR").expect("its Maildir (KRUZHOK_TEST_MAILDIR)");
    let (host, port) = address.rsplit_once(':').expect("host:port");
    (host.to_owned(), port.to_owned(), maildir)
}

/// The decoded text of the newest letter to `to` in the Maildir, waiting for it to arrive.
async fn letter_to(maildir: &str, to: &str) -> String {
    for _ in 0..50 {
        let dir = std::path::Path::new(maildir).join("new");
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let raw = std::fs::read_to_string(entry.path()).unwrap_or_default();
            if !raw.contains(&format!("To: {to}")) {
                continue;
            }
            let (_, body) = raw.split_once("\n\n").expect("headers and body");
            let compact: String = body.chars().filter(|c| !c.is_whitespace()).collect();
            let decoded = base64::engine::general_purpose::STANDARD
                .decode(compact)
                .expect("a base64 body");
            return String::from_utf8(decoded).expect("UTF-8 text");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("no letter to {to} in {maildir}");
}

async fn a_confirmation_letter_travels_over_smtp_and_its_link_confirms() {
    let (host, port, maildir) = sink();
    let app = spawn_app_with(
        Backend::Sqlite,
        &[
            ("smtp_host", &host),
            ("smtp_port", &port),
            ("smtp_security", "none"),
        ],
    )
    .await
    .expect("SQLite is always there");
    seed::run(&app.db, crate::helpers::demo_day())
        .await
        .unwrap();
    let email = format!("smtp.{}@mail.ru", std::process::id());
    register(
        &app,
        &TestApp::new_client(),
        &Parent {
            email: &email,
            phone: "+79123450001",
        },
    )
    .await;
    let text = letter_to(&maildir, &email).await;
    assert!(
        text.contains("Чтобы подтвердить адрес электронной почты"),
        "{text}"
    );
    let link = text
        .split_whitespace()
        .find(|w| w.contains("/confirm-email?token="))
        .expect("a link");
    let (status, _) = app
        .post_with(
            &app.client,
            "/api/accounts/confirm-email",
            &[("token", &token_of(link))],
        )
        .await;
    assert_eq!(status, 200);
    let (status, _) = app.post_with(&app.client, "/api/dev/outbox", &[]).await;
    assert_ne!(status, 200, "with SMTP there is no outbox");
    app.finish().await;
}

async fn an_undeliverable_letter_is_recorded_on_the_account_and_registration_still_succeeds() {
    // Nothing listens on port 9: the letter cannot be delivered.
    let app = spawn_app_with(
        Backend::Sqlite,
        &[
            ("smtp_host", "127.0.0.1"),
            ("smtp_port", "9"),
            ("smtp_security", "none"),
        ],
    )
    .await
    .expect("SQLite is always there");
    seed::run(&app.db, crate::helpers::demo_day())
        .await
        .unwrap();
    let outcome = register(
        &app,
        &TestApp::new_client(),
        &Parent {
            email: "lost@mail.ru",
            phone: "+79123450002",
        },
    )
    .await;
    assert!(matches!(
        outcome,
        app::contract::accounts::RegistrationOutcome::Registered { .. }
    ));
    let undeliverable: Option<String> = match &app.db {
        app::server::db::Database::Sqlite(pool) => sqlx::query_scalar(
            "SELECT email_undeliverable_at FROM accounts WHERE email = 'lost@mail.ru'",
        )
        .fetch_one(pool)
        .await
        .unwrap(),
        app::server::db::Database::Postgres(_) => unreachable!(),
    };
    assert!(undeliverable.is_some());
    app.finish().await;
}
