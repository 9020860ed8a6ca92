//! Pages render completely on the server, so they work before (and without) the WebAssembly.

use crate::helpers::{spawn_seeded_app, Backend, TestApp};
use crate::on_both_backends;

on_both_backends!(
    the_catalogue_page_is_rendered_with_its_results,
    a_wrong_age_comes_back_in_the_form_with_its_message,
    an_unknown_address_is_a_real_not_found,
    an_unknown_program_page_is_a_real_not_found,
);

async fn page(app: &crate::helpers::TestApp, path: &str) -> (u16, String) {
    let response = app.get(path).await;
    (response.status().as_u16(), response.text().await.unwrap())
}

async fn the_catalogue_page_is_rendered_with_its_results(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let (status, html) = page(&app, "/programs?direction=sport&age=10").await;
    assert_eq!(status, 200);
    assert!(html.contains("<html lang=\"ru\""));
    assert!(
        html.contains("Найдено") || html.contains("Найдена"),
        "the count is in the HTML"
    );
    assert!(html.contains("class=\"program-card\""));
    assert!(
        html.contains("value=\"10\""),
        "the typed age stays in the form"
    );
    app.finish().await;
}

async fn a_wrong_age_comes_back_in_the_form_with_its_message(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let (status, html) = page(&app, "/programs?age=%D0%B4%D0%B5%D1%81%D1%8F%D1%82%D1%8C").await;
    // The page is whole; its status says the form was refused, as for any invalid form.
    assert_eq!(status, 422);
    assert!(html.contains("value=\"десять\""));
    assert!(html.contains("Укажите возраст ребенка целым числом от 0 до 18 лет"));
    assert!(
        html.contains("href=\"#field-age\""),
        "the summary links to the field"
    );
    assert!(!html.contains("class=\"program-card\""));
    app.finish().await;
}

async fn an_unknown_address_is_a_real_not_found(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let (status, html) = page(&app, "/no-such-page").await;
    assert_eq!(status, 404);
    assert!(html.contains("Страница не найдена"));
    app.finish().await;
}

async fn an_unknown_program_page_is_a_real_not_found(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    for path in ["/programs/999999", "/programs/abc"] {
        let (status, html) = page(&app, path).await;
        assert_eq!(status, 404, "{path}");
        assert!(html.contains("Страница не найдена"), "{path}");
    }
    let (status, html) = page(&app, "/programs/1").await;
    assert_eq!(status, 200);
    assert!(html.contains("Где проходят занятия"));
    app.finish().await;
}

on_both_backends!(every_form_that_posts_is_answered_by_its_page);

/// A form posting to an address the server does not render on POST would fail without JavaScript.
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
    let requests: Vec<app::api::help::RequestCard> =
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
            let response = client
                .post(format!("{}{action}", app.base))
                .header("accept", "text/html")
                .form(&[("x", "y")])
                .send()
                .await
                .unwrap();
            assert_ne!(response.status().as_u16(), 405, "{action}");
        }
    }
    let response = TestApp::new_client()
        .post(format!("{}/logout", app.base))
        .header("accept", "text/html")
        .form(&[("x", "y")])
        .send()
        .await
        .unwrap();
    assert_ne!(response.status().as_u16(), 405, "/logout");
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

on_both_backends!(every_help_situation_has_its_page_for_anyone);

/// Without an account and without JavaScript: the help home with the conclusions, the chain and
/// the hotline, and every situation's answer with whom to contact.
async fn every_help_situation_has_its_page_for_anyone(backend: Backend) {
    use app::domain::help::situation::Situation;
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let (status, html) = page(&app, "/help").await;
    assert_eq!(status, 200);
    for text in [
        "Что случилось?",
        "забудьте про кнопку Регистрация",
        "Куда обращаться по порядку",
        "48-28-08",
        "Сейчас",
    ] {
        assert!(html.contains(text), "/help lacks {text}");
    }
    for s in Situation::ALL {
        assert!(
            html.contains(&format!("href=\"{}\"", s.href())),
            "/help lacks a link to {}",
            s.href()
        );
        let (status, html) = page(&app, &s.href()).await;
        assert_eq!(status, 200, "{}", s.href());
        let todo = s.todo();
        for text in [
            s.dont(),
            todo.as_str(),
            "Горячая линия МОЦ",
            "Найдите свое учреждение",
        ] {
            assert!(html.contains(text), "{} lacks {text}", s.href());
        }
    }
    // A search by name lists institutions with their contacts.
    let (_, html) = page(&app, "/help/forgot-email?q=%D1%88%D0%BA%D0%BE%D0%BB").await;
    assert!(html.contains("Адрес:") && html.contains("Телефон:"));
    let (status, _) = page(&app, "/help/unknown").await;
    assert_eq!(status, 404);
    app.finish().await;
}
