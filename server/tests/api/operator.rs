//! The institution operator: the role switch, who may call what, moves along the state machine
//! with reasons, the export, the audit trail; and the last seat under two operators at once.

use crate::applications_support::{apply, child, group, mine};
use crate::helpers::{spawn_seeded_app, Backend, TestApp};
use crate::on_both_backends;
use app::contract::operator::{BulkOutcome, OperatorPage};
use app::server::db::Database;

on_both_backends!(
    only_an_operator_acting_as_one_reaches_the_workspace,
    an_operator_confirms_enrols_and_the_parent_is_told,
    cancelling_needs_a_reason_from_the_dictionary,
    another_organizations_applications_are_out_of_reach,
    two_operators_offering_the_last_seat_at_once_give_it_once,
    the_filtered_list_exports_as_csv_and_xlsx,
    administrators_keep_the_dictionary_of_cancel_reasons,
);

/// A signed-in operator of `organization`, switched to that role.
async fn operator(app: &TestApp, n: usize, organization: i64) -> reqwest::Client {
    let (client, home) = app
        .in_role(1000 + n, "institution_operator", Some(organization))
        .await;
    assert_eq!(home, "\"/operator/applications\"");
    client
}

async fn list(app: &TestApp, client: &reqwest::Client, query: &str) -> (u16, Option<OperatorPage>) {
    let response = client
        .get(format!("{}/api/operator/applications?{query}", app.base))
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let page = if status == 200 {
        Some(response.json().await.unwrap())
    } else {
        None
    };
    (status, page)
}

