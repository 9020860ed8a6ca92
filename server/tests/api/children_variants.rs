//! The second registrations that look least like the first (issue 20): a letter dropped from the
//! first name, the everyday form of the name, a mis-clicked sex, another valid СНИЛС. Each is
//! warned before anything is saved; after «это другой ребенок» it is saved flagged, and МОЦ of the
//! families' municipality finds the pair in its queue with the reason in words.

use crate::duplicates::queue;
use crate::helpers::{spawn_seeded_app, Backend, TestApp};
use crate::on_both_backends;
use app::contract::children::ChildOutcome;

on_both_backends!(
    a_letter_dropped_from_the_first_name_is_warned_and_queued,
    the_everyday_form_of_the_first_name_is_warned_and_queued,
    a_mis_clicked_sex_is_warned_and_queued,
    another_valid_snils_with_all_else_equal_is_warned_and_queued_never_refused,
    twins_with_close_names_of_the_dictionary_go_through_unflagged,
);

type Fields = Vec<(&'static str, &'static str)>;

fn child(
    surname: &'static str,
    given: &'static str,
    patronymic: &'static str,
    sex: &'static str,
    birth: &'static str,
) -> Fields {
    vec![
        ("surname", surname),
        ("given_name", given),
        ("patronymic", patronymic),
        ("sex", sex),
        ("birth_date", birth),
        ("snils", ""),
        ("birth_certificate", ""),
    ]
}

fn with(mut fields: Fields, name: &'static str, value: &'static str) -> Fields {
    fields.retain(|(k, _)| *k != name);
    fields.push((name, value));
    fields
}

async fn outcome(app: &TestApp, parent: &reqwest::Client, path: &str, f: &Fields) -> ChildOutcome {
    let (status, body) = app.post_with(parent, path, f).await;
    assert_eq!(status, 200, "{path}: {body}");
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

/// The first family registers `first`; the second types `second`: the check and the submission
/// both warn, nothing is saved until the parent says it is another child, and then the record is
/// saved flagged and МОЦ's queue holds the pair. Returns the reason the queue shows.
async fn warned_then_queued(app: &TestApp, first: &Fields, second: &Fields) -> String {
    let (x, _) = app.confirmed_parent(1).await;
    let (y, _) = app.confirmed_parent(2).await;
    let added = outcome(app, &x, "/api/children/add", first).await;
    assert!(
        matches!(added, ChildOutcome::Added { flagged: false, .. }),
        "{added:?}"
    );
    for path in ["/api/children/check", "/api/children/add"] {
        assert_eq!(
            outcome(app, &y, path, second).await,
            ChildOutcome::Probable,
            "{path}"
        );
    }
    let mine: Vec<app::contract::children::ChildCard> =
        app.get_json_with(&y, "/api/children/mine").await;
    assert!(mine.is_empty(), "nothing saved before the parent's answer");
    let confirmed = with(second.clone(), "another_child", "1");
    let saved = outcome(app, &y, "/api/children/add", &confirmed).await;
    assert!(
        matches!(saved, ChildOutcome::Added { flagged: true, .. }),
        "{saved:?}"
    );
    let mine: Vec<app::contract::children::ChildCard> =
        app.get_json_with(&y, "/api/children/mine").await;
    assert!(mine[0].under_review);
    let moc = app.moc_operator(10, 0).await;
    let q = queue(app, &moc).await;
    assert_eq!(q.total, 1, "МОЦ's queue holds the pair");
    q.pairs[0].reason.clone()
}

async fn a_letter_dropped_from_the_first_name_is_warned_and_queued(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let first = child("Богданов", "Станислав", "Ильич", "male", "01.09.2014");
    let second = with(first.clone(), "given_name", "Станслав");
    let reason = warned_then_queued(&app, &first, &second).await;
    assert_eq!(reason, "похожие фамилия и имя, та же дата рождения");
    app.finish().await;
}

async fn the_everyday_form_of_the_first_name_is_warned_and_queued(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let first = child("Медведев", "Александр", "Юрьевич", "male", "04.04.2013");
    let second = with(first.clone(), "given_name", "Саша");
    let reason = warned_then_queued(&app, &first, &second).await;
    assert_eq!(
        reason,
        "имя в другой форме (Саша — Александр), похожая фамилия, та же дата рождения"
    );
    app.finish().await;
}

async fn a_mis_clicked_sex_is_warned_and_queued(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let first = child("Орлова", "Вера", "Сергеевна", "female", "07.07.2017");
    let second = with(first.clone(), "sex", "male");
    let reason = warned_then_queued(&app, &first, &second).await;
    assert_eq!(reason, "те же ФИО и дата рождения, другой пол");
    app.finish().await;
}

/// Today's unique key refused this pair as «уже зарегистрирован» while the check said clear; now
/// the check warns and the database lets the confirmed record in.
async fn another_valid_snils_with_all_else_equal_is_warned_and_queued_never_refused(
    backend: Backend,
) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let first = with(
        child("Кузнецов", "Егор", "Петрович", "male", "20.05.2016"),
        "snils",
        "112-233-445 95",
    );
    let second = with(first.clone(), "snils", "123-456-789 64");
    let reason = warned_then_queued(&app, &first, &second).await;
    assert_eq!(reason, "те же ФИО, пол и дата рождения, разные СНИЛС");
    app.finish().await;
}

async fn twins_with_close_names_of_the_dictionary_go_through_unflagged(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let (parent, _) = app.confirmed_parent(1).await;
    for given in ["Алина", "Арина"] {
        let twin = child("Зайцева", given, "Олеговна", "female", "15.01.2018");
        assert_eq!(
            outcome(&app, &parent, "/api/children/check", &twin).await,
            ChildOutcome::Clear,
            "{given}"
        );
        let added = outcome(&app, &parent, "/api/children/add", &twin).await;
        assert!(
            matches!(added, ChildOutcome::Added { flagged: false, .. }),
            "{added:?}"
        );
    }
    app.finish().await;
}
