//! `spawn_app`: a server on a free port with a database of its own.
//!
//! PostgreSQL tests use `KRUZHOK_TEST_POSTGRES_URL` (default: the local server's `test` database)
//! to create one database per test. If that server is unreachable the PostgreSQL half of a test is
//! skipped with a message — unless `KRUZHOK_REQUIRE_POSTGRES=1`, as in CI, where that is a failure.

use app::server::db::Database;
use figment::providers::Serialized;
use kruzhok_server::{Application, Settings};
use serde::de::DeserializeOwned;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub db: Database,
    database_url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    SqliteFile(std::path::PathBuf),
    PostgresDatabase { admin_url: String, name: String },
}

static COUNTER: AtomicU32 = AtomicU32::new(0);
const TEST_DB_PREFIX: &str = "kruzhok_test_";

fn postgres_admin_url() -> String {
    std::env::var("KRUZHOK_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned())
}

fn unique_suffix() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    format!(
        "{secs}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    )
}

/// A connection to the PostgreSQL server, or `None` when it is unreachable and not required.
async fn postgres_admin() -> Option<sqlx::PgPool> {
    match sqlx::PgPool::connect(&postgres_admin_url()).await {
        Ok(pool) => Some(pool),
        Err(error) if std::env::var("KRUZHOK_REQUIRE_POSTGRES").as_deref() == Ok("1") => {
            panic!("PostgreSQL is required (KRUZHOK_REQUIRE_POSTGRES=1) but unreachable: {error}")
        }
        Err(error) => {
            eprintln!("PostgreSQL unreachable, skipping the PostgreSQL half of this test: {error}");
            None
        }
    }
}

/// Drops databases left by crashed runs more than two hours ago.
async fn drop_stale_databases(admin: &sqlx::PgPool) {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let names: Vec<(String,)> =
        sqlx::query_as("SELECT datname FROM pg_database WHERE datname LIKE 'kruzhok_test_%'")
            .fetch_all(admin)
            .await
            .unwrap_or_default();
    for (name,) in names {
        let created: u64 = name
            .trim_start_matches(TEST_DB_PREFIX)
            .split('_')
            .next()
            .and_then(|s| s.parse().ok())
            .unwrap_or(now);
        if now.saturating_sub(created) > 7200 {
            let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                .execute(admin)
                .await;
        }
    }
}

/// A server with an empty, migrated database; `None` if this backend is unavailable here.
pub async fn spawn_app(backend: Backend) -> Option<TestApp> {
    spawn_app_with(backend, &[]).await
}

/// Like `spawn_app`, with some settings changed (`("smtp_host", "127.0.0.1")`, …).
pub async fn spawn_app_with(backend: Backend, changes: &[(&str, &str)]) -> Option<TestApp> {
    let suffix = unique_suffix();
    let (url, cleanup) = match backend {
        Backend::Sqlite => {
            let path = std::env::temp_dir().join(format!("{TEST_DB_PREFIX}{suffix}.db"));
            (
                format!("sqlite://{}?mode=rwc", path.display()),
                Cleanup::SqliteFile(path),
            )
        }
        Backend::Postgres => {
            let admin = postgres_admin().await?;
            drop_stale_databases(&admin).await;
            let name = format!("{TEST_DB_PREFIX}{suffix}");
            sqlx::query(&format!("CREATE DATABASE \"{name}\""))
                .execute(&admin)
                .await
                .expect("create the test database");
            admin.close().await;
            let admin_url = postgres_admin_url();
            let base = admin_url
                .rsplit_once('/')
                .map_or(admin_url.as_str(), |(b, _)| b)
                .to_owned();
            (
                format!("{base}/{name}"),
                Cleanup::PostgresDatabase { admin_url, name },
            )
        }
    };
    let (base, db) = start_server(&url, changes).await;
    Some(TestApp {
        base,
        client: TestApp::new_client(),
        db,
        database_url: url,
        cleanup,
    })
}

/// Starts a server (a task here, as a process would be) on `url`; its base address and its pool.
async fn start_server(url: &str, changes: &[(&str, &str)]) -> (String, Database) {
    let mut figment = Settings::figment();
    for (key, value) in changes {
        figment = match value.parse::<i64>() {
            Ok(number) => figment.merge(Serialized::default(key, number)),
            Err(_) => figment.merge(Serialized::default(key, value)),
        };
    }
    let settings: Settings = figment
        .merge(Serialized::default("database_url", url))
        .merge(Serialized::default("address", "127.0.0.1:0"))
        .merge(Serialized::default("max_connections", 8))
        .extract()
        .expect("test settings");
    let application = Application::build(&settings)
        .await
        .expect("the server starts");
    let base = format!("http://{}", application.address());
    let db = application.database().clone();
    tokio::spawn(application.run_until(std::future::pending()));
    (base, db)
}

/// A server whose database holds the demo catalogue.
pub async fn spawn_seeded_app(backend: Backend) -> Option<TestApp> {
    spawn_seeded_app_with(backend, &[]).await
}

/// Like `spawn_seeded_app`, with some settings changed.
pub async fn spawn_seeded_app_with(backend: Backend, changes: &[(&str, &str)]) -> Option<TestApp> {
    let app = spawn_app_with(backend, changes).await?;
    app::server::services::seed::run(&app.db, demo_day())
        .await
        .expect("seed");
    Some(app)
}

/// Waits, when the current rate-limit window of `window_secs` seconds has less than `needed`
/// seconds left, until the next one begins: limits count hits in windows aligned to the clock, and
/// a test that counts up to a limit across a window's end would see its count start again.
pub async fn within_one_rate_window(window_secs: u64, needed: u64) {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("a clock after 1970")
        .as_secs();
    let left = window_secs - now % window_secs;
    if left < needed {
        tokio::time::sleep(std::time::Duration::from_secs(left + 1)).await;
    }
}

/// The day the demo data is seeded for: fixed, so that enrolment windows do not depend on the clock.
pub fn demo_day() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 30).expect("a valid date")
}

