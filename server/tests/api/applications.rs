//! Applying to groups: the refusals, the seat or the waiting list, the parent's moves, offers of
//! freed seats and their expiry, notifications; and hard capacity under concurrent requests.

use crate::applications_support::{apply, child, group, group_with_window, mine, occupied};
use crate::helpers::{spawn_app_with, spawn_seeded_app, Backend, TestApp};
use crate::on_both_backends;
use app::contract::applications::{ApplyOutcome, MoveOutcome, Notification};
use app::server::db::Database;
use chrono::{Duration, Utc};

on_both_backends!(
    a_parent_applies_and_sees_the_application_with_its_history,
    each_refusal_is_reported_at_its_field,
    a_full_group_queues_and_a_freed_seat_is_offered_to_the_first_in_line,
    an_offer_not_accepted_in_time_passes_to_the_next,
    nobody_reaches_another_familys_application,
    two_hundred_simultaneous_applications_fill_ten_seats_and_queue_the_rest,
    without_javascript_the_pages_apply_withdraw_and_notify,
);

async fn act(app: &TestApp, client: &reqwest::Client, id: i64, action: &str) -> (u16, String) {
    app.post_with(
        client,
        "/api/applications/move",
        &[("application_id", &id.to_string()), ("action", action)],
    )
    .await
}

fn status_of(outcome: &ApplyOutcome) -> (String, Option<i64>) {
    match outcome {
        ApplyOutcome::Applied {
            status, position, ..
        } => (status.clone(), *position),
        ApplyOutcome::Invalid { errors } => panic!("refused: {errors:?}"),
    }
}

fn refusal(outcome: &ApplyOutcome) -> (String, String) {
    match outcome {
        ApplyOutcome::Invalid { errors } => (errors[0].field.clone(), errors[0].message.clone()),
        other => panic!("not refused: {other:?}"),
    }
}

async fn a_parent_applies_and_sees_the_application_with_its_history(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let (parent, account) = app.confirmed_parent(1).await;
    let group = group(&app, 5, (7, 10)).await;
    let kid = child(&app, account, 1, 8).await;
    assert_eq!(
        status_of(&apply(&app, &parent, kid, group).await),
        ("Новая".to_owned(), None)
    );
    let family = mine(&app, &parent).await;
    let card = &family[0].applications[0];
    assert_eq!(card.status, "Новая");
    assert_eq!(card.history.len(), 1);
    assert_eq!(card.history[0].who, "Родитель");
    // The parent was told, in the cabinet and by e-mail.
    let notes: Vec<Notification> = app.get_json_with(&parent, "/api/notifications/mine").await;
    assert!(notes[0].subject.contains("Новая"), "{notes:?}");
    // Withdrawn: «Отменена» with the reason, and the seat is free again.
    let (status, body) = act(&app, &parent, card.id, "withdraw").await;
    assert_eq!(status, 200, "{body}");
    let outcome: MoveOutcome = serde_json::from_str(&body).unwrap();
    assert!(outcome.message.contains("Отменена"));
    let card = &mine(&app, &parent).await[0].applications[0];
    assert_eq!(card.status, "Отменена");
    assert_eq!(card.reason.as_deref(), Some("Заявка отозвана заявителем."));
    assert_eq!(card.history.len(), 2);
    assert!(card.moves.is_empty());
    assert_eq!(occupied(&app, group).await, 0);
    // A withdrawn application does not block a new one.
    assert_eq!(
        status_of(&apply(&app, &parent, kid, group).await).0,
        "Новая"
    );
    app.finish().await;
}

