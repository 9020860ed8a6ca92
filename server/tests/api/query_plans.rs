//! The catalogue's queries are answered through indexes. The plans are printed
//! (`cargo test -- --nocapture`) so that they can be read, and checked:
//! SQLite never scans a table without an index; PostgreSQL, with sequential scans discouraged,
//! finds an index for every table.

use crate::helpers::{spawn_seeded_app, Backend};
use crate::on_both_backends;
use app::domain::catalog_filter::CatalogQuery;
use app::server::db::plans::catalog_page_plan;

on_both_backends!(catalogue_queries_use_indexes);

async fn catalogue_queries_use_indexes(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let queries = [
        CatalogQuery::default(),
        CatalogQuery {
            direction: "art".into(),
            ..Default::default()
        },
        CatalogQuery {
            q: "робототехника lego".into(),
            ..Default::default()
        },
        CatalogQuery {
            organization: "3".into(),
            ..Default::default()
        },
        CatalogQuery {
            age: "9".into(),
            seats: "1".into(),
            cost: "free".into(),
            ..Default::default()
        },
    ];
    for query in queries {
        let filter = query.parse().unwrap();
        let plan = catalog_page_plan(&app.db, &filter).await.unwrap();
        println!("{backend:?} plan for {query:?}:\n  {}", plan.join("\n  "));
        match backend {
            Backend::Sqlite => {
                for line in &plan {
                    let scan = line.starts_with("SCAN ") && !line.starts_with("SCAN CONSTANT");
                    assert!(!scan || line.contains("USING"), "a full scan: {line}");
                }
            }
            Backend::Postgres => {
                assert!(
                    !plan.iter().any(|l| l.contains("Seq Scan")),
                    "a sequential scan: {plan:#?}"
                );
            }
        }
    }
    app.finish().await;
}
