//! What keeps accounts safe beyond the password itself: reset links that end together, a password
//! changed with the old one typed again, operators' idle sessions, the published demo password and
//! demo log-ins that production refuses, a limit on family look-ups, and password hashing that a
//! burst of log-ins cannot turn into a memory blow-up.

use crate::accounts_sessions::{login_response, registered, session_cookie, who, EMAIL};
use crate::accounts_support::{letters_to, link_in, token_of, PASSWORD};
use crate::helpers::{spawn_seeded_app, spawn_seeded_app_with, Backend, TestApp};
use crate::on_both_backends;
use app::error::AppError;

on_both_backends!(
    using_one_reset_link_ends_every_other,
    a_signed_in_parent_changes_the_password_with_the_current_one,
    an_operators_session_ends_after_the_idle_time_a_parents_does_not,
    production_refuses_the_demo_password_and_the_demo_log_ins,
    family_look_ups_are_limited_per_operator,
);

async fn reset_link(app: &TestApp) -> String {
    let (status, _) = app
        .post_with(
            &TestApp::new_client(),
            "/api/accounts/request-password-reset",
            &[("email", EMAIL)],
        )
        .await;
    assert_eq!(status, 200);
    let letters = letters_to(app, EMAIL).await;
    let newest = letters
        .iter()
        .filter(|l| l.subject.contains("Восстановление"))
        .max_by_key(|l| l.id)
        .expect("a reset letter");
    token_of(&link_in(newest, "http://"))
}

async fn using_one_reset_link_ends_every_other(backend: Backend) {
    let Some(app) = registered(backend).await else {
        return;
    };
    let (older, newer) = (reset_link(&app).await, reset_link(&app).await);
    assert_ne!(older, newer);
    let reset = |token: String, password: &'static str| {
        let app = &app;
        async move {
            app.post_with(
                &TestApp::new_client(),
                "/api/accounts/reset-password",
                &[("token", &token), ("password", password)],
            )
            .await
        }
    };
    assert_eq!(reset(newer, "новый пароль для кружка").await.0, 200);
    let (status, body) = reset(older, "пароль из старого письма").await;
    assert_eq!(status, 409, "the older link ended with the newer: {body}");
    assert_eq!(
        login_response(&app, &TestApp::new_client(), "новый пароль для кружка")
            .await
            .status(),
        200
    );
    app.finish().await;
}

async fn a_signed_in_parent_changes_the_password_with_the_current_one(backend: Backend) {
    let Some(app) = registered(backend).await else {
        return;
    };
    let (here, elsewhere) = (TestApp::new_client(), TestApp::new_client());
    login_response(&app, &here, PASSWORD).await;
    let other = session_cookie(&login_response(&app, &elsewhere, PASSWORD).await);
    let unused_reset = reset_link(&app).await;
    let change = |current: &'static str, new: &'static str| {
        let (app, here) = (&app, &here);
        async move {
            app.post_with(
                here,
                "/api/accounts/change-password",
                &[("current_password", current), ("new_password", new)],
            )
            .await
        }
    };
    let (status, body) = change("не тот пароль", "новый пароль для кружка").await;
    assert_eq!(status, 422);
    let error: AppError = serde_json::from_str(&body).unwrap();
    assert!(error.field_message("current_password").is_some(), "{body}");
    let (status, body) = change(PASSWORD, "1234567").await;
    assert_eq!(status, 422);
    let error: AppError = serde_json::from_str(&body).unwrap();
    assert!(error.field_message("new_password").is_some(), "{body}");
    assert_eq!(change(PASSWORD, "новый пароль для кружка").await.0, 200);
    assert!(
        who(&app, Some(&other)).await.is_none(),
        "other sessions end"
    );
    let (status, _) = app.post_with(&here, "/api/accounts/logout", &[]).await;
    assert_eq!(status, 200, "this browser stayed signed in");
    assert_eq!(
        login_response(&app, &TestApp::new_client(), "новый пароль для кружка")
            .await
            .status(),
        200
    );
    let (status, _) = app
        .post_with(
            &TestApp::new_client(),
            "/api/accounts/reset-password",
            &[("token", &unused_reset), ("password", "пароль из письма")],
        )
        .await;
    assert_eq!(
        status, 409,
        "a reset link sent before the change ends with it"
    );
    let (status, _) = app
        .post_with(
            &TestApp::new_client(),
            "/api/accounts/change-password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "ещё пароль"),
            ],
        )
        .await;
    assert_eq!(status, 401, "only a signed-in person changes a password");
    app.finish().await;
}

