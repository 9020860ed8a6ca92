//! Pages render completely on the server, so they work before (and without) the WebAssembly.

use crate::helpers::{spawn_seeded_app, Backend};
use crate::on_both_backends;

on_both_backends!(
    the_catalogue_page_is_rendered_with_its_results,
    a_wrong_age_comes_back_in_the_form_with_its_message,
    an_unknown_address_is_a_real_not_found,
    an_unknown_program_page_is_a_real_not_found,
    every_help_situation_has_its_page_for_anyone,
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
