//! What the benchmarks share: a fresh SQLite file and then a fresh PostgreSQL database to run on,
//! a way to run one query on either pool, and percentiles.

use std::future::Future;

/// Runs `$body` with `$pool` bound to the concrete pool of `$db`.
macro_rules! on {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            app::server::db::Database::Sqlite($pool) => $body,
            app::server::db::Database::Postgres($pool) => $body,
        }
    };
}
pub(crate) use on;

/// The number in the environment variable `name`, or `default` when it is unset or not a number.
pub fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// The value below which `p` of `sorted` lie; NaN for no values.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// Runs `run` on the URL of a new SQLite file, then on a new PostgreSQL database (skipped with a
/// message when the server is unreachable); each is removed afterwards, unless `keep`, when both
/// have a fixed name and are left for the next run. `KRUZHOK_BENCH_BACKEND=sqlite` (or `postgres`)
/// runs on that one alone.
pub async fn on_both_backends<F, Fut>(prefix: &str, keep: bool, mut run: F)
where
    F: FnMut(&'static str, String) -> Fut,
    Fut: Future<Output = ()>,
{
    let suffix = if keep {
        "kept".to_owned()
    } else {
        std::process::id().to_string()
    };
    let only = std::env::var("KRUZHOK_BENCH_BACKEND").unwrap_or_default();
    if only != "postgres" {
        let dir = std::env::temp_dir().join(format!("{prefix}-{suffix}"));
        std::fs::create_dir_all(&dir).unwrap();
        run(
            "SQLite",
            format!("sqlite://{}/bench.db?mode=rwc", dir.display()),
        )
        .await;
        if !keep {
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
    if only == "sqlite" {
        return;
    }

    let admin_url = std::env::var("KRUZHOK_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let Ok(admin) = sqlx::PgPool::connect(&admin_url).await else {
        println!("PostgreSQL unreachable: skipped");
        return;
    };
    let name = format!("{}_{suffix}", prefix.replace('-', "_"));
    let exists: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)")
            .bind(&name)
            .fetch_one(&admin)
            .await
            .unwrap();
    if !exists {
        sqlx::query(&format!("CREATE DATABASE \"{name}\""))
            .execute(&admin)
            .await
            .unwrap();
    }
    run(
        "PostgreSQL",
        format!("{}/{name}", admin_url.rsplit_once('/').unwrap().0),
    )
    .await;
    if !keep {
        sqlx::query(&format!("DROP DATABASE \"{name}\" WITH (FORCE)"))
            .execute(&admin)
            .await
            .unwrap();
    }
}
