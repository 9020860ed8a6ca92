//! Accounts suspected to be one family's (R2, R6): flagged by an operator who finds the family
//! twice, compared in the queue, resolved; a duplicate account's applications are cancelled with
//! the R6 message and it applies no more.

use crate::applications_support::{apply, child, group, mine};
use crate::duplicates::{audit_has, queue, resolve};
use crate::helpers::{spawn_seeded_app, Backend, TestApp};
use crate::on_both_backends;
use app::contract::applications::{ApplyOutcome, Notification};

on_both_backends!(
    a_duplicate_account_loses_its_applications_and_applies_no_more,
    accounts_said_to_be_two_families_are_never_flagged_again,
);

async fn flag(
    app: &TestApp,
    client: &reqwest::Client,
    account: i64,
    other: i64,
    reason: &str,
) -> (u16, String) {
    app.post_with(
        client,
        "/api/operator/duplicates/flag-accounts",
        &[
            ("flag_account", &account.to_string()),
            ("flag_other", &other.to_string()),
            ("flag_reason", reason),
        ],
    )
    .await
}

async fn resolve_accounts(
    app: &TestApp,
    client: &reqwest::Client,
    flag: i64,
    decision: &str,
) -> (u16, String) {
    app.post_with(
        client,
        "/api/operator/duplicates/resolve",
        &[
            ("kind", "account"),
            ("flag", &flag.to_string()),
            ("decision", decision),
            ("reason", "Паспорт родителя проверен"),
        ],
    )
    .await
}

async fn email_of(app: &TestApp, account: i64) -> String {
    app::server::db::accounts::find(&app.db, account)
        .await
        .unwrap()
        .unwrap()
        .email
}

async fn a_duplicate_account_loses_its_applications_and_applies_no_more(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let org = app.organization(0).await;
    let (x, x_id) = app.confirmed_parent(1).await;
    let (y, y_id) = app.confirmed_parent(2).await;
    let g = group(&app, 5, (7, 10)).await;
    let x_kid = child(&app, x_id, 1, 8).await;
    let y_kid = child(&app, y_id, 2, 9).await;
    apply(&app, &x, x_kid, g).await;
    apply(&app, &y, y_kid, g).await;
    let (operator, _) = app.in_role(10, "institution_operator", Some(org)).await;
    let (_, body) = flag(&app, &operator, x_id, x_id, "Тот же родитель").await;
    assert!(body.contains("flag_other"), "{body}");
    let (_, body) = flag(&app, &operator, x_id, y_id, "").await;
    assert!(body.contains("flag_reason"), "{body}");
    let (status, body) = flag(&app, &operator, y_id, x_id, "Одна мама, два аккаунта").await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("Flagged"), "{body}");
    let (_, body) = flag(&app, &operator, x_id, y_id, "Снова та же пара").await;
    assert!(body.contains("уже была в очереди"), "{body}");
    // The queue shows the pair to the institution concerned and to МОЦ, not to another one.
    let q = queue(&app, &operator).await;
    assert_eq!(q.accounts_total, 1);
    let pair = &q.account_pairs[0];
    assert_eq!(
        (pair.first.account_id, pair.second.account_id),
        (y_id, x_id)
    );
    assert_eq!(pair.first.applications.len(), 1);
    assert!(pair.fields.iter().any(|f| f.label == "Почта" && f.differs));
    let moc = app.moc_operator(11, 0).await;
    assert_eq!(queue(&app, &moc).await.accounts_total, 1);
    let (other, _) = app.in_role(12, "institution_operator", Some(org + 1)).await;
    assert_eq!(queue(&app, &other).await.accounts_total, 0);
    // A child pair's decision does not reach an account pair: kinds are kept apart.
    let (status, _) = resolve(
        &app,
        &operator,
        pair.flag_id,
        "not_duplicate",
        "Разные дети",
    )
    .await;
    assert_eq!(status, 404);
    // X is the confirmed account: Y's application is cancelled with the R6 message.
    let (status, body) =
        resolve_accounts(&app, &operator, pair.flag_id, &format!("keep:{x_id}")).await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("отменено заявок: 1"), "{body}");
    let masked = app::domain::account::email::Email::parse(&email_of(&app, x_id).await)
        .unwrap()
        .masked();
    let cancelled = &mine(&app, &y).await[0].applications[0];
    assert_eq!(cancelled.status, "Отменена");
    let reason = cancelled.reason.clone().unwrap_or_default();
    assert!(
        reason.contains("дублирующего аккаунта") && reason.contains(&masked),
        "{reason}"
    );
    assert_eq!(mine(&app, &x).await[0].applications[0].status, "Новая");
    let told: Vec<Notification> = app.get_json_with(&y, "/api/notifications/mine").await;
    assert!(told
        .iter()
        .any(|n| n.subject == "Аккаунт признан дублирующим"));
    // The duplicate account applies no more; the message names the confirmed account.
    let again = group(&app, 5, (7, 10)).await;
    match apply(&app, &y, y_kid, again).await {
        ApplyOutcome::Invalid { errors } => {
            assert!(errors[0].message.contains("признан дублирующим"));
            assert!(errors[0].message.contains(&masked));
        }
        other => panic!("applied from a duplicate account: {other:?}"),
    }
    assert_eq!(queue(&app, &operator).await.accounts_total, 0);
    assert!(audit_has(&app, "flag_accounts", &format!("accounts:{y_id},{x_id}")).await);
    assert!(
        audit_has(
            &app,
            "resolve_account_duplicate",
            &format!("account_duplicate_flag:{}", pair.flag_id)
        )
        .await
    );
    app.finish().await;
}

async fn accounts_said_to_be_two_families_are_never_flagged_again(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let (_, x_id) = app.confirmed_parent(1).await;
    let (_, y_id) = app.confirmed_parent(2).await;
    let moc = app.moc_operator(10, 0).await;
    assert_eq!(flag(&app, &moc, x_id, y_id, "Похожие фамилии").await.0, 200);
    let flag_id = queue(&app, &moc).await.account_pairs[0].flag_id;
    // Without the permission the pair is seen but not resolved.
    let (viewer, _) = app
        .in_role_with(
            11,
            "moc_operator",
            None,
            Some(crate::municipality_changes::municipality(&app, 0).await),
            false,
        )
        .await;
    assert!(!queue(&app, &viewer).await.can_resolve);
    assert_eq!(
        resolve_accounts(&app, &viewer, flag_id, "not_duplicate")
            .await
            .0,
        403
    );
    let (status, body) = resolve_accounts(&app, &moc, flag_id, "not_duplicate").await;
    assert_eq!(status, 200, "{body}");
    let (_, body) = flag(&app, &moc, y_id, x_id, "Снова похожие фамилии").await;
    assert!(body.contains("уже была в очереди"), "{body}");
    assert_eq!(queue(&app, &moc).await.accounts_total, 0);
    app.finish().await;
}
