//! A load benchmark, never a test: 10 000 parents apply to 100 groups within 60 seconds through the
//! running server's `/api/applications/apply`, on SQLite and on PostgreSQL. Prints throughput and
//! latency percentiles, then checks in the database that no group holds more than its seats; exits
//! non-zero when any group ends over capacity or any application failed.
//!
//! `cargo bench -p server --bench apply_load`; KRUZHOK_LOAD_PARENTS, KRUZHOK_LOAD_GROUPS and
//! KRUZHOK_LOAD_SECONDS change the shape.

use app::domain::identity::verdict::{ChildIdentity, Sex};
use app::server::auth::tokens::{random_token, token_hash};
use app::server::db::Database;
use chrono::{Duration, NaiveDate, Utc};
use figment::providers::Serialized;
use kruzhok_server::{Application, Settings};
use std::sync::Arc;
use std::time::Instant;
use support::{env_number as env, on, percentile};

mod support;

/// 100 groups of 10–30 seats, open today, for children of 6–12.
async fn groups(db: &Database, n: usize) -> Vec<(i64, i64)> {
    let today = Utc::now().date_naive();
    let org: i64 = on!(db, p => sqlx::query_scalar("SELECT id FROM organizations ORDER BY id LIMIT 1").fetch_one(p).await.unwrap());
    let mut out = Vec::new();
    for i in 0..n {
        let capacity = 10 + (i % 21) as i64;
        let program: i64 = on!(db, p => sqlx::query_scalar(
            "INSERT INTO programs (organization_id, title, direction, level, age_min, age_max, is_free, description) \
             VALUES ($1, $2, 'technical', 'starting', 6, 12, TRUE, 'Нагрузка') RETURNING id")
            .bind(org).bind(format!("Нагрузочная программа {i}")).fetch_one(p).await.unwrap());
        let group: i64 = on!(db, p => sqlx::query_scalar(
            "INSERT INTO study_groups (program_id, name, schedule, teacher, age_min, age_max, capacity, \
             starts_on, enrolment_opens, enrolment_closes) VALUES ($1, 'Группа', 'Пн 16:00', 'Педагог', 6, 12, $2, $3, $4, $5) RETURNING id")
            .bind(program).bind(capacity).bind(today + Duration::days(30)).bind(today - Duration::days(1))
            .bind(today + Duration::days(60)).fetch_one(p).await.unwrap());
        out.push((group, capacity));
    }
    out
}

/// Confirmed parents with a session and one child each, inserted directly (no hashing, no limits).
async fn parents(db: &Database, n: usize) -> Vec<(String, i64)> {
    let municipality: i64 = on!(db, p => sqlx::query_scalar("SELECT id FROM municipalities ORDER BY sort_order LIMIT 1").fetch_one(p).await.unwrap());
    let now = Utc::now();
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let email = format!("load{i}@mail.ru");
        let account: i64 = on!(db, p => sqlx::query_scalar(
            "INSERT INTO accounts (kind, surname, given_name, phone, email, email_canonical, password_hash, \
             municipality_id, pd_consent_at, email_confirmed_at) VALUES ('parent', 'Нагрузка', 'Тест', $1, $2, $2, 'x', $3, $4, $4) RETURNING id")
            .bind(format!("+7999{i:07}")).bind(&email).bind(municipality).bind(now).fetch_one(p).await.unwrap());
        let token = random_token();
        on!(db, p => sqlx::query("INSERT INTO sessions (token_hash, account_id, expires_at) VALUES ($1, $2, $3)")
            .bind(token_hash(&token)).bind(account).bind(now + Duration::days(1)).execute(p).await.map(|_| ()).unwrap());
        let birth =
            NaiveDate::from_ymd_opt(2016, 1, 1).unwrap() + Duration::days((i % 1000) as i64);
        let surname = format!("Нагрузкин{}", i / 1000);
        let given = format!("Ребенок{}", i % 1000);
        let id = ChildIdentity::new(&surname, &given, "", Sex::Male, birth);
        let child: i64 = on!(db, p => sqlx::query_scalar(
            "INSERT INTO children (surname, given_name, sex, birth_date, exact_key, name_key, surname_norm, \
             given_name_norm, created_by_account_id) VALUES ($1, $2, 'male', $3, $4, $5, $6, $7, $8) RETURNING id")
            .bind(&surname).bind(&given).bind(birth).bind(id.exact_key()).bind(id.name_key())
            .bind(&id.surname).bind(&id.given_name).bind(account).fetch_one(p).await.unwrap());
        on!(db, p => sqlx::query("INSERT INTO child_guardians (child_id, account_id, relation) VALUES ($1, $2, 'parent')")
            .bind(child).bind(account).execute(p).await.map(|_| ()).unwrap());
        out.push((token, child));
    }
    out
}

