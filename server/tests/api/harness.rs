//! The harness of the integration tests (libtest-mimic): every test is one trial, and a trial that
//! needs what this machine lacks — a reachable PostgreSQL, the SMTP sink of `scripts/test` — is
//! reported as **ignored** with the reason, never as passed. `KRUZHOK_REQUIRE_POSTGRES=1` and
//! `KRUZHOK_REQUIRE_SMTP=1` (as in CI) run such trials anyway, so that a missing service fails.

use crate::helpers::Backend;
use libtest_mimic::{Arguments, Failed, Trial};
use std::future::Future;
use std::pin::Pin;

pub type Body = Pin<Box<dyn Future<Output = ()>>>;

/// What a test needs beyond SQLite.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    Nothing,
    Postgres,
    SmtpSink,
}

/// One test before it becomes a trial.
pub struct Test {
    pub name: String,
    pub needs: Needs,
    pub run: Box<dyn FnOnce() -> Body + Send>,
}

/// The two tests of an `async fn(Backend)`: on SQLite and on PostgreSQL.
pub fn on_both(module: &str, name: &str, body: fn(Backend) -> Body) -> [Test; 2] {
    let name = format!("{}::{name}", short(module));
    [
        Test {
            name: format!("{name}::sqlite"),
            needs: Needs::Nothing,
            run: Box::new(move || body(Backend::Sqlite)),
        },
        Test {
            name: format!("{name}::postgres"),
            needs: Needs::Postgres,
            run: Box::new(move || body(Backend::Postgres)),
        },
    ]
}

/// One test of an `async fn()` that needs `needs`.
pub fn single(module: &str, name: &str, needs: Needs, body: fn() -> Body) -> Test {
    Test {
        name: format!("{}::{name}", short(module)),
        needs,
        run: Box::new(body),
    }
}

fn short(module: &str) -> &str {
    module.split_once("::").map_or(module, |(_, rest)| rest)
}

/// Why a trial that needs `needs` cannot run here, if it cannot.
fn missing(needs: Needs, postgres_down: &Option<String>) -> Option<String> {
    let required = |var: &str| std::env::var(var).as_deref() == Ok("1");
    match needs {
        Needs::Nothing => None,
        Needs::Postgres if required("KRUZHOK_REQUIRE_POSTGRES") => None,
        Needs::Postgres => postgres_down.clone(),
        Needs::SmtpSink if required("KRUZHOK_REQUIRE_SMTP") => None,
        Needs::SmtpSink => std::env::var("KRUZHOK_TEST_SMTP")
            .is_err()
            .then(|| "no SMTP sink (KRUZHOK_TEST_SMTP); scripts/test starts one".to_owned()),
    }
}

/// Whether the tests' PostgreSQL answers; why not when it does not.
fn postgres_unreachable() -> Option<String> {
    let url = crate::helpers::postgres_admin_url();
    // Where, without any password the address may hold.
    let place = url
        .rsplit_once('@')
        .map_or(url.as_str(), |(_, p)| p)
        .to_owned();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        let connect = sqlx::PgPool::connect(&url);
        match tokio::time::timeout(std::time::Duration::from_secs(5), connect).await {
            Ok(Ok(pool)) => {
                pool.close().await;
                None
            }
            Ok(Err(e)) => Some(format!("PostgreSQL at {place} is unreachable ({e})")),
            Err(_) => Some(format!("PostgreSQL at {place} did not answer within 5 s")),
        }
    })
}

/// Runs `tests` as the built-in harness would, with the same arguments (filters, `--ignored`,
/// `--test-threads`, `--list`).
pub fn run(tests: Vec<Test>) -> ! {
    let args = Arguments::from_args();
    let postgres_down = if tests.iter().any(|t| t.needs == Needs::Postgres) {
        postgres_unreachable()
    } else {
        None
    };
    let mut skipped = std::collections::BTreeMap::<String, usize>::new();
    let trials = tests
        .into_iter()
        .map(|test| {
            let why = missing(test.needs, &postgres_down);
            let run = test.run;
            let trial = Trial::test(test.name, move || {
                let runtime = tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .enable_all()
                    .build()
                    .map_err(|e| Failed::from(format!("no runtime: {e}")))?;
                runtime.block_on(run());
                Ok(())
            });
            match why {
                Some(reason) => {
                    *skipped.entry(reason).or_default() += 1;
                    trial.with_ignored_flag(true)
                }
                None => trial,
            }
        })
        .collect();
    for (reason, n) in &skipped {
        eprintln!("{reason}: not run, reported as ignored: {n}");
    }
    let conclusion = libtest_mimic::run(&args, trials);
    crate::helpers::remove_templates();
    conclusion.exit()
}
