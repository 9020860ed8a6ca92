use crate::helpers::{spawn_seeded_app, Backend};
use crate::on_both_backends;
use app::server::services::import::{ImportRow, Importer, RowReport};
use app::server::services::scan::scan_register;
use kruzhok_server::startup::app_state;

on_both_backends!(
    an_import_reports_each_row_and_the_scan_finds_the_flagged_pair,
    the_command_line_imports_a_file_and_scans_the_register,
);

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
    let importer = Importer::new(&state).await.unwrap();
    let masha = row(
        "Смирнова",
        "Мария",
        "ж",
        "12.03.2015",
        "smirnova@mail.ru",
        "+79120000001",
    );
    let RowReport::Imported { child_id: first } = importer.row(&masha).await.unwrap() else {
        panic!()
    };
    // The parent's account was created with no password: only the reset link gives one.
    let parent = app::server::db::accounts::find_by_email(&app.db, "smirnova@mail.ru")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        parent.password_hash,
        app::server::auth::passwords::NO_PASSWORD
    );
    let twin = row(
        "Смирнова",
        "Дарья",
        "ж",
        "12.03.2015",
        "smirnova@mail.ru",
        "+79120000001",
    );
    assert!(matches!(
        importer.row(&twin).await.unwrap(),
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
        importer.row(&again).await.unwrap(),
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
    } = importer.row(&typo).await.unwrap()
    else {
        panic!()
    };
    assert_eq!(of, first);
    // A municipality typed in capitals or spaced otherwise is the same one on both backends
    // (SQLite's LOWER folds only ASCII letters).
    for (n, typed) in ["Г.О. ИВАНОВО", "  г. о.  ИВАНОВО "]
        .into_iter()
        .enumerate()
    {
        let shouting = ImportRow {
            municipality: typed.into(),
            ..row(
                "Кузнецова",
                ["Алла", "Вера"][n],
                "ж",
                ["01.01.2014", "02.02.2013"][n],
                &format!("kuznetsova{n}@mail.ru"),
                &format!("+7912000001{n}"),
            )
        };
        let report = importer.row(&shouting).await.unwrap();
        assert!(
            matches!(report, RowReport::Imported { .. }),
            "{typed}: {report:?}"
        );
    }
    let nowhere = ImportRow {
        municipality: "Нигдешний район".into(),
        ..row(
            "Кузнецова",
            "Зоя",
            "ж",
            "03.03.2012",
            "kuznetsova9@mail.ru",
            "+79120000019",
        )
    };
    assert!(matches!(
        importer.row(&nowhere).await.unwrap(),
        RowReport::Invalid { .. }
    ));
    let bad = row(
        "Петров",
        "Пётр",
        "м",
        "31.02.2016",
        "petrov@mail.ru",
        "+79120000004",
    );
    assert!(matches!(
        importer.row(&bad).await.unwrap(),
        RowReport::Invalid { .. }
    ));

    let pairs = scan_register(&app.db).await.unwrap();
    let found: Vec<(i64, i64)> = pairs.iter().map(|p| (p.a, p.b)).collect();
    assert_eq!(found, [(first, flagged)], "twins are not a pair");
    app.finish().await;
}

fn json_lines(stdout: &str) -> Vec<serde_json::Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

const HEADER: &str = "surname,name,patronymic,sex,birth_date,snils,birth_certificate,parent_email,parent_phone,municipality";

/// `kruzhok import children FILE` as an institution runs it: a report line per row (or a JSON
/// object with `--json`), numbered as the file's lines are; then `duplicates scan` lists the pair
/// the import flagged, and `--flag` queues it once.
async fn the_command_line_imports_a_file_and_scans_the_register(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.csv");
    std::fs::write(
        &first,
        format!(
            "{HEADER}\n\
             Смирнова,Мария,Алексеевна,ж,12.03.2015,,,smirnova@mail.ru,+79120000001,г.о. Иваново\n\
             Смирнова,Дарья,Алексеевна,ж,12.03.2015,,,smirnova@mail.ru,+79120000001,г.о. Иваново\n\
             Петров,Пётр,,м,31.02.2016,,,petrov@mail.ru,+79120000004,г.о. Иваново\n\
             Сидоров,Иван\n"
        ),
    )
    .unwrap();
    let reports =
        json_lines(&app.command(&["import", "children", first.to_str().unwrap(), "--json"]));
    let results: Vec<(&str, u64)> = reports
        .iter()
        .map(|r| (r["result"].as_str().unwrap(), r["line"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        results,
        [
            ("imported", 2),
            ("imported", 3),
            ("invalid", 4),
            ("invalid", 5)
        ],
        "twins go in; an impossible date and a short row are reported, not fatal"
    );
    let masha = reports[0]["child_id"].as_i64().unwrap();

    let second = dir.path().join("second.csv");
    std::fs::write(
        &second,
        format!(
            "{HEADER}\n\
             СМИРНОВА,мария,алексеевна,Ж,2015-03-12,,,other@mail.ru,+79120000002,г.о. Иваново\n\
             Смирнва,Мария,Алексеевна,ж,13.03.2015,,,third@mail.ru,+79120000003,г.о. Иваново\n"
        ),
    )
    .unwrap();
    let text = app.command(&["import", "children", second.to_str().unwrap()]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert_eq!(
        lines[0],
        format!("строка 2: отказано: точный дубль ребенка #{masha}")
    );
    assert!(
        lines[1].starts_with("строка 3: импортирован как #")
            && lines[1].ends_with(&format!("помечен как возможный дубль ребенка #{masha}")),
        "{text}"
    );
    assert_eq!(
        lines[2],
        "Итого: импортировано 0, точных дублей 1, возможных дублей 1, ошибок 0."
    );

    let pairs = json_lines(&app.command(&["duplicates", "scan", "--json"]));
    assert_eq!(pairs.len(), 1, "twins are not a pair: {pairs:?}");
    assert_eq!(pairs[0]["a"].as_i64(), Some(masha));
    assert_eq!(
        pairs[0]["a_name"].as_str(),
        Some("смирнова мария алексеевна")
    );
    let flagged = app.command(&["duplicates", "scan", "--flag"]);
    assert!(flagged.contains("Найдено пар: 1"), "{flagged}");
    // The import queued this pair already: the scan finds it there and adds nothing.
    assert!(
        flagged.ends_with("В очередь дублей добавлено пар: 0.\n"),
        "{flagged}"
    );
    app.finish().await;
}
