//! Help and escalation: the hotline card from the hours administrators keep, contacts for anyone,
//! and a request's whole path parent → institution → МОЦ → parent, with who may do what and two
//! operators acting at once.

use crate::accounts_support::letters_to;
use crate::applications_support::child;
use crate::helpers::{spawn_seeded_app, Backend, TestApp};
use crate::on_both_backends;
use app::contract::help::{
    ContactsAnswer, HotlineCard, HotlineOutcome, HotlineSetup, Inbox, RequestCard,
    RequestMoveOutcome, SendOutcome,
};
use app::domain::help::hotline::{HotlineState, Schedule};
use app::server::db::Database;

on_both_backends!(
    anyone_reads_the_hotline_and_finds_an_institution,
    a_request_climbs_from_the_institution_to_moc_and_the_parent_reads_the_answers,
    only_the_parent_and_the_operators_holding_a_request_see_and_move_it,
    two_operators_answering_at_once_answer_once,
    administrators_keep_the_hotline_hours_and_days_off,
);

async fn scalar(app: &TestApp, sql: &str, bind: i64) -> i64 {
    match &app.db {
        Database::Sqlite(p) => sqlx::query_scalar(sql).bind(bind).fetch_one(p).await,
        Database::Postgres(p) => sqlx::query_scalar(sql).bind(bind).fetch_one(p).await,
    }
    .unwrap()
}

async fn operator(app: &TestApp, n: usize, organization: i64) -> reqwest::Client {
    app.in_role(n, "institution_operator", Some(organization))
        .await
        .0
}

