//! The authorization matrix, continued: the probes of the operator workspace's functions
//! (duplicates, corrections, guardians, municipality changes, the audit log, operators' roles)
//! and the data they reach. Every probe that changes something changes fresh data, so that each
//! allowed caller's call can succeed on its own.

use crate::applications_support::insert_child;
use crate::authorization::{get, World};
use crate::helpers::{scalar, TestApp};
use app::domain::identity::verdict::Sex;
use chrono::NaiveDate;

const SCAN: &[u8] = b"%PDF-1.4 the parent's application";

/// Letters standing for `n`, for names that must differ from call to call.
pub fn letters(mut n: usize) -> String {
    let abc: Vec<char> = "абвгдежзиклмнопрстуфхцчшщэюя".chars().collect();
    let mut out = String::new();
    loop {
        out.push(abc[n % abc.len()]);
        n /= abc.len();
        if n == 0 {
            return out;
        }
    }
}

/// A probable pair the organization is concerned with (it confirmed one of the records): the
/// flag's id.
async fn pair_of(app: &TestApp, n: usize, org: i64) -> i64 {
    let (_, x) = app.confirmed_parent(n).await;
    let (_, y) = app.confirmed_parent(n + 1).await;
    let surname = format!("Парный{}", letters(n));
    let birth = NaiveDate::from_ymd_opt(2016, 2, 2).unwrap();
    let first = insert_child(app, x, (&surname, "Иван"), Sex::Male, birth).await;
    let second = insert_child(app, y, (&format!("{surname}а"), "Иван"), Sex::Male, birth).await;
    scalar(
        app,
        "UPDATE children SET confirmed_by_organization_id = $1 WHERE id = $2 RETURNING id",
        &[org, first],
    )
    .await;
    scalar(
        app,
        "INSERT INTO duplicate_flags (child_id, matched_child_id, source, reason) \
         VALUES ($1, $2, 'scan', 'Equal') RETURNING id",
        &[second, first],
    )
    .await
}

