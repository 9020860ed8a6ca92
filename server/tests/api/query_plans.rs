//! The catalogue's queries are answered through indexes. The plans are printed
//! (`cargo test -- --nocapture`) so that they can be read, and checked:
//! SQLite never scans a table without an index; PostgreSQL, with sequential scans discouraged,
//! finds an index for every table.

use crate::helpers::{spawn_seeded_app, Backend};
use crate::on_both_backends;
use app::domain::catalog_filter::CatalogQuery;
use app::server::db::children::Blocking;
use app::server::db::plans::{catalog_page_plan, child_candidates_plan};
use chrono::NaiveDate;

on_both_backends!(
    catalogue_queries_use_indexes,
    the_duplicate_check_uses_indexes,
);

/// Every step of a plan reads through an index.
fn assert_indexed(backend: Backend, plan: &[String]) {
    match backend {
        Backend::Sqlite => {
            for line in plan {
                // A scan of a constant row, of a subquery's own result or of a bound JSON list
                // reads no table.
                let scan = line.starts_with("SCAN ")
                    && !line.starts_with("SCAN CONSTANT")
                    && !line.starts_with("SCAN (subquery-")
                    && !line.starts_with("SCAN json_each VIRTUAL TABLE");
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

async fn the_duplicate_check_uses_indexes(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    if backend == Backend::Postgres {
        // With no children PostgreSQL's costs tie between the indexes of `children` and it may
        // take any; with a register of some size and its statistics, it takes the fitting one.
        let (_, account) = app.confirmed_parent(1).await;
        crate::helpers::execute(
            &app,
            "INSERT INTO children (surname, given_name, sex, birth_date, exact_key, name_key, \
             surname_norm, given_name_norm, snils, created_by_account_id) \
             SELECT 'ф' || i, 'и' || i, CASE WHEN i % 2 = 0 THEN 'male' ELSE 'female' END, \
             DATE '2010-01-01' + i, 'k' || i, 'n' || i, 'ф' || i, 'и' || i, lpad(i::text, 11, '0'), \
             $1 FROM generate_series(1, 3000) AS i",
            &[account],
        )
        .await;
        // What a bulk import calls as the register grows.
        app::server::db::children::refresh_statistics(&app.db)
            .await
            .unwrap();
    }
    let date = NaiveDate::from_ymd_opt(2015, 3, 12).unwrap();
    let variants = app::domain::identity::date_typos::typo_variants(date);
    let blocking = Blocking {
        birth_date: date,
        sex: "female",
        date_variants: &variants,
        name_parts: ["смирнова", "мария"],
        snils: Some("11223344595"),
        certificate_key: Some("IIФО123456"),
    };
    let plan = child_candidates_plan(&app.db, &blocking).await.unwrap();
    println!(
        "{backend:?} plan of the duplicate check:\n  {}",
        plan.join("\n  ")
    );
    assert_indexed(backend, &plan);
    // The date and name branches read their indexes alone, never the table's rows; the name
    // branch searches the names table by its key (name, birth date, sex).
    let searches = match backend {
        Backend::Sqlite => [
            "USING COVERING INDEX children_birth_date_sex ",
            "SEARCH child_name_tokens USING PRIMARY KEY (token=? AND birth_date=? AND sex=?)",
        ],
        // On the demo's few rows PostgreSQL may prefer a bitmap or a plain index scan to an
        // index-only one (the pages are not yet marked visible); the index is what matters.
        Backend::Postgres => [" children_birth_date_sex", " child_name_tokens_pkey"],
    };
    for search in searches {
        assert!(
            plan.iter().any(|l| l.contains(search)),
            "no {search:?}: {plan:#?}"
        );
    }
    app.finish().await;
}

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
        assert_indexed(backend, &plan);
    }
    app.finish().await;
}