async fn send(app: &TestApp, client: &reqwest::Client, fields: &[(&str, &str)]) -> SendOutcome {
    let (status, body) = app
        .post_with(client, "/api/help/requests/send", fields)
        .await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

/// A move: the status and, for 200, the outcome.
async fn act(
    app: &TestApp,
    client: &reqwest::Client,
    id: i64,
    action: &str,
    body: &str,
) -> (u16, Option<RequestMoveOutcome>) {
    let (status, text) = app
        .post_with(
            client,
            "/api/help/requests/move",
            &[("id", &id.to_string()), ("action", action), ("body", body)],
        )
        .await;
    let outcome = (status == 200).then(|| serde_json::from_str(&text).unwrap());
    (status, outcome)
}

fn moved(outcome: (u16, Option<RequestMoveOutcome>)) {
    match outcome {
        (200, Some(RequestMoveOutcome::Moved { .. })) => {}
        other => panic!("not moved: {other:?}"),
    }
}

async fn inbox(app: &TestApp, client: &reqwest::Client, query: &str) -> (u16, Option<Inbox>) {
    let response = client
        .get(format!("{}/api/help/inbox{query}", app.base))
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let inbox = if status == 200 {
        Some(response.json().await.unwrap())
    } else {
        None
    };
    (status, inbox)
}

async fn mine(app: &TestApp, client: &reqwest::Client) -> Vec<RequestCard> {
    app.get_json_with(client, "/api/help/requests/mine").await
}

/// A parent with a child and a request sent to `org`; the browser, the account and the request.
async fn parent_with_request(app: &TestApp, n: usize, org: i64) -> (reqwest::Client, i64, i64) {
    let (parent, account) = app.confirmed_parent(n).await;
    let kid = child(app, account, n, 10).await;
    let sent = send(
        app,
        &parent,
        &[
            ("situation", "forgot-email"),
            ("organization", &org.to_string()),
            ("child", &kid.to_string()),
            ("body", "Не помню, на какую почту регистрировала аккаунт."),
        ],
    )
    .await;
    assert!(matches!(sent, SendOutcome::Sent { .. }), "{sent:?}");
    let id = mine(app, &parent).await[0].id;
    (parent, account, id)
}

async fn anyone_reads_the_hotline_and_finds_an_institution(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let card: HotlineCard = app.get_json("/api/help/hotline", 200).await;
    assert_eq!(card.hours, "вт, чт 13:00–16:30");
    // The card agrees with the domain's computation over the documented hours, now.
    let expected = Schedule::documented().state_at(chrono::Utc::now());
    assert_eq!(card.open, matches!(expected, HotlineState::Open { .. }));
    assert!(card.state.starts_with("Сейчас"), "{}", card.state);
    let found: ContactsAnswer = app
        .get_json("/api/help/contacts?q=%D0%A8%D0%9A%D0%9E%D0%9B", 200)
        .await;
    assert!(!found.signed_in);
    assert!(found.mine.is_empty());
    assert!(
        !found.found.is_empty(),
        "«ШКОЛ» finds schools whatever the case"
    );
    assert!(found
        .found
        .iter()
        .all(|o| o.name.to_lowercase().contains("школ")
            || o.short_name.to_lowercase().contains("школ")));
    let none: ContactsAnswer = app.get_json("/api/help/contacts?q=%D1%8F", 200).await;
    assert!(none.found.is_empty(), "one letter is not a search");
    app.finish().await;
}

async fn a_request_climbs_from_the_institution_to_moc_and_the_parent_reads_the_answers(
    backend: Backend,
) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let org = app.organization(0).await;
    let (parent, account) = app.confirmed_parent(1).await;
    // A form with nothing chosen comes back with a message at each field; nothing is saved.
    let invalid = send(&app, &parent, &[("situation", "nope"), ("body", "кратко")]).await;
    let SendOutcome::Invalid(errors) = invalid else {
        panic!("{invalid:?}")
    };
    let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["situation", "organization", "body"]);
    assert!(mine(&app, &parent).await.is_empty());
    // Another family's child is refused.
    let (_, other) = app.confirmed_parent(2).await;
    let foreign = child(&app, other, 2, 9).await;
    let refused = send(
        &app,
        &parent,
        &[
            ("situation", "child-data"),
            ("organization", &org.to_string()),
            ("child", &foreign.to_string()),
            ("body", "Нужно исправить дату рождения."),
        ],
    )
    .await;
    assert!(
        matches!(refused, SendOutcome::Invalid(ref e) if e[0].field == "child"),
        "{refused:?}"
    );

    let kid = child(&app, account, 1, 10).await;
    let sent = send(
        &app,
        &parent,
        &[
            ("situation", "child-data"),
            ("organization", &org.to_string()),
            ("child", &kid.to_string()),
            ("body", "В дате рождения ошибка: 12.03, а не 21.03."),
        ],
    )
    .await;
    assert!(matches!(sent, SendOutcome::Sent { .. }));
    let cards = mine(&app, &parent).await;
    assert_eq!(cards.len(), 1);
    let id = cards[0].id;
    assert_eq!(
        (cards[0].status.as_str(), cards[0].level.as_str()),
        ("Новое", "Учреждение")
    );
    assert!(
        cards[0].moves.is_empty(),
        "the parent waits for the institution"
    );
    assert_eq!(cards[0].child.as_deref(), Some("Тестов1 Ребенок1"));

    // The institution's inbox shows it, with the parent's contacts and how long it waits.
    let institution = operator(&app, 10, org).await;
    let (_, Some(box_)) = inbox(&app, &institution, "").await else {
        panic!("no inbox")
    };
    assert_eq!(box_.requests.len(), 1);
    let card = &box_.requests[0];
    assert!(card
        .waiting
        .as_deref()
        .is_some_and(|w| w.starts_with("ждет")));
    assert!(card
        .parent
        .as_deref()
        .is_some_and(|p| p.contains("@mail.ru")));
    let actions: Vec<_> = card.moves.iter().map(|m| m.action.as_str()).collect();
    assert_eq!(actions, ["take", "answer", "escalate"]);
    moved(act(&app, &institution, id, "take", "").await);
    // An answer needs words; what was typed comes back.
    let (status, outcome) = act(&app, &institution, id, "answer", "   ").await;
    assert_eq!(status, 200);
    assert!(
        matches!(outcome, Some(RequestMoveOutcome::Invalid { ref error, .. }) if error == "Напишите ответ")
    );
    moved(
        act(
            &app,
            &institution,
            id,
            "answer",
            "Приходите с документами во вторник.",
        )
        .await,
    );

    // The parent reads the answer in the cabinet, in a notification and a letter.
    let cards = mine(&app, &parent).await;
    assert_eq!(cards[0].status, "Отвечено");
    assert!(cards[0].waiting.is_none());
    let actions: Vec<_> = cards[0].moves.iter().map(|m| m.action.as_str()).collect();
    assert_eq!(actions, ["not_resolved", "escalate"]);
    let email = app::server::db::accounts::find(&app.db, account)
        .await
        .unwrap()
        .unwrap()
        .email;
    let letters = letters_to(&app, &email).await;
    assert!(letters
        .iter()
        .any(|l| l.subject.starts_with("Ответ на обращение")
            && l.body.contains("Приходите с документами")));
    let unread = scalar(
        &app,
        "SELECT COUNT(*) FROM notifications WHERE account_id = $1 AND read_at IS NULL",
        account,
    )
    .await;
    assert_eq!(unread, 1);

    // It did not help: the parent sends it on to МОЦ, with words.
    let (_, outcome) = act(&app, &parent, id, "escalate", "").await;
    assert!(matches!(outcome, Some(RequestMoveOutcome::Invalid { .. })));
    moved(
        act(
            &app,
            &parent,
            id,
            "escalate",
            "В учреждении не смогли исправить дату.",
        )
        .await,
    );
    let (_, Some(box_)) = inbox(&app, &institution, "").await else {
        panic!()
    };
    assert!(box_.requests.is_empty(), "it left the institution's inbox");
    // МОЦ of another municipality does not see it; МОЦ of the parent's does.
    let elsewhere = app.moc_operator(20, 1).await;
    let (_, Some(box_)) = inbox(&app, &elsewhere, "").await else {
        panic!()
    };
    assert!(box_.requests.is_empty());
    assert_eq!(act(&app, &elsewhere, id, "answer", "Чужое").await.0, 403);
    let moc = app.moc_operator(21, 0).await;
    let (_, Some(box_)) = inbox(&app, &moc, "?status=new").await else {
        panic!()
    };
    assert_eq!(box_.requests.len(), 1);
    assert!(box_.title.starts_with("Обращения в МОЦ"));
    let actions: Vec<_> = box_.requests[0]
        .moves
        .iter()
        .map(|m| m.action.as_str())
        .collect();
    assert_eq!(actions, ["take", "answer"], "МОЦ is the last level");
    moved(
        act(
            &app,
            &moc,
            id,
            "answer",
            "Исправили дату рождения, проверьте кабинет.",
        )
        .await,
    );

    let cards = mine(&app, &parent).await;
    let c = &cards[0];
    assert_eq!((c.status.as_str(), c.level.as_str()), ("Отвечено", "МОЦ"));
    let history: Vec<_> = c
        .history
        .iter()
        .map(|h| (h.who.as_str(), h.what.as_str()))
        .collect();
    assert_eq!(
        history,
        [
            ("Вы", "Обращение отправлено"),
            (
                format!("Учреждение: {}", c.organization).as_str(),
                "Взято в работу"
            ),
            (format!("Учреждение: {}", c.organization).as_str(), "Ответ"),
            ("Вы", "Передано в МОЦ"),
            ("МОЦ", "Ответ"),
        ]
    );
    assert!(letters_to(&app, &email)
        .await
        .iter()
        .any(|l| l.body.contains("Исправили дату рождения")));
    // Every operator's look and move is in the audit log; the history cannot be rewritten.
    let audited = scalar(
        &app,
        "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'help_request_%' AND subject = 'help_request:' || $1",
        id,
    )
    .await;
    assert_eq!(audited, 3);
    let rewritten = match &app.db {
        Database::Sqlite(p) => sqlx::query("UPDATE help_request_events SET body = 'x'")
            .execute(p)
            .await
            .err(),
        Database::Postgres(p) => sqlx::query("UPDATE help_request_events SET body = 'x'")
            .execute(p)
            .await
            .err(),
    };
    assert!(rewritten.is_some(), "the history is append-only");
    app.finish().await;
}

