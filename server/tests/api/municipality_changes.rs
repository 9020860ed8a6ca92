//! Municipality changes (R5): an institution records the application with its scan, the regional
//! operator decides, the account moves; МОЦ reads but does not decide.

use crate::helpers::{spawn_seeded_app, Backend, TestApp};
use crate::on_both_backends;
use app::contract::applications::Notification;
use app::contract::municipality_changes::ChangeList;

on_both_backends!(
    an_application_recorded_with_its_scan_is_approved_and_the_family_moves,
    a_rejection_says_why_and_moc_cannot_decide,
    regional_operators_deciding_at_once_decide_once,
);

pub async fn municipality(app: &TestApp, nth: i64) -> i64 {
    const SQL: &str = "SELECT id FROM municipalities ORDER BY sort_order LIMIT 1 OFFSET $1";
    match &app.db {
        app::server::db::Database::Sqlite(p) => {
            sqlx::query_scalar(SQL).bind(nth).fetch_one(p).await
        }
        app::server::db::Database::Postgres(p) => {
            sqlx::query_scalar(SQL).bind(nth).fetch_one(p).await
        }
    }
    .unwrap()
}

async fn account_municipality(app: &TestApp, account: i64) -> i64 {
    app::server::db::accounts::find(&app.db, account)
        .await
        .unwrap()
        .unwrap()
        .municipality_id
}

async fn record(
    app: &TestApp,
    operator: &reqwest::Client,
    account: i64,
    to: i64,
    reason: &str,
) -> (u16, String) {
    app.post_with(
        operator,
        "/api/operator/municipality-changes/record",
        &[
            ("change_account", &account.to_string()),
            ("change_to", &to.to_string()),
            ("change_reason", reason),
        ],
    )
    .await
}

async fn decide(
    app: &TestApp,
    client: &reqwest::Client,
    change: i64,
    decision: &str,
    reason: &str,
) -> (u16, String) {
    app.post_with(
        client,
        "/api/operator/municipality-changes/decide",
        &[
            ("change", &change.to_string()),
            ("decision", decision),
            ("decision_reason", reason),
        ],
    )
    .await
}

async fn list(app: &TestApp, client: &reqwest::Client) -> ChangeList {
    app.get_json_with(client, "/api/operator/municipality-changes")
        .await
}

