use super::Backend;
use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use std::str::FromStr;
use std::time::Duration;

/// How durable each commit is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Durability {
    /// A commit is on disk before it is answered: what the site runs with.
    EveryCommit,
    /// A commit is answered before it reaches the disk (PostgreSQL's `synchronous_commit = off`,
    /// SQLite's `synchronous = NORMAL` in WAL mode): a crash may lose the last commits, never
    /// half of one. For a file's import, which a second run completes — what is already in is
    /// refused as an exact duplicate — and which otherwise spends most of its time waiting for
    /// the disk twice a row.
    Batch,
}

/// A pool on one of the two backends. Cloning shares the pool.
#[derive(Clone, Debug)]
pub enum Database {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

impl Database {
    /// Opens `url`: `postgres://…` selects PostgreSQL, anything else is a SQLite file created on
    /// first use (WAL, foreign keys on).
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self, sqlx::Error> {
        Self::connect_with(url, max_connections, Durability::EveryCommit).await
    }

    /// Opens `url` as `connect` does, each commit as durable as `durability` asks.
    pub async fn connect_with(
        url: &str,
        max_connections: u32,
        durability: Durability,
    ) -> Result<Self, sqlx::Error> {
        let relaxed = durability == Durability::Batch;
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let pool = PgPoolOptions::new()
                .max_connections(max_connections)
                .acquire_timeout(Duration::from_secs(10))
                .after_connect(move |conn, _| {
                    Box::pin(async move {
                        if relaxed {
                            sqlx::query("SET synchronous_commit = off")
                                .execute(conn)
                                .await?;
                        }
                        Ok(())
                    })
                })
                .connect(url)
                .await?;
            return Ok(Database::Postgres(pool));
        }
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(if relaxed {
                SqliteSynchronous::Normal
            } else {
                SqliteSynchronous::Full
            })
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10))
            // Reads map the file instead of copying pages through read(2): the duplicate check's
            // index probes cost a memory access each. SQLite caps the map at its build's limit
            // (2 GiB on 64-bit Linux); a register of a million children is about 0.8 GB, and a
            // smaller map left the probes beyond it copying pages again. The map takes address
            // space, not memory: its pages are the kernel's file cache.
            .pragma("mmap_size", "2147418112");
        if let Some(dir) = options.get_filename().parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir)?;
            }
        }
        let pool = SqlitePoolOptions::new()
            .max_connections(max_connections)
            .connect_with(options)
            .await?;
        Ok(Database::Sqlite(pool))
    }

    pub fn backend(&self) -> Backend {
        match self {
            Database::Sqlite(_) => Backend::Sqlite,
            Database::Postgres(_) => Backend::Postgres,
        }
    }

    /// Applies the backend's migrations; both folders hold the same file names.
    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        match self {
            Database::Sqlite(pool) => sqlx::migrate!("../migrations/sqlite").run(pool).await,
            Database::Postgres(pool) => sqlx::migrate!("../migrations/postgres").run(pool).await,
        }
    }

    /// A round trip to the database, for health checks.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        super::on_pool!(self, pool => sqlx::query("SELECT 1").execute(pool).await.map(|_| ()))
    }

    pub async fn close(&self) {
        super::on_pool!(self, pool => pool.close().await)
    }
}