async fn only_the_parent_and_the_operators_holding_a_request_see_and_move_it(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let (org, other_org) = (app.organization(0).await, app.organization(1).await);
    let (_, _, id) = parent_with_request(&app, 1, org).await;
    let anonymous = TestApp::new_client();
    assert_eq!(inbox(&app, &anonymous, "").await.0, 401);
    assert_eq!(act(&app, &anonymous, id, "take", "").await.0, 401);
    let (status, _) = app
        .post_with(
            &anonymous,
            "/api/help/requests/send",
            &[("situation", "teen")],
        )
        .await;
    assert_eq!(status, 401);
    // Another parent: no inbox, and the request does not exist for them.
    let (stranger, _) = app.confirmed_parent(2).await;
    assert_eq!(inbox(&app, &stranger, "").await.0, 403);
    assert_eq!(act(&app, &stranger, id, "escalate", "Чужое").await.0, 404);
    assert!(mine(&app, &stranger).await.is_empty());
    // An operator of another institution neither sees nor moves it.
    let foreign = operator(&app, 3, other_org).await;
    let (_, Some(box_)) = inbox(&app, &foreign, "").await else {
        panic!()
    };
    assert!(box_.requests.is_empty());
    assert_eq!(act(&app, &foreign, id, "take", "").await.0, 403);
    // МОЦ cannot act before the request climbs; an administrator has no inbox.
    let moc = app.moc_operator(4, 0).await;
    assert_eq!(act(&app, &moc, id, "answer", "Рано").await.0, 403);
    let (admin, _) = app.in_role(5, "admin", None).await;
    assert_eq!(inbox(&app, &admin, "").await.0, 403);
    // A move the state does not allow is refused, not applied.
    let own = operator(&app, 6, org).await;
    assert_eq!(act(&app, &own, id, "not_resolved", "").await.0, 409);
    assert_eq!(act(&app, &own, id, "fly", "").await.0, 404);
    app.finish().await;
}

