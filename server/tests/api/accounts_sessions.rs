use crate::accounts_support::*;
use crate::helpers::{spawn_seeded_app, within_one_rate_window, Backend, TestApp};
use crate::on_both_backends;
use app::contract::accounts::SignedIn;
use app::error::AppError;
use app::server::services::accounts::{LOGIN_GUESSES_PER_EMAIL, WRONG_CREDENTIALS};

on_both_backends!(
    logging_in_sets_a_session_cookie_and_a_new_one_every_time,
    a_wrong_password_and_an_unknown_email_get_the_same_answer,
    logging_out_ends_the_session,
    a_reset_link_sets_a_new_password_once_and_ends_every_session,
    a_reset_for_an_unknown_email_answers_the_same_and_sends_nothing,
    too_many_attempts_on_one_email_are_refused_for_a_while,
    only_wrong_passwords_count_against_an_email,
);

pub const EMAIL: &str = "parent@mail.ru";

pub async fn registered(backend: Backend) -> Option<TestApp> {
    let app = spawn_seeded_app(backend).await?;
    register(
        &app,
        &TestApp::new_client(),
        &Parent {
            email: EMAIL,
            phone: "+79123456789",
        },
    )
    .await;
    Some(app)
}

pub async fn login_response(
    app: &TestApp,
    client: &reqwest::Client,
    password: &str,
) -> reqwest::Response {
    client
        .post(format!("{}/api/accounts/login", app.base))
        .form(&[("email", EMAIL), ("password", password)])
        .send()
        .await
        .unwrap()
}

pub fn session_cookie(response: &reqwest::Response) -> String {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("kruzhok_session="))
        .expect("a session cookie")
}

pub async fn who(app: &TestApp, cookie: Option<&str>) -> Option<SignedIn> {
    let mut request = reqwest::Client::new().get(format!("{}/api/accounts/current-user", app.base));
    if let Some(c) = cookie {
        request = request.header("cookie", c.split(';').next().unwrap());
    }
    request.send().await.unwrap().json().await.unwrap()
}

async fn logging_in_sets_a_session_cookie_and_a_new_one_every_time(backend: Backend) {
    let Some(app) = registered(backend).await else {
        return;
    };
    let client = TestApp::new_client();
    let first = session_cookie(&login_response(&app, &client, PASSWORD).await);
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(first.contains(attribute), "{first}");
    }
    assert!(
        !first.contains("Secure"),
        "plain HTTP in development: {first}"
    );
    assert!(who(&app, Some(&first)).await.is_some());
    let second = session_cookie(&login_response(&app, &client, PASSWORD).await);
    assert_ne!(first.split(';').next(), second.split(';').next());
    assert!(
        who(&app, Some(&first)).await.is_none(),
        "the old session ended"
    );
    assert!(who(&app, Some(&second)).await.is_some());
    assert!(who(&app, None).await.is_none());
    app.finish().await;
}

async fn a_wrong_password_and_an_unknown_email_get_the_same_answer(backend: Backend) {
    let Some(app) = registered(backend).await else {
        return;
    };
    let wrong: AppError = app
        .post_json(
            "/api/accounts/login",
            &[("email", EMAIL), ("password", "не тот пароль")],
            422,
        )
        .await;
    let unknown: AppError = app
        .post_json(
            "/api/accounts/login",
            &[("email", "nobody@mail.ru"), ("password", PASSWORD)],
            422,
        )
        .await;
    assert_eq!(wrong, unknown);
    assert_eq!(
        wrong.field_message("password").as_deref(),
        Some(WRONG_CREDENTIALS)
    );
    app.finish().await;
}

async fn logging_out_ends_the_session(backend: Backend) {
    let Some(app) = registered(backend).await else {
        return;
    };
    let client = TestApp::new_client();
    let cookie = session_cookie(&login_response(&app, &client, PASSWORD).await);
    let (status, _) = app.post_with(&client, "/api/accounts/logout", &[]).await;
    assert_eq!(status, 200);
    assert!(who(&app, Some(&cookie)).await.is_none());
    app.finish().await;
}

