use crate::helpers::{spawn_app, spawn_seeded_app, Backend};
use crate::on_both_backends;
use app::contract::catalog::{CatalogSummary, FilterChoices, ProgramPage};
use app::domain::catalog_filter::PAGE_SIZE;
use app::domain::direction::Direction;

on_both_backends!(
    the_demo_catalogue_is_listed_twelve_programs_a_page,
    pages_cover_every_program_exactly_once,
    a_page_past_the_end_is_empty_but_keeps_the_total,
    an_empty_catalogue_lists_nothing,
    the_filter_choices_list_the_organizations_and_districts,
    the_summary_counts_programs_by_direction,
);

async fn the_demo_catalogue_is_listed_twelve_programs_a_page(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let page: ProgramPage = app.get_json("/api/catalog/programs", 200).await;
    assert_eq!(page.total, 190);
    assert_eq!(page.items.len(), PAGE_SIZE as usize);
    assert_eq!((page.page, page.pages), (1, 16));
    let titles: Vec<_> = page.items.iter().map(|p| p.title.clone()).collect();
    let mut sorted = titles.clone();
    sorted.sort();
    assert_eq!(titles, sorted, "listed by title");
    app.finish().await;
}

async fn pages_cover_every_program_exactly_once(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let mut ids = Vec::new();
    for page in 1..=16 {
        let p: ProgramPage = app
            .get_json(&format!("/api/catalog/programs?page={page}"), 200)
            .await;
        ids.extend(p.items.into_iter().map(|i| i.id));
    }
    let count = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!((count, ids.len()), (190, 190));
    app.finish().await;
}

async fn a_page_past_the_end_is_empty_but_keeps_the_total(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let page: ProgramPage = app.get_json("/api/catalog/programs?page=99", 200).await;
    assert!(page.items.is_empty());
    assert_eq!((page.total, page.pages, page.page), (190, 16, 99));
    app.finish().await;
}

async fn an_empty_catalogue_lists_nothing(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let page: ProgramPage = app.get_json("/api/catalog/programs?q=робот", 200).await;
    assert_eq!((page.total, page.items.len(), page.pages), (0, 0, 1));
    app.finish().await;
}

async fn the_filter_choices_list_the_organizations_and_districts(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let choices: FilterChoices = app.get_json("/api/catalog/options", 200).await;
    assert_eq!(choices.organizations.len(), 36);
    let districts: Vec<_> = choices.districts.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(
        districts,
        ["Ленинский", "Октябрьский", "Советский", "Фрунзенский"]
    );
    app.finish().await;
}

async fn the_summary_counts_programs_by_direction(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let summary: CatalogSummary = app.get_json("/api/catalog/overview", 200).await;
    assert_eq!(summary.directions.len(), Direction::ALL.len());
    assert_eq!(summary.directions.iter().map(|(_, n)| n).sum::<u64>(), 190);
    assert!(summary.directions.iter().all(|(_, n)| *n > 0));
    assert_eq!(summary.organizations, 36);
    assert!(summary.free_seats > 0);
    app.finish().await;
}
