//! The authorization matrix: every operator's and administrator's server function, called by each
//! kind of caller, is refused except where SPEC allows it. "Allowed" means the caller reached the
//! data or made the change in question — an operator of another institution that gets its own,
//! empty list has not reached this institution's application.

use crate::applications_support::{apply, child, group, mine};
use crate::helpers::{spawn_seeded_app, Backend, TestApp};
use crate::on_both_backends;

on_both_backends!(every_operator_and_administrator_function_refuses_whom_spec_does_not_allow);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caller {
    Anonymous,
    Parent,
    /// An institution operator of the institution holding the data.
    Operator,
    /// An institution operator of another institution.
    OtherOperator,
    Moc,
    Regional,
    Admin,
}

use Caller::*;
const CALLERS: [Caller; 7] = [
    Anonymous,
    Parent,
    OtherOperator,
    Moc,
    Regional,
    Admin,
    Operator,
];

/// What each endpoint lets each caller do: the callers it allows; all others are refused.
const MATRIX: &[(&str, &[Caller])] = &[
    (
        "GET operator/applications (this institution's application)",
        &[Operator],
    ),
    ("POST operator/applications/move", &[Operator]),
    ("GET operator/applications/export.csv", &[Operator]),
    ("GET admin/cancel-reasons", &[Admin]),
    ("POST admin/cancel-reasons/save", &[Admin]),
    ("GET admin/hotline", &[Admin]),
    ("POST admin/hotline/save", &[Admin]),
    (
        "GET help/inbox (a request sent to this institution)",
        &[Operator],
    ),
    ("POST help/requests/move", &[Operator]),
    ("POST operator/families", &[Operator, OtherOperator, Moc]),
    (
        "POST operator/families/replace-email",
        &[Operator, OtherOperator],
    ),
    (
        "POST operator/families/confirm-child",
        &[Operator, OtherOperator],
    ),
    // The workspace of issue 5: duplicates, corrections, guardians, municipality changes, the
    // audit log and the operators' roles (probed in `authorization_workspace`).
    (
        "GET operator/duplicates (a pair this institution is concerned with)",
        &[Operator, Moc],
    ),
    ("POST operator/duplicates/resolve", &[Operator, Moc]),
    (
        "GET operator/corrections (a request sent to this institution)",
        &[Operator],
    ),
    ("GET operator/corrections/draft", &[Operator, OtherOperator]),
    (
        "POST operator/corrections/apply",
        &[Operator, OtherOperator],
    ),
    ("POST operator/corrections/reject", &[Operator]),
    (
        "POST operator/families/link-guardian",
        &[Operator, OtherOperator],
    ),
    (
        "POST operator/municipality-changes/record",
        &[Operator, OtherOperator],
    ),
    (
        "GET operator/municipality-changes (one this institution recorded)",
        &[Operator, Moc, Regional],
    ),
    ("POST operator/municipality-changes/decide", &[Regional]),
    (
        "GET operator/municipality-changes/document",
        &[Operator, Moc, Regional],
    ),
    ("GET admin/audit", &[Moc, Admin]),
    ("GET admin/audit/export.csv", &[Moc, Admin]),
    ("GET admin/operators", &[Admin]),
    ("POST admin/operators/grant", &[Admin]),
    ("POST admin/operators/revoke", &[Admin]),
    (
        "POST operator/duplicates/flag-accounts",
        &[Operator, OtherOperator, Moc],
    ),
];

pub struct World {
    pub org: i64,
    pub application: i64,
    pub child_surname: String,
    pub request: i64,
    pub family_phone: String,
    pub family_account: i64,
    pub child_id: i64,
    /// A pair of the duplicate queue the institution is concerned with.
    pub flag: i64,
    /// A correction request waiting for the institution.
    pub correction: i64,
    /// A municipality change the institution recorded, with its scan.
    pub change: i64,
}

async fn client_of(
    app: &TestApp,
    caller: Caller,
    n: usize,
    org: i64,
    other_org: i64,
) -> reqwest::Client {
    match caller {
        Anonymous => TestApp::new_client(),
        Parent => app.confirmed_parent(n).await.0,
        Operator => app.in_role(n, "institution_operator", Some(org)).await.0,
        OtherOperator => {
            app.in_role(n, "institution_operator", Some(other_org))
                .await
                .0
        }
        Regional => app.in_role(n, "regional_operator", None).await.0,
        Admin => app.in_role(n, "admin", None).await.0,
        Moc => app.moc_operator(n, 0).await,
    }
}

