//! What an operator's family look-up reads: accounts with their children and applications, and
//! the replacement of an account's e-mail.

use super::params::id_list;
use super::{on_pool, BeginWrite, Database, DbError};
use chrono::{DateTime, NaiveDate, Utc};

/// Accounts whose phone is `e164`.
pub async fn accounts_by_phone(db: &Database, e164: &str) -> Result<Vec<i64>, DbError> {
    on_pool!(db, pool => sqlx::query_scalar("SELECT id FROM accounts WHERE phone = $1")
        .bind(e164)
        .fetch_all(pool)
        .await
        .map_err(DbError::from_sqlx))
}

/// The accounts in whose cabinets the children are.
pub async fn guardians_of(db: &Database, child_ids: &[i64]) -> Result<Vec<i64>, DbError> {
    if child_ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT DISTINCT account_id FROM child_guardians WHERE child_id IN ({}) ORDER BY account_id",
        id_list(child_ids)
    );
    on_pool!(db, pool => sqlx::query_scalar(&sql)
        .fetch_all(pool)
        .await
        .map_err(DbError::from_sqlx))
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FamilyRow {
    pub id: i64,
    pub surname: String,
    pub given_name: String,
    pub patronymic: Option<String>,
    pub email: String,
    pub email_confirmed_at: Option<DateTime<Utc>>,
    pub phone: String,
    pub municipality: String,
    pub municipality_id: i64,
    /// The municipality a pending application would move the account to.
    pub moving_to: Option<String>,
}

pub async fn accounts(db: &Database, ids: &[i64]) -> Result<Vec<FamilyRow>, DbError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT a.id, a.surname, a.given_name, a.patronymic, a.email, a.email_confirmed_at, a.phone, \
         m.name AS municipality, a.municipality_id, \
         (SELECT t.name FROM municipality_changes c JOIN municipalities t ON t.id = c.to_municipality_id \
          WHERE c.account_id = a.id AND c.status = 'pending') AS moving_to \
         FROM accounts a JOIN municipalities m ON m.id = a.municipality_id \
         WHERE a.id IN ({}) ORDER BY a.id",
        id_list(ids)
    );
    on_pool!(db, pool => sqlx::query_as::<_, FamilyRow>(&sql)
        .fetch_all(pool)
        .await
        .map_err(DbError::from_sqlx))
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FamilyChildRow {
    pub account_id: i64,
    pub id: i64,
    pub surname: String,
    pub given_name: String,
    pub patronymic: Option<String>,
    pub birth_date: NaiveDate,
    pub confirmed_by: Option<String>,
    pub confirmed_at: Option<DateTime<Utc>>,
    pub flagged: bool,
}

/// The children in the accounts' cabinets, retired ones left out.
pub async fn children_of(
    db: &Database,
    account_ids: &[i64],
) -> Result<Vec<FamilyChildRow>, DbError> {
    if account_ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT g.account_id, c.id, c.surname, c.given_name, c.patronymic, c.birth_date, \
         o.short_name AS confirmed_by, c.confirmed_at, \
         EXISTS (SELECT 1 FROM duplicate_flags f WHERE f.child_id = c.id AND f.resolved_at IS NULL) AS flagged \
         FROM child_guardians g JOIN children c ON c.id = g.child_id \
         LEFT JOIN organizations o ON o.id = c.confirmed_by_organization_id \
         WHERE g.account_id IN ({}) AND c.retired_at IS NULL ORDER BY g.account_id, c.birth_date, c.id",
        id_list(account_ids)
    );
    on_pool!(db, pool => sqlx::query_as::<_, FamilyChildRow>(&sql)
        .fetch_all(pool)
        .await
        .map_err(DbError::from_sqlx))
}