/// The workspace's data: a pair in the queue, a correction request and a municipality change
/// with its scan, all concerning `org`.
pub async fn world(
    app: &TestApp,
    parent: &reqwest::Client,
    account: i64,
    kid: i64,
    org: i64,
) -> (i64, i64, i64) {
    let flag = pair_of(app, 50, org).await;
    let (status, body) = app
        .post_with(
            parent,
            "/api/corrections/request",
            &[
                ("child", &kid.to_string()),
                ("organization", &org.to_string()),
                ("surname", "Тестова"),
                ("given_name", "Ребенок"),
                ("sex", "male"),
                ("birth_date", "01.06.2017"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let correction = scalar(
        app,
        "SELECT id FROM correction_requests WHERE child_id = $1",
        &[kid],
    )
    .await;
    let (operator, _) = app.in_role(60, "institution_operator", Some(org)).await;
    let to = crate::municipality_changes::municipality(app, 1).await;
    let form = reqwest::multipart::Form::new()
        .text("change_account", account.to_string())
        .text("change_to", to.to_string())
        .text("change_reason", "Переезд семьи")
        .part(
            "change_document",
            reqwest::multipart::Part::bytes(SCAN.to_vec())
                .file_name("scan.pdf")
                .mime_str("application/pdf")
                .unwrap(),
        );
    let page = operator
        .post(format!("{}/operator/families", app.base))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let change = scalar(
        app,
        "SELECT id FROM municipality_changes WHERE account_id = $1",
        &[account],
    )
    .await;
    (flag, correction, change)
}

/// Calls workspace endpoint `e` (counted from the first workspace line of the matrix) as
/// `client`: whether it reached the data or made the change, with the answer's status.
pub async fn probe(
    app: &TestApp,
    e: usize,
    client: &reqwest::Client,
    w: &World,
    n: usize,
) -> (bool, u16) {
    let ok = |status: u16, reached: bool| (status == 200 && reached, status);
    match e {
        0 => {
            let (s, body) = get(app, client, "/api/operator/duplicates").await;
            ok(s, body.contains(&format!("\"flag_id\":{}", w.flag)))
        }
        1 => {
            let flag = pair_of(app, 1000 + n * 2, w.org).await;
            let (s, body) = app
                .post_with(
                    client,
                    "/api/operator/duplicates/resolve",
                    &[
                        ("flag", &flag.to_string()),
                        ("decision", "not_duplicate"),
                        ("reason", "Разные свидетельства о рождении"),
                    ],
                )
                .await;
            ok(s, body.contains("Resolved"))
        }
        2 => {
            let (s, body) = get(app, client, "/api/operator/corrections").await;
            ok(s, body.contains(&format!("\"id\":{},", w.correction)))
        }
        3 => {
            let (s, body) = get(
                app,
                client,
                &format!("/api/operator/corrections/draft?child={}", w.child_id),
            )
            .await;
            ok(s, body.contains("\"form\""))
        }
        4 => {
            let surname = format!("Иванов{}", letters(n));
            let (s, body) = app
                .post_with(
                    client,
                    "/api/operator/corrections/apply",
                    &[
                        ("child", &w.child_id.to_string()),
                        ("surname", &surname),
                        ("given_name", "Ребенок"),
                        ("sex", "male"),
                        ("birth_date", "01.06.2017"),
                        ("note", "Свидетельство о рождении"),
                    ],
                )
                .await;
            ok(s, body.contains("Done"))
        }
        5 => {
            let (s, body) = app
                .post_with(
                    client,
                    "/api/operator/corrections/reject",
                    &[
                        ("reject", &w.correction.to_string()),
                        ("answer", "В свидетельстве другая фамилия"),
                    ],
                )
                .await;
            ok(s, body.contains("Done"))
        }
        6 => {
            let (_, second) = app.confirmed_parent(2000 + n).await;
            let email = app::server::db::accounts::find(&app.db, second)
                .await
                .unwrap()
                .unwrap()
                .email;
            let (s, body) = app
                .post_with(
                    client,
                    "/api/operator/families/link-guardian",
                    &[
                        ("link_child", &w.child_id.to_string()),
                        ("guardian", &email),
                        ("guardian_reason", "Свидетельство о рождении"),
                    ],
                )
                .await;
            ok(s, body.contains("Linked"))
        }
        7 => {
            let (_, family) = app.confirmed_parent(3000 + n).await;
            let to = crate::municipality_changes::municipality(app, 2).await;
            let (s, body) = app
                .post_with(
                    client,
                    "/api/operator/municipality-changes/record",
                    &[
                        ("change_account", &family.to_string()),
                        ("change_to", &to.to_string()),
                        ("change_reason", "Переезд семьи"),
                    ],
                )
                .await;
            ok(s, body.contains("Recorded"))
        }
        8 => {
            let (s, body) = get(app, client, "/api/operator/municipality-changes").await;
            ok(s, body.contains(&format!("\"id\":{},", w.change)))
        }
        9 => {
            let (s, body) = app
                .post_with(
                    client,
                    "/api/operator/municipality-changes/decide",
                    &[
                        ("change", &w.change.to_string()),
                        ("decision", "reject"),
                        ("decision_reason", "Нет документа о переезде"),
                    ],
                )
                .await;
            ok(s, body.contains("Decided"))
        }
        10 => {
            let response = client
                .get(format!(
                    "{}/operator/municipality-changes/document?id={}",
                    app.base, w.change
                ))
                .send()
                .await
                .unwrap();
            let s = response.status().as_u16();
            ok(s, response.bytes().await.unwrap().as_ref() == SCAN)
        }
        11 => {
            let (s, body) = get(app, client, "/api/admin/audit").await;
            ok(s, body.contains("\"rows\":[{"))
        }
        12 => {
            let (s, body) = get(app, client, "/admin/audit/export.csv").await;
            ok(s, body.lines().count() > 1)
        }
        13 => {
            let (s, body) = get(app, client, "/api/admin/operators").await;
            ok(s, body.contains("\"roles\":[{"))
        }
        14 => {
            let (s, body) = app
                .post_with(
                    client,
                    "/api/admin/operators/grant",
                    &[
                        (
                            "email",
                            &format!("granted{n}.{}@kruzhok.example", std::process::id()),
                        ),
                        ("role", "regional_operator"),
                        ("surname", "Петрова"),
                        ("given_name", "Анна"),
                        ("phone", &format!("+7916{:07}", n)),
                        ("admin_password", crate::helpers::ACCOUNT_PASSWORD),
                    ],
                )
                .await;
            ok(s, body.contains("Done"))
        }
        15 => {
            let (_, holder) = app.confirmed_parent(4000 + n).await;
            app::server::db::roles::grant(&app.db, holder, "regional_operator", None, None, false)
                .await
                .unwrap();
            let role = app::server::db::roles::of_account(&app.db, holder)
                .await
                .unwrap()[0]
                .id;
            let (s, body) = app
                .post_with(
                    client,
                    "/api/admin/operators/revoke",
                    &[("revoke", &role.to_string())],
                )
                .await;
            ok(s, body.contains("Done"))
        }
        16 => {
            let (_, first) = app.confirmed_parent(5000 + n).await;
            let (_, second) = app.confirmed_parent(6000 + n).await;
            let (s, body) = app
                .post_with(
                    client,
                    "/api/operator/duplicates/flag-accounts",
                    &[
                        ("flag_account", &first.to_string()),
                        ("flag_other", &second.to_string()),
                        ("flag_reason", "Один родитель, два аккаунта"),
                    ],
                )
                .await;
            ok(s, body.contains("Flagged"))
        }
        _ => unreachable!(),
    }
}
