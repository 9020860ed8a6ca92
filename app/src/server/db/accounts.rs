//! Accounts of parents and teenagers.

use super::{on_pool, BeginWrite, Database, DbError};
use chrono::{DateTime, Utc};

/// A new account; `password_hash` is argon2id.
pub struct NewAccount<'a> {
    pub kind: &'a str,
    pub surname: &'a str,
    pub given_name: &'a str,
    pub patronymic: Option<&'a str>,
    pub phone: &'a str,
    pub email: &'a str,
    pub email_canonical: &'a str,
    pub password_hash: &'a str,
    pub municipality_id: i64,
    pub pd_consent_at: DateTime<Utc>,
}

#[derive(Debug, sqlx::FromRow)]
pub struct AccountRow {
    pub id: i64,
    pub kind: String,
    pub surname: String,
    pub given_name: String,
    pub patronymic: Option<String>,
    pub phone: String,
    pub email: String,
    pub password_hash: String,
    pub municipality_id: i64,
    pub email_confirmed_at: Option<DateTime<Utc>>,
    /// The account this one was found to duplicate (R6): no application is accepted from it.
    pub duplicate_of_account_id: Option<i64>,
}

const COLUMNS: &str = "id, kind, surname, given_name, patronymic, phone, email, password_hash, \
                       municipality_id, email_confirmed_at, duplicate_of_account_id";

/// Which unique key a new account collided with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Taken {
    Email,
    Phone,
}

/// Whether the e-mail or the phone already has an account (the e-mail is checked first).
pub async fn taken(
    db: &Database,
    email_canonical: &str,
    phone: &str,
) -> Result<Option<Taken>, DbError> {
    let (email, phone): (i64, i64) = on_pool!(db, pool => sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM accounts WHERE email_canonical = $1), \
                (SELECT COUNT(*) FROM accounts WHERE phone = $2)",
    )
    .bind(email_canonical)
    .bind(phone)
    .fetch_one(pool)
    .await
    .map_err(DbError::from_sqlx))?;
    Ok(if email > 0 {
        Some(Taken::Email)
    } else if phone > 0 {
        Some(Taken::Phone)
    } else {
        None
    })
}

/// Inserts the account and its e-mail confirmation token in one transaction. A unique-key
/// collision (a concurrent registration) comes back as `Err(Ok(Taken))`.
pub async fn insert_with_token(
    db: &Database,
    account: &NewAccount<'_>,
    token_hash: &str,
    token_expires: DateTime<Utc>,
) -> Result<Result<i64, Taken>, DbError> {
    on_pool!(db, pool => async {
        let mut tx = pool.begin_write().await.map_err(DbError::from_sqlx)?;
        let inserted: Result<i64, sqlx::Error> = sqlx::query_scalar(
            "INSERT INTO accounts (kind, surname, given_name, patronymic, phone, email, \
             email_canonical, password_hash, municipality_id, pd_consent_at, name_key) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
        )
        .bind(account.kind)
        .bind(account.surname)
        .bind(account.given_name)
        .bind(account.patronymic)
        .bind(account.phone)
        .bind(account.email)
        .bind(account.email_canonical)
        .bind(account.password_hash)
        .bind(account.municipality_id)
        .bind(account.pd_consent_at)
        .bind(name_key(account.surname, account.given_name))
        .fetch_one(&mut *tx)
        .await;
        let id = match inserted.map_err(DbError::from_sqlx) {
            Ok(id) => id,
            Err(DbError::UniqueViolation) => {
                tx.rollback().await.map_err(DbError::from_sqlx)?;
                let which = taken(db, account.email_canonical, account.phone).await?;
                return Ok(Err(which.unwrap_or(Taken::Email)));
            }
            Err(other) => return Err(other),
        };
        sqlx::query(
            "INSERT INTO email_tokens (account_id, purpose, token_hash, expires_at) \
             VALUES ($1, 'confirm_email', $2, $3)",
        )
        .bind(id)
        .bind(token_hash)
        .bind(token_expires)
        .execute(&mut *tx)
        .await
        .map_err(DbError::from_sqlx)?;
        tx.commit().await.map_err(DbError::from_sqlx)?;
        Ok(Ok(id))
    }
    .await)
}

