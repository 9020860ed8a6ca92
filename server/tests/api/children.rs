use crate::helpers::{
    spawn_seeded_app, spawn_seeded_app_with, within_one_rate_window, Backend, TestApp,
};
use crate::on_both_backends;
use app::contract::children::{ChildCard, ChildOutcome, Refusal};
use app::error::AppError;

on_both_backends!(
    an_added_child_is_listed_as_not_yet_confirmed,
    only_a_signed_in_parent_may_check_or_add,
    checks_are_limited_per_account_and_per_address,
    wrong_fields_are_reported_each_at_its_field,
    the_same_child_from_another_account_is_refused_with_the_r1_message,
    a_typo_version_is_warned_and_saved_flagged_only_when_confirmed,
    twins_go_through_unflagged,
    the_same_snils_under_other_names_is_refused,
    a_teenager_in_a_parents_cabinet_cannot_add_themselves,
    sixty_four_simultaneous_submissions_of_one_child_make_one_child,
);

const MASHA: [(&str, &str); 5] = [
    ("surname", "Смирнова"),
    ("given_name", "Мария"),
    ("patronymic", "Алексеевна"),
    ("sex", "female"),
    ("birth_date", "12.03.2015"),
];

async fn post(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    fields: &[(&str, &str)],
) -> ChildOutcome {
    let (status, body) = app.post_with(client, path, fields).await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

async fn add(app: &TestApp, client: &reqwest::Client, fields: &[(&str, &str)]) -> ChildOutcome {
    post(app, client, "/api/children/add", fields).await
}

async fn mine(app: &TestApp, client: &reqwest::Client) -> Vec<ChildCard> {
    client
        .get(format!("{}/api/children/mine", app.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

fn with(
    base: &[(&'static str, &'static str)],
    changes: &[(&'static str, &'static str)],
) -> Vec<(&'static str, &'static str)> {
    let mut fields: Vec<_> = base
        .iter()
        .filter(|(k, _)| !changes.iter().any(|(c, _)| c == k))
        .copied()
        .collect();
    fields.extend_from_slice(changes);
    fields
}

async fn an_added_child_is_listed_as_not_yet_confirmed(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let parent = app.signed_in_parent(1, "parent").await;
    assert_eq!(
        post(&app, &parent, "/api/children/check", &MASHA).await,
        ChildOutcome::Clear
    );
    assert_eq!(
        add(&app, &parent, &MASHA).await,
        ChildOutcome::Added {
            name: "Мария Смирнова".into(),
            flagged: false
        }
    );
    let children = mine(&app, &parent).await;
    assert_eq!(children.len(), 1);
    assert_eq!(children[0].full_name, "Смирнова Мария Алексеевна");
    assert_eq!(children[0].birth_date, "12.03.2015");
    assert_eq!(
        children[0].confirmation,
        "Не подтверждены: обратитесь в учреждение с документами"
    );
    assert!(!children[0].under_review);
    app.finish().await;
}

async fn only_a_signed_in_parent_may_check_or_add(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    for path in ["/api/children/check", "/api/children/add"] {
        let (status, body) = app.post_with(&TestApp::new_client(), path, &MASHA).await;
        assert_eq!(status, 401, "{path}: {body}");
    }
    app.finish().await;
}

/// The check tells whether a child is registered, so it is bounded: 60 checks per account and
/// (here) 80 per address in ten minutes; the 61st of one account and the 81st of the address are
/// refused with the «too many attempts» message, whichever account sends them.
async fn checks_are_limited_per_account_and_per_address(backend: Backend) {
    let Some(app) = spawn_seeded_app_with(backend, &[("child_checks_per_address", "80")]).await
    else {
        return;
    };
    let (first, second) = (
        app.signed_in_parent(1, "parent").await,
        app.signed_in_parent(2, "parent").await,
    );
    let check = |client: &reqwest::Client| {
        let (app, client) = (&app, client.clone());
        async move { app.post_with(&client, "/api/children/check", &MASHA).await }
    };
    within_one_rate_window(600, 120).await;
    for n in 1..=60 {
        assert_eq!(check(&first).await.0, 200, "check {n} of the first account");
    }
    let (status, body) = check(&first).await;
    assert_eq!(status, 429, "{body}");
    assert_eq!(
        serde_json::from_str::<AppError>(&body).unwrap(),
        AppError::RateLimited
    );
    // The refused check did not count for the address: 60 so far, 20 more for anyone there.
    for n in 1..=20 {
        assert_eq!(
            check(&second).await.0,
            200,
            "check {n} of the second account"
        );
    }
    let (status, body) = check(&second).await;
    assert_eq!(status, 429, "{body}");
    app.finish().await;
}

async fn wrong_fields_are_reported_each_at_its_field(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let parent = app.signed_in_parent(1, "parent").await;
    let outcome = add(
        &app,
        &parent,
        &[
            ("surname", "Смирнова"),
            ("given_name", ""),
            ("birth_date", "31.02.2015"),
            ("snils", "112-233-445 96"),
            ("birth_certificate", "II-Ф 12"),
        ],
    )
    .await;
    let ChildOutcome::Invalid { errors } = outcome else {
        panic!("{outcome:?}")
    };
    let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "given_name",
            "sex",
            "birth_date",
            "snils",
            "birth_certificate"
        ]
    );
    assert!(
        mine(&app, &parent).await.is_empty(),
        "nothing is half-saved"
    );
    app.finish().await;
}

async fn the_same_child_from_another_account_is_refused_with_the_r1_message(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let first = app.signed_in_parent(1, "parent").await;
    let second = app.signed_in_parent(2, "parent").await;
    assert!(matches!(
        add(&app, &first, &MASHA).await,
        ChildOutcome::Added { .. }
    ));
    // Case, spaces, ё and a Latin look-alike make no difference.
    let retyped = with(
        &MASHA,
        &[("surname", " CМИРНОВА "), ("birth_date", "2015-03-12")],
    );
    let refused = add(&app, &second, &retyped).await;
    assert_eq!(refused, ChildOutcome::Refused(Refusal::AlreadyRegistered));
    assert_eq!(
        Refusal::AlreadyRegistered.message(),
        "Ребенок с такими данными уже зарегистрирован"
    );
    assert_eq!(
        post(&app, &second, "/api/children/check", &retyped).await,
        refused,
        "the check says it before submitting"
    );
    assert_eq!(
        add(&app, &first, &MASHA).await,
        ChildOutcome::Refused(Refusal::AlreadyYours)
    );
    assert!(mine(&app, &second).await.is_empty());
    app.finish().await;
}

async fn a_typo_version_is_warned_and_saved_flagged_only_when_confirmed(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let first = app.signed_in_parent(1, "parent").await;
    let second = app.signed_in_parent(2, "parent").await;
    add(&app, &first, &MASHA).await;
    let typo = with(
        &MASHA,
        &[("surname", "Смирнва"), ("birth_date", "13.03.2015")],
    );
    assert_eq!(add(&app, &second, &typo).await, ChildOutcome::Probable);
    assert!(
        mine(&app, &second).await.is_empty(),
        "not saved without the confirmation"
    );
    let confirmed = with(&typo, &[("another_child", "1")]);
    assert_eq!(
        add(&app, &second, &confirmed).await,
        ChildOutcome::Added {
            name: "Мария Смирнва".into(),
            flagged: true
        }
    );
    let children = mine(&app, &second).await;
    assert!(children[0].under_review);
    app.finish().await;
}

async fn twins_go_through_unflagged(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let parent = app.signed_in_parent(1, "parent").await;
    add(&app, &parent, &MASHA).await;
    let sister = with(&MASHA, &[("given_name", "Дарья")]);
    assert_eq!(
        add(&app, &parent, &sister).await,
        ChildOutcome::Added {
            name: "Дарья Смирнова".into(),
            flagged: false
        }
    );
    let brother = with(
        &MASHA,
        &[
            ("given_name", "Михаил"),
            ("patronymic", "Алексеевич"),
            ("sex", "male"),
            ("surname", "Смирнов"),
        ],
    );
    assert_eq!(
        add(&app, &parent, &brother).await,
        ChildOutcome::Added {
            name: "Михаил Смирнов".into(),
            flagged: false
        }
    );
    assert_eq!(mine(&app, &parent).await.len(), 3);
    app.finish().await;
}

async fn the_same_snils_under_other_names_is_refused(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let first = app.signed_in_parent(1, "parent").await;
    let second = app.signed_in_parent(2, "parent").await;
    add(&app, &first, &with(&MASHA, &[("snils", "112-233-445 95")])).await;
    let other = [
        ("surname", "Кузнецова"),
        ("given_name", "Ольга"),
        ("sex", "female"),
        ("birth_date", "01.01.2016"),
        ("snils", "11223344595"),
    ];
    assert_eq!(
        add(&app, &second, &other).await,
        ChildOutcome::Refused(Refusal::AlreadyRegistered)
    );
    app.finish().await;
}

async fn a_teenager_in_a_parents_cabinet_cannot_add_themselves(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let parent = app.signed_in_parent(1, "parent").await;
    let teen = app.signed_in_parent(2, "teen").await;
    let son = [
        ("surname", "Козлов"),
        ("given_name", "Илья"),
        ("sex", "male"),
        ("birth_date", "05.05.2010"),
    ];
    add(&app, &parent, &son).await;
    let refused = add(&app, &teen, &son).await;
    assert_eq!(refused, ChildOutcome::Refused(Refusal::InParentCabinet));
    assert!(Refusal::InParentCabinet
        .guidance()
        .contains("из личного кабинета родителя"));
    let young = [
        ("surname", "Козлов"),
        ("given_name", "Пётр"),
        ("sex", "male"),
        ("birth_date", "05.05.2016"),
    ];
    assert!(
        matches!(add(&app, &teen, &young).await, ChildOutcome::Invalid { .. }),
        "a teen registers only themselves, from 14"
    );
    app.finish().await;
}

async fn sixty_four_simultaneous_submissions_of_one_child_make_one_child(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    // Two server processes on one database, as behind a load balancer; on SQLite they share the file.
    let (sibling, _process) = app.sibling_process().await;
    let bases = [app.base.clone(), sibling];
    let mut clients = Vec::new();
    for n in 0..64 {
        clients.push(app.signed_in_parent(n, "parent").await);
    }
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(64));
    let mut tasks = Vec::new();
    for (n, client) in clients.into_iter().enumerate() {
        let base = bases[n % 2].clone();
        let barrier = barrier.clone();
        tasks.push(tokio::spawn(async move {
            barrier.wait().await;
            let response = client
                .post(format!("{base}/api/children/add"))
                .form(&MASHA)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status().as_u16(), 200);
            response.json::<ChildOutcome>().await.unwrap()
        }));
    }
    let mut added = 0;
    for task in tasks {
        match task.await.unwrap() {
            ChildOutcome::Added { .. } => added += 1,
            other => assert_eq!(other, ChildOutcome::Refused(Refusal::AlreadyRegistered)),
        }
    }
    assert_eq!(added, 1);
    app.finish().await;
}
