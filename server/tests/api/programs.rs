//! Programs kept by institutions and moderated by МОЦ (issue 23), over HTTP on both backends: a new
//! program reaches parents only once МОЦ publishes it; a returned one carries МОЦ's comment; a
//! changed published one keeps showing its published version; capacity never drops below the
//! seats taken and a raise offers seats to the waiting list; closing a group cancels its
//! applications with the reason and tells the parents; another institution's program and another
//! municipality's moderation are out of reach, and the attempts audited.

use crate::applications_support::{apply, child, group, mine};
use crate::helpers::{scalar, spawn_seeded_app, Backend, TestApp};
use crate::on_both_backends;
use app::contract::applications::ApplyOutcome;
use app::contract::catalog::{ProgramDetails, ProgramPage};
use app::contract::programs::{
    Closed, GroupSaved, GroupSheet, ModerationQueue, ProgramList, ProgramSaved,
};
use chrono::{Duration, Utc};

on_both_backends!(
    a_new_program_reaches_parents_only_through_moc,
    a_changed_published_program_shows_its_published_version_until_accepted,
    another_institutions_program_and_another_municipalitys_moderation_are_out_of_reach,
    capacity_never_drops_below_the_seats_taken_and_a_raise_offers_seats_in_order,
    closing_a_group_cancels_its_applications_with_the_reason_and_tells_the_parents,
    capacity_changes_racing_applications_never_lose_or_invent_a_seat,
    a_copy_for_the_next_school_year_moves_the_groups_a_year_on,
);

const TITLE: &str = "Студия мультипликации Кадр";

fn program_fields(title: &str, description: &str, teachers: &str) -> Vec<(&'static str, String)> {
    vec![
        ("title", title.to_owned()),
        ("description", description.to_owned()),
        ("direction", "art".to_owned()),
        ("level", "starting".to_owned()),
        ("age_min", "7".to_owned()),
        ("age_max", "12".to_owned()),
        ("cost", "paid".to_owned()),
        ("price_rub", "1200".to_owned()),
        ("address", String::new()),
        ("teachers", teachers.to_owned()),
    ]
}

const DESCRIPTION: &str = "Дети снимают пластилиновые мультфильмы и озвучивают их.";

async fn post(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    fields: &[(&str, String)],
) -> (u16, String) {
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.post_with(client, path, &fields).await
}