async fn an_application_recorded_with_its_scan_is_approved_and_the_family_moves(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let org = app.organization(0).await;
    let (parent, account) = app.confirmed_parent(1).await;
    let (from, to) = (municipality(&app, 0).await, municipality(&app, 1).await);
    assert_eq!(account_municipality(&app, account).await, from);
    let (operator, _) = app.in_role(10, "institution_operator", Some(org)).await;
    // Mistakes are explained at their fields.
    let (_, body) = record(&app, &operator, account, from, "").await;
    assert!(
        body.contains("change_to") && body.contains("change_reason"),
        "{body}"
    );
    // The family page posts the application with its scan, as a browser without JavaScript does.
    let scan = b"%PDF-1.4 scanned application".to_vec();
    let form = reqwest::multipart::Form::new()
        .text("change_account", account.to_string())
        .text("change_to", to.to_string())
        .text("change_reason", "Переезд семьи в Кинешму")
        .text("phone", "")
        .part(
            "change_document",
            reqwest::multipart::Part::bytes(scan.clone())
                .file_name("Заявление.pdf")
                .mime_str("application/pdf")
                .unwrap(),
        );
    let page = operator
        .post(format!("{}/operator/families", app.base))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("передано региональному оператору"), "{html}");
    // One application waits at a time.
    let (_, body) = record(&app, &operator, account, to, "Переезд семьи").await;
    assert!(body.contains("уже на рассмотрении"), "{body}");
    let told: Vec<Notification> = app.get_json_with(&parent, "/api/notifications/mine").await;
    assert!(told
        .iter()
        .any(|n| n.subject == "Заявление на смену муниципалитета принято"));
    // The regional operator sees it with the scan, which opens as a download, audited.
    let (regional, home) = app.in_role(11, "regional_operator", None).await;
    assert_eq!(home, "\"/operator/municipality-changes\"");
    let changes = list(&app, &regional).await;
    assert!(changes.can_decide);
    let card = &changes.cards[0];
    assert!(card.pending);
    let (name, href) = card.document.clone().expect("the scan");
    assert_eq!(name, "Заявление.pdf");
    let document = regional
        .get(format!("{}{href}", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(document.status(), 200);
    assert!(document.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    assert_eq!(document.bytes().await.unwrap().to_vec(), scan);
    assert!(
        crate::duplicates::audit_has(&app, "view_change_document", &format!("account:{account}"))
            .await
    );
    // A parent, and an institution that did not record it, do not get the scan.
    assert_eq!(
        parent
            .get(format!("{}{href}", app.base))
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    let (other, _) = app.in_role(12, "institution_operator", Some(org + 1)).await;
    assert_eq!(
        other
            .get(format!("{}{href}", app.base))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    // Approval moves the account; the parent is told.
    let (status, body) = decide(&app, &regional, card.id, "approve", "").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(account_municipality(&app, account).await, to);
    let told: Vec<Notification> = app.get_json_with(&parent, "/api/notifications/mine").await;
    assert!(told.iter().any(|n| n.subject == "Муниципалитет изменен"));
    let (status, _) = decide(&app, &regional, card.id, "reject", "Повторное решение").await;
    assert_eq!(status, 409);
    assert!(
        crate::duplicates::audit_has(
            &app,
            "approve_municipality_change",
            &format!("account:{account}")
        )
        .await
    );
    app.finish().await;
}

async fn a_rejection_says_why_and_moc_cannot_decide(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let org = app.organization(0).await;
    let (parent, account) = app.confirmed_parent(1).await;
    let (from, to) = (municipality(&app, 0).await, municipality(&app, 2).await);
    let (operator, _) = app.in_role(10, "institution_operator", Some(org)).await;
    let (status, body) = record(&app, &operator, account, to, "Переезд к бабушке").await;
    assert_eq!(status, 200, "{body}");
    let moc = app.moc_operator(11, 0).await;
    let seen = list(&app, &moc).await;
    assert!(!seen.can_decide);
    let change = seen.cards[0].id;
    assert_eq!(decide(&app, &moc, change, "approve", "").await.0, 403);
    // МОЦ of a municipality the family neither leaves nor joins does not see it.
    let far = app.moc_operator(12, 5).await;
    assert!(list(&app, &far).await.cards.is_empty());
    let (regional, _) = app.in_role(13, "regional_operator", None).await;
    let (_, body) = decide(&app, &regional, change, "reject", "").await;
    assert!(body.contains("decision_reason"), "{body}");
    let (status, body) = decide(
        &app,
        &regional,
        change,
        "reject",
        "Нет документа о регистрации по новому адресу",
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(account_municipality(&app, account).await, from);
    let told: Vec<Notification> = app.get_json_with(&parent, "/api/notifications/mine").await;
    assert!(told
        .iter()
        .any(|n| n.body.contains("Нет документа о регистрации")));
    // Parents and administrators have no list.
    let (admin, _) = app.in_role(14, "admin", None).await;
    for client in [&parent, &admin] {
        let r = client
            .get(format!("{}/api/operator/municipality-changes", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403);
    }
    app.finish().await;
}

async fn regional_operators_deciding_at_once_decide_once(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let org = app.organization(0).await;
    let (_, account) = app.confirmed_parent(1).await;
    let to = municipality(&app, 1).await;
    let (operator, _) = app.in_role(10, "institution_operator", Some(org)).await;
    assert_eq!(
        record(&app, &operator, account, to, "Переезд семьи")
            .await
            .0,
        200
    );
    let mut regionals = Vec::new();
    for n in 0..6 {
        regionals.push(app.in_role(20 + n, "regional_operator", None).await.0);
    }
    let change = list(&app, &regionals[0]).await.cards[0].id;
    let answers = futures_util::future::join_all(regionals.iter().enumerate().map(|(i, r)| {
        let app = &app;
        async move {
            let decision = if i % 2 == 0 { "approve" } else { "reject" };
            decide(app, r, change, decision, "Решение по заявлению")
                .await
                .0
        }
    }))
    .await;
    assert_eq!(
        answers.iter().filter(|s| **s == 200).count(),
        1,
        "{answers:?}"
    );
    assert_eq!(
        answers.iter().filter(|s| **s == 409).count(),
        5,
        "{answers:?}"
    );
    app.finish().await;
}
