//! The duplicate queue (R6): who sees a probable pair, resolving it as «не дубль» or «дубль», the
//! R6 cancellation of the duplicate record's applications, and decisions racing each other.

use crate::applications_support::{apply, group, insert_child, mine, occupied};
use crate::helpers::{spawn_seeded_app, Backend, TestApp};
use crate::on_both_backends;
use app::contract::applications::Notification;
use app::contract::children::ChildCard;
use app::contract::duplicates::DuplicateQueue;
use app::domain::identity::verdict::Sex;
use app::server::db::Database;

on_both_backends!(
    a_probable_pair_is_seen_by_the_institution_concerned_and_by_moc_only,
    a_duplicate_is_retired_and_its_applications_cancelled_with_the_r6_message,
    an_enrolment_of_a_retired_record_stands_and_the_operator_is_told,
    two_children_are_freed_and_never_flagged_again,
    operators_racing_on_one_pair_make_one_decision,
    the_register_scan_puts_its_pairs_into_the_queue_once,
);

/// Adds a child through the cabinet's form; `another` confirms a probable duplicate is another child.
pub async fn add(
    app: &TestApp,
    parent: &reqwest::Client,
    surname: &str,
    given: &str,
    birth: &str,
    another: bool,
) -> String {
    let (status, body) = app
        .post_with(
            parent,
            "/api/children/add",
            &[
                ("surname", surname),
                ("given_name", given),
                ("patronymic", ""),
                ("sex", "female"),
                ("birth_date", birth),
                ("snils", ""),
                ("birth_certificate", ""),
                ("another_child", if another { "1" } else { "" }),
            ],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    body
}

pub async fn children_of(app: &TestApp, parent: &reqwest::Client) -> Vec<ChildCard> {
    app.get_json_with(parent, "/api/children/mine").await
}

/// Two families: X's «Смирнова Мария», who applied to a group of the first organization, and Y's
/// «Смирнва Мария» of the same birth date, added after the warning and flagged.
pub struct Pair {
    pub x: reqwest::Client,
    pub x_email: String,
    pub y: reqwest::Client,
    pub y_email: String,
    pub x_child: i64,
    pub y_child: i64,
    pub group: i64,
}

pub async fn flagged_pair(app: &TestApp, n: usize) -> Pair {
    let (x, x_account) = app.confirmed_parent(n).await;
    let (y, y_account) = app.confirmed_parent(n + 1).await;
    let birth = "12.03.2017";
    assert!(add(app, &x, "Смирнова", "Мария", birth, false)
        .await
        .contains("Added"));
    let x_child = children_of(app, &x).await[0].id;
    // A group for children of 8 to 10 at its start; the child is 9 then.
    let group = group(app, 5, (7, 10)).await;
    assert!(format!("{:?}", apply(app, &x, x_child, group).await).contains("Applied"));
    assert!(add(app, &y, "Смирнва", "Мария", birth, false)
        .await
        .contains("Probable"));
    assert!(add(app, &y, "Смирнва", "Мария", birth, true)
        .await
        .contains("Added"));
    let y_children = children_of(app, &y).await;
    assert!(y_children[0].under_review);
    let email = |id: i64| async move {
        app::server::db::accounts::find(&app.db, id)
            .await
            .unwrap()
            .unwrap()
            .email
    };
    Pair {
        x_email: email(x_account).await,
        y_email: email(y_account).await,
        x,
        y,
        x_child,
        y_child: y_children[0].id,
        group,
    }
}

pub async fn queue(app: &TestApp, client: &reqwest::Client) -> DuplicateQueue {
    app.get_json_with(client, "/api/operator/duplicates").await
}

pub async fn resolve(
    app: &TestApp,
    client: &reqwest::Client,
    flag: i64,
    decision: &str,
    reason: &str,
) -> (u16, String) {
    app.post_with(
        client,
        "/api/operator/duplicates/resolve",
        &[
            ("flag", &flag.to_string()),
            ("decision", decision),
            ("reason", reason),
        ],
    )
    .await
}

async fn a_probable_pair_is_seen_by_the_institution_concerned_and_by_moc_only(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let org = app.organization(0).await;
    let pair = flagged_pair(&app, 1).await;
    let (operator, _) = app.in_role(10, "institution_operator", Some(org)).await;
    let q = queue(&app, &operator).await;
    assert_eq!(q.total, 1);
    assert!(q.can_resolve);
    let card = &q.pairs[0];
    assert_eq!(
        (card.first.child_id, card.second.child_id),
        (pair.y_child, pair.x_child)
    );
    // The operator tells the parent the account's e-mail: it is shown in full.
    assert_eq!(card.first.account_email, pair.y_email);
    assert_eq!(card.second.account_email, pair.x_email);
    let differing: Vec<&str> = card
        .fields
        .iter()
        .filter(|f| f.differs)
        .map(|f| f.label.as_str())
        .collect();
    assert_eq!(differing, ["Фамилия"]);
    assert!(
        card.reason.contains("та же дата рождения"),
        "{}",
        card.reason
    );
    assert!(card.second.applications[0].contains("Новая"));
    // МОЦ of the families' municipality sees it; another institution and another МОЦ do not.
    let moc = app.moc_operator(11, 0).await;
    assert_eq!(queue(&app, &moc).await.total, 1);
    let other_moc = app.moc_operator(12, 1).await;
    assert_eq!(queue(&app, &other_moc).await.total, 0);
    let (other, _) = app.in_role(13, "institution_operator", Some(org + 1)).await;
    assert_eq!(queue(&app, &other).await.total, 0);
    // Parents, the regional operator and administrators have no queue.
    let (status, _) = app
        .post_with(&pair.x, "/api/operator/duplicates/resolve", &[])
        .await;
    assert_eq!(status, 403);
    for role in ["regional_operator", "admin"] {
        let (client, _) = app.in_role(14, role, None).await;
        let response = client
            .get(format!("{}/api/operator/duplicates", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 403, "{role}");
    }
    // Looking at the queue is audited, naming the records shown.
    assert!(
        audit_has(
            &app,
            "view_duplicates",
            &format!("children:{},{}", pair.y_child, pair.x_child)
        )
        .await
    );
    app.finish().await;
}

async fn a_duplicate_is_retired_and_its_applications_cancelled_with_the_r6_message(
    backend: Backend,
) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let org = app.organization(0).await;
    let pair = flagged_pair(&app, 1).await;
    assert_eq!(occupied(&app, pair.group).await, 1);
    // Without the permission an operator sees the pair but cannot decide.
    let (viewer, _) = app
        .in_role_with(10, "institution_operator", Some(org), None, false)
        .await;
    let q = queue(&app, &viewer).await;
    assert!(!q.can_resolve);
    let flag = q.pairs[0].flag_id;
    let keep_y = format!("keep:{}", pair.y_child);
    let (status, _) = resolve(
        &app,
        &viewer,
        flag,
        &keep_y,
        "Свидетельство о рождении проверено",
    )
    .await;
    assert_eq!(status, 403);
    // With it: a reason is required, and only one of the pair may be kept.
    let (operator, _) = app.in_role(11, "institution_operator", Some(org)).await;
    let (_, body) = resolve(&app, &operator, flag, &keep_y, "").await;
    assert!(body.contains("Укажите основание решения"), "{body}");
    let (_, body) = resolve(
        &app,
        &operator,
        flag,
        "keep:999999",
        "Свидетельство проверено",
    )
    .await;
    assert!(body.contains("Выберите решение"), "{body}");
    // Y's account is the confirmed one: X's record is the duplicate.
    let (status, body) = resolve(
        &app,
        &operator,
        flag,
        &keep_y,
        "Свидетельство о рождении проверено",
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("отменено заявок: 1"), "{body}");
    // X's record is gone from the cabinet; its application reads «Отменена» with the R6 message
    // naming Y's account masked, and the seat is free again.
    assert!(children_of(&app, &pair.x).await.is_empty());
    let family = mine(&app, &pair.x).await;
    assert_eq!(family.len(), 1);
    assert!(family[0].closed.is_some());
    let application = &family[0].applications[0];
    assert_eq!(application.status, "Отменена");
    let reason = application.reason.clone().unwrap_or_default();
    let masked = app::domain::account::email::Email::parse(&pair.y_email)
        .unwrap()
        .masked();
    assert!(
        reason.starts_with("Данная заявка была подана с дублирующего аккаунта"),
        "{reason}"
    );
    assert!(reason.contains(&masked), "{reason}");
    assert!(!reason.contains(&pair.y_email));
    assert_eq!(occupied(&app, pair.group).await, 0);
    let told: Vec<Notification> = app.get_json_with(&pair.x, "/api/notifications/mine").await;
    assert!(told
        .iter()
        .any(|n| n.subject == "Запись о ребенке закрыта как дубль" && n.body.contains(&masked)));
    assert!(told
        .iter()
        .any(|n| n.body.contains("дублирующего аккаунта")));
    // Y's record is no longer under review, and the queue is empty; deciding again finds nothing.
    assert!(!children_of(&app, &pair.y).await[0].under_review);
    assert_eq!(queue(&app, &operator).await.total, 0);
    let (status, _) = resolve(&app, &operator, flag, &keep_y, "Повторное решение").await;
    assert_eq!(status, 404);
    // The retired record stays in the register, pointing at the kept one.
    const RETIRED: &str =
        "SELECT duplicate_of_child_id FROM children WHERE id = $1 AND retired_at IS NOT NULL";
    let kept: Option<i64> = match &app.db {
        Database::Sqlite(p) => {
            sqlx::query_scalar(RETIRED)
                .bind(pair.x_child)
                .fetch_optional(p)
                .await
        }
        Database::Postgres(p) => {
            sqlx::query_scalar(RETIRED)
                .bind(pair.x_child)
                .fetch_optional(p)
                .await
        }
    }
    .unwrap();
    assert_eq!(kept, Some(pair.y_child));
    assert!(audit_has(&app, "resolve_duplicate", &format!("duplicate_flag:{flag}")).await);
    crate::helpers::assert_name_tokens_mirror_children(&app.db).await;
    app.finish().await;
}

async fn an_enrolment_of_a_retired_record_stands_and_the_operator_is_told(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let org = app.organization(0).await;
    let pair = flagged_pair(&app, 1).await;
    let (operator, _) = app.in_role(11, "institution_operator", Some(org)).await;
    // X attends the group: the operator confirmed and enrolled the application before the pair was
    // looked at.
    let application = mine(&app, &pair.x).await[0].applications[0].id;
    for action in ["confirm", "enrol"] {
        let (status, body) = app
            .post_with(
                &operator,
                "/api/operator/applications/move",
                &[("ids[]", &application.to_string()), ("action", action)],
            )
            .await;
        assert!(
            status == 200 && body.contains("\"changed\":1"),
            "{action}: {body}"
        );
    }
    let flag = queue(&app, &operator).await.pairs[0].flag_id;
    let keep_y = format!("keep:{}", pair.y_child);
    let (status, body) = resolve(&app, &operator, flag, &keep_y, "Свидетельство проверено").await;
    assert_eq!(status, 200, "{body}");
    // A duplicate decision cancels applications, not an enrolment: the operator is told what is
    // left, the seat stays taken, and the parent reads that the enrolment stands.
    assert!(body.contains("отменено заявок: 0"), "{body}");
    assert!(
        body.contains("зачисления не отменяются, осталось: 1"),
        "{body}"
    );
    let family = mine(&app, &pair.x).await;
    let closed = family[0].closed.clone().unwrap_or_default();
    assert!(closed.ends_with("Зачисление остается в силе."), "{closed}");
    assert_eq!(family[0].applications[0].status, "Зачислен");
    assert_eq!(occupied(&app, pair.group).await, 1);
    let told: Vec<Notification> = app.get_json_with(&pair.x, "/api/notifications/mine").await;
    assert!(told
        .iter()
        .any(|n| n.subject == "Запись о ребенке закрыта как дубль"
            && n.body.contains("(зачисления остаются в силе)")));
    app.finish().await;
}

async fn two_children_are_freed_and_never_flagged_again(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let moc = app.moc_operator(10, 0).await;
    let pair = flagged_pair(&app, 1).await;
    let flag = queue(&app, &moc).await.pairs[0].flag_id;
    let (status, body) = resolve(
        &app,
        &moc,
        flag,
        "not_duplicate",
        "Разные дети: свидетельства о рождении разные",
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert!(!children_of(&app, &pair.y).await[0].under_review);
    assert_eq!(children_of(&app, &pair.x).await.len(), 1);
    let told: Vec<Notification> = app.get_json_with(&pair.y, "/api/notifications/mine").await;
    assert!(told
        .iter()
        .any(|n| n.subject == "Проверка данных ребенка завершена"));
    // The scan of the register finds the pair, but an operator has said they are two children.
    let found = app::server::services::scan::scan_register(&app.db)
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    let added = app::server::services::scan::flag_found(&app.db, &found)
        .await
        .unwrap();
    assert_eq!(added, 0);
    assert_eq!(queue(&app, &moc).await.total, 0);
    app.finish().await;
}

async fn operators_racing_on_one_pair_make_one_decision(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let org = app.organization(0).await;
    let pair = flagged_pair(&app, 1).await;
    let mut operators = Vec::new();
    for n in 0..8 {
        operators.push(
            app.in_role(10 + n, "institution_operator", Some(org))
                .await
                .0,
        );
    }
    let flag = queue(&app, &operators[0]).await.pairs[0].flag_id;
    let decisions = [
        "not_duplicate".to_owned(),
        format!("keep:{}", pair.x_child),
        format!("keep:{}", pair.y_child),
    ];
    let answers = futures_util::future::join_all(operators.iter().enumerate().map(|(i, op)| {
        let decision = decisions[i % 3].clone();
        let app = &app;
        async move {
            resolve(app, op, flag, &decision, "Документы проверены в учреждении").await
        }
    }))
    .await;
    let resolved = answers.iter().filter(|(s, _)| *s == 200).count();
    let not_found = answers.iter().filter(|(s, _)| *s == 404).count();
    assert_eq!((resolved, not_found), (1, 7), "{answers:?}");
    // Whatever won, the register is consistent: at most one record retired, seats counted right.
    let x_left = children_of(&app, &pair.x).await.len();
    let y_left = children_of(&app, &pair.y).await.len();
    assert!(x_left + y_left >= 1);
    let active = mine(&app, &pair.x).await[0].applications[0].status.clone();
    assert_eq!(
        occupied(&app, pair.group).await,
        i64::from(active != "Отменена")
    );
    app.finish().await;
}

async fn the_register_scan_puts_its_pairs_into_the_queue_once(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    // Two records that the check at registration never compared: both entered by an institution
    // file before the checks, here straight into the register.
    let (_, x) = app.confirmed_parent(1).await;
    let (_, y) = app.confirmed_parent(2).await;
    let birth = chrono::NaiveDate::from_ymd_opt(2016, 5, 14).unwrap();
    let first = insert_child(&app, x, ("Кузнецова", "Полина"), Sex::Female, birth).await;
    let second = insert_child(&app, y, ("Кузнецава", "Полина"), Sex::Female, birth).await;
    let found = app::server::services::scan::scan_register(&app.db)
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(
        app::server::services::scan::flag_found(&app.db, &found)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        app::server::services::scan::flag_found(&app.db, &found)
            .await
            .unwrap(),
        0
    );
    let moc = app.moc_operator(10, 0).await;
    let q = queue(&app, &moc).await;
    assert_eq!(q.total, 1);
    // The newer record is the one under review.
    assert_eq!(
        (q.pairs[0].first.child_id, q.pairs[0].second.child_id),
        (second, first)
    );
    assert!(q.pairs[0].source.contains("проверкой реестра"));
    app.finish().await;
}

/// Whether the audit log holds `action` on `subject`.
pub async fn audit_has(app: &TestApp, action: &str, subject: &str) -> bool {
    const SQL: &str = "SELECT COUNT(*) FROM audit_log WHERE action = $1 AND subject = $2";
    let n: i64 = match &app.db {
        Database::Sqlite(p) => {
            sqlx::query_scalar(SQL)
                .bind(action)
                .bind(subject)
                .fetch_one(p)
                .await
        }
        Database::Postgres(p) => {
            sqlx::query_scalar(SQL)
                .bind(action)
                .bind(subject)
                .fetch_one(p)
                .await
        }
    }
    .unwrap();
    n > 0
}
