//! `spawn_app`: a server on a free port with a database of its own.
//!
//! PostgreSQL tests use `KRUZHOK_TEST_POSTGRES_URL` (default: the local server's `test` database)
//! to create one database per test. If that server is unreachable the harness reports the
//! PostgreSQL half of every test as ignored — unless `KRUZHOK_REQUIRE_POSTGRES=1`, as in CI, where
//! that is a failure.

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

pub fn postgres_admin_url() -> String {
    std::env::var("KRUZHOK_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned())
}

/// The address of database `name` on the server of [`postgres_admin_url`].
fn postgres_url_of(name: &str) -> String {
    let admin_url = postgres_admin_url();
    let base = admin_url
        .rsplit_once('/')
        .map_or(admin_url.as_str(), |(b, _)| b);
    format!("{base}/{name}")
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

/// A connection to the PostgreSQL server. The harness has already reported the PostgreSQL tests as
/// ignored when the server was unreachable at the start; one that goes away during the run fails
/// the tests that need it.
async fn postgres_admin() -> Option<sqlx::PgPool> {
    match sqlx::PgPool::connect(&postgres_admin_url()).await {
        Ok(pool) => Some(pool),
        Err(error) => panic!("PostgreSQL is unreachable: {error}"),
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
    spawn(backend, changes, None).await
}

/// A server on a database of its own: empty, or a copy of `template` (a SQLite file or a
/// PostgreSQL database).
async fn spawn(
    backend: Backend,
    changes: &[(&str, &str)],
    template: Option<&str>,
) -> Option<TestApp> {
    let suffix = unique_suffix();
    let (url, cleanup) = match backend {
        Backend::Sqlite => {
            let path = std::env::temp_dir().join(format!("{TEST_DB_PREFIX}{suffix}.db"));
            if let Some(template) = template {
                std::fs::copy(template, &path).expect("a copy of the seeded database");
            }
            (
                format!("sqlite://{}?mode=rwc", path.display()),
                Cleanup::SqliteFile(path),
            )
        }
        Backend::Postgres => {
            let admin = postgres_admin().await?;
            drop_stale_databases(&admin).await;
            let name = format!("{TEST_DB_PREFIX}{suffix}");
            let copy = template
                .map(|t| format!(" TEMPLATE \"{t}\""))
                .unwrap_or_default();
            sqlx::query(&format!("CREATE DATABASE \"{name}\"{copy}"))
                .execute(&admin)
                .await
                .expect("create the test database");
            admin.close().await;
            (
                postgres_url_of(&name),
                Cleanup::PostgresDatabase {
                    admin_url: postgres_admin_url(),
                    name,
                },
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
        figment = match (value.parse::<i64>(), value.parse::<bool>()) {
            (Ok(number), _) => figment.merge(Serialized::default(key, number)),
            (_, Ok(flag)) => figment.merge(Serialized::default(key, flag)),
            _ => figment.merge(Serialized::default(key, value)),
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
    let template = seeded_template(backend).await;
    spawn(backend, changes, Some(&template)).await
}

/// Removes SQLite templates that runs more than two hours ago left in the temporary folder.
fn remove_stale_templates() {
    let stale = |entry: &std::fs::DirEntry| {
        let name = entry.file_name().to_string_lossy().into_owned();
        name.starts_with(TEST_DB_PREFIX)
            && name.contains("_template_")
            && entry
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| t.elapsed().is_ok_and(|age| age.as_secs() > 7200))
    };
    for entry in std::fs::read_dir(std::env::temp_dir())
        .into_iter()
        .flatten()
        .flatten()
    {
        if stale(&entry) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// This process's seeded templates: a SQLite file's path, a PostgreSQL database's name.
static SQLITE_TEMPLATE: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
static POSTGRES_TEMPLATE: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();

/// Removes the templates this process made, once every test has run (a crashed run's are
/// removed by a later one, two hours on).
pub fn remove_templates() {
    if let Some(path) = SQLITE_TEMPLATE.get() {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{path}{suffix}"));
        }
    }
    if let Some(name) = POSTGRES_TEMPLATE.get() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        runtime.block_on(async {
            if let Some(admin) = postgres_admin().await {
                let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                    .execute(&admin)
                    .await;
                admin.close().await;
            }
        });
    }
}

/// A migrated database with the demo catalogue, made once per test process; each seeded test
/// starts from a copy of it instead of seeding anew (a copy takes a fraction of the seed's time).
async fn seeded_template(backend: Backend) -> String {
    let (cell, name) = match backend {
        Backend::Sqlite => (&SQLITE_TEMPLATE, "sqlite"),
        Backend::Postgres => (&POSTGRES_TEMPLATE, "postgres"),
    };
    cell.get_or_init(|| async move {
        let label = format!("{TEST_DB_PREFIX}{}_template_{name}", unique_suffix());
        let (url, made) = match backend {
            Backend::Sqlite => {
                remove_stale_templates();
                let path = std::env::temp_dir().join(format!("{label}.db"));
                let made = path.display().to_string();
                (format!("sqlite://{made}?mode=rwc"), made)
            }
            Backend::Postgres => {
                let admin = postgres_admin().await.expect("PostgreSQL");
                sqlx::query(&format!("CREATE DATABASE \"{label}\""))
                    .execute(&admin)
                    .await
                    .expect("create the template database");
                admin.close().await;
                (postgres_url_of(&label), label.clone())
            }
        };
        let db = Database::connect(&url, 1)
            .await
            .expect("the template database");
        db.migrate().await.expect("migrations");
        app::server::services::seed::run(&db, demo_day())
            .await
            .expect("seed");
        if let Database::Sqlite(pool) = &db {
            // Everything into the main file: the copy takes the file alone.
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(pool)
                .await
                .expect("a checkpoint");
        }
        db.close().await;
        made
    })
    .await
    .clone()
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

/// The password of every account `signed_in_account` makes (an administrator types it again to
/// grant a role).
pub const ACCOUNT_PASSWORD: &str = "пароль тестового аккаунта";

/// The hash of `ACCOUNT_PASSWORD`, worked out once per test process.
async fn account_password_hash() -> &'static str {
    static HASH: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    HASH.get_or_init(|| async {
        app::server::auth::passwords::hash_password(ACCOUNT_PASSWORD.to_owned())
            .await
            .expect("a hash")
    })
    .await
}

/// One number from `sql` with integer `binds`, on either backend.
pub async fn scalar(app: &TestApp, sql: &str, binds: &[i64]) -> i64 {
    macro_rules! run {
        ($pool:expr) => {{
            let mut q = sqlx::query_scalar(sql);
            for b in binds {
                q = q.bind(*b);
            }
            q.fetch_one($pool).await.unwrap()
        }};
    }
    match &app.db {
        Database::Sqlite(p) => run!(p),
        Database::Postgres(p) => run!(p),
    }
}

/// Runs `sql` with integer `binds`, on either backend: test set-up the API has no call for.
pub async fn execute(app: &TestApp, sql: &str, binds: &[i64]) {
    macro_rules! run {
        ($pool:expr) => {{
            let mut q = sqlx::query(sql);
            for b in binds {
                q = q.bind(*b);
            }
            q.execute($pool).await.unwrap();
        }};
    }
    match &app.db {
        Database::Sqlite(p) => run!(p),
        Database::Postgres(p) => run!(p),
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
        self.sibling_process_with(&[]).await
    }

    /// `sibling_process` with more `KRUZHOK_…` settings in its environment.
    pub async fn sibling_process_with(&self, env: &[(&str, &str)]) -> (String, SiblingProcess) {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_kruzhok"))
            .arg("serve")
            .env("KRUZHOK_DATABASE_URL", &self.database_url)
            .env("KRUZHOK_ADDRESS", format!("127.0.0.1:{port}"))
            .env("KRUZHOK_LOG", "warn")
            .envs(env.iter().copied())
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
        let (ok, stdout, stderr) = self.command_with(args, &[]);
        assert!(ok, "kruzhok {args:?}: {stdout}{stderr}");
        stdout
    }

    /// Runs a command of the `kruzhok` binary with more `KRUZHOK_…` settings in its environment,
    /// however it ends: whether it succeeded, its standard output and its error output.
    pub fn command_with(&self, args: &[&str], env: &[(&str, &str)]) -> (bool, String, String) {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_kruzhok"))
            .args(args)
            .env("KRUZHOK_DATABASE_URL", &self.database_url)
            .env("KRUZHOK_LOG", "warn")
            .envs(env.iter().copied())
            .output()
            .expect("the kruzhok binary runs");
        (
            output.status.success(),
            String::from_utf8(output.stdout).expect("UTF-8 output"),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
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
        let (client, _, home) = self
            .operator_account(n, role, organization, municipality, resolves_duplicates)
            .await;
        (client, home)
    }

    /// `in_role_with` that also gives the operator's account.
    pub async fn operator_account(
        &self,
        n: usize,
        role: &str,
        organization: Option<i64>,
        municipality: Option<i64>,
        resolves_duplicates: bool,
    ) -> (reqwest::Client, i64, String) {
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
        (client, account, home)
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
            password_hash: account_password_hash().await,
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
            chrono::Utc::now(),
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
pub struct SiblingProcess(pub std::process::Child);

impl Drop for SiblingProcess {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Declares the tests of a module for the harness (`harness.rs`): `pub fn tests()`, listed in
/// `main.rs`. Each name is an `async fn(Backend)` run on SQLite and on PostgreSQL; after `;`,
/// `smtp:` names `async fn()` tests that need the SMTP sink, and `sqlite:` names `async fn()` tests
/// that need nothing more.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)? $(; smtp: $($smtp:ident),* $(,)?)? $(; sqlite: $($plain:ident),* $(,)?)?) => {
        #[allow(clippy::vec_init_then_push)]
        pub fn tests() -> Vec<$crate::harness::Test> {
            let mut tests = Vec::new();
            $(tests.extend($crate::harness::on_both(module_path!(), stringify!($name), |backend| {
                Box::pin($name(backend))
            }));)*
            $($(tests.push($crate::harness::single(
                module_path!(),
                stringify!($smtp),
                $crate::harness::Needs::SmtpSink,
                || Box::pin($smtp()),
            ));)*)?
            $($(tests.push($crate::harness::single(
                module_path!(),
                stringify!($plain),
                $crate::harness::Needs::Nothing,
                || Box::pin($plain()),
            ));)*)?
            tests
        }
    };
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