async fn each_refusal_is_reported_at_its_field(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let (parent, account) = app.confirmed_parent(1).await;
    let group = group(&app, 5, (7, 10)).await;
    let too_young = child(&app, account, 1, 5).await;
    let (field, message) = refusal(&apply(&app, &parent, too_young, group).await);
    assert_eq!(field, "child_id");
    assert!(
        message.starts_with("Программа для детей от 7 до 10 лет"),
        "{message}"
    );

    let closed = group_with_window(&app, 5, (7, 10), (-30, -1)).await;
    let kid = child(&app, account, 2, 8).await;
    let (field, message) = refusal(&apply(&app, &parent, kid, closed).await);
    assert_eq!(field, "group_id");
    assert!(
        message.starts_with("Набор в эту группу закрыт"),
        "{message}"
    );

    assert_eq!(
        status_of(&apply(&app, &parent, kid, group).await).0,
        "Новая"
    );
    let (_, message) = refusal(&apply(&app, &parent, kid, group).await);
    assert!(message.contains("уже есть активная заявка"), "{message}");

    // Flagged as a possible duplicate: no application until the review ends.
    let flagged = child(&app, account, 3, 8).await;
    let flag = "INSERT INTO duplicate_flags (child_id, matched_child_id, source, reason) VALUES ($1, $2, 'registration', 'test')";
    match &app.db {
        Database::Sqlite(p) => sqlx::query(flag)
            .bind(flagged)
            .bind(kid)
            .execute(p)
            .await
            .map(|_| ()),
        Database::Postgres(p) => sqlx::query(flag)
            .bind(flagged)
            .bind(kid)
            .execute(p)
            .await
            .map(|_| ()),
    }
    .unwrap();
    let (_, message) = refusal(&apply(&app, &parent, flagged, group).await);
    assert!(message.contains("«Помощь»"), "{message}");

    // Not confirmed e-mail.
    let (unconfirmed, other_account) = app.signed_in_account(2, "parent").await;
    let theirs = child(&app, other_account, 4, 8).await;
    let (field, message) = refusal(&apply(&app, &unconfirmed, theirs, group).await);
    assert_eq!(field, "form");
    assert!(message.starts_with("Подтвердите адрес"), "{message}");

    // Someone else's child, and nonsense.
    let (_, message) = refusal(&apply(&app, &parent, theirs, group).await);
    assert_eq!(message, "Выберите ребенка из своего личного кабинета");
    let (status, body) = app
        .post_with(
            &parent,
            "/api/applications/apply",
            &[("child_id", "x"), ("group_id", "")],
        )
        .await;
    assert_eq!(status, 200);
    let ApplyOutcome::Invalid { errors } = serde_json::from_str(&body).unwrap() else {
        panic!("{body}")
    };
    assert_eq!(errors.len(), 2);
    // The anonymous are asked to sign in.
    let (status, _) = app
        .post_with(
            &TestApp::new_client(),
            "/api/applications/apply",
            &[("child_id", "1"), ("group_id", "1")],
        )
        .await;
    assert_eq!(status, 401);
    app.finish().await;
}

async fn a_full_group_queues_and_a_freed_seat_is_offered_to_the_first_in_line(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let group = group(&app, 1, (7, 10)).await;
    let mut parents = Vec::new();
    for n in 0..4 {
        let (client, account) = app.confirmed_parent(n).await;
        let kid = child(&app, account, n, 8).await;
        parents.push((client, kid));
    }
    assert_eq!(
        status_of(&apply(&app, &parents[0].0, parents[0].1, group).await),
        ("Новая".into(), None)
    );
    for (n, (client, kid)) in parents.iter().enumerate().skip(1) {
        assert_eq!(
            status_of(&apply(&app, client, *kid, group).await),
            ("В очереди".into(), Some(n as i64))
        );
    }
    // The second in line withdraws: the third moves up.
    let second = mine(&app, &parents[2].0).await[0].applications[0].id;
    assert_eq!(act(&app, &parents[2].0, second, "withdraw").await.0, 200);
    assert_eq!(
        mine(&app, &parents[3].0).await[0].applications[0].position,
        Some(2)
    );
    // The seat holder withdraws: the first in line gets the offer, the seat stays taken.
    let first = mine(&app, &parents[0].0).await[0].applications[0].id;
    assert_eq!(act(&app, &parents[0].0, first, "withdraw").await.0, 200);
    let offered = &mine(&app, &parents[1].0).await[0].applications[0];
    assert_eq!(offered.status, "Предложено место");
    assert!(offered.offer_until.is_some());
    assert_eq!(offered.moves.len(), 3, "{:?}", offered.moves);
    assert_eq!(occupied(&app, group).await, 1);
    let notes: Vec<Notification> = app
        .get_json_with(&parents[1].0, "/api/notifications/mine")
        .await;
    assert!(notes[0].body.contains("освободилось место"), "{notes:?}");
    // Declined: it passes to the next.
    assert_eq!(act(&app, &parents[1].0, offered.id, "decline").await.0, 200);
    let next = &mine(&app, &parents[3].0).await[0].applications[0];
    assert_eq!(next.status, "Предложено место");
    // Accepted: «Подтверждена».
    let (status, body) = act(&app, &parents[3].0, next.id, "accept").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        mine(&app, &parents[3].0).await[0].applications[0].status,
        "Подтверждена"
    );
    // A move the state machine forbids is refused with its reason.
    let (status, body) = act(&app, &parents[3].0, next.id, "accept").await;
    assert_eq!(status, 409, "{body}");
    assert!(body.contains("уже подтверждена"), "{body}");
    assert_eq!(occupied(&app, group).await, 1);
    app.finish().await;
}

