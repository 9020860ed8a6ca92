//! Corrections of a child's data (R4): a parent's request to an institution, the operator's
//! correction from it or directly, the duplicate rules run again on the new data, refusals.

use crate::duplicates::{add, audit_has, children_of, queue};
use crate::helpers::{spawn_seeded_app, Backend, TestApp};
use crate::on_both_backends;
use app::contract::applications::Notification;
use app::contract::corrections::{CorrectionCard, CorrectionDraft, CorrectionStart};

on_both_backends!(
    a_parent_asks_and_the_institution_corrects_from_the_request,
    a_correction_into_another_childs_data_is_refused_and_the_pair_queued,
    a_rejected_request_tells_the_parent_why,
    corrections_racing_into_the_same_data_leave_one_child,
);

fn fields<'a>(child: &'a str, data: [&'a str; 4], note: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("child", child),
        ("surname", data[0]),
        ("given_name", data[1]),
        ("patronymic", ""),
        ("sex", data[2]),
        ("birth_date", data[3]),
        ("snils", ""),
        ("birth_certificate", ""),
        ("note", note),
    ]
}

async fn ask(
    app: &TestApp,
    parent: &reqwest::Client,
    child: i64,
    organization: i64,
    data: [&str; 4],
) -> (u16, String) {
    let child = child.to_string();
    let organization = organization.to_string();
    let mut form = fields(&child, data, "Фамилия записана с ошибкой");
    form.push(("organization", &organization));
    app.post_with(parent, "/api/corrections/request", &form)
        .await
}

async fn correct(
    app: &TestApp,
    operator: &reqwest::Client,
    child: i64,
    request: Option<i64>,
    data: [&str; 4],
    note: &str,
) -> (u16, String) {
    let child = child.to_string();
    let request = request.map(|r| r.to_string()).unwrap_or_default();
    let mut form = fields(&child, data, note);
    form.push(("request", &request));
    app.post_with(operator, "/api/operator/corrections/apply", &form)
        .await
}

async fn inbox(app: &TestApp, operator: &reqwest::Client) -> Vec<CorrectionCard> {
    app.get_json_with(operator, "/api/operator/corrections")
        .await
}