impl TestApp {
    /// Another server as a separate operating-system process: the `kruzhok` binary itself, on the
    /// same database. It stops when the returned guard is dropped.
    pub async fn sibling_process(&self) -> (String, SiblingProcess) {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_kruzhok"))
            .arg("serve")
            .env("KRUZHOK_DATABASE_URL", &self.database_url)
            .env("KRUZHOK_ADDRESS", format!("127.0.0.1:{port}"))
            .env("KRUZHOK_LOG", "warn")
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("the kruzhok binary starts");
        let guard = SiblingProcess(child);
        let base = format!("http://127.0.0.1:{port}");
        for _ in 0..100 {
            if reqwest::get(format!("{base}/healthz"))
                .await
                .is_ok_and(|r| r.status().is_success())
            {
                return (base, guard);
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("the second server process did not answer");
    }

    /// Runs a command of the `kruzhok` binary (`import children …`, `duplicates scan`) on this
    /// app's database, as an administrator would; its standard output, once it has ended well.
    pub fn command(&self, args: &[&str]) -> String {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_kruzhok"))
            .args(args)
            .env("KRUZHOK_DATABASE_URL", &self.database_url)
            .env("KRUZHOK_LOG", "warn")
            .output()
            .expect("the kruzhok binary runs");
        let stdout = String::from_utf8(output.stdout).expect("UTF-8 output");
        assert!(
            output.status.success(),
            "kruzhok {args:?}: {stdout}{}",
            String::from_utf8_lossy(&output.stderr)
        );
        stdout
    }

    /// The id of the `nth` organization (from 0) of the seeded catalogue.
    pub async fn organization(&self, nth: i64) -> i64 {
        const SQL: &str = "SELECT id FROM organizations ORDER BY id LIMIT 1 OFFSET $1";
        match &self.db {
            Database::Sqlite(p) => sqlx::query_scalar(SQL).bind(nth).fetch_one(p).await,
            Database::Postgres(p) => sqlx::query_scalar(SQL).bind(nth).fetch_one(p).await,
        }
        .expect("a seeded organization")
    }

    /// A signed-in browser of a new parent account, made directly in the database (no password
    /// hashing, no rate limits), for tests that need many parents.
    pub async fn signed_in_parent(&self, n: usize, kind: &str) -> reqwest::Client {
        self.signed_in_account(n, kind).await.0
    }

    /// A signed-in account whose e-mail is confirmed, and its id.
    pub async fn confirmed_parent(&self, n: usize) -> (reqwest::Client, i64) {
        let (client, id) = self.signed_in_account(n, "parent").await;
        app::server::db::accounts::confirm_email(&self.db, id, chrono::Utc::now())
            .await
            .expect("confirm the e-mail");
        (client, id)
    }

    /// A signed-in, confirmed account given `role` (bound to `organization` for an institution
    /// operator) and switched to it; the browser and the role's start page as the switch answered.
    pub async fn in_role(
        &self,
        n: usize,
        role: &str,
        organization: Option<i64>,
    ) -> (reqwest::Client, String) {
        self.in_role_at(n, role, organization, None).await
    }

    /// `in_role` with the municipality a МОЦ operator is bound to.
    pub async fn in_role_at(
        &self,
        n: usize,
        role: &str,
        organization: Option<i64>,
        municipality: Option<i64>,
    ) -> (reqwest::Client, String) {
        self.in_role_with(n, role, organization, municipality, true)
            .await
    }

    /// `in_role_at`, saying whether the role may resolve pairs of the duplicate queue.
    pub async fn in_role_with(
        &self,
        n: usize,
        role: &str,
        organization: Option<i64>,
        municipality: Option<i64>,
        resolves_duplicates: bool,
    ) -> (reqwest::Client, String) {
        let (client, account) = self.confirmed_parent(n).await;
        app::server::db::roles::grant(
            &self.db,
            account,
            role,
            organization,
            municipality,
            resolves_duplicates,
        )
        .await
        .expect("grant the role");
        let id = app::server::db::roles::of_account(&self.db, account)
            .await
            .expect("the account's roles")[0]
            .id;
        let (status, home) = self
            .post_with(
                &client,
                "/api/accounts/switch-role",
                &[("role", &id.to_string())],
            )
            .await;
        assert_eq!(status, 200, "{home}");
        (client, home)
    }

    /// A МОЦ operator of the `nth` municipality (in the registration form's order), in role.
    pub async fn moc_operator(&self, n: usize, nth: i64) -> reqwest::Client {
        const NTH: &str = "SELECT id FROM municipalities ORDER BY sort_order LIMIT 1 OFFSET $1";
        let municipality: i64 = match &self.db {
            Database::Sqlite(p) => sqlx::query_scalar(NTH).bind(nth).fetch_one(p).await,
            Database::Postgres(p) => sqlx::query_scalar(NTH).bind(nth).fetch_one(p).await,
        }
        .expect("a municipality");
        let (client, home) = self
            .in_role_at(n, "moc_operator", None, Some(municipality))
            .await;
        assert_eq!(home, "\"/operator/requests\"");
        client
    }

    /// A browser signed in to a new account of `kind` (e-mail not confirmed), and the account's id.
    pub async fn signed_in_account(&self, n: usize, kind: &str) -> (reqwest::Client, i64) {
        use app::server::auth::tokens::{random_token, token_hash};
        use app::server::db::{accounts, sessions};
        let email = format!("parent{n}.{}@mail.ru", unique_suffix());
        let phone = format!(
            "+79{:09}",
            (n as u64 * 7919
                + std::process::id() as u64 * 13
                + COUNTER.fetch_add(1, Ordering::SeqCst) as u64)
                % 1_000_000_000
        );
        const FIRST: &str = "SELECT id FROM municipalities ORDER BY sort_order LIMIT 1";
        let municipality: i64 = match &self.db {
            Database::Sqlite(pool) => sqlx::query_scalar(FIRST).fetch_one(pool).await,
            Database::Postgres(pool) => sqlx::query_scalar(FIRST).fetch_one(pool).await,
        }
        .expect("seeded municipalities");
        let account = accounts::NewAccount {
            kind,
            surname: "Петрова",
            given_name: "Анна",
            patronymic: None,
            phone: &phone,
            email: &email,
            email_canonical: &email,
            password_hash: "$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            municipality_id: municipality,
            pd_consent_at: chrono::Utc::now(),
        };
        let id = accounts::insert_with_token(
            &self.db,
            &account,
            &token_hash(&random_token()),
            chrono::Utc::now(),
        )
        .await
        .expect("insert")
        .expect("a new account");
        let token = random_token();
        sessions::insert(
            &self.db,
            &token_hash(&token),
            id,
            chrono::Utc::now() + chrono::Duration::days(1),
        )
        .await
        .expect("a session");
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(
            "cookie",
            format!("kruzhok_session={token}")
                .parse()
                .expect("a header"),
        );
        let client = reqwest::Client::builder()
            .default_headers(headers)
            .build()
            .expect("a client");
        (client, id)
    }

    /// A browser of its own: a cookie jar, no redirects followed.
    pub fn new_client() -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            // A request that never answers fails its test instead of stalling the suite.
            .timeout(std::time::Duration::from_secs(120))
            .build()
            .expect("a client")
    }

    /// POSTs a form to a server function with `client` and returns status and body.
    pub async fn post_with(
        &self,
        client: &reqwest::Client,
        path: &str,
        fields: &[(&str, &str)],
    ) -> (u16, String) {
        let response = client
            .post(format!("{}{path}", self.base))
            .form(fields)
            .send()
            .await
            .expect("the request is answered");
        let status = response.status().as_u16();
        (status, response.text().await.expect("a body"))
    }

    /// POSTs a form with this app's own client, expects `status`, decodes the JSON answer.
    pub async fn post_json<T: DeserializeOwned>(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        status: u16,
    ) -> T {
        let (actual, body) = self.post_with(&self.client, path, fields).await;
        assert_eq!(actual, status, "POST {path} answered {actual}: {body}");
        serde_json::from_str(&body).unwrap_or_else(|e| panic!("POST {path}: {e}: {body}"))
    }

    pub async fn get(&self, path_and_query: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path_and_query}", self.base))
            .send()
            .await
            .expect("the request is answered")
    }