fn parsed<T: serde::de::DeserializeOwned>(status: u16, body: &str) -> T {
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

async fn operator_of(app: &TestApp, n: usize, org: i64) -> reqwest::Client {
    app.in_role(n, "institution_operator", Some(org)).await.0
}

async fn moc_of(app: &TestApp, n: usize, org: i64) -> reqwest::Client {
    let municipality = scalar(
        app,
        "SELECT municipality_id FROM organizations WHERE id = $1",
        &[org],
    )
    .await;
    app.in_role_at(n, "moc_operator", None, Some(municipality))
        .await
        .0
}

async fn create(app: &TestApp, op: &reqwest::Client, title: &str) -> i64 {
    let (status, body) = post(
        app,
        op,
        "/api/operator/programs/save",
        &program_fields(title, DESCRIPTION, "Иванова Анна Петровна"),
    )
    .await;
    parsed::<ProgramSaved>(status, &body).id
}

fn group_fields(program: i64, id: Option<i64>, capacity: u32) -> Vec<(&'static str, String)> {
    let today = Utc::now().date_naive();
    vec![
        ("program", program.to_string()),
        ("id", id.map(|i| i.to_string()).unwrap_or_default()),
        ("name", "Группа 1".to_owned()),
        ("teacher", "Иванова Анна Петровна".to_owned()),
        ("days[]", "0".to_owned()),
        ("days[]", "2".to_owned()),
        ("time_from", "15:00".to_owned()),
        ("time_to", "16:30".to_owned()),
        ("age_min", "7".to_owned()),
        ("age_max", "10".to_owned()),
        ("capacity", capacity.to_string()),
        ("starts_on", (today + Duration::days(40)).to_string()),
        ("enrolment_opens", (today - Duration::days(1)).to_string()),
        ("enrolment_closes", (today + Duration::days(30)).to_string()),
    ]
}

async fn queue(app: &TestApp, moc: &reqwest::Client) -> ModerationQueue {
    app.get_json_with(moc, "/api/moc/programs").await
}

async fn decide(
    app: &TestApp,
    moc: &reqwest::Client,
    revision: i64,
    decision: &str,
    comment: &str,
) -> (u16, String) {
    post(
        app,
        moc,
        "/api/moc/programs/decide",
        &[
            ("revision", revision.to_string()),
            ("decision", decision.to_owned()),
            ("comment", comment.to_owned()),
        ],
    )
    .await
}

async fn found(app: &TestApp, text: &str) -> u64 {
    app.get_json::<ProgramPage>(
        &format!("/api/catalog/programs?q={}", urlencoding(text)),
        200,
    )
    .await
    .total
}

fn urlencoding(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

async fn details(app: &TestApp, id: i64) -> Option<ProgramDetails> {
    let response = app.get(&format!("/api/catalog/program?id={id}")).await;
    match response.status().as_u16() {
        200 => Some(response.json().await.unwrap()),
        404 => None,
        other => panic!("status {other}"),
    }
}

async fn a_new_program_reaches_parents_only_through_moc(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let org = app.organization(0).await;
    let op = operator_of(&app, 1, org).await;
    // Every mistake at its field, nothing saved.
    let (status, body) = post(
        &app,
        &op,
        "/api/operator/programs/save",
        &program_fields("", "кратко", ""),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    for field in ["title", "description", "teachers"] {
        assert!(
            body.contains(&format!("\"field\":\"{field}\"")),
            "{field}: {body}"
        );
    }
    let id = create(&app, &op, TITLE).await;
    // The same title again is refused at its field.
    let (status, body) = post(
        &app,
        &op,
        "/api/operator/programs/save",
        &program_fields(TITLE, DESCRIPTION, "Петров"),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("таким названием"), "{body}");
    let (status, body) = post(
        &app,
        &op,
        "/api/operator/groups/save",
        &group_fields(id, None, 10),
    )
    .await;
    let saved: GroupSaved = parsed(status, &body);
    // Waiting for МОЦ: parents find nothing.
    assert_eq!(found(&app, "мультипликации").await, 0);
    assert!(details(&app, id).await.is_none());
    let moc = moc_of(&app, 2, org).await;
    let waiting = queue(&app, &moc).await;
    let item = waiting
        .items
        .iter()
        .find(|i| i.program_id == id)
        .expect("in МОЦ's queue");
    assert_eq!(item.state, "На модерации");
    assert!(item.fields.iter().all(|f| f.published.is_none()));
    // A return needs a comment; the institution reads it.
    let (status, body) = decide(&app, &moc, item.revision_id, "return", "  ").await;
    assert_eq!(status, 422, "{body}");
    let (status, body) = decide(
        &app,
        &moc,
        item.revision_id,
        "return",
        "Укажите, сколько длится занятие",
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let list: ProgramList = app.get_json_with(&op, "/api/operator/programs").await;
    let mine = list.items.iter().find(|i| i.id == id).unwrap();
    assert_eq!(mine.state, "Возвращена на доработку");
    assert_eq!(
        mine.comment.as_deref(),
        Some("Укажите, сколько длится занятие")
    );
    assert_eq!(
        decide(&app, &moc, item.revision_id, "publish", "").await.0,
        409
    );
    // Fixed and sent again, then published.
    let fixed = format!("{DESCRIPTION} Занятие длится 90 минут.");
    let (status, body) = post(
        &app,
        &op,
        "/api/operator/programs/save",
        &[
            vec![("id", id.to_string())],
            program_fields(TITLE, &fixed, "Иванова Анна Петровна"),
        ]
        .concat(),
    )
    .await;
    assert!(parsed::<ProgramSaved>(status, &body)
        .message
        .contains("модерацию"));
    let revision = queue(&app, &moc)
        .await
        .items
        .into_iter()
        .find(|i| i.program_id == id)
        .unwrap()
        .revision_id;
    let (status, body) = decide(&app, &moc, revision, "publish", "").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(found(&app, "мультипликации").await, 1);
    let shown = details(&app, id).await.expect("published");
    assert_eq!(shown.description, fixed);
    assert_eq!(shown.price_rub, Some(1200));
    assert_eq!(shown.groups.len(), 1);
    assert_eq!(shown.groups[0].schedule, "Пн, Ср 15:00–16:30");
    // A parent applies to the new group.
    let (parent, account) = app.confirmed_parent(3).await;
    let kid = child(&app, account, 3, 8).await;
    assert!(matches!(
        apply(&app, &parent, kid, saved.group_id).await,
        ApplyOutcome::Applied { .. }
    ));
    // Each step is in the audit log.
    let audited = scalar(
        &app,
        "SELECT COUNT(*) FROM audit_log WHERE subject = 'program:' || CAST($1 AS TEXT) \
        AND action IN ('program_create', 'program_return', 'program_submit', 'program_publish')",
        &[id],
    )
    .await;
    assert_eq!(audited, 4);
    app.finish().await;
}

async fn a_changed_published_program_shows_its_published_version_until_accepted(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let org = app.organization(0).await;
    let op = operator_of(&app, 1, org).await;
    let moc = moc_of(&app, 2, org).await;
    let id = create(&app, &op, TITLE).await;
    let revision = queue(&app, &moc).await.items[0].revision_id;
    assert_eq!(decide(&app, &moc, revision, "publish", "").await.0, 200);
    // The teachers change at once, with no moderation.
    let with_id = |description: &str, teachers: &str| {
        [
            vec![("id", id.to_string())],
            program_fields(TITLE, description, teachers),
        ]
        .concat()
    };
    let (status, body) = post(
        &app,
        &op,
        "/api/operator/programs/save",
        &with_id(DESCRIPTION, "Петров Олег"),
    )
    .await;
    assert!(
        parsed::<ProgramSaved>(status, &body)
            .message
            .contains("без модерации"),
        "{body}"
    );
    assert!(queue(&app, &moc).await.items.is_empty());
    // A new description waits; parents keep reading the published one.
    let changed = "Дети снимают мультфильмы из бумаги и песка, монтируют и озвучивают.";
    let (status, body) = post(
        &app,
        &op,
        "/api/operator/programs/save",
        &with_id(changed, "Петров Олег"),
    )
    .await;
    assert!(
        parsed::<ProgramSaved>(status, &body)
            .message
            .contains("прежнюю версию"),
        "{body}"
    );
    assert_eq!(details(&app, id).await.unwrap().description, DESCRIPTION);
    let item = queue(&app, &moc).await.items.remove(0);
    assert_eq!(item.state, "Опубликована, изменения на модерации");
    let description = item.fields.iter().find(|f| f.label == "Описание").unwrap();
    assert_eq!(description.published.as_deref(), Some(DESCRIPTION));
    assert!(item
        .fields
        .iter()
        .find(|f| f.label == "Название")
        .unwrap()
        .published
        .is_none());
    assert_eq!(
        decide(&app, &moc, item.revision_id, "publish", "").await.0,
        200
    );
    assert_eq!(details(&app, id).await.unwrap().description, changed);
    // Archived: parents no longer find it, and it cannot be changed.
    let (status, body) = post(
        &app,
        &op,
        "/api/operator/programs/archive",
        &[("id", id.to_string())],
    )
    .await;
    let _: Closed = parsed(status, &body);
    assert!(details(&app, id).await.is_none());
    let (status, _) = post(
        &app,
        &op,
        "/api/operator/programs/save",
        &with_id(changed, "Петров Олег"),
    )
    .await;
    assert_eq!(status, 409);
    app.finish().await;
}

async fn another_institutions_program_and_another_municipalitys_moderation_are_out_of_reach(
    backend: Backend,
) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let org = app.organization(0).await;
    let op = operator_of(&app, 1, org).await;
    let id = create(&app, &op, TITLE).await;
    // Visitors and parents have no workspace.
    assert_eq!(
        TestApp::new_client()
            .get(format!("{}/api/operator/programs", app.base))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
    let (parent, _) = app.confirmed_parent(5).await;
    assert_eq!(
        parent
            .get(format!("{}/api/operator/programs", app.base))
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    // An operator of another organization.
    let other_org = app.organization(1).await;
    let stranger = operator_of(&app, 2, other_org).await;
    let attempts = [
        post(
            &app,
            &stranger,
            "/api/operator/programs/save",
            &[
                vec![("id", id.to_string())],
                program_fields("Чужая", DESCRIPTION, "Петров"),
            ]
            .concat(),
        )
        .await,
        post(
            &app,
            &stranger,
            "/api/operator/groups/save",
            &group_fields(id, None, 5),
        )
        .await,
        post(
            &app,
            &stranger,
            "/api/operator/programs/archive",
            &[("id", id.to_string())],
        )
        .await,
        post(
            &app,
            &stranger,
            "/api/operator/programs/copy",
            &[("id", id.to_string())],
        )
        .await,
    ];
    for (status, body) in attempts {
        assert_eq!(status, 403, "{body}");
        assert!(body.contains("другого учреждения"), "{body}");
    }
    let response = stranger
        .get(format!("{}/api/operator/programs/one?id={id}", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    let list: ProgramList = app.get_json_with(&stranger, "/api/operator/programs").await;
    assert!(list.items.iter().all(|i| i.id != id));
    // МОЦ of the other municipality neither sees nor decides it.
    let far = scalar(
        &app,
        "SELECT id FROM municipalities WHERE id <> \
        (SELECT municipality_id FROM organizations WHERE id = $1) ORDER BY id LIMIT 1",
        &[org],
    )
    .await;
    let far_moc = app.in_role_at(3, "moc_operator", None, Some(far)).await.0;
    assert!(queue(&app, &far_moc)
        .await
        .items
        .iter()
        .all(|i| i.program_id != id));
    let revision = scalar(
        &app,
        "SELECT id FROM program_revisions WHERE program_id = $1",
        &[id],
    )
    .await;
    let (status, body) = decide(&app, &far_moc, revision, "publish", "").await;
    assert_eq!(status, 403, "{body}");
    // An institution operator is not МОЦ.
    assert_eq!(decide(&app, &op, revision, "publish", "").await.0, 403);
    assert_eq!(details(&app, id).await.map(|d| d.id), None);
    let denied = scalar(
        &app,
        "SELECT COUNT(*) FROM audit_log WHERE action = 'denied' \
        AND subject = 'program:' || CAST($1 AS TEXT)",
        &[id],
    )
    .await;
    assert_eq!(denied, 6);
    app.finish().await;
}

/// The program of a group made by the test support.
async fn program_of(app: &TestApp, group: i64) -> i64 {
    scalar(
        app,
        "SELECT program_id FROM study_groups WHERE id = $1",
        &[group],
    )
    .await
}

async fn sheet(app: &TestApp, op: &reqwest::Client, program: i64, group: i64) -> GroupSheet {
    app.get_json_with(
        op,
        &format!("/api/operator/groups/one?program={program}&id={group}"),
    )
    .await
}

/// The sheet's fields with a new capacity, as the form sends them.
fn with_capacity(sheet: &GroupSheet, capacity: u32) -> Vec<(&'static str, String)> {
    let f = &sheet.form;
    let mut fields = vec![
        ("program", sheet.program_id.to_string()),
        ("id", sheet.id.unwrap().to_string()),
        ("name", f.name.clone()),
        ("teacher", f.teacher.clone()),
        ("time_from", "16:00".to_owned()),
        ("time_to", "17:00".to_owned()),
        ("age_min", f.age_min.clone()),
        ("age_max", f.age_max.clone()),
        ("capacity", capacity.to_string()),
        ("starts_on", f.starts_on.clone()),
        ("enrolment_opens", f.enrolment_opens.clone()),
        ("enrolment_closes", f.enrolment_closes.clone()),
    ];
    fields.push(("days[]", "0".to_owned()));
    fields
}

async fn capacity_never_drops_below_the_seats_taken_and_a_raise_offers_seats_in_order(
    backend: Backend,
) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let org = app.organization(0).await;
    let group = group(&app, 2, (7, 10)).await;
    let program = program_of(&app, group).await;
    let mut parents = Vec::new();
    for n in 1..=4 {
        let (parent, account) = app.confirmed_parent(n).await;
        let kid = child(&app, account, n, 8).await;
        apply(&app, &parent, kid, group).await;
        parents.push(parent);
    }
    let op = operator_of(&app, 10, org).await;
    let before = sheet(&app, &op, program, group).await;
    assert_eq!((before.taken, before.waiting), (2, 2));
    let (status, body) = post(
        &app,
        &op,
        "/api/operator/groups/save",
        &with_capacity(&before, 1),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("уже занято: 2"), "{body}");
    // One more seat: the first in line is offered it, the second still waits.
    let (status, body) = post(
        &app,
        &op,
        "/api/operator/groups/save",
        &with_capacity(&before, 3),
    )
    .await;
    let saved: GroupSaved = parsed(status, &body);
    assert!(
        saved.message.contains("предложены первым в очереди: 1"),
        "{}",
        saved.message
    );
    assert_eq!(
        mine(&app, &parents[2]).await[0].applications[0].status,
        "Предложено место"
    );
    assert_eq!(
        mine(&app, &parents[3]).await[0].applications[0].status,
        "В очереди"
    );
    let notes: Vec<app::contract::applications::Notification> = app
        .get_json_with(&parents[2], "/api/notifications/mine")
        .await;
    assert!(notes[0].subject.ends_with("Предложено место"), "{notes:?}");
    let after = sheet(&app, &op, program, group).await;
    assert_eq!(
        (after.taken, after.waiting, after.form.capacity.as_str()),
        (3, 1, "3")
    );
    assert_eq!(after.form.time_from, "16:00");
    // The change is audited with its before and after.
    let audited = scalar(
        &app,
        "SELECT COUNT(*) FROM audit_log WHERE action = 'group_change' \
        AND subject = 'group:' || CAST($1 AS TEXT) AND details LIKE 'capacity 2 → 3%'",
        &[group],
    )
    .await;
    assert_eq!(audited, 1);
    app.finish().await;
}

async fn closing_a_group_cancels_its_applications_with_the_reason_and_tells_the_parents(
    backend: Backend,
) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let org = app.organization(0).await;
    let group = group(&app, 1, (7, 10)).await;
    let program = program_of(&app, group).await;
    let mut parents = Vec::new();
    for n in 1..=2 {
        let (parent, account) = app.confirmed_parent(n).await;
        let kid = child(&app, account, n, 8).await;
        apply(&app, &parent, kid, group).await;
        parents.push((parent, kid));
    }
    let op = operator_of(&app, 10, org).await;
    let s = sheet(&app, &op, program, group).await;
    assert_eq!(s.active, 2);
    // The R6 reason is about accounts, not groups: not offered here.
    assert!(s.reasons.iter().all(|r| !r.label.contains("дублирующего")));
    let (status, body) = post(
        &app,
        &op,
        "/api/operator/groups/close",
        &[("id", group.to_string())],
    )
    .await;
    assert_eq!(status, 422, "{body}");
    let reason = s
        .reasons
        .iter()
        .find(|r| r.label.contains("Нет свободных мест"))
        .unwrap();
    let (status, body) = post(
        &app,
        &op,
        "/api/operator/groups/close",
        &[("id", group.to_string()), ("reason", reason.value.clone())],
    )
    .await;
    let closed: Closed = parsed(status, &body);
    assert_eq!(closed.cancelled, 2);
    for (parent, _) in &parents {
        let card = &mine(&app, parent).await[0].applications[0];
        assert_eq!(card.status, "Отменена");
        assert_eq!(card.reason.as_deref(), Some("Нет свободных мест в группе."));
        let notes: Vec<app::contract::applications::Notification> =
            app.get_json_with(parent, "/api/notifications/mine").await;
        assert!(notes[0].subject.ends_with("Отменена"), "{notes:?}");
    }
    assert_eq!(crate::applications_support::occupied(&app, group).await, 0);
    // A closed group takes no application and is not shown.
    match apply(&app, &parents[0].0, parents[0].1, group).await {
        ApplyOutcome::Invalid { errors } => assert_eq!(errors[0].field, "group_id"),
        other => panic!("{other:?}"),
    }
    assert!(details(&app, program).await.unwrap().groups.is_empty());
    let (status, _) = post(
        &app,
        &op,
        "/api/operator/groups/save",
        &with_capacity(&s, 5),
    )
    .await;
    assert_eq!(status, 409);
    app.finish().await;
}

/// Parents apply while the operator lowers and raises the capacity, all at once: the seats counted
/// are the seats held, never more than the capacity, and nobody waits while a seat is free.
async fn capacity_changes_racing_applications_never_lose_or_invent_a_seat(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let org = app.organization(0).await;
    let group = group(&app, 3, (7, 10)).await;
    let program = program_of(&app, group).await;
    let mut families = Vec::new();
    for n in 1..=8 {
        let (parent, account) = app.confirmed_parent(n).await;
        families.push((parent, child(&app, account, n, 8).await));
    }
    let op = operator_of(&app, 20, org).await;
    let s = sheet(&app, &op, program, group).await;
    let applying = futures_util::future::join_all(
        families
            .iter()
            .map(|(parent, kid)| apply(&app, parent, *kid, group)),
    );
    let changing = async {
        let mut answers = Vec::new();
        for capacity in [2, 4, 1, 5, 3, 6] {
            answers.push(
                post(
                    &app,
                    &op,
                    "/api/operator/groups/save",
                    &with_capacity(&s, capacity),
                )
                .await
                .0,
            );
        }
        answers
    };
    let (_, answers) = tokio::join!(applying, changing);
    assert!(
        answers.iter().all(|a| *a == 200 || *a == 422),
        "{answers:?}"
    );
    let holding = scalar(
        &app,
        "SELECT COUNT(*) FROM applications WHERE group_id = $1 \
        AND status IN ('new', 'confirmed', 'enrolled', 'offered')",
        &[group],
    )
    .await;
    let waiting = scalar(
        &app,
        "SELECT COUNT(*) FROM applications WHERE group_id = $1 AND status = 'queued'",
        &[group],
    )
    .await;
    let capacity = scalar(
        &app,
        "SELECT CAST(capacity AS BIGINT) FROM study_groups WHERE id = $1",
        &[group],
    )
    .await;
    let occupied = crate::applications_support::occupied(&app, group).await;
    assert_eq!(occupied, holding);
    assert_eq!(holding + waiting, 8);
    assert!(occupied <= capacity, "{occupied} > {capacity}");
    assert!(
        occupied == capacity || waiting == 0,
        "{waiting} wait while {occupied} of {capacity} are taken"
    );
    app.finish().await;
}

/// «Копия на следующий учебный год»: the same program with its open groups a year later, no
/// applications, waiting for МОЦ; the original stays as it was.
async fn a_copy_for_the_next_school_year_moves_the_groups_a_year_on(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let org = app.organization(0).await;
    let group = group(&app, 4, (7, 10)).await;
    let program = program_of(&app, group).await;
    let (parent, account) = app.confirmed_parent(1).await;
    let kid = child(&app, account, 1, 8).await;
    apply(&app, &parent, kid, group).await;
    let op = operator_of(&app, 2, org).await;
    let (status, body) = post(
        &app,
        &op,
        "/api/operator/programs/copy",
        &[("id", program.to_string())],
    )
    .await;
    let copy: ProgramSaved = parsed(status, &body);
    assert_ne!(copy.id, program);
    let sheet: app::contract::programs::ProgramSheet = app
        .get_json_with(&op, &format!("/api/operator/programs/one?id={}", copy.id))
        .await;
    assert_eq!(sheet.state, "На модерации");
    let original: app::contract::programs::ProgramSheet = app
        .get_json_with(&op, &format!("/api/operator/programs/one?id={program}"))
        .await;
    let year = |date: &str| date[6..].parse::<i32>().unwrap();
    assert!(
        sheet.form.title.starts_with(&original.form.title),
        "{}",
        sheet.form.title
    );
    let starts = &original.groups[0].starts_on;
    let month = starts[3..5].parse::<u32>().unwrap();
    let school = if month >= 8 {
        year(starts)
    } else {
        year(starts) - 1
    };
    assert!(
        sheet
            .form
            .title
            .ends_with(&format!("({}/{})", school + 1, school + 2)),
        "{}",
        sheet.form.title
    );
    assert_eq!(sheet.groups.len(), 1);
    assert_eq!((sheet.groups[0].capacity, sheet.groups[0].taken), (4, 0));
    assert_eq!(
        year(&sheet.groups[0].starts_on),
        year(&original.groups[0].starts_on) + 1
    );
    assert_eq!(
        &sheet.groups[0].starts_on[..5],
        &original.groups[0].starts_on[..5]
    );
    assert_eq!(original.groups[0].taken, 1);
    // A second copy of the same year is refused with its title.
    let (status, body) = post(
        &app,
        &op,
        "/api/operator/programs/copy",
        &[("id", program.to_string())],
    )
    .await;
    assert_eq!(status, 409, "{body}");
    app.finish().await;
}
