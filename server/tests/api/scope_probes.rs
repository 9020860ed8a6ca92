//! The scope matrix's probes of an institution operator's daily work: applications and their
//! exports, requests (обращения), the family look-up and what it changes. Each probe
//! sets up what its call needs for the cell's family and says whether the call reached it.

use crate::helpers::scalar;
use crate::scope_world::Cell;
use futures_util::future::BoxFuture;

/// What a call did: whether it reached the family's data or made its change, and the status.
#[derive(Debug, Clone, Copy)]
pub struct Outcome {
    pub reached: bool,
    pub status: u16,
}

pub type Probe = for<'a> fn(&'a Cell<'a>) -> BoxFuture<'a, Outcome>;

pub fn outcome(status: u16, reached: bool) -> Outcome {
    Outcome {
        reached: status == 200 && reached,
        status,
    }
}

pub async fn get(c: &Cell<'_>, path: &str) -> (u16, String) {
    let response = c
        .operator
        .get(format!("{}{path}", c.app.base))
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

pub async fn post(c: &Cell<'_>, path: &str, fields: &[(&str, &str)]) -> (u16, String) {
    c.app.post_with(&c.operator, path, fields).await
}

/// The family's request (обращение) to the concerned institution.
pub async fn help_request(c: &Cell<'_>) -> i64 {
    let org = c.concerned_org().to_string();
    let (status, body) = c
        .app
        .post_with(
            &c.family.client,
            "/api/help/requests/send",
            &[
                ("situation", "forgot-email"),
                ("organization", &org),
                ("body", "Не помню почту аккаунта."),
            ],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    scalar(
        c.app,
        "SELECT id FROM help_requests WHERE account_id = $1 ORDER BY id DESC LIMIT 1",
        &[c.family.account],
    )
    .await
}

pub fn list_applications<'a>(c: &'a Cell<'a>) -> BoxFuture<'a, Outcome> {
    Box::pin(async move {
        let id = c.application().await;
        let (s, body) = get(c, "/api/operator/applications").await;
        outcome(s, body.contains(&format!("\"id\":{id},")))
    })
}

pub fn move_application<'a>(c: &'a Cell<'a>) -> BoxFuture<'a, Outcome> {
    Box::pin(async move {
        let id = c.application().await.to_string();
        let (s, body) = post(
            c,
            "/api/operator/applications/move",
            &[("ids[]", &id), ("action", "confirm")],
        )
        .await;
        outcome(s, body.contains("\"changed\":1"))
    })
}

pub fn export_csv<'a>(c: &'a Cell<'a>) -> BoxFuture<'a, Outcome> {
    Box::pin(async move {
        c.application().await;
        let (s, body) = get(c, "/operator/applications/export.csv").await;
        outcome(s, body.contains(&format!("Тестов{} ", c.n)))
    })
}

pub fn export_xlsx<'a>(c: &'a Cell<'a>) -> BoxFuture<'a, Outcome> {
    Box::pin(async move {
        use calamine::Reader;
        c.application().await;
        let response = c
            .operator
            .get(format!("{}/operator/applications/export.xlsx", c.app.base))
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        let bytes = response.bytes().await.unwrap().to_vec();
        let found = calamine::Xlsx::new(std::io::Cursor::new(bytes))
            .ok()
            .and_then(|mut book| book.worksheet_range("Заявки").ok())
            .is_some_and(|sheet| {
                sheet
                    .rows()
                    .any(|r| r[1].to_string().starts_with(&format!("Тестов{} ", c.n)))
            });
        outcome(status, found)
    })
}

pub fn help_inbox<'a>(c: &'a Cell<'a>) -> BoxFuture<'a, Outcome> {
    Box::pin(async move {
        let id = help_request(c).await;
        let (s, body) = get(c, "/api/help/inbox").await;
        outcome(s, body.contains(&format!("\"id\":{id},")))
    })
}

pub fn take_request<'a>(c: &'a Cell<'a>) -> BoxFuture<'a, Outcome> {
    Box::pin(async move {
        let id = help_request(c).await.to_string();
        let (s, body) = post(
            c,
            "/api/help/requests/move",
            &[("id", &id), ("action", "take"), ("body", "")],
        )
        .await;
        outcome(s, body.contains("Moved"))
    })
}

pub fn find_family<'a>(c: &'a Cell<'a>) -> BoxFuture<'a, Outcome> {
    Box::pin(async move {
        let (s, body) = post(c, "/api/operator/families", &[("phone", &c.family.phone)]).await;
        outcome(
            s,
            body.contains(&format!("\"account_id\":{}", c.family.account)),
        )
    })
}

pub fn replace_email<'a>(c: &'a Cell<'a>) -> BoxFuture<'a, Outcome> {
    Box::pin(async move {
        let (account, email) = (
            c.family.account.to_string(),
            format!("new{}.scope@yandex.ru", c.n),
        );
        let (s, body) = post(
            c,
            "/api/operator/families/replace-email",
            &[
                ("account_id", &account),
                ("email", &email),
                ("reason", "Паспорт проверен"),
            ],
        )
        .await;
        outcome(s, body.contains("Replaced"))
    })
}

pub fn confirm_child<'a>(c: &'a Cell<'a>) -> BoxFuture<'a, Outcome> {
    Box::pin(async move {
        let child = c.family.child.to_string();
        let (s, _) = post(
            c,
            "/api/operator/families/confirm-child",
            &[("confirm_child", &child)],
        )
        .await;
        let confirmed = scalar(
            c.app,
            "SELECT COUNT(*) FROM children WHERE id = $1 AND confirmed_by_organization_id IS NOT NULL",
            &[c.family.child],
        )
        .await;
        outcome(s, confirmed == 1)
    })
}

/// A second guardian linked to the family's child: a new parent living where the family lives.
pub fn link_guardian_to_child<'a>(c: &'a Cell<'a>) -> BoxFuture<'a, Outcome> {
    Box::pin(async move {
        let (_, second) = c.neighbour(c.n + 2).await;
        link(c, c.family.child, second).await
    })
}

/// The family's account linked as the second guardian of a child of the operator's municipality.
pub fn link_account_as_guardian<'a>(c: &'a Cell<'a>) -> BoxFuture<'a, Outcome> {
    Box::pin(async move {
        let (_, first) = c.app.confirmed_parent(c.n + 2).await;
        let kid = crate::applications_support::child(c.app, first, c.n + 2, 9).await;
        link(c, kid, c.family.account).await
    })
}

async fn link(c: &Cell<'_>, child: i64, account: i64) -> Outcome {
    let email = app::server::db::accounts::find(&c.app.db, account)
        .await
        .unwrap()
        .unwrap()
        .email;
    let child = child.to_string();
    let (s, body) = post(
        c,
        "/api/operator/families/link-guardian",
        &[
            ("link_child", &child),
            ("guardian", &email),
            ("guardian_reason", "Свидетельство о рождении"),
        ],
    )
    .await;
    outcome(s, body.contains("Linked"))
}
