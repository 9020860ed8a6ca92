//! A second guardian is linked to a child already registered, not entered again (SPEC §4.2).

use crate::duplicates::{add, audit_has, children_of};
use crate::helpers::{spawn_seeded_app, Backend, TestApp};
use crate::on_both_backends;
use app::contract::applications::Notification;

on_both_backends!(an_institution_links_the_second_parent_by_the_accounts_email_or_phone);

async fn link(
    app: &TestApp,
    operator: &reqwest::Client,
    child: i64,
    guardian: &str,
    reason: &str,
) -> (u16, String) {
    app.post_with(
        operator,
        "/api/operator/families/link-guardian",
        &[
            ("link_child", &child.to_string()),
            ("guardian", guardian),
            ("guardian_reason", reason),
        ],
    )
    .await
}

async fn an_institution_links_the_second_parent_by_the_accounts_email_or_phone(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let org = app.organization(0).await;
    let (mother, _) = app.confirmed_parent(1).await;
    let (father, father_id) = app.confirmed_parent(2).await;
    let father_account = app::server::db::accounts::find(&app.db, father_id)
        .await
        .unwrap()
        .unwrap();
    assert!(add(&app, &mother, "Волкова", "Ника", "03.03.2018", false)
        .await
        .contains("Added"));
    let child = children_of(&app, &mother).await[0].id;
    let (operator, _) = app.in_role(10, "institution_operator", Some(org)).await;
    let (_, body) = link(&app, &operator, child, &father_account.email, "").await;
    assert!(body.contains("guardian_reason"), "{body}");
    let (_, body) = link(
        &app,
        &operator,
        child,
        "nobody@yandex.ru",
        "Свидетельство о рождении",
    )
    .await;
    assert!(body.contains("не найден"), "{body}");
    let (_, body) = link(&app, &operator, child, "12345", "Свидетельство о рождении").await;
    assert!(
        body.contains("Введите почту или мобильный телефон"),
        "{body}"
    );
    // By phone, typed as people type it.
    let phone = father_account.phone.replacen("+7", "8 ", 1);
    let (status, body) = link(
        &app,
        &operator,
        child,
        &phone,
        "Свидетельство о рождении II-ФО 654321",
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("Linked"), "{body}");
    // The child is in both cabinets once; linking again is refused.
    assert_eq!(children_of(&app, &father).await[0].id, child);
    assert_eq!(children_of(&app, &mother).await.len(), 1);
    let (_, body) = link(
        &app,
        &operator,
        child,
        &father_account.email,
        "Свидетельство о рождении",
    )
    .await;
    assert!(body.contains("уже связан"), "{body}");
    for parent in [&mother, &father] {
        let told: Vec<Notification> = app.get_json_with(parent, "/api/notifications/mine").await;
        assert_eq!(told.len(), 1);
    }
    assert!(audit_has(&app, "link_guardian", &format!("child:{child}")).await);
    // Only institution operators link: МОЦ and parents are refused.
    let moc = app.moc_operator(11, 0).await;
    assert_eq!(
        link(&app, &moc, child, &father_account.email, "Свидетельство")
            .await
            .0,
        403
    );
    assert_eq!(
        link(&app, &mother, child, &father_account.email, "Свидетельство")
            .await
            .0,
        403
    );
    app.finish().await;
}
