//! The audit log viewer and its CSV export, and administrators keeping operators' roles.

use crate::duplicates::{add, audit_has, children_of};
use crate::helpers::ACCOUNT_PASSWORD;
use crate::helpers::{spawn_seeded_app, Backend, TestApp};
use crate::on_both_backends;
use app::contract::audit::AuditPage;
use app::contract::operators::OperatorsPage;

on_both_backends!(
    the_log_is_filtered_and_exported_for_administrators_and_moc_over_their_municipality,
    administrators_give_and_take_roles_and_new_operators_set_a_password_by_the_letter,
);

async fn log(app: &TestApp, client: &reqwest::Client, query: &str) -> AuditPage {
    app.get_json_with(client, &format!("/api/admin/audit?{query}"))
        .await
}

async fn the_log_is_filtered_and_exported_for_administrators_and_moc_over_their_municipality(
    backend: Backend,
) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let org = app.organization(0).await;
    let (parent, account) = app.confirmed_parent(1).await;
    assert!(add(&app, &parent, "Лебедева", "Ася", "09.09.2016", false)
        .await
        .contains("Added"));
    let child = children_of(&app, &parent).await[0].id;
    let (operator, _) = app.in_role(10, "institution_operator", Some(org)).await;
    let operator_email = app::server::db::roles::holders(&app.db)
        .await
        .unwrap()
        .into_iter()
        .find(|h| h.role == "institution_operator")
        .unwrap()
        .email;
    let phone = app::server::db::accounts::find(&app.db, account)
        .await
        .unwrap()
        .unwrap()
        .phone;
    let (status, _) = app
        .post_with(&operator, "/api/operator/families", &[("phone", &phone)])
        .await;
    assert_eq!(status, 200);
    let (status, _) = app
        .post_with(
            &operator,
            "/api/operator/families/confirm-child",
            &[("confirm_child", &child.to_string())],
        )
        .await;
    assert_eq!(status, 200);
    let (admin, _) = app.in_role(11, "admin", None).await;
    let all = log(&app, &admin, "").await;
    assert!(all.total >= 2, "{all:?}");
    // By whose data: the child's own entry, and lists that name the account.
    let about_child = log(&app, &admin, &format!("subject=child:{child}")).await;
    assert_eq!(about_child.total, 1);
    assert_eq!(about_child.rows[0].action, "Подтверждение данных ребенка");
    assert!(about_child.rows[0]
        .role
        .starts_with("Оператор учреждения: "));
    let about_account = log(&app, &admin, &format!("subject=account:{account}")).await;
    assert_eq!(about_account.total, 1);
    assert_eq!(about_account.rows[0].action, "Поиск семьи");
    let by_action = log(&app, &admin, "action=family_lookup").await;
    assert!(by_action.rows.iter().all(|r| r.action == "Поиск семьи"));
    let by_operator = log(&app, &admin, &format!("operator={operator_email}")).await;
    assert_eq!(by_operator.total, 2);
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Moscow)
        .format("%d.%m.%Y")
        .to_string();
    let in_period = log(
        &app,
        &admin,
        &format!("operator={operator_email}&from={today}&to={today}"),
    )
    .await;
    assert_eq!(in_period.total, 2);
    let before = log(
        &app,
        &admin,
        &format!("operator={operator_email}&to=01.01.2020"),
    )
    .await;
    assert_eq!(before.total, 0);
    let wrong = log(&app, &admin, "from=31.02.2026&subject=ребенок").await;
    let fields: Vec<&str> = wrong.errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["subject", "from"]);
    // МОЦ reads what its municipality's operators did, and nothing of another municipality.
    let moc = app.moc_operator(12, 0).await;
    assert_eq!(
        log(&app, &moc, &format!("operator={operator_email}"))
            .await
            .total,
        2
    );
    let far = app.moc_operator(13, 5).await;
    assert_eq!(
        log(&app, &far, &format!("operator={operator_email}"))
            .await
            .total,
        0
    );
    // The export is the filtered list as CSV for Excel, and is recorded itself.
    let csv = admin
        .get(format!(
            "{}/admin/audit/export.csv?action=confirm_child",
            app.base
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status(), 200);
    assert!(csv.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let bytes = csv.bytes().await.unwrap();
    assert_eq!(&bytes[..3], &[0xEF, 0xBB, 0xBF]);
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.contains("Подтверждение данных ребенка"));
    assert!(text.contains(&format!("child:{child}")));
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(audit_has(&app, "export_audit", "audit_log").await);
    assert!(audit_has(&app, "view_audit", "audit_log").await);
    // Nobody else reads the log.
    for client in [&parent, &operator] {
        let page = client
            .get(format!("{}/api/admin/audit", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 403);
        let file = client
            .get(format!("{}/admin/audit/export.csv", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(file.status(), 403);
    }
    app.finish().await;
}

async fn administrators_give_and_take_roles_and_new_operators_set_a_password_by_the_letter(
    backend: Backend,
) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let org = app.organization(0).await.to_string();
    let (admin, _) = app.in_role(1, "admin", None).await;
    // The administrator's own password goes with every grant, unless the test types another.
    let grant = |mut fields: Vec<(&'static str, String)>| {
        let (app, admin) = (&app, &admin);
        if !fields.iter().any(|(k, _)| *k == "admin_password") {
            fields.push(("admin_password", ACCOUNT_PASSWORD.to_owned()));
        }
        async move {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.post_with(admin, "/api/admin/operators/grant", &fields)
                .await
        }
    };
    let (_, body) = grant(vec![]).await;
    assert!(
        body.contains("\"email\"") && body.contains("\"role\""),
        "{body}"
    );
    let email = format!("new.operator.{}@kruzhok.example", std::process::id());
    let (_, body) = grant(vec![
        ("email", email.clone()),
        ("role", "institution_operator".into()),
    ])
    .await;
    for field in ["organization", "surname", "given_name", "phone"] {
        assert!(body.contains(&format!("\"{field}\"")), "{field}: {body}");
    }
    let complete = vec![
        ("email", email.clone()),
        ("role", "institution_operator".into()),
        ("organization", org.clone()),
        ("resolves_duplicates", "1".into()),
        ("surname", "Смирнова".into()),
        ("given_name", "Ольга".into()),
        ("phone", "+7 915 111-22-33".into()),
    ];
    // A role opens families' data: without the administrator's password typed again, nothing.
    let mut wrong = complete.clone();
    wrong.push(("admin_password", "не тот пароль".into()));
    let (status, body) = grant(wrong).await;
    assert_eq!(status, 200, "{body}");
    assert!(
        body.contains("admin_password") && !body.contains("не тот пароль"),
        "the wrong password is refused at its field and never sent back: {body}"
    );
    assert!(app::server::db::accounts::find_by_email(&app.db, &email)
        .await
        .unwrap()
        .is_none());
    let (status, body) = grant(complete).await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("Создан аккаунт"), "{body}");
    let letters: serde_json::Value = app
        .get_json_with(&admin, &format!("/api/dev/outbox?to={email}"))
        .await;
    assert!(
        letters.to_string().contains("/reset-password/new?token="),
        "{letters}"
    );
    let page: OperatorsPage = app.get_json_with(&admin, "/api/admin/operators").await;
    let line = page
        .roles
        .iter()
        .find(|r| r.email == email)
        .expect("the new role");
    assert!(line.role.starts_with("Оператор учреждения: "));
    assert!(line.resolves_duplicates);
    // An existing parent becomes a МОЦ operator; taking the role away ends the work in it.
    let (parent, parent_id) = app.confirmed_parent(2).await;
    let parent_email = app::server::db::accounts::find(&app.db, parent_id)
        .await
        .unwrap()
        .unwrap()
        .email;
    let municipality = crate::municipality_changes::municipality(&app, 0)
        .await
        .to_string();
    let (status, body) = grant(vec![
        ("email", parent_email.clone()),
        ("role", "moc_operator".into()),
        ("municipality", municipality),
    ])
    .await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("выдана роль"), "{body}");
    let role = app::server::db::roles::of_account(&app.db, parent_id)
        .await
        .unwrap()[0]
        .id;
    let (status, _) = app
        .post_with(
            &parent,
            "/api/accounts/switch-role",
            &[("role", &role.to_string())],
        )
        .await;
    assert_eq!(status, 200);
    let inbox = parent
        .get(format!("{}/api/help/inbox", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(inbox.status(), 200);
    let (status, body) = app
        .post_with(
            &admin,
            "/api/admin/operators/revoke",
            &[("revoke", &role.to_string())],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let inbox = parent
        .get(format!("{}/api/help/inbox", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(inbox.status(), 403);
    assert!(audit_has(&app, "grant_role", &format!("account:{parent_id}")).await);
    assert!(audit_has(&app, "revoke_role", &format!("account:{parent_id}")).await);
    // Only administrators keep roles.
    let (status, _) = app
        .post_with(
            &parent,
            "/api/admin/operators/grant",
            &[("email", "x@y.ru")],
        )
        .await;
    assert_eq!(status, 403);
    app.finish().await;
}