async fn an_offer_not_accepted_in_time_passes_to_the_next(backend: Backend) {
    let Some(app) = spawn_app_with(backend, &[("offer_check_seconds", "1")]).await else {
        return;
    };
    app::server::services::seed::run(&app.db, crate::helpers::demo_day())
        .await
        .unwrap();
    let group = group(&app, 1, (7, 10)).await;
    let mut parents = Vec::new();
    for n in 0..3 {
        let (client, account) = app.confirmed_parent(n).await;
        let kid = child(&app, account, n, 8).await;
        apply(&app, &client, kid, group).await;
        parents.push(client);
    }
    let first = mine(&app, &parents[0]).await[0].applications[0].id;
    act(&app, &parents[0], first, "withdraw").await;
    let offered = mine(&app, &parents[1]).await[0].applications[0].id;
    // The offer's time runs out.
    let past = Utc::now() - Duration::minutes(1);
    let sql = "UPDATE applications SET offer_expires_at = $1 WHERE id = $2";
    match &app.db {
        Database::Sqlite(p) => sqlx::query(sql)
            .bind(past)
            .bind(offered)
            .execute(p)
            .await
            .map(|_| ()),
        Database::Postgres(p) => sqlx::query(sql)
            .bind(past)
            .bind(offered)
            .execute(p)
            .await
            .map(|_| ()),
    }
    .unwrap();
    let mut passed = false;
    for _ in 0..50 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        if mine(&app, &parents[2]).await[0].applications[0].status == "Предложено место"
        {
            passed = true;
            break;
        }
    }
    assert!(passed, "the offer did not pass on");
    let expired = &mine(&app, &parents[1]).await[0].applications[0];
    assert_eq!(expired.status, "Отменена");
    assert_eq!(
        expired.reason.as_deref(),
        Some("Предложенное место не принято в срок.")
    );
    assert_eq!(occupied(&app, group).await, 1);
    app.finish().await;
}

async fn nobody_reaches_another_familys_application(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let group = group(&app, 3, (7, 10)).await;
    let (parent, account) = app.confirmed_parent(1).await;
    let kid = child(&app, account, 1, 8).await;
    apply(&app, &parent, kid, group).await;
    let id = mine(&app, &parent).await[0].applications[0].id;
    let (stranger, _) = app.confirmed_parent(2).await;
    assert!(mine(&app, &stranger).await.is_empty());
    let (status, _) = act(&app, &stranger, id, "withdraw").await;
    assert_eq!(status, 404);
    let (status, _) = act(&app, &TestApp::new_client(), id, "withdraw").await;
    assert_eq!(status, 401);
    assert_eq!(mine(&app, &parent).await[0].applications[0].status, "Новая");
    app.finish().await;
}

