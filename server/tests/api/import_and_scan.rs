use crate::helpers::{spawn_seeded_app, Backend};
use crate::on_both_backends;
use app::server::services::import::{import_row, ImportRow, RowReport};
use app::server::services::scan::scan_register;
use kruzhok_server::startup::app_state;

on_both_backends!(an_import_reports_each_row_and_the_scan_finds_the_flagged_pair);

fn row(surname: &str, name: &str, sex: &str, date: &str, email: &str, phone: &str) -> ImportRow {
    ImportRow {
        surname: surname.into(),
        name: name.into(),
        sex: sex.into(),
        birth_date: date.into(),
        parent_email: email.into(),
        parent_phone: phone.into(),
        municipality: "г.о. Иваново".into(),
        ..Default::default()
    }
}

async fn an_import_reports_each_row_and_the_scan_finds_the_flagged_pair(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let settings = kruzhok_server::Settings::figment().extract().unwrap();
    let state = app_state(&settings, app.db.clone(), "127.0.0.1:3000".parse().unwrap())
        .await
        .unwrap();
    let masha = row(
        "Смирнова",
        "Мария",
        "ж",
        "12.03.2015",
        "smirnova@mail.ru",
        "+79120000001",
    );
    let RowReport::Imported { child_id: first } = import_row(&state, &masha).await.unwrap() else {
        panic!()
    };
    let twin = row(
        "Смирнова",
        "Дарья",
        "ж",
        "12.03.2015",
        "smirnova@mail.ru",
        "+79120000001",
    );
    assert!(matches!(
        import_row(&state, &twin).await.unwrap(),
        RowReport::Imported { .. }
    ));
    let again = row(
        "СМИРНОВА",
        "мария",
        "Ж",
        "2015-03-12",
        "other@mail.ru",
        "+79120000002",
    );
    assert_eq!(
        import_row(&state, &again).await.unwrap(),
        RowReport::ExactDuplicate { of: Some(first) }
    );
    let typo = row(
        "Смирнва",
        "Мария",
        "ж",
        "13.03.2015",
        "third@mail.ru",
        "+79120000003",
    );
    let RowReport::ProbableDuplicate {
        of,
        child_id: flagged,
    } = import_row(&state, &typo).await.unwrap()
    else {
        panic!()
    };
    assert_eq!(of, first);
    let bad = row(
        "Петров",
        "Пётр",
        "м",
        "31.02.2016",
        "petrov@mail.ru",
        "+79120000004",
    );
    assert!(matches!(
        import_row(&state, &bad).await.unwrap(),
        RowReport::Invalid { .. }
    ));

    let pairs = scan_register(&app.db).await.unwrap();
    let found: Vec<(i64, i64)> = pairs.iter().map(|p| (p.a, p.b)).collect();
    assert_eq!(found, [(first, flagged)], "twins are not a pair");
    app.finish().await;
}