async fn act(
    app: &TestApp,
    client: &reqwest::Client,
    ids: &[i64],
    fields: &[(&str, &str)],
) -> (u16, String) {
    let mut form: Vec<(String, String)> = ids
        .iter()
        .map(|id| ("ids[]".to_owned(), id.to_string()))
        .collect();
    form.extend(
        fields
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
    );
    let response = client
        .post(format!("{}/api/operator/applications/move", app.base))
        .form(&form)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

fn done(body: &str) -> (usize, Vec<String>) {
    match serde_json::from_str::<BulkOutcome>(body).unwrap_or_else(|e| panic!("{e}: {body}")) {
        BulkOutcome::Done { changed, refused } => (changed, refused),
        other => panic!("{other:?}"),
    }
}

/// A parent with a child who applied to a new group of `organization`'s first program.
async fn applied(app: &TestApp, n: usize, group_id: i64) -> (reqwest::Client, i64) {
    let (parent, account) = app.confirmed_parent(n).await;
    let kid = child(app, account, n, 8).await;
    apply(app, &parent, kid, group_id).await;
    let id = mine(app, &parent).await[0].applications[0].id;
    (parent, id)
}

async fn only_an_operator_acting_as_one_reaches_the_workspace(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let org = app.organization(0).await;
    // Anonymous: sign in first.
    assert_eq!(list(&app, &TestApp::new_client(), "").await.0, 401);
    assert_eq!(
        act(&app, &TestApp::new_client(), &[1], &[("action", "confirm")])
            .await
            .0,
        401
    );
    // A parent: not allowed.
    let (parent, _) = app.confirmed_parent(1).await;
    assert_eq!(list(&app, &parent, "").await.0, 403);
    assert_eq!(
        act(&app, &parent, &[1], &[("action", "confirm")]).await.0,
        403
    );
    // An operator still acting as a parent: not allowed until the switch.
    let (person, account) = app.confirmed_parent(2).await;
    app::server::db::roles::grant(
        &app.db,
        account,
        "institution_operator",
        Some(org),
        None,
        false,
    )
    .await
    .unwrap();
    assert_eq!(list(&app, &person, "").await.0, 403);
    // Someone else's role cannot be switched to.
    let (status, _) = app
        .post_with(&person, "/api/accounts/switch-role", &[("role", "999999")])
        .await;
    assert_eq!(status, 403);
    // An administrator is not an institution operator.
    let (admin, _) = app.in_role(3, "admin", None).await;
    assert_eq!(list(&app, &admin, "").await.0, 403);
    // The operator in role.
    let operator = operator(&app, 1, org).await;
    let (status, page) = list(&app, &operator, "").await;
    assert_eq!(status, 200);
    assert!(!page.unwrap().organization_name.is_empty());
    // Back to the parent's cabinet.
    let (status, body) = app
        .post_with(
            &operator,
            "/api/accounts/switch-role",
            &[("role", "parent")],
        )
        .await;
    assert_eq!((status, body.as_str()), (200, "\"/cabinet\""));
    assert_eq!(list(&app, &operator, "").await.0, 403);
    app.finish().await;
}

async fn an_operator_confirms_enrols_and_the_parent_is_told(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let org = app.organization(0).await;
    let group = group(&app, 3, (7, 10)).await;
    let (parent, id) = applied(&app, 1, group).await;
    let operator = operator(&app, 1, org).await;
    let (_, page) = list(&app, &operator, "status=new").await;
    let page = page.unwrap();
    assert_eq!(page.total, 1);
    assert_eq!(page.rows[0].id, id);
    assert!(page.rows[0].parent_email.contains('@'));
    // Enrolling before confirming is refused by the state machine.
    let (changed, refused) = done(&act(&app, &operator, &[id], &[("action", "enrol")]).await.1);
    assert_eq!((changed, refused.len()), (0, 1));
    assert!(refused[0].contains("еще не подтверждена"), "{refused:?}");
    assert_eq!(
        done(
            &act(&app, &operator, &[id], &[("action", "confirm")])
                .await
                .1
        )
        .0,
        1
    );
    assert_eq!(
        done(&act(&app, &operator, &[id], &[("action", "enrol")]).await.1).0,
        1
    );
    let card = &mine(&app, &parent).await[0].applications[0];
    assert_eq!(card.status, "Зачислен");
    let whos: Vec<&str> = card.history.iter().map(|h| h.who.as_str()).collect();
    assert_eq!(whos.len(), 3);
    assert!(whos[1].starts_with("Учреждение: "), "{whos:?}");
    let notes: Vec<app::contract::applications::Notification> =
        app.get_json_with(&parent, "/api/notifications/mine").await;
    assert!(notes[0].subject.ends_with("Зачислен"), "{notes:?}");
    // Every view and move is in the audit log, which cannot be rewritten.
    let count =
        "SELECT COUNT(*) FROM audit_log WHERE action IN ('view_applications', 'confirm', 'enrol')";
    let rewrite = "UPDATE audit_log SET action = 'x'";
    match &app.db {
        Database::Sqlite(p) => {
            assert!(
                sqlx::query_scalar::<_, i64>(count)
                    .fetch_one(p)
                    .await
                    .unwrap()
                    >= 3
            );
            assert!(sqlx::query(rewrite).execute(p).await.is_err());
        }
        Database::Postgres(p) => {
            assert!(
                sqlx::query_scalar::<_, i64>(count)
                    .fetch_one(p)
                    .await
                    .unwrap()
                    >= 3
            );
            assert!(sqlx::query(rewrite).execute(p).await.is_err());
        }
    }
    app.finish().await;
}

async fn cancelling_needs_a_reason_from_the_dictionary(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let org = app.organization(0).await;
    let group = group(&app, 3, (7, 10)).await;
    let (parent, id) = applied(&app, 1, group).await;
    let operator = operator(&app, 1, org).await;
    let page = list(&app, &operator, "").await.1.unwrap();
    let reason = |title: &str| {
        page.reasons
            .iter()
            .find(|r| r.label == title)
            .unwrap()
            .value
            .clone()
    };
    let invalid = |body: String| match serde_json::from_str::<BulkOutcome>(&body).unwrap() {
        BulkOutcome::Invalid { errors } => errors[0].field.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        invalid(act(&app, &operator, &[id], &[("action", "cancel")]).await.1),
        "reason"
    );
    let other = reason("Иное");
    assert_eq!(
        invalid(
            act(
                &app,
                &operator,
                &[id],
                &[("action", "cancel"), ("reason", &other)]
            )
            .await
            .1
        ),
        "comment"
    );
    let duplicate = reason("Подана с дублирующего аккаунта");
    assert_eq!(
        invalid(
            act(
                &app,
                &operator,
                &[id],
                &[
                    ("action", "cancel"),
                    ("reason", &duplicate),
                    ("comment", "не почта")
                ]
            )
            .await
            .1
        ),
        "comment"
    );
    let (_, body) = act(
        &app,
        &operator,
        &[id],
        &[
            ("action", "cancel"),
            ("reason", &duplicate),
            ("comment", "ivanova@mail.ru"),
        ],
    )
    .await;
    assert_eq!(done(&body).0, 1);
    let card = &mine(&app, &parent).await[0].applications[0];
    assert_eq!(card.status, "Отменена");
    let reason = card.reason.clone().unwrap();
    assert!(
        reason.starts_with("Данная заявка была подана с дублирующего аккаунта."),
        "{reason}"
    );
    assert!(
        reason.contains("iv***@mail.ru") && !reason.contains("ivanova"),
        "{reason}"
    );
    app.finish().await;
}

async fn another_organizations_applications_are_out_of_reach(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let group = group(&app, 3, (7, 10)).await;
    let (parent, id) = applied(&app, 1, group).await;
    let stranger = operator(&app, 2, app.organization(1).await).await;
    let page = list(&app, &stranger, "").await.1.unwrap();
    assert!(page.rows.iter().all(|r| r.id != id));
    let (changed, refused) = done(
        &act(&app, &stranger, &[id], &[("action", "confirm")])
            .await
            .1,
    );
    assert_eq!((changed, refused.len()), (0, 1));
    assert_eq!(mine(&app, &parent).await[0].applications[0].status, "Новая");
    app.finish().await;
}

async fn two_operators_offering_the_last_seat_at_once_give_it_once(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let org = app.organization(0).await;
    let group = group(&app, 1, (7, 10)).await;
    applied(&app, 1, group).await;
    let (_, a) = applied(&app, 2, group).await;
    let (_, b) = applied(&app, 3, group).await;
    // The group grows by one seat; two operators offer it to two different children at once.
    let grow = "UPDATE study_groups SET capacity = 2 WHERE id = $1";
    match &app.db {
        Database::Sqlite(p) => sqlx::query(grow).bind(group).execute(p).await.map(|_| ()),
        Database::Postgres(p) => sqlx::query(grow).bind(group).execute(p).await.map(|_| ()),
    }
    .unwrap();
    let (first, second) = (operator(&app, 1, org).await, operator(&app, 2, org).await);
    let (ids_a, ids_b) = ([a], [b]);
    let (x, y) = tokio::join!(
        act(&app, &first, &ids_a, &[("action", "offer")]),
        act(&app, &second, &ids_b, &[("action", "offer")])
    );
    let (x, y) = (done(&x.1), done(&y.1));
    assert_eq!(x.0 + y.0, 1, "{x:?} {y:?}");
    let refusal = if x.0 == 0 { &x.1[0] } else { &y.1[0] };
    assert!(refusal.contains("нет свободных мест"), "{refusal}");
    app.finish().await;
}

async fn the_filtered_list_exports_as_csv_and_xlsx(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let org = app.organization(0).await;
    let group = group(&app, 3, (7, 10)).await;
    for n in 0..5 {
        applied(&app, n, group).await;
    }
    let operator = operator(&app, 1, org).await;
    let csv = operator
        .get(format!(
            "{}/operator/applications/export.csv?status=queued",
            app.base
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status(), 200);
    assert!(csv.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("zayavki.csv"));
    let text = csv.text().await.unwrap();
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert!(
        lines[0].starts_with("№ заявки;Ребенок;Дата рождения"),
        "{}",
        lines[0]
    );
    assert_eq!(lines.len(), 1 + 2, "{text}");
    assert!(lines[1].contains("В очереди"));
    let xlsx = operator
        .get(format!("{}/operator/applications/export.xlsx", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(xlsx.status(), 200);
    let bytes = xlsx.bytes().await.unwrap();
    use calamine::Reader;
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let sheet = book.worksheet_range("Заявки").unwrap();
    let rows: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| r.iter().map(ToString::to_string).collect())
        .collect();
    assert_eq!(rows[0][1], "Ребенок");
    assert_eq!(rows.len(), 1 + 5);
    assert!(
        rows[1..]
            .iter()
            .all(|r| r[2].len() == 10 && r[2].as_bytes()[2] == b'.'),
        "{rows:?}"
    );
    // Compressed on the way, as browsers ask: the stream still ends cleanly.
    for format in ["csv", "xlsx"] {
        let compressed = operator
            .get(format!(
                "{}/operator/applications/export.{format}",
                app.base
            ))
            .header("accept-encoding", "br, gzip")
            .send()
            .await
            .unwrap();
        assert_eq!(compressed.status(), 200);
        assert!(compressed.headers().contains_key("content-encoding"));
        assert!(!compressed.bytes().await.unwrap().is_empty(), "{format}");
    }
    // Not for parents.
    let (parent, _) = app.confirmed_parent(77).await;
    let refused = parent
        .get(format!("{}/operator/applications/export.csv", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
    app.finish().await;
}

async fn administrators_keep_the_dictionary_of_cancel_reasons(backend: Backend) {
    use app::contract::admin::{ReasonOutcome, ReasonRow};
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let org = app.organization(0).await;
    // Operators and parents may not.
    let operator = operator(&app, 1, org).await;
    let (status, _) = app
        .post_with(
            &operator,
            "/api/admin/cancel-reasons/save",
            &[("title", "Новая"), ("message", "Текст")],
        )
        .await;
    assert_eq!(status, 403);
    let (admin, home) = app.in_role(5, "admin", None).await;
    assert_eq!(home, "\"/admin/cancel-reasons\"");
    let rows: Vec<ReasonRow> = app.get_json_with(&admin, "/api/admin/cancel-reasons").await;
    assert_eq!(rows.len(), 7);
    let save = |fields: Vec<(&'static str, String)>| {
        let admin = admin.clone();
        let base = app.base.clone();
        async move {
            let response = admin
                .post(format!("{base}/api/admin/cancel-reasons/save"))
                .form(&fields)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 200);
            response.json::<ReasonOutcome>().await.unwrap()
        }
    };
    // Added, offered to operators at once.
    let added = save(vec![
        ("title", "Переезд семьи".into()),
        ("message", "Семья переехала.".into()),
        ("active", "1".into()),
    ])
    .await;
    assert_eq!(
        added,
        ReasonOutcome::Saved {
            title: "Переезд семьи".into()
        }
    );
    let page = list(&app, &operator, "").await.1.unwrap();
    assert!(page.reasons.iter().any(|r| r.label == "Переезд семьи"));
    // Hidden: no longer offered, still in the dictionary.
    let rows: Vec<ReasonRow> = app.get_json_with(&admin, "/api/admin/cancel-reasons").await;
    let new = rows.iter().find(|r| r.title == "Переезд семьи").unwrap();
    save(vec![
        ("id", new.id.to_string()),
        ("title", "Переезд семьи".into()),
        ("message", "Семья переехала.".into()),
    ])
    .await;
    let page = list(&app, &operator, "").await.1.unwrap();
    assert!(!page.reasons.iter().any(|r| r.label == "Переезд семьи"));
    // The R6 text keeps its placeholder; too short a title is refused at its field.
    let r6 = rows.iter().find(|r| r.names_account).unwrap();
    let ReasonOutcome::Invalid { errors, .. } = save(vec![
        ("id", r6.id.to_string()),
        ("title", "Д".into()),
        ("message", "Без почты".into()),
        ("active", "1".into()),
    ])
    .await
    else {
        panic!("accepted")
    };
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["title", "message"]);
    app.finish().await;
}
