//! Every filter, alone and combined, gives exactly the programs that a brute-force filter over the
//! whole catalogue gives.

use crate::helpers::{spawn_seeded_app, Backend, TestApp};
use crate::on_both_backends;
use app::contract::catalog::{FilterChoices, ProgramPage, ProgramSummary};
use app::error::AppError;

on_both_backends!(
    each_filter_matches_a_brute_force_filter,
    a_text_search_matches_word_prefixes_regardless_of_case_and_yo,
    a_text_search_looks_into_descriptions_and_organization_names,
    wrong_filter_values_are_refused_at_their_fields,
);

async fn all_programs(app: &TestApp, query: &str) -> (u64, Vec<ProgramSummary>) {
    let first: ProgramPage = app
        .get_json(&format!("/api/catalog/programs?{query}"), 200)
        .await;
    let mut items = first.items;
    for page in 2..=first.pages {
        let p: ProgramPage = app
            .get_json(&format!("/api/catalog/programs?{query}&page={page}"), 200)
            .await;
        items.extend(p.items);
    }
    (first.total, items)
}

async fn each_filter_matches_a_brute_force_filter(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let (_, everything) = all_programs(&app, "").await;
    let choices: FilterChoices = app.get_json("/api/catalog/options", 200).await;
    let org = &choices.organizations[5];
    let district = &choices.districts[2];
    type Keep = Box<dyn Fn(&ProgramSummary) -> bool>;
    let (org_name, district_name) = (org.name.clone(), district.name.clone());
    let cases: Vec<(String, Keep)> = vec![
        (
            "direction=sport".into(),
            Box::new(|p| p.direction.code() == "sport"),
        ),
        (
            "age=5".into(),
            Box::new(|p| p.age_min <= 5 && 5 <= p.age_max),
        ),
        ("age=0".into(), Box::new(|p| p.age_min == 0)),
        ("cost=free".into(), Box::new(|p| p.price_rub.is_none())),
        ("cost=paid".into(), Box::new(|p| p.price_rub.is_some())),
        ("seats=1".into(), Box::new(|p| p.free_seats > 0)),
        (
            format!("organization={}", org.id),
            Box::new(move |p| p.organization_name == org_name),
        ),
        (
            format!("district={}", district.id),
            Box::new(move |p| p.district_name.as_deref() == Some(district_name.as_str())),
        ),
        (
            "direction=art&age=9&cost=free&seats=1".into(),
            Box::new(|p| {
                p.direction.code() == "art"
                    && p.age_min <= 9
                    && 9 <= p.age_max
                    && p.price_rub.is_none()
                    && p.free_seats > 0
            }),
        ),
    ];
    for (query, keep) in cases {
        let (total, found) = all_programs(&app, &query).await;
        let mut expected: Vec<_> = everything
            .iter()
            .filter(|p| keep(p))
            .map(|p| p.id)
            .collect();
        let mut actual: Vec<_> = found.iter().map(|p| p.id).collect();
        expected.sort();
        actual.sort();
        assert_eq!(actual, expected, "{query}");
        assert_eq!(total as usize, expected.len(), "{query}");
        assert!(
            query.starts_with("age=0") || !expected.is_empty(),
            "{query} finds something"
        );
    }
    app.finish().await;
}

async fn a_text_search_matches_word_prefixes_regardless_of_case_and_yo(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let (_, robots) = all_programs(&app, "q=РОБОТ").await;
    assert!(!robots.is_empty());
    assert!(robots
        .iter()
        .all(|p| p.title.to_lowercase().contains("робот")));
    let (_, with_yo) = all_programs(&app, "q=лёгкая").await;
    let (_, without_yo) = all_programs(&app, "q=легкая+атл").await;
    assert!(!with_yo.is_empty());
    assert_eq!(
        with_yo.iter().map(|p| p.id).collect::<Vec<_>>(),
        without_yo.iter().map(|p| p.id).collect::<Vec<_>>()
    );
    let (total, _) = all_programs(&app, "q=квантовая+гравитация").await;
    assert_eq!(total, 0);
    app.finish().await;
}

async fn a_text_search_looks_into_descriptions_and_organization_names(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let (_, arduino) = all_programs(&app, "q=arduino").await;
    assert!(arduino.iter().any(|p| p.title == "Радиоэлектроника"));
    let (_, at_station) = all_programs(&app, "q=СЮТ").await;
    assert!(!at_station.is_empty());
    assert!(at_station.iter().all(|p| p.organization_name == "СЮТ № 2"));
    app.finish().await;
}

async fn wrong_filter_values_are_refused_at_their_fields(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let error: AppError = app
        .get_json("/api/catalog/programs?age=abc&cost=cheap", 422)
        .await;
    assert_eq!(
        error.field_message("age").as_deref(),
        Some("Укажите возраст ребенка целым числом от 0 до 18 лет")
    );
    assert!(error.field_message("cost").is_some());
    let long = "я".repeat(101);
    let error: AppError = app
        .get_json(&format!("/api/catalog/programs?q={long}"), 422)
        .await;
    assert!(error.field_message("q").is_some());
    app.finish().await;
}