/// Makes every session of the account look unused for nine hours.
async fn idle_for_nine_hours(app: &TestApp, account: i64) {
    let then = chrono::Utc::now() - chrono::Duration::hours(9);
    let sql = "UPDATE sessions SET last_seen_at = $1 WHERE account_id = $2";
    match &app.db {
        app::server::db::Database::Sqlite(p) => sqlx::query(sql)
            .bind(then)
            .bind(account)
            .execute(p)
            .await
            .map(|_| ()),
        app::server::db::Database::Postgres(p) => sqlx::query(sql)
            .bind(then)
            .bind(account)
            .execute(p)
            .await
            .map(|_| ()),
    }
    .unwrap();
}

async fn an_operators_session_ends_after_the_idle_time_a_parents_does_not(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let org = app.organization(0).await;
    let (operator, operator_account, _) = app
        .operator_account(1, "institution_operator", Some(org), None, false)
        .await;
    let (parent, parent_account) = app.confirmed_parent(2).await;
    let reach =
        |client: &reqwest::Client| client.get(format!("{}/api/children/mine", app.base)).send();
    assert_eq!(reach(&operator).await.unwrap().status(), 200);
    idle_for_nine_hours(&app, operator_account).await;
    idle_for_nine_hours(&app, parent_account).await;
    assert_eq!(
        reach(&operator).await.unwrap().status(),
        401,
        "eight idle hours end an operator's session"
    );
    let inbox = operator
        .get(format!("{}/api/operator/applications", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(inbox.status(), 401);
    assert_eq!(
        reach(&parent).await.unwrap().status(),
        200,
        "a parent's session lives its thirty days"
    );
    app.finish().await;
}

async fn production_refuses_the_demo_password_and_the_demo_log_ins(backend: Backend) {
    let production = [
        ("environment", "production"),
        ("smtp_host", "127.0.0.1"),
        ("smtp_security", "none"),
    ];
    let Some(app) = spawn_seeded_app_with(backend, &production).await else {
        return;
    };
    let page = app
        .client
        .get(format!("{}/", app.base))
        .send()
        .await
        .unwrap();
    assert!(
        page.headers()["strict-transport-security"]
            .to_str()
            .unwrap()
            .contains("max-age="),
        "HSTS in production"
    );
    let (ok, _, stderr) = app.command_with(
        &["seed", "--demo"],
        &[
            ("KRUZHOK_ENVIRONMENT", "production"),
            ("KRUZHOK_SMTP_HOST", "127.0.0.1"),
        ],
    );
    assert!(!ok, "no demo log-ins in production");
    assert!(stderr.contains("operator add"), "{stderr}");
    // An account that has the demo password anyway (made before, or by hand) does not open.
    let demo = app::server::services::operators::DEMO_PASSWORD;
    app::server::services::operators::add(
        &app.db,
        &app::server::services::operators::NewOperator {
            email: "admin@kruzhok.example",
            surname: "Администратор",
            given_name: "Демо",
            phone: "+79009999999",
            password: demo,
            role: app::domain::role::Role::Admin,
            organization_id: None,
            municipality_id: None,
            resolves_duplicates: false,
        },
    )
    .await
    .unwrap();
    let (status, body) = app
        .post_with(
            &TestApp::new_client(),
            "/api/accounts/login",
            &[("email", "admin@kruzhok.example"), ("password", demo)],
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("опубликован"), "{body}");
    app.finish().await;
}

async fn family_look_ups_are_limited_per_operator(backend: Backend) {
    let Some(app) = spawn_seeded_app_with(backend, &[("family_lookups_per_hour", "3")]).await
    else {
        return;
    };
    crate::helpers::within_one_rate_window(3600, 60).await;
    let org = app.organization(0).await;
    let (operator, _) = app.in_role(1, "institution_operator", Some(org)).await;
    let (other, _) = app.in_role(2, "institution_operator", Some(org)).await;
    let look = |client: &reqwest::Client| {
        let client = client.clone();
        let app = &app;
        async move {
            app.post_with(
                &client,
                "/api/operator/families",
                &[("phone", "+79161234567")],
            )
            .await
            .0
        }
    };
    for _ in 0..3 {
        assert_eq!(look(&operator).await, 200);
    }
    assert_eq!(
        look(&operator).await,
        429,
        "the fourth look-up within the hour"
    );
    assert_eq!(look(&other).await, 200, "the limit is each operator's own");
    app.finish().await;
}