async fn two_operators_answering_at_once_answer_once(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let org = app.organization(0).await;
    let (parent, _, id) = parent_with_request(&app, 1, org).await;
    let operators = [operator(&app, 2, org).await, operator(&app, 3, org).await];
    let answers = futures_util::future::join_all(operators.iter().enumerate().map(|(i, op)| {
        act(
            &app,
            op,
            id,
            "answer",
            if i == 0 {
                "Ответ первого"
            } else {
                "Ответ второго"
            },
        )
    }))
    .await;
    let statuses: Vec<u16> = answers.iter().map(|(s, _)| *s).collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 409).count(),
        1,
        "{statuses:?}"
    );
    let card = &mine(&app, &parent).await[0];
    assert_eq!(card.history.iter().filter(|h| h.what == "Ответ").count(), 1);
    app.finish().await;
}

async fn administrators_keep_the_hotline_hours_and_days_off(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let save = |client: reqwest::Client, fields: Vec<(&'static str, String)>| {
        let base = app.base.clone();
        async move {
            let response = client
                .post(format!("{base}/api/admin/hotline/save"))
                .form(&fields)
                .send()
                .await
                .unwrap();
            let status = response.status().as_u16();
            (status, response.json::<HotlineOutcome>().await.ok())
        }
    };
    let (parent, _) = app.confirmed_parent(1).await;
    let (status, _) = save(
        parent,
        vec![("op", "add_day_off".into()), ("day", "31.12.2099".into())],
    )
    .await;
    assert_eq!(status, 403);
    let (admin, _) = app.in_role(2, "admin", None).await;
    // Bad times come back with messages at their fields.
    let (_, outcome) = save(
        admin.clone(),
        vec![
            ("op", "add_hours".into()),
            ("weekday", "9".into()),
            ("opens", "25:00".into()),
            ("closes", "10:00".into()),
        ],
    )
    .await;
    let Some(HotlineOutcome::Invalid { errors, .. }) = outcome else {
        panic!("{outcome:?}")
    };
    let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["weekday", "opens"]);
    let (_, outcome) = save(
        admin.clone(),
        vec![
            ("op", "add_hours".into()),
            ("weekday", "5".into()),
            ("opens", "12:00".into()),
            ("closes", "10:00".into()),
        ],
    )
    .await;
    assert!(
        matches!(outcome, Some(HotlineOutcome::Invalid { ref errors, .. }) if errors[0].field == "closes")
    );
    // Friday 10:00–12:00 joins the card.
    let (_, outcome) = save(
        admin.clone(),
        vec![
            ("op", "add_hours".into()),
            ("weekday", "5".into()),
            ("opens", "10:00".into()),
            ("closes", "12:00".into()),
        ],
    )
    .await;
    assert!(
        matches!(outcome, Some(HotlineOutcome::Saved(_))),
        "{outcome:?}"
    );
    let card: HotlineCard = app.get_json("/api/help/hotline", 200).await;
    assert_eq!(card.hours, "вт, чт 13:00–16:30; пт 10:00–12:00");
    // Today made a day off: closed now, with the note.
    let today = app::server::state::today_in_moscow()
        .format("%d.%m.%Y")
        .to_string();
    let (_, outcome) = save(
        admin.clone(),
        vec![
            ("op", "add_day_off".into()),
            ("day", today.clone()),
            ("note", "праздник".into()),
        ],
    )
    .await;
    assert!(matches!(outcome, Some(HotlineOutcome::Saved(_))));
    let card: HotlineCard = app.get_json("/api/help/hotline", 200).await;
    assert!(!card.open);
    assert!(
        card.state.contains("сегодня не работает (праздник)"),
        "{}",
        card.state
    );
    let setup: HotlineSetup = app.get_json_with(&admin, "/api/admin/hotline").await;
    assert_eq!(setup.days_off.len(), 1);
    assert_eq!(setup.hours.len(), 3);
    // A past day is refused; removing the day off and the Friday hours restores the card.
    let (_, outcome) = save(
        admin.clone(),
        vec![("op", "add_day_off".into()), ("day", "01.01.2020".into())],
    )
    .await;
    assert!(matches!(outcome, Some(HotlineOutcome::Invalid { .. })));
    save(
        admin.clone(),
        vec![("op", "delete_day_off".into()), ("day", today)],
    )
    .await;
    let friday = setup
        .hours
        .iter()
        .find(|h| h.label.starts_with("пт"))
        .unwrap()
        .id;
    save(
        admin.clone(),
        vec![("op", "delete_hours".into()), ("id", friday.to_string())],
    )
    .await;
    let card: HotlineCard = app.get_json("/api/help/hotline", 200).await;
    assert_eq!(card.hours, "вт, чт 13:00–16:30");
    assert!(card.state.starts_with("Сейчас"));
    let audited = scalar(
        &app,
        "SELECT COUNT(*) FROM audit_log WHERE action = 'save_hotline_hours' AND $1 = 1",
        1,
    )
    .await;
    assert_eq!(audited, 4);
    app.finish().await;
}
