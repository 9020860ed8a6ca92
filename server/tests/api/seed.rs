use crate::helpers::{demo_day, spawn_app, Backend};
use crate::on_both_backends;
use app::contract::catalog::{CatalogSummary, ProgramPage};
use app::server::services::seed::{self, SeedReport};

on_both_backends!(seeding_twice_changes_nothing);

async fn seeding_twice_changes_nothing(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let first = seed::run(&app.db, demo_day()).await.unwrap();
    assert_eq!(
        first,
        SeedReport {
            municipalities: 27,
            districts: 4,
            organizations: 36,
            programs: 190,
            groups: 379
        }
    );
    let before: (CatalogSummary, ProgramPage) = (
        app.get_json("/api/catalog/overview", 200).await,
        app.get_json("/api/catalog/programs?page=3", 200).await,
    );
    // Even a later day of another academic year adds nothing: rows are keyed by natural keys.
    let second = seed::run(&app.db, demo_day() + chrono::Duration::days(400))
        .await
        .unwrap();
    assert_eq!(second, SeedReport::default());
    let after: (CatalogSummary, ProgramPage) = (
        app.get_json("/api/catalog/overview", 200).await,
        app.get_json("/api/catalog/programs?page=3", 200).await,
    );
    assert_eq!(before, after);
    app.finish().await;
}