pub async fn get(app: &TestApp, client: &reqwest::Client, path: &str) -> (u16, String) {
    let response = client
        .get(format!("{}{path}", app.base))
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

/// Calls endpoint `e` as `client`; whether it let the caller through, with the answer's status.
async fn probe(
    app: &TestApp,
    e: usize,
    client: &reqwest::Client,
    w: &World,
    n: usize,
) -> (bool, u16) {
    let ok = |status: u16, allowed: bool| (status == 200 && allowed, status);
    match e {
        0 => {
            let (s, body) = get(app, client, "/api/operator/applications").await;
            ok(s, body.contains(&format!("\"id\":{},", w.application)))
        }
        1 => {
            let (s, body) = app
                .post_with(
                    client,
                    "/api/operator/applications/move",
                    &[("ids[]", &w.application.to_string()), ("action", "confirm")],
                )
                .await;
            ok(s, body.contains("\"changed\":1"))
        }
        2 => {
            let (s, body) = get(app, client, "/operator/applications/export.csv").await;
            ok(s, body.contains(&w.child_surname))
        }
        3 => {
            let (s, body) = get(app, client, "/api/admin/cancel-reasons").await;
            ok(s, body.contains("duplicate") || body.contains("дублирующ"))
        }
        4 => {
            let title = format!("Причина {n}");
            let (s, body) = app
                .post_with(
                    client,
                    "/api/admin/cancel-reasons/save",
                    &[
                        ("title", &title),
                        ("message", "Текст причины"),
                        ("active", "1"),
                    ],
                )
                .await;
            ok(s, body.contains("Saved"))
        }
        5 => {
            let (s, body) = get(app, client, "/api/admin/hotline").await;
            ok(s, body.contains("hours"))
        }
        6 => {
            let (s, body) = app
                .post_with(
                    client,
                    "/api/admin/hotline/save",
                    &[
                        ("op", "add_day_off"),
                        ("day", &format!("{:02}.01.2099", n % 28 + 1)),
                        ("note", "праздник"),
                    ],
                )
                .await;
            ok(s, body.contains("Saved"))
        }
        7 => {
            let (s, body) = get(app, client, "/api/help/inbox").await;
            ok(s, body.contains(&format!("\"id\":{},", w.request)))
        }
        8 => {
            let (s, body) = app
                .post_with(
                    client,
                    "/api/help/requests/move",
                    &[
                        ("id", &w.request.to_string()),
                        ("action", "take"),
                        ("body", ""),
                    ],
                )
                .await;
            ok(s, body.contains("Moved"))
        }
        9 => {
            let (s, body) = app
                .post_with(
                    client,
                    "/api/operator/families",
                    &[("phone", &w.family_phone)],
                )
                .await;
            ok(
                s,
                body.contains(&format!("\"account_id\":{}", w.family_account)),
            )
        }
        10 => {
            let email = format!("new{n}.family@yandex.ru");
            let (s, body) = app
                .post_with(
                    client,
                    "/api/operator/families/replace-email",
                    &[
                        ("account_id", &w.family_account.to_string()),
                        ("email", &email),
                        ("reason", "Паспорт проверен"),
                    ],
                )
                .await;
            ok(s, body.contains("Replaced"))
        }
        11 => {
            let (s, _) = app
                .post_with(
                    client,
                    "/api/operator/families/confirm-child",
                    &[("confirm_child", &w.child_id.to_string())],
                )
                .await;
            ok(s, true)
        }
        _ => crate::authorization_workspace::probe(app, e - 12, client, w, n).await,
    }
}

async fn every_operator_and_administrator_function_refuses_whom_spec_does_not_allow(
    backend: Backend,
) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let org = app.organization(0).await;
    let other_org = org + 1;
    // The data: a family with a child who applied to this institution and wrote to it.
    let (parent, account) = app.confirmed_parent(1).await;
    let kid = child(&app, account, 1, 8).await;
    apply(&app, &parent, kid, group(&app, 3, (7, 10)).await).await;
    let application = mine(&app, &parent).await[0].applications[0].id;
    let (s, _) = app
        .post_with(
            &parent,
            "/api/help/requests/send",
            &[
                ("situation", "forgot-email"),
                ("organization", &org.to_string()),
                ("body", "Не помню почту аккаунта."),
            ],
        )
        .await;
    assert_eq!(s, 200);
    let requests: Vec<app::contract::help::RequestCard> =
        app.get_json_with(&parent, "/api/help/requests/mine").await;
    let family = app::server::db::accounts::find(&app.db, account)
        .await
        .unwrap()
        .unwrap();
    let (flag, correction, change) =
        crate::authorization_workspace::world(&app, &parent, account, kid, org).await;
    let world = World {
        org,
        flag,
        correction,
        change,
        application,
        child_surname: "Тестов1".into(),
        request: requests[0].id,
        family_phone: family.phone.clone(),
        family_account: account,
        child_id: kid,
    };
    let mut cells = 0;
    let mut n = 100;
    for (e, (name, allowed)) in MATRIX.iter().enumerate() {
        // The allowed institution operator goes last: its change must not hide another's refusal.
        for caller in CALLERS {
            n += 1;
            let client = client_of(&app, caller, n, org, other_org).await;
            let (reached, status) = probe(&app, e, &client, &world, n).await;
            let expected = allowed.contains(&caller);
            assert_eq!(reached, expected, "{name} as {caller:?}: answered {status}");
            if !expected {
                assert!(
                    status != 500,
                    "{name} as {caller:?}: a refusal is never a server error"
                );
                if caller == Anonymous {
                    assert!(matches!(status, 401 | 303), "{name} as anonymous: {status}");
                }
            }
            cells += 1;
        }
    }
    assert_eq!(cells, MATRIX.len() * CALLERS.len());
    app.finish().await;
}