    /// GETs `path_and_query`, expects `status`, and decodes the JSON body.
    pub async fn get_json<T: DeserializeOwned>(&self, path_and_query: &str, status: u16) -> T {
        let response = self.get(path_and_query).await;
        let actual = response.status().as_u16();
        let body = response.text().await.expect("a body");
        assert_eq!(
            actual, status,
            "GET {path_and_query} answered {actual}: {body}"
        );
        serde_json::from_str(&body).unwrap_or_else(|e| panic!("GET {path_and_query}: {e}: {body}"))
    }

    /// GETs `path` with `client`, expects 200, and decodes the JSON body.
    pub async fn get_json_with<T: DeserializeOwned>(
        &self,
        client: &reqwest::Client,
        path: &str,
    ) -> T {
        let response = client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("the request is answered");
        let status = response.status().as_u16();
        let body = response.text().await.expect("a body");
        assert_eq!(status, 200, "GET {path} answered {status}: {body}");
        serde_json::from_str(&body).unwrap_or_else(|e| panic!("GET {path}: {e}: {body}"))
    }

    /// Closes the pool and removes the database.
    pub async fn finish(self) {
        self.db.close().await;
        match self.cleanup {
            Cleanup::SqliteFile(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            Cleanup::PostgresDatabase { admin_url, name } => {
                if let Ok(admin) = sqlx::PgPool::connect(&admin_url).await {
                    let _ =
                        sqlx::query(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                            .execute(&admin)
                            .await;
                    admin.close().await;
                }
            }
        }
    }
}

/// A server process started by a test, stopped when dropped.
pub struct SiblingProcess(std::process::Child);

impl Drop for SiblingProcess {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Declares `sqlite` and `postgres` tests that run `$body(backend)`.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name($crate::helpers::Backend::Sqlite).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$name($crate::helpers::Backend::Postgres).await;
            }
        }
    )*};
}

