//! The one database interface of Kruzhok over SQLite and PostgreSQL. All SQL lives below this module.
//!
//! Queries are written once with `$n` placeholders (SQLite accepts them) and run on whichever pool
//! the `DATABASE_URL` chose; `on_pool!` type-checks each body against both drivers.

pub mod account_duplicates;
pub mod accounts;
pub mod applications;
pub mod audit;
pub mod catalog;
pub mod child_candidates;
pub mod children;
mod connect;
pub mod corrections;
pub mod duplicates;
pub mod email_tokens;
mod error;
pub mod families;
pub mod help;
pub mod municipalities;
pub mod municipality_changes;
pub mod notifications;
pub mod operator_applications;
pub mod outbox;
pub mod params;
pub mod plans;
pub mod programs;
pub mod rate_limits;
pub mod roles;
pub mod scope;
pub mod secrets;
pub mod seed;
pub mod seed_data;
pub mod sessions;
pub mod study_groups;

pub use connect::{Database, Durability};
pub use error::DbError;

/// Runs `$body` with `$pool` bound to the concrete pool of `$db`.
macro_rules! on_pool {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::server::db::Database::Sqlite($pool) => $body,
            $crate::server::db::Database::Postgres($pool) => $body,
        }
    };
}
pub(crate) use on_pool;

/// Starts a write transaction: `BEGIN IMMEDIATE` on SQLite, so that a transaction that reads
/// before it writes waits for the lock instead of failing; a plain `BEGIN` on PostgreSQL.
pub trait BeginWrite {
    type Db: sqlx::Database;
    fn begin_write(
        &self,
    ) -> impl std::future::Future<Output = Result<sqlx::Transaction<'static, Self::Db>, sqlx::Error>>
           + Send;
}

impl BeginWrite for sqlx::SqlitePool {
    type Db = sqlx::Sqlite;
    async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>, sqlx::Error> {
        self.begin_with("BEGIN IMMEDIATE").await
    }
}

impl BeginWrite for sqlx::PgPool {
    type Db = sqlx::Postgres;
    async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Postgres>, sqlx::Error> {
        self.begin().await
    }
}

/// Which SQL dialect a pool speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}