async fn a_parent_asks_and_the_institution_corrects_from_the_request(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let org = app.organization(0).await;
    let (parent, _) = app.confirmed_parent(1).await;
    assert!(add(&app, &parent, "Петрова", "Анна", "01.02.2017", false)
        .await
        .contains("Added"));
    let child = children_of(&app, &parent).await[0].id;
    let start: CorrectionStart = app
        .get_json_with(&parent, &format!("/api/corrections/start?child={child}"))
        .await;
    assert_eq!(start.form.surname, "Петрова");
    assert_eq!(start.form.birth_date, "01.02.2017");
    // Nothing changed is not a request; a wrong date is explained at its field.
    let (_, body) = ask(
        &app,
        &parent,
        child,
        org,
        ["Петрова", "Анна", "female", "01.02.2017"],
    )
    .await;
    assert!(body.contains("Данные совпадают с внесенными"), "{body}");
    let (_, body) = ask(
        &app,
        &parent,
        child,
        org,
        ["Петровская", "Анна", "female", "31.02.2017"],
    )
    .await;
    assert!(body.contains("birth_date"), "{body}");
    let (status, body) = ask(
        &app,
        &parent,
        child,
        org,
        ["Петровская", "Анна", "female", "01.02.2017"],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("Запрос отправлен"), "{body}");
    // One request waits at a time; another family cannot ask about this child.
    let (_, body) = ask(
        &app,
        &parent,
        child,
        org,
        ["Петровская", "Аня", "female", "01.02.2017"],
    )
    .await;
    assert!(body.contains("уже есть запрос"), "{body}");
    let (stranger, _) = app.confirmed_parent(2).await;
    let (status, _) = ask(
        &app,
        &stranger,
        child,
        org,
        ["Петровская", "Анна", "female", "01.02.2017"],
    )
    .await;
    assert_eq!(status, 404);
    assert!(children_of(&app, &parent).await[0]
        .correction
        .as_deref()
        .is_some_and(|l| l.contains("ждет ответа")));
    // The institution sees the request beside the data as registered; another one does not.
    let (operator, _) = app.in_role(10, "institution_operator", Some(org)).await;
    let cards = inbox(&app, &operator).await;
    assert_eq!(cards.len(), 1);
    assert!(cards[0].waiting);
    let differing: Vec<&str> = cards[0]
        .fields
        .iter()
        .filter(|f| f.differs)
        .map(|f| f.label.as_str())
        .collect();
    assert_eq!(differing, ["Фамилия"]);
    let request = cards[0].id;
    let (other, _) = app.in_role(11, "institution_operator", Some(org + 1)).await;
    assert!(inbox(&app, &other).await.is_empty());
    let (status, _) = correct(
        &app,
        &other,
        child,
        Some(request),
        ["Петровская", "Анна", "female", "01.02.2017"],
        "Свидетельство о рождении",
    )
    .await;
    assert_eq!(status, 404);
    // The operator's form is prefilled with what the parent asked; the document is required.
    let draft: CorrectionDraft = app
        .get_json_with(
            &operator,
            &format!("/api/operator/corrections/draft?request={request}"),
        )
        .await;
    assert_eq!(draft.form.surname, "Петровская");
    let (_, body) = correct(
        &app,
        &operator,
        child,
        Some(request),
        ["Петровская", "Анна", "female", "01.02.2017"],
        "",
    )
    .await;
    assert!(body.contains("какой документ проверен"), "{body}");
    let (status, body) = correct(
        &app,
        &operator,
        child,
        Some(request),
        ["Петровская", "Анна", "female", "01.02.2017"],
        "Свидетельство о рождении II-ФО 123456",
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("Данные исправлены"), "{body}");
    let card = &children_of(&app, &parent).await[0];
    assert!(card.full_name.starts_with("Петровская Анна"));
    assert!(card.confirmed);
    assert!(card
        .correction
        .as_deref()
        .is_some_and(|l| l.contains("Данные исправлены")));
    assert!(!inbox(&app, &operator).await[0].waiting);
    let told: Vec<Notification> = app.get_json_with(&parent, "/api/notifications/mine").await;
    assert!(told
        .iter()
        .any(|n| n.subject == "Данные ребенка исправлены"));
    assert!(audit_has(&app, "correct_child", &format!("child:{child}")).await);
    assert!(audit_has(&app, "view_child", &format!("child:{child}")).await);
    // Parents do not correct: the operator's endpoint refuses them.
    let (status, _) = correct(
        &app,
        &parent,
        child,
        None,
        ["Петрова", "Анна", "female", "01.02.2017"],
        "Свидетельство",
    )
    .await;
    assert_eq!(status, 403);
    crate::helpers::assert_name_tokens_mirror_children(&app.db).await;
    app.finish().await;
}

async fn a_correction_into_another_childs_data_is_refused_and_the_pair_queued(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let org = app.organization(0).await;
    let (x, _) = app.confirmed_parent(1).await;
    let (y, _) = app.confirmed_parent(2).await;
    assert!(add(&app, &x, "Смирнова", "Мария", "12.03.2017", false)
        .await
        .contains("Added"));
    assert!(add(&app, &y, "Кузнецова", "Ольга", "01.01.2016", false)
        .await
        .contains("Added"));
    let first = children_of(&app, &x).await[0].id;
    let second = children_of(&app, &y).await[0].id;
    let (operator, _) = app.in_role(10, "institution_operator", Some(org)).await;
    let (_, body) = correct(
        &app,
        &operator,
        second,
        None,
        ["Смирнова", "Мария", "female", "12.03.2017"],
        "Свидетельство о рождении",
    )
    .await;
    assert!(
        body.contains("Ребенок с такими данными уже зарегистрирован"),
        "{body}"
    );
    assert!(body.contains(&format!("запись № {first}")), "{body}");
    assert!(children_of(&app, &y).await[0]
        .full_name
        .starts_with("Кузнецова"));
    let moc = app.moc_operator(11, 0).await;
    let q = queue(&app, &moc).await;
    assert_eq!(q.total, 1);
    assert!(q.pairs[0].source.contains("исправлены"));
    // A probable duplicate is saved, and its record goes under review.
    let (status, body) = correct(
        &app,
        &operator,
        second,
        None,
        ["Смирнва", "Мария", "female", "12.03.2017"],
        "Свидетельство о рождении",
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("очередь дублей"), "{body}");
    let card = &children_of(&app, &y).await[0];
    assert!(card.full_name.starts_with("Смирнва"));
    assert!(card.under_review);
    app.finish().await;
}