/// `(child, program title, status code)` of the children's applications, newest first.
pub async fn applications_of(
    db: &Database,
    child_ids: &[i64],
) -> Result<Vec<(i64, String, String)>, DbError> {
    if child_ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT a.child_id, p.title, a.status FROM applications a JOIN programs p ON p.id = a.program_id \
         WHERE a.child_id IN ({}) ORDER BY a.id DESC",
        id_list(child_ids)
    );
    on_pool!(db, pool => sqlx::query_as(&sql)
        .fetch_all(pool)
        .await
        .map_err(DbError::from_sqlx))
}

/// Gives the account a new, unconfirmed e-mail, ends its sessions and stores the confirmation
/// token, in one transaction; `Ok(false)` when another account has that e-mail.
pub async fn replace_email(
    db: &Database,
    account_id: i64,
    email: &str,
    canonical: &str,
    token_hash: &str,
    token_expires: DateTime<Utc>,
) -> Result<bool, DbError> {
    on_pool!(db, pool => async {
        let mut tx = pool.begin_write().await.map_err(DbError::from_sqlx)?;
        let updated = sqlx::query(
            "UPDATE accounts SET email = $1, email_canonical = $2, email_confirmed_at = NULL, \
             email_undeliverable_at = NULL WHERE id = $3",
        )
        .bind(email)
        .bind(canonical)
        .bind(account_id)
        .execute(&mut *tx)
        .await
        .map_err(DbError::from_sqlx);
        match updated {
            Ok(r) if r.rows_affected() == 1 => {}
            Ok(_) => return Err(DbError::Other(sqlx::Error::RowNotFound)),
            Err(DbError::UniqueViolation) => return Ok(false),
            Err(other) => return Err(other),
        }
        sqlx::query("DELETE FROM sessions WHERE account_id = $1")
            .bind(account_id)
            .execute(&mut *tx)
            .await
            .map_err(DbError::from_sqlx)?;
        // Links sent to the old address (a reset, a confirmation) must not work for the new one.
        sqlx::query(
            "UPDATE email_tokens SET used_at = $2, updated_at = $2 WHERE account_id = $1 AND used_at IS NULL",
        )
        .bind(account_id)
        .bind(chrono::Utc::now())
        .execute(&mut *tx)
        .await
        .map_err(DbError::from_sqlx)?;
        sqlx::query(
            "INSERT INTO email_tokens (account_id, purpose, token_hash, expires_at) \
             VALUES ($1, 'confirm_email', $2, $3)",
        )
        .bind(account_id)
        .bind(token_hash)
        .bind(token_expires)
        .execute(&mut *tx)
        .await
        .map_err(DbError::from_sqlx)?;
        tx.commit().await.map_err(DbError::from_sqlx)?;
        Ok(true)
    }
    .await)
}

/// Records that `organization` has seen the child's documents; `false` for no such child.
pub async fn confirm_child(
    db: &Database,
    child_id: i64,
    organization_id: i64,
    at: DateTime<Utc>,
) -> Result<bool, DbError> {
    on_pool!(db, pool => sqlx::query(
        "UPDATE children SET confirmed_by_organization_id = $1, confirmed_at = $2 \
         WHERE id = $3 AND retired_at IS NULL",
    )
    .bind(organization_id)
    .bind(at)
    .bind(child_id)
    .execute(pool)
    .await
    .map(|r| r.rows_affected() == 1)
    .map_err(DbError::from_sqlx))
}

/// Links an account to a child as a second guardian; `false` when the child is retired or not
/// there, or the account already holds it.
pub async fn link_guardian(db: &Database, child_id: i64, account_id: i64) -> Result<bool, DbError> {
    on_pool!(db, pool => sqlx::query(
        "INSERT INTO child_guardians (child_id, account_id, relation) \
         SELECT id, $2, 'parent' FROM children WHERE id = $1 AND retired_at IS NULL \
         AND NOT EXISTS (SELECT 1 FROM child_guardians WHERE child_id = $1 AND account_id = $2)",
    )
    .bind(child_id)
    .bind(account_id)
    .execute(pool)
    .await
    .map(|r| r.rows_affected() == 1)
    .map_err(DbError::from_sqlx))
}
