//! The duplicate check over a large register, measured, never asserted.

use app::domain::identity::verdict::Sex;
use app::server::db::children::all_candidates;
use app::server::db::Database;
use app::server::services::child_identity::strongest;
use app::server::services::children::{candidates_of, find_duplicate};
use app::server::services::scan::{scan, scan_register};
use app::server::services::seed;
use chrono::NaiveDate;
use register::{child, identity, Child, Rng};
use std::time::Instant;
use support::{on, percentile};

mod register;
#[path = "../support/mod.rs"]
mod support;

/// Whether `KRUZHOK_BENCH_REUSE=1` asks to keep the seeded registers between runs: seeding a
/// million children takes minutes, and a change to the check is measured many times over one.
fn reuse() -> bool {
    std::env::var("KRUZHOK_BENCH_REUSE").is_ok_and(|v| v == "1")
}

async fn fill(db: &Database, n: usize) {
    if reuse() {
        let there: i64 = on!(db, p => sqlx::query_scalar("SELECT count(*) FROM children").fetch_one(p).await.unwrap());
        if there > 0 {
            println!("  reusing the register of {there} children");
            settle(db).await;
            return;
        }
    }
    seed::run(db, NaiveDate::from_ymd_opt(2026, 11, 30).unwrap())
        .await
        .unwrap();
    let municipality: i64 = on!(db, p => sqlx::query_scalar("SELECT id FROM municipalities ORDER BY sort_order LIMIT 1").fetch_one(p).await.unwrap());
    let account: i64 = on!(db, p => sqlx::query_scalar(
        "INSERT INTO accounts (kind, surname, given_name, phone, email, email_canonical, password_hash, municipality_id, pd_consent_at) \
         VALUES ('parent', 'Бенч', 'Бенч', '+79990000000', 'bench@mail.ru', 'bench@mail.ru', 'x', $1, $2) RETURNING id")
        .bind(municipality).bind(chrono::Utc::now()).fetch_one(p).await.unwrap());
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let started = Instant::now();
    // SQLite looks each `$N` up by name along the statement's parameters, so a statement's binding
    // costs the square of its parameters: its batches are kept small.
    let batch = match db {
        Database::Sqlite(_) => 50,
        Database::Postgres(_) => 500,
    };
    let mut done = 0;
    while done < n {
        let rows: Vec<Child> = (0..batch.min(n - done)).map(|_| child(&mut rng)).collect();
        let mut sql = String::from(
            "INSERT INTO children (surname, given_name, patronymic, sex, birth_date, exact_key, name_key, surname_norm, given_name_norm, created_by_account_id) VALUES ",
        );
        for i in 0..rows.len() {
            let b = i * 10;
            sql.push_str(&format!(
                "{}(${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${})",
                if i > 0 { ", " } else { "" },
                b + 1,
                b + 2,
                b + 3,
                b + 4,
                b + 5,
                b + 6,
                b + 7,
                b + 8,
                b + 9,
                b + 10
            ));
        }
        sql.push_str(" ON CONFLICT DO NOTHING");
        on!(db, p => {
            let mut q = sqlx::query(&sql);
            for c in &rows {
                let id = identity(c);
                q = q
                    .bind(c.surname.clone())
                    .bind(c.given.clone())
                    .bind(c.patronymic.clone())
                    .bind(if c.sex == Sex::Female { "female" } else { "male" })
                    .bind(c.birth)
                    .bind(id.exact_key())
                    .bind(id.name_key())
                    .bind(id.surname.clone())
                    .bind(id.given_name.clone())
                    .bind(account);
            }
            q.execute(p).await.unwrap();
        });
        done += rows.len();
    }
    settle(db).await;
    println!(
        "  seeded {n} children in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

/// Leaves the tables as autovacuum leaves them after a million inserts: statistics, and the
/// visibility map that lets the covering indexes answer alone. Run on a kept register too, whose
/// tables a new migration may have just filled. SQLite is left as Kruzhok leaves it, without
/// statistics: nothing runs ANALYZE there, and with STAT4 samples SQLite would plan the check
/// again for every new birth date.
async fn settle(db: &Database) {
    if let Database::Postgres(p) = db {
        for table in ["children", "child_name_tokens"] {
            let _ = sqlx::query(&format!("VACUUM ANALYZE {table}"))
                .execute(p)
                .await;
        }
    }
}

/// The raw indexed point lookup the check is measured beside.
async fn point_lookup(db: &Database, exact_key: &str) -> Option<i64> {
    on!(db, p => sqlx::query_scalar("SELECT id FROM children WHERE exact_key = $1 AND retired_at IS NULL")
        .bind(exact_key).fetch_optional(p).await.unwrap())
}

async fn measure(name: &str, db: &Database, n: usize) {
    println!("{name}:");
    fill(db, n).await;
    // Half are children already there (exact duplicates), half are new ones.
    let mut existing = Rng(0x9E37_79B9_7F4A_7C15);
    let mut fresh = Rng(0xDEAD_BEEF_1234_5678);
    let probes: Vec<Child> = (0..2000)
        .map(|i| {
            if i % 2 == 0 {
                child(&mut existing)
            } else {
                child(&mut fresh)
            }
        })
        .collect();
    // One untimed pass first, so that every run measures a warm register, whether it was just
    // seeded or kept from an earlier run (`KRUZHOK_BENCH_REUSE`) and read from disk again.
    for c in &probes {
        let id = identity(c);
        find_duplicate(db, &id, None).await.unwrap();
        point_lookup(db, &id.exact_key()).await;
    }
    let (mut check, mut lookup, mut query, mut verdict) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut rows_seen = 0;
    for c in &probes {
        let id = identity(c);
        let t = Instant::now();
        find_duplicate(db, &id, None).await.unwrap();
        check.push(t.elapsed().as_secs_f64() * 1000.0);
        // The same check in its two halves: the candidates' query, then the verdicts in Rust.
        let t = Instant::now();
        let rows = candidates_of(db, &id, None).await.unwrap();
        query.push(t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        std::hint::black_box(strongest(&id, None, &rows));
        verdict.push(t.elapsed().as_secs_f64() * 1000.0);
        rows_seen += rows.len();
        let key = id.exact_key();
        let t = Instant::now();
        point_lookup(db, &key).await;
        lookup.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    for v in [&mut check, &mut lookup, &mut query, &mut verdict] {
        v.sort_by(f64::total_cmp);
    }
    let (c50, c99, l50, l99) = (
        percentile(&check, 0.5),
        percentile(&check, 0.99),
        percentile(&lookup, 0.5),
        percentile(&lookup, 0.99),
    );
    println!("  duplicate check: p50 {c50:.3} ms, p99 {c99:.3} ms");
    println!("  raw point lookup: p50 {l50:.3} ms, p99 {l99:.3} ms");
    println!(
        "  of the check: candidates' query p50 {:.3} ms, p99 {:.3} ms ({:.1} rows on average); verdicts p50 {:.3} ms, p99 {:.3} ms",
        percentile(&query, 0.5),
        percentile(&query, 0.99),
        rows_seen as f64 / probes.len() as f64,
        percentile(&verdict, 0.5),
        percentile(&verdict, 0.99)
    );
    println!("  check / lookup at p99: {:.1}×", c99 / l99);
    let t = Instant::now();
    let pairs = scan_register(db).await.unwrap();
    let whole = t.elapsed().as_secs_f64();
    // The scan again in its two halves: reading the register, then comparing in memory.
    let t = Instant::now();
    let rows = all_candidates(db).await.unwrap();
    let read = t.elapsed().as_secs_f64();
    let t = Instant::now();
    std::hint::black_box(scan(&rows));
    println!(
        "  duplicates scan: {} pairs in {whole:.1} s (reading {} children {read:.1} s, comparing {:.1} s)",
        pairs.len(),
        rows.len(),
        t.elapsed().as_secs_f64()
    );
}

#[tokio::main]
async fn main() {
    let n: usize = std::env::var("KRUZHOK_BENCH_CHILDREN")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    support::on_both_backends("kruzhok-bench", reuse(), |name, url| async move {
        let db = Database::connect(&url, 4).await.unwrap();
        db.migrate().await.unwrap();
        measure(name, &db, n).await;
        db.close().await;
    })
    .await;
}
