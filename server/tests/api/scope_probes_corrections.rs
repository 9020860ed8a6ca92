//! The scope matrix's probes of corrections of a child's data (R4): the institution's inbox, the
//! draft, a correction made directly or on the family's request, and a refusal.

use crate::authorization_workspace::letters;
use crate::helpers::scalar;
use crate::scope_probes::{get, outcome, post, Outcome};
use crate::scope_world::Cell;
use futures_util::future::BoxFuture;

/// The family's request to correct the child's name, sent to the concerned institution.
pub async fn correction_request(c: &Cell<'_>) -> i64 {
    let (child, org) = (c.family.child.to_string(), c.concerned_org().to_string());
    let birth = birth_date(c).await;
    let (status, body) = c
        .app
        .post_with(
            &c.family.client,
            "/api/corrections/request",
            &[
                ("child", &child),
                ("organization", &org),
                ("surname", &format!("Исправленный{}", letters(c.n))),
                ("given_name", "Ребенок"),
                ("sex", "male"),
                ("birth_date", &birth),
            ],
        )
        .await;
    assert!(status == 200 && !body.contains("Invalid"), "{body}");
    scalar(
        c.app,
        "SELECT id FROM correction_requests WHERE child_id = $1 ORDER BY id DESC LIMIT 1",
        &[c.family.child],
    )
    .await
}

/// The child's birth date as forms take it.
pub async fn birth_date(c: &Cell<'_>) -> String {
    let record = app::server::db::duplicates::records(&c.app.db, &[c.family.child])
        .await
        .unwrap();
    app::domain::dates::format_ru(record[0].birth_date)
}

pub fn correction_inbox<'a>(c: &'a Cell<'a>) -> BoxFuture<'a, Outcome> {
    Box::pin(async move {
        let id = correction_request(c).await;
        let (s, body) = get(c, "/api/operator/corrections").await;
        outcome(s, body.contains(&format!("\"id\":{id},")))
    })
}

pub fn correction_draft<'a>(c: &'a Cell<'a>) -> BoxFuture<'a, Outcome> {
    Box::pin(async move {
        let path = format!("/api/operator/corrections/draft?child={}", c.family.child);
        let (s, body) = get(c, &path).await;
        outcome(s, body.contains("\"form\""))
    })
}

/// The child's data corrected directly (no request), or on the family's request when `request`.
async fn correct(c: &Cell<'_>, request: Option<i64>) -> Outcome {
    let (child, birth) = (c.family.child.to_string(), birth_date(c).await);
    let request = request.map(|r| r.to_string()).unwrap_or_default();
    let (s, body) = post(
        c,
        "/api/operator/corrections/apply",
        &[
            ("child", &child),
            ("request", &request),
            ("surname", &format!("Исправлен{}", letters(c.n))),
            ("given_name", "Ребенок"),
            ("sex", "male"),
            ("birth_date", &birth),
            ("note", "Свидетельство о рождении"),
        ],
    )
    .await;
    outcome(s, body.contains("Done"))
}

pub fn correct_directly<'a>(c: &'a Cell<'a>) -> BoxFuture<'a, Outcome> {
    Box::pin(correct(c, None))
}

pub fn correct_on_request<'a>(c: &'a Cell<'a>) -> BoxFuture<'a, Outcome> {
    Box::pin(async move {
        let request = correction_request(c).await;
        correct(c, Some(request)).await
    })
}

pub fn reject_correction<'a>(c: &'a Cell<'a>) -> BoxFuture<'a, Outcome> {
    Box::pin(async move {
        let request = correction_request(c).await.to_string();
        let (s, body) = post(
            c,
            "/api/operator/corrections/reject",
            &[
                ("reject", &request),
                ("answer", "В свидетельстве другая фамилия"),
            ],
        )
        .await;
        outcome(s, body.contains("Done"))
    })
}