pub async fn find_by_email(
    db: &Database,
    email_canonical: &str,
) -> Result<Option<AccountRow>, DbError> {
    let sql = format!("SELECT {COLUMNS} FROM accounts WHERE email_canonical = $1");
    on_pool!(db, pool => sqlx::query_as::<_, AccountRow>(&sql)
        .bind(email_canonical)
        .fetch_optional(pool)
        .await
        .map_err(DbError::from_sqlx))
}

pub async fn find(db: &Database, id: i64) -> Result<Option<AccountRow>, DbError> {
    let sql = format!("SELECT {COLUMNS} FROM accounts WHERE id = $1");
    on_pool!(db, pool => sqlx::query_as::<_, AccountRow>(&sql)
        .bind(id)
        .fetch_optional(pool)
        .await
        .map_err(DbError::from_sqlx))
}

pub async fn confirm_email(db: &Database, id: i64, at: DateTime<Utc>) -> Result<(), DbError> {
    on_pool!(db, pool => sqlx::query(
        "UPDATE accounts SET email_confirmed_at = COALESCE(email_confirmed_at, $2), \
         email_undeliverable_at = NULL, updated_at = $2 WHERE id = $1",
    )
    .bind(id)
    .bind(at)
    .execute(pool)
    .await
    .map(|_| ())
    .map_err(DbError::from_sqlx))
}

/// Replaces the password, ends every session of the account but `keep` (the hash of the session
/// that changed it, if any) and every unused reset link, in one transaction.
pub async fn set_password(
    db: &Database,
    id: i64,
    password_hash: &str,
    at: DateTime<Utc>,
    keep: Option<&str>,
) -> Result<(), DbError> {
    on_pool!(db, pool => async {
        let mut tx = pool.begin_write().await?;
        sqlx::query("UPDATE accounts SET password_hash = $2, updated_at = $3 WHERE id = $1")
            .bind(id)
            .bind(password_hash)
            .bind(at)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM sessions WHERE account_id = $1 AND token_hash <> $2")
            .bind(id)
            .bind(keep.unwrap_or_default())
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "UPDATE email_tokens SET used_at = $2, updated_at = $2 \
             WHERE account_id = $1 AND purpose = 'reset_password' AND used_at IS NULL",
        )
        .bind(id)
        .bind(at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await
    }
    .await
    .map_err(DbError::from_sqlx))
}

/// Records that letters to the account's address do not arrive, for operators to see (SPEC 4.6).
pub async fn mark_undeliverable(db: &Database, id: i64, at: DateTime<Utc>) -> Result<(), DbError> {
    on_pool!(db, pool => sqlx::query("UPDATE accounts SET email_undeliverable_at = $2, updated_at = $2 WHERE id = $1")
        .bind(id)
        .bind(at)
        .execute(pool)
        .await
        .map(|_| ())
        .map_err(DbError::from_sqlx))
}

/// The parent's surname and name as a look-up by name finds them.
pub fn name_key(surname: &str, given_name: &str) -> String {
    use crate::domain::identity::normalize::normalize_name;
    format!("{}|{}", normalize_name(surname), normalize_name(given_name))
}

/// Accounts whose name key is not worked out yet (registered before it existed).
pub async fn without_name_key(
    db: &Database,
    limit: i64,
) -> Result<Vec<(i64, String, String)>, DbError> {
    on_pool!(db, pool => sqlx::query_as(
        "SELECT id, surname, given_name FROM accounts WHERE name_key IS NULL ORDER BY id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(pool)
    .await
    .map_err(DbError::from_sqlx))
}

pub async fn set_name_key(db: &Database, id: i64, key: &str) -> Result<(), DbError> {
    on_pool!(db, pool => sqlx::query("UPDATE accounts SET name_key = $1 WHERE id = $2")
        .bind(key)
        .bind(id)
        .execute(pool)
        .await
        .map(|_| ())
        .map_err(DbError::from_sqlx))
}

/// Accounts of a parent's surname and name (normalised), at most `limit`.
pub async fn by_name_key(db: &Database, key: &str, limit: i64) -> Result<Vec<i64>, DbError> {
    on_pool!(db, pool => sqlx::query_scalar(
        "SELECT id FROM accounts WHERE name_key = $1 ORDER BY id LIMIT $2",
    )
    .bind(key)
    .bind(limit)
    .fetch_all(pool)
    .await
    .map_err(DbError::from_sqlx))
}