async fn a_reset_link_sets_a_new_password_once_and_ends_every_session(backend: Backend) {
    let Some(app) = registered(backend).await else {
        return;
    };
    let signed_in = TestApp::new_client();
    let cookie = session_cookie(&login_response(&app, &signed_in, PASSWORD).await);
    let (status, _) = app
        .post_with(
            &signed_in,
            "/api/accounts/request-password-reset",
            &[("email", "Parent@Mail.ru")],
        )
        .await;
    assert_eq!(status, 200);
    let letter = letters_to(&app, EMAIL)
        .await
        .into_iter()
        .find(|l| l.subject.contains("Восстановление"))
        .expect("a reset letter");
    let token = token_of(&link_in(&letter, "http://"));
    let new_password = "новый пароль для кружка";
    let (status, body) = app
        .post_with(
            &signed_in,
            "/api/accounts/reset-password",
            &[("token", &token), ("password", "123")],
        )
        .await;
    assert_eq!(
        status, 422,
        "a weak password is refused and the link stays usable: {body}"
    );
    let (status, _) = app
        .post_with(
            &signed_in,
            "/api/accounts/reset-password",
            &[("token", &token), ("password", new_password)],
        )
        .await;
    assert_eq!(status, 200);
    assert!(
        who(&app, Some(&cookie)).await.is_none(),
        "sessions end with a new password"
    );
    assert_eq!(
        login_response(&app, &TestApp::new_client(), PASSWORD)
            .await
            .status()
            .as_u16(),
        422
    );
    assert_eq!(
        login_response(&app, &TestApp::new_client(), new_password)
            .await
            .status()
            .as_u16(),
        200
    );
    let (status, _) = app
        .post_with(
            &signed_in,
            "/api/accounts/reset-password",
            &[("token", &token), ("password", "ещё один пароль")],
        )
        .await;
    assert_eq!(status, 409, "a reset link works once");
    app.finish().await;
}

async fn a_reset_for_an_unknown_email_answers_the_same_and_sends_nothing(backend: Backend) {
    let Some(app) = registered(backend).await else {
        return;
    };
    let (status, body) = app
        .post_with(
            &app.client,
            "/api/accounts/request-password-reset",
            &[("email", "nobody@mail.ru")],
        )
        .await;
    assert_eq!((status, body.as_str()), (200, "null"));
    assert!(letters_to(&app, "nobody@mail.ru").await.is_empty());
    app.finish().await;
}

async fn too_many_attempts_on_one_email_are_refused_for_a_while(backend: Backend) {
    let Some(app) = registered(backend).await else {
        return;
    };
    within_one_rate_window(900, 60).await;
    for _ in 0..10 {
        assert_eq!(
            login_response(&app, &TestApp::new_client(), "не тот пароль")
                .await
                .status()
                .as_u16(),
            422
        );
    }
    let response = login_response(&app, &TestApp::new_client(), PASSWORD).await;
    assert_eq!(response.status().as_u16(), 429);
    let error: AppError = response.json().await.unwrap();
    assert_eq!(error, AppError::RateLimited);
    app.finish().await;
}

/// The limit counts guesses, not log-ins: an operator who signs in all day is never locked out,
/// and the right password between wrong ones does not reset what the wrong ones counted.
async fn only_wrong_passwords_count_against_an_email(backend: Backend) {
    let Some(app) = registered(backend).await else {
        return;
    };
    within_one_rate_window(900, 60).await;
    for _ in 0..LOGIN_GUESSES_PER_EMAIL + 5 {
        let response = login_response(&app, &TestApp::new_client(), PASSWORD).await;
        assert_eq!(response.status().as_u16(), 200);
    }
    for _ in 0..LOGIN_GUESSES_PER_EMAIL {
        let response = login_response(&app, &TestApp::new_client(), "не тот пароль").await;
        assert_eq!(response.status().as_u16(), 422);
    }
    let response = login_response(&app, &TestApp::new_client(), PASSWORD).await;
    assert_eq!(response.status().as_u16(), 429);
    app.finish().await;
}
