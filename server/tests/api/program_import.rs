//! An institution's programs file (issue 23): the repository's template through
//! `kruzhok import programs`, and the workspace's upload over HTTP, each with a report per line —
//! good rows saved whole (new programs waiting for МОЦ), bad rows named with the reason.

use crate::helpers::{scalar, spawn_seeded_app, Backend, TestApp};
use crate::on_both_backends;
use app::contract::programs::{ImportReport, ModerationQueue};

on_both_backends!(
    the_command_line_imports_the_template_and_reports_each_bad_row,
    an_operator_uploads_a_file_for_its_own_institution_only,
);

fn template() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../public/programs-template.csv"
    ))
    .expect("the template is in the repository")
}

fn json_lines(stdout: &str) -> Vec<serde_json::Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

async fn moc_queue(app: &TestApp, org: i64, n: usize) -> ModerationQueue {
    let municipality = scalar(
        app,
        "SELECT municipality_id FROM organizations WHERE id = $1",
        &[org],
    )
    .await;
    let (moc, _) = app
        .in_role_at(n, "moc_operator", None, Some(municipality))
        .await;
    app.get_json_with(&moc, "/api/moc/programs").await
}

async fn the_command_line_imports_the_template_and_reports_each_bad_row(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let org = app.organization(0).await;
    let mut lines: Vec<String> = template()
        .lines()
        .map(|l| l.replacen("1,", &format!("{org},"), 1))
        .collect();
    lines[0] = template().lines().next().unwrap().to_owned();
    let good = lines[1].clone();
    lines.push(good.replacen(&format!("{org},"), "999999,", 1));
    lines.push(
        good.replace("социально-гуманитарная", "кулинарная")
            .replace("Шахматная школа", "Кулинария"),
    );
    lines.push(good.replace("Вт, Чт 16:00–17:00", "по вторникам"));
    lines.push(good.clone());
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("programs.csv");
    std::fs::write(&file, lines.join("\n")).unwrap();
    let reports =
        json_lines(&app.command(&["import", "programs", file.to_str().unwrap(), "--json"]));
    let results: Vec<(i64, &str)> = reports
        .iter()
        .map(|r| (r["line"].as_i64().unwrap(), r["result"].as_str().unwrap()))
        .collect();
    assert_eq!(
        results,
        [
            (2, "imported"),
            (3, "imported"),
            (4, "imported"),
            (5, "invalid"),
            (6, "invalid"),
            (7, "invalid"),
            (8, "invalid")
        ]
    );
    assert_eq!(reports[0]["program_created"], true);
    assert_eq!(reports[1]["program_created"], false);
    assert_eq!(reports[0]["program_id"], reports[1]["program_id"]);
    assert!(reports[2]["group_id"].is_i64());
    let reason = |i: usize| reports[i]["reason"].as_str().unwrap().to_owned();
    assert!(reason(3).contains("нет учреждения"), "{}", reason(3));
    assert!(
        reason(4).contains("Выберите направленность"),
        "{}",
        reason(4)
    );
    assert!(reason(5).starts_with("расписание"), "{}", reason(5));
    assert!(
        reason(6).contains("уже есть группа «Группа 1»"),
        "{}",
        reason(6)
    );
    // Two programs, three groups; waiting for МОЦ, so parents do not see them yet.
    let program = reports[0]["program_id"].as_i64().unwrap();
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM study_groups WHERE program_id = $1",
            &[program]
        )
        .await,
        2
    );
    assert_eq!(
        app.get(&format!("/api/catalog/program?id={program}"))
            .await
            .status(),
        404
    );
    let queue = moc_queue(&app, org, 1).await;
    let titles: Vec<&str> = queue.items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(titles, ["Шахматная школа", "Робототехника"]);
    // The text report says the same in words.
    let again = app.command(&["import", "programs", file.to_str().unwrap()]);
    assert!(
        again.contains("строка 2: ошибка: в программе уже есть группа"),
        "{again}"
    );
    assert!(again.contains("Итого: новых программ 0"), "{again}");
    app.finish().await;
}

async fn an_operator_uploads_a_file_for_its_own_institution_only(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let org = app.organization(1).await;
    let other = app.organization(0).await;
    // A spreadsheet saved in a Russian locale: `;` between fields; one row for another institution.
    let csv = format!(
        "organization;title;description;direction;level;age_min;age_max;cost;price_rub;address;teachers;group;group_teacher;schedule;group_age_min;group_age_max;capacity;starts_on;enrolment_opens;enrolment_closes\n\
         ;Кукольный театр;Дети шьют кукол и ставят спектакли для младших.;художественная;стартовый;5;9;платно;800;;Орлова Мария;Группа 1;Орлова Мария;Сб 10:00–11:30;;;8;01.09.2027;01.06.2027;15.09.2027\n\
         {other};Чужая программа;Дети шьют кукол и ставят спектакли для младших.;художественная;стартовый;5;9;бесплатно;;;Орлова Мария;;;;;;;;;\n"
    );
    let (parent, _) = app.confirmed_parent(1).await;
    let (status, _) = app
        .post_with(&parent, "/api/operator/programs/import", &[("csv", &csv)])
        .await;
    assert_eq!(status, 403);
    let (operator, _) = app.in_role(2, "institution_operator", Some(org)).await;
    let (status, body) = app
        .post_with(&operator, "/api/operator/programs/import", &[("csv", &csv)])
        .await;
    assert_eq!(status, 200, "{body}");
    let report: ImportReport = serde_json::from_str(&body).unwrap();
    assert_eq!((report.programs, report.groups, report.invalid), (1, 1, 1));
    assert!(report.lines[0].ok);
    assert_eq!(report.lines[1].line, 3);
    assert!(
        report.lines[1].text.contains("другого учреждения"),
        "{:?}",
        report.lines
    );
    let owned = scalar(
        &app,
        "SELECT COUNT(*) FROM programs WHERE title = 'Кукольный театр' AND organization_id = $1",
        &[org],
    )
    .await;
    assert_eq!(owned, 1);
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM programs WHERE title = 'Чужая программа'",
            &[]
        )
        .await,
        0
    );
    // An empty file is refused at its field.
    let (status, body) = app
        .post_with(&operator, "/api/operator/programs/import", &[("csv", "")])
        .await;
    assert_eq!(status, 422, "{body}");
    let audited = scalar(
        &app,
        "SELECT COUNT(*) FROM audit_log WHERE action = 'programs_import'",
        &[],
    )
    .await;
    assert_eq!(audited, 1);
    app.finish().await;
}
