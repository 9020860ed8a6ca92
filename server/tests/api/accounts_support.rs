//! Walking the registration wizard over HTTP, and reading letters from the outbox.

use crate::helpers::TestApp;
use app::contract::accounts::{Municipality, RegistrationOutcome};
use app::contract::dev::OutboxLetter;

pub const PASSWORD: &str = "лето в деревне";

pub struct Parent<'a> {
    pub email: &'a str,
    pub phone: &'a str,
}

pub async fn ivanovo(app: &TestApp) -> String {
    let list: Vec<Municipality> = app.get_json("/api/reference/municipalities", 200).await;
    assert_eq!(list[0].name, "г.о. Иваново");
    list[0].id.to_string()
}

/// Submits one step of the wizard with every field given so far.
pub async fn step(
    app: &TestApp,
    client: &reqwest::Client,
    fields: &[(&str, &str)],
) -> RegistrationOutcome {
    let (status, body) = app
        .post_with(client, "/api/accounts/register", fields)
        .await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

/// The whole wizard in one go (the last step), as a browser that kept every field would send it.
pub async fn register(
    app: &TestApp,
    client: &reqwest::Client,
    parent: &Parent<'_>,
) -> RegistrationOutcome {
    let municipality = ivanovo(app).await;
    step(
        app,
        client,
        &[
            ("step", "password"),
            ("kind", "parent"),
            ("surname", "Иванова"),
            ("given_name", "Ольга"),
            ("patronymic", "Петровна"),
            ("municipality", &municipality),
            ("phone", parent.phone),
            ("email", parent.email),
            ("gmail_ok", "1"),
            ("password", PASSWORD),
            ("consent", "1"),
        ],
    )
    .await
}

pub async fn letters_to(app: &TestApp, to: &str) -> Vec<OutboxLetter> {
    app.get_json(&format!("/api/dev/outbox?to={}", urlencode(to)), 200)
        .await
}

pub fn urlencode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// The first link in a letter that starts with `prefix`, as a path with its query.
pub fn link_in(letter: &OutboxLetter, prefix: &str) -> String {
    let start = letter
        .body
        .find(prefix)
        .unwrap_or_else(|| panic!("no {prefix} in {}", letter.body));
    let rest = &letter.body[start..];
    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    rest[..end].to_owned()
}

/// The token of a link such as `/confirm-email?token=…`.
pub fn token_of(link: &str) -> String {
    link.split_once("token=")
        .map(|(_, t)| t.to_owned())
        .expect("a token")
}