async fn two_hundred_simultaneous_applications_fill_ten_seats_and_queue_the_rest(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    // Two server processes on one database, as behind a load balancer.
    let (sibling, _process) = app.sibling_process().await;
    let bases = [app.base.clone(), sibling];
    let group = group(&app, 10, (7, 10)).await;
    let mut parents = Vec::new();
    for n in 0..200 {
        let (client, account) = app.confirmed_parent(n).await;
        parents.push((client, child(&app, account, n, 8).await));
    }
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(parents.len()));
    let mut tasks = Vec::new();
    for (n, (client, kid)) in parents.iter().cloned().enumerate() {
        let (base, barrier) = (bases[n % 2].clone(), barrier.clone());
        tasks.push(tokio::spawn(async move {
            barrier.wait().await;
            let response = client
                .post(format!("{base}/api/applications/apply"))
                .form(&[
                    ("child_id", kid.to_string()),
                    ("group_id", group.to_string()),
                ])
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 200);
            response.json::<ApplyOutcome>().await.unwrap()
        }));
    }
    let mut seated = 0;
    for task in tasks {
        if status_of(&task.await.unwrap()).0 == "Новая" {
            seated += 1;
        }
    }
    assert_eq!(seated, 10);
    assert_eq!(occupied(&app, group).await, 10);
    // Positions as the parents see them now: 1…190, no gaps, no repeats.
    let mut positions = Vec::new();
    for (client, _) in &parents {
        let card = &mine(&app, client).await[0].applications[0];
        if card.status == "В очереди" {
            positions.push(card.position.unwrap());
        }
    }
    positions.sort_unstable();
    assert_eq!(positions, (1..=190).collect::<Vec<i64>>());
    app.finish().await;
}

async fn html(client: &reqwest::Client, url: String, form: Option<&[(&str, &str)]>) -> String {
    let request = match form {
        Some(fields) => client.post(url).form(fields),
        None => client.get(url),
    };
    let response = request.header("accept", "text/html").send().await.unwrap();
    assert_eq!(response.status(), 200);
    response.text().await.unwrap()
}

async fn without_javascript_the_pages_apply_withdraw_and_notify(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let (parent, account) = app.confirmed_parent(1).await;
    let group = group(&app, 2, (7, 10)).await;
    let kid = child(&app, account, 1, 8).await;
    let page = html(&parent, format!("{}/apply?group={group}", app.base), None).await;
    assert!(
        page.contains("Для кого заявка") && page.contains("Тестов1"),
        "{page}"
    );
    let fields = [
        ("child_id", kid.to_string()),
        ("group_id", group.to_string()),
    ];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let page = html(&parent, format!("{}/apply", app.base), Some(&fields)).await;
    assert!(
        page.contains("Заявка подана") && page.contains("Новая"),
        "{page}"
    );
    let page = html(&parent, format!("{}/apply", app.base), Some(&fields)).await;
    assert!(page.contains("уже есть активная заявка"), "{page}");
    let page = html(&parent, format!("{}/cabinet/applications", app.base), None).await;
    assert!(
        page.contains("Отозвать заявку") && page.contains("История заявки"),
        "{page}"
    );
    let id = mine(&app, &parent).await[0].applications[0].id.to_string();
    let page = html(
        &parent,
        format!("{}/cabinet/applications", app.base),
        Some(&[("application_id", id.as_str()), ("action", "withdraw")]),
    )
    .await;
    assert!(
        page.contains("Заявка отозвана") && page.contains("Отменена"),
        "{page}"
    );
    let page = html(&parent, format!("{}/cabinet", app.base), None).await;
    assert!(page.contains("Уведомления (2)"), "{page}");
    let page = html(&parent, format!("{}/cabinet/notifications", app.base), None).await;
    assert!(page.contains("Заявка отозвана заявителем"), "{page}");
    let page = html(&parent, format!("{}/cabinet", app.base), None).await;
    assert!(!page.contains("Уведомления ("), "read once seen");
    // The anonymous are sent to sign in, and see no form.
    let page = html(
        &TestApp::new_client(),
        format!("{}/apply?group={group}", app.base),
        None,
    )
    .await;
    assert!(page.contains("Заявку подает родитель") && !page.contains("Для кого заявка"));
    app.finish().await;
}