async fn run(name: &str, url: &str) {
    let (n_parents, n_groups, seconds) = (
        env("KRUZHOK_LOAD_PARENTS", 10_000),
        env("KRUZHOK_LOAD_GROUPS", 100),
        env("KRUZHOK_LOAD_SECONDS", 60),
    );
    let settings: Settings = Settings::figment()
        .merge(Serialized::default("database_url", url))
        .merge(Serialized::default("address", "127.0.0.1:0"))
        .merge(Serialized::default("max_connections", 16))
        .merge(Serialized::default("log", "warn"))
        .extract()
        .unwrap();
    let application = Application::build(&settings).await.unwrap();
    let base = format!("http://{}", application.address());
    let db = application.database().clone();
    tokio::spawn(application.run_until(std::future::pending()));
    app::server::services::seed::run(&db, Utc::now().date_naive())
        .await
        .unwrap();
    let started = Instant::now();
    let groups = groups(&db, n_groups).await;
    let parents = parents(&db, n_parents).await;
    println!(
        "{name}: {n_parents} parents, {n_groups} groups ({} seats) prepared in {:.1} s",
        groups.iter().map(|g| g.1).sum::<i64>(),
        started.elapsed().as_secs_f64()
    );
    // An open loop: request i starts at i × (seconds / parents), whatever the answers before it.
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(256)
        .build()
        .unwrap();
    let interval = std::time::Duration::from_secs_f64(seconds as f64 / n_parents as f64);
    let groups = Arc::new(groups);
    let start = tokio::time::Instant::now();
    let mut tasks = Vec::with_capacity(n_parents);
    for (i, (token, child)) in parents.into_iter().enumerate() {
        let (client, base, groups) = (client.clone(), base.clone(), groups.clone());
        tasks.push(tokio::spawn(async move {
            tokio::time::sleep_until(start + interval * i as u32).await;
            let group = groups[i % groups.len()].0;
            let t = Instant::now();
            let response = client
                .post(format!("{base}/api/applications/apply"))
                .header("cookie", format!("kruzhok_session={token}"))
                .form(&[
                    ("child_id", child.to_string()),
                    ("group_id", group.to_string()),
                ])
                .send()
                .await;
            let ok = match response {
                Ok(r) => {
                    r.status().is_success() && r.text().await.is_ok_and(|b| b.contains("Applied"))
                }
                Err(_) => false,
            };
            (t.elapsed().as_secs_f64() * 1000.0, ok)
        }));
    }
    let mut latencies = Vec::with_capacity(tasks.len());
    let mut failed = 0;
    for task in tasks {
        let (ms, ok) = task.await.unwrap();
        latencies.push(ms);
        if !ok {
            failed += 1;
        }
    }
    let wall = start.elapsed().as_secs_f64();
    latencies.sort_by(f64::total_cmp);
    println!(
        "  {} applications in {wall:.1} s: {:.0} per second; failed {failed}",
        latencies.len(),
        latencies.len() as f64 / wall
    );
    println!(
        "  latency p50 {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        percentile(&latencies, 0.5),
        percentile(&latencies, 0.9),
        percentile(&latencies, 0.99),
        percentile(&latencies, 1.0)
    );
    let over: i64 = on!(&db, p => sqlx::query_scalar(
        "SELECT COUNT(*) FROM study_groups g WHERE g.occupied > g.capacity OR \
         (SELECT COUNT(*) FROM applications a WHERE a.group_id = g.id \
          AND a.status IN ('new', 'confirmed', 'enrolled', 'offered')) > g.capacity")
        .fetch_one(p).await.unwrap());
    let (seated, queued): (i64, i64) = on!(&db, p => sqlx::query_as(
        "SELECT COALESCE(SUM(CASE WHEN status = 'new' THEN 1 ELSE 0 END), 0), \
         COALESCE(SUM(CASE WHEN status = 'queued' THEN 1 ELSE 0 END), 0) FROM applications")
        .fetch_one(p).await.unwrap());
    println!("  seated {seated}, queued {queued}; groups over capacity: {over}");
    db.close().await;
    let mut wrong = Vec::new();
    if failed > 0 {
        wrong.push(format!("{failed} applications failed"));
    }
    if over > 0 {
        wrong.push(format!("{over} groups ended over capacity"));
    }
    if !wrong.is_empty() {
        PROBLEMS
            .lock()
            .unwrap()
            .push(format!("{name}: {}", wrong.join(", ")));
    }
}

/// What went wrong on either backend: the run ends with a failure when anything did.
static PROBLEMS: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

#[tokio::main]
async fn main() {
    support::on_both_backends("kruzhok-load", false, |name, url| async move {
        run(name, &url).await
    })
    .await;
    let problems = PROBLEMS.lock().unwrap().clone();
    if !problems.is_empty() {
        eprintln!("the load broke a rule: {}", problems.join("; "));
        std::process::exit(1);
    }
}
