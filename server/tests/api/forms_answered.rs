//! Every form of the site posts to a page that answers it without JavaScript: with the person's
//! mistakes at their fields, a notice, or a redirect — in Russian, never a bare error.

use crate::helpers::{spawn_seeded_app, Backend};
use crate::html_forms::{fields_of, message_in};
use crate::on_both_backends;

on_both_backends!(every_form_that_posts_is_answered_by_its_page);

/// A form posting to an address the server does not render on POST would fail without JavaScript,
/// and a form the page answers without a word leaves the person guessing.
async fn every_form_that_posts_is_answered_by_its_page(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    // A parent with an application, an operator in role, an administrator in role: between them
    // every form of the site is on some page.
    let (parent, account) = app.confirmed_parent(1).await;
    let group = crate::applications_support::group(&app, 3, (7, 10)).await;
    let kid = crate::applications_support::child(&app, account, 1, 8).await;
    crate::applications_support::apply(&app, &parent, kid, group).await;
    let org: i64 = match &app.db {
        app::server::db::Database::Sqlite(p) => {
            sqlx::query_scalar("SELECT id FROM organizations ORDER BY id LIMIT 1")
                .fetch_one(p)
                .await
        }
        app::server::db::Database::Postgres(p) => {
            sqlx::query_scalar("SELECT id FROM organizations ORDER BY id LIMIT 1")
                .fetch_one(p)
                .await
        }
    }
    .unwrap();
    let (operator, _) = app.in_role(2, "institution_operator", Some(org)).await;
    let (admin, _) = app.in_role(3, "admin", None).await;
    // Two requests: one answered (the parent may move it), one new (the operator may).
    for _ in 0..2 {
        let (status, body) = app
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
        assert_eq!(status, 200, "{body}");
    }
    let requests: Vec<app::contract::help::RequestCard> =
        app.get_json_with(&parent, "/api/help/requests/mine").await;
    let (status, _) = app
        .post_with(
            &operator,
            "/api/help/requests/move",
            &[
                ("id", &requests[0].id.to_string()),
                ("action", "answer"),
                ("body", "Ваша почта: p***@mail.ru"),
            ],
        )
        .await;
    assert_eq!(status, 200);
    // A pair in the institution's duplicate queue, a correction waiting for it, a municipality
    // change waiting for the regional operator.
    let (_, other_account) = app.confirmed_parent(4).await;
    let twin_ish = crate::applications_support::insert_child(
        &app,
        other_account,
        ("Тестов", "Ребенок"),
        app::domain::identity::verdict::Sex::Male,
        chrono::NaiveDate::from_ymd_opt(2017, 1, 1).unwrap(),
    )
    .await;
    const FLAG: &str = "INSERT INTO duplicate_flags (child_id, matched_child_id, source, reason) VALUES ($1, $2, 'scan', 'Equal')";
    match &app.db {
        app::server::db::Database::Sqlite(p) => sqlx::query(FLAG)
            .bind(twin_ish)
            .bind(kid)
            .execute(p)
            .await
            .map(|_| ()),
        app::server::db::Database::Postgres(p) => sqlx::query(FLAG)
            .bind(twin_ish)
            .bind(kid)
            .execute(p)
            .await
            .map(|_| ()),
    }
    .unwrap();
    let kid_text = kid.to_string();
    let org_text = org.to_string();
    let (status, body) = app
        .post_with(
            &parent,
            "/api/corrections/request",
            &[
                ("child", kid_text.as_str()),
                ("organization", org_text.as_str()),
                ("surname", "Тестова"),
                ("given_name", "Ребенок"),
                ("sex", "male"),
                ("birth_date", "01.01.2017"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let elsewhere = crate::municipality_changes::municipality(&app, 1)
        .await
        .to_string();
    let (status, body) = app
        .post_with(
            &operator,
            "/api/operator/municipality-changes/record",
            &[
                ("change_account", account.to_string().as_str()),
                ("change_to", elsewhere.as_str()),
                ("change_reason", "Переезд семьи"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (regional, _) = app.in_role(5, "regional_operator", None).await;
    // A program of the institution, and a new one waiting for МОЦ of its municipality.
    let program = crate::helpers::scalar(
        &app,
        "SELECT program_id FROM study_groups WHERE id = $1",
        &[group],
    )
    .await;
    let (status, body) = app
        .post_with(
            &operator,
            "/api/operator/programs/save",
            &[
                ("title", "Студия анимации"),
                ("description", "Дети снимают пластилиновые мультфильмы."),
                ("direction", "art"),
                ("level", "starting"),
                ("age_min", "7"),
                ("age_max", "12"),
                ("cost", "free"),
                ("teachers", "Иванова Анна"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let municipality = crate::helpers::scalar(
        &app,
        "SELECT municipality_id FROM organizations WHERE id = $1",
        &[org],
    )
    .await;
    let (moc, _) = app
        .in_role_at(6, "moc_operator", None, Some(municipality))
        .await;
    let program_page = format!("/operator/programs/edit?id={program}");
    let group_page = format!("/operator/programs/group?program={program}&id={group}");
    let correction = format!("/cabinet/children/correction?child={kid}");
    let edit = format!("/operator/corrections/edit?child={kid}");
    let apply = format!("/apply?group={group}");
    let visits: Vec<(&reqwest::Client, &str)> = [
        "/",
        "/register",
        "/register/new",
        "/login",
        "/reset-password",
        "/reset-password/new?token=x",
        "/cabinet",
        "/cabinet/children/new",
        "/cabinet/applications",
        "/cabinet/notifications",
        apply.as_str(),
        "/help",
        "/help/forgot-email",
        "/cabinet/requests",
        "/cabinet/requests/new?situation=teen",
        correction.as_str(),
        "/cabinet/password",
        // Last: it may end the session.
        "/logout",
    ]
    .into_iter()
    .map(|p| (&parent, p))
    .chain([
        (&operator, "/operator/applications"),
        (&operator, "/role"),
        (&operator, "/operator/requests"),
        (&operator, "/operator/families"),
        (&operator, "/operator/duplicates"),
        (&operator, "/operator/corrections"),
        (&operator, edit.as_str()),
        (&operator, "/operator/programs"),
        (&operator, "/operator/programs/import"),
        // The group before its program: the program's archive form, sent, closes its groups.
        (&operator, group_page.as_str()),
        (&operator, program_page.as_str()),
        (&moc, "/moc/programs"),
        (&regional, "/operator/municipality-changes"),
        (&admin, "/admin/cancel-reasons"),
        (&admin, "/admin/hotline"),
        (&admin, "/admin/operators"),
    ])
    .collect();
    let mut seen = std::collections::BTreeSet::new();
    for (client, path) in visits {
        let html = client
            .get(format!("{}{path}", app.base))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        for form in html.split("<form").skip(1) {
            let tag = &form[..form.find('>').unwrap_or(form.len())];
            if !tag.contains("method=\"post\"") {
                continue;
            }
            let action = tag
                .split("action=\"")
                .nth(1)
                .and_then(|a| a.split('"').next())
                .expect("a post form names its action");
            assert!(
                app::ui::FORM_PAGES.contains(&action),
                "{path}: a form posts to {action}"
            );
            seen.insert(action.to_owned());
            if action == "/logout" {
                // Answered below, with a browser of its own: here it would end the session.
                continue;
            }
            // The form as a person who filled in nothing sends it: its hidden fields as they are,
            // every other field empty. The page answers with what it says about that.
            let fields = fields_of(form);
            let send = || async {
                let response = client
                    .post(format!("{}{action}", app.base))
                    .header("accept", "text/html")
                    .form(&fields)
                    .send()
                    .await
                    .unwrap();
                // A browser of the test that follows redirects lands on the page it was sent to.
                let status = if response.url().path() != action {
                    303
                } else {
                    response.status().as_u16()
                };
                (status, response.text().await.unwrap())
            };
            let (mut status, mut answer) = send().await;
            if status == 503 && answer.contains("Сервер не успел ответить") {
                // A render lost to the upstream Leptos stall (server/src/patience.rs): a person
                // presses the button again, and so does the test, once.
                (status, answer) = send().await;
            }
            match status {
                // The page again, with what it says: a refused field may travel as a 422.
                200 | 403 | 409 | 422 => {
                    let message = message_in(&answer).unwrap_or_else(|| {
                        panic!("{path}: the form posting to {action} is answered with no message")
                    });
                    assert!(
                        message
                            .chars()
                            .any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap_or(c))),
                        "{path} → {action}: the message is not Russian: {message}"
                    );
                }
                303 => {}
                other => panic!("{path} → {action}: answered {other}"),
            }
        }
    }
    let response = parent
        .post(format!("{}/logout", app.base))
        .header("accept", "text/html")
        .form(&[("x", "y")])
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.url().path(),
        "/",
        "/logout signs out and leads home"
    );
    let after = parent
        .get(format!("{}/api/children/mine", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(after.status().as_u16(), 401, "the session ended");
    let unseen: Vec<&&str> = app::ui::FORM_PAGES
        .iter()
        .filter(|p| !seen.contains(**p))
        .collect();
    assert!(
        unseen.is_empty(),
        "no page showed a form posting to {unseen:?}"
    );
    app.finish().await;
}