/// A row of `child_name_tokens`: token, birth date, sex, whether the surname, child, keys.
type NameToken = (
    String,
    chrono::NaiveDate,
    String,
    bool,
    i64,
    String,
    Option<String>,
    Option<String>,
);

/// The names table the duplicate check searches holds exactly the surname and the first name of
/// every child that is not retired, as the triggers keep it after whatever the test wrote.
pub async fn assert_name_tokens_mirror_children(db: &Database) {
    const EXPECTED: &str =
        "SELECT surname_norm, birth_date, sex, TRUE, id, exact_key, snils, certificate_key \
        FROM children WHERE retired_at IS NULL UNION ALL \
        SELECT given_name_norm, birth_date, sex, FALSE, id, exact_key, snils, certificate_key \
        FROM children WHERE retired_at IS NULL ORDER BY 5, 4";
    const ACTUAL: &str =
        "SELECT token, birth_date, sex, is_surname, child_id, exact_key, snils, certificate_key \
        FROM child_name_tokens ORDER BY child_id, is_surname";
    macro_rules! rows {
        ($pool:expr, $sql:expr) => {
            sqlx::query_as::<_, NameToken>($sql)
                .fetch_all($pool)
                .await
                .unwrap()
        };
    }
    let (expected, actual) = match db {
        Database::Sqlite(p) => (rows!(p, EXPECTED), rows!(p, ACTUAL)),
        Database::Postgres(p) => (rows!(p, EXPECTED), rows!(p, ACTUAL)),
    };
    assert!(!expected.is_empty(), "the test registered no child");
    assert_eq!(actual, expected);
}