async fn a_rejected_request_tells_the_parent_why(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let org = app.organization(0).await;
    let (parent, _) = app.confirmed_parent(1).await;
    assert!(add(&app, &parent, "Орлова", "Вера", "05.05.2015", false)
        .await
        .contains("Added"));
    let child = children_of(&app, &parent).await[0].id;
    let (status, _) = ask(
        &app,
        &parent,
        child,
        org,
        ["Орлова", "Вероника", "female", "05.05.2015"],
    )
    .await;
    assert_eq!(status, 200);
    let (operator, _) = app.in_role(10, "institution_operator", Some(org)).await;
    let request = inbox(&app, &operator).await[0].id;
    let reject = |answer: &'static str| {
        let (app, operator) = (&app, &operator);
        async move {
            app.post_with(
                operator,
                "/api/operator/corrections/reject",
                &[("reject", &request.to_string()), ("answer", answer)],
            )
            .await
        }
    };
    let (_, body) = reject("нет").await;
    assert!(body.contains(&format!("answer-{request}")), "{body}");
    let (status, body) = reject("В свидетельстве о рождении имя — Вера").await;
    assert_eq!(status, 200, "{body}");
    let (status, _) = reject("Повторный ответ на тот же запрос").await;
    assert_eq!(status, 409);
    let card = &children_of(&app, &parent).await[0];
    assert!(card.full_name.starts_with("Орлова Вера"));
    assert!(card
        .correction
        .as_deref()
        .is_some_and(|l| l.contains("в свидетельстве о рождении имя — Вера")
            || l.contains("В свидетельстве о рождении имя — Вера")));
    let told: Vec<Notification> = app.get_json_with(&parent, "/api/notifications/mine").await;
    assert!(told
        .iter()
        .any(|n| n.subject == "Запрос на исправление отклонен"));
    // Once answered, the parent may ask again.
    let (status, body) = ask(
        &app,
        &parent,
        child,
        org,
        ["Орлова", "Вероника", "female", "05.05.2015"],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("Запрос отправлен"), "{body}");
    app.finish().await;
}

async fn corrections_racing_into_the_same_data_leave_one_child(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let org = app.organization(0).await;
    let mut kids = Vec::new();
    for n in 0..8 {
        let (parent, _) = app.confirmed_parent(1 + n).await;
        let (surname, given) = [
            ("Акулова", "Анна"),
            ("Белова", "Вера"),
            ("Гусева", "Дарья"),
            ("Ершова", "Елена"),
            ("Жукова", "Жанна"),
            ("Зайцева", "Зоя"),
            ("Ильина", "Инна"),
            ("Котова", "Кира"),
        ][n];
        let birth = format!("01.0{}.201{}", n + 1, n);
        assert!(add(&app, &parent, surname, given, &birth, false)
            .await
            .contains("Added"));
        kids.push(children_of(&app, &parent).await[0].id);
    }
    let mut operators = Vec::new();
    for n in 0..8 {
        operators.push(
            app.in_role(20 + n, "institution_operator", Some(org))
                .await
                .0,
        );
    }
    let answers = futures_util::future::join_all(kids.iter().zip(&operators).map(|(child, op)| {
        let app = &app;
        async move {
            correct(
                app,
                op,
                *child,
                None,
                ["Морозова", "Лилия", "female", "20.08.2013"],
                "Свидетельство о рождении",
            )
            .await
        }
    }))
    .await;
    let corrected = answers
        .iter()
        .filter(|(_, b)| b.contains("Данные исправлены"))
        .count();
    let refused = answers
        .iter()
        .filter(|(_, b)| b.contains("Ребенок с такими данными уже зарегистрирован"))
        .count();
    assert_eq!((corrected, refused), (1, 7), "{answers:?}");
    app.finish().await;
}
