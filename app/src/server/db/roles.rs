//! Roles of accounts and the role a session acts in.

use super::{on_pool, BeginWrite, Database, DbError};

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct RoleRow {
    pub id: i64,
    pub account_id: i64,
    pub role: String,
    pub organization_id: Option<i64>,
    pub organization_name: Option<String>,
    pub municipality_id: Option<i64>,
    pub municipality_name: Option<String>,
    /// May resolve pairs of the duplicate queue (R6).
    pub resolves_duplicates: bool,
    /// Where the role serves families: МОЦ's municipality, or the institution's.
    pub home_municipality_id: Option<i64>,
}

const COLUMNS: &str =
    "r.id, r.account_id, r.role, r.organization_id, o.short_name AS organization_name, \
    r.municipality_id, m.name AS municipality_name, r.resolves_duplicates, \
    COALESCE(r.municipality_id, o.municipality_id) AS home_municipality_id";
const JOINS: &str = "FROM account_roles r LEFT JOIN organizations o ON o.id = r.organization_id \
    LEFT JOIN municipalities m ON m.id = r.municipality_id";

pub async fn of_account(db: &Database, account_id: i64) -> Result<Vec<RoleRow>, DbError> {
    let sql = format!("SELECT {COLUMNS} {JOINS} WHERE r.account_id = $1 ORDER BY r.id");
    on_pool!(db, pool => sqlx::query_as::<_, RoleRow>(&sql)
        .bind(account_id)
        .fetch_all(pool)
        .await
        .map_err(DbError::from_sqlx))
}

/// A role of an account, by its id.
pub async fn one(db: &Database, role_id: i64, account_id: i64) -> Result<Option<RoleRow>, DbError> {
    let sql = format!("SELECT {COLUMNS} {JOINS} WHERE r.id = $1 AND r.account_id = $2");
    on_pool!(db, pool => sqlx::query_as::<_, RoleRow>(&sql)
        .bind(role_id)
        .bind(account_id)
        .fetch_optional(pool)
        .await
        .map_err(DbError::from_sqlx))
}

/// Makes the session act in `role_id` (`None`: as a parent).
pub async fn set_active(
    db: &Database,
    token_hash: &str,
    role_id: Option<i64>,
) -> Result<(), DbError> {
    on_pool!(db, pool => sqlx::query("UPDATE sessions SET active_role_id = $1 WHERE token_hash = $2")
        .bind(role_id)
        .bind(token_hash)
        .execute(pool)
        .await
        .map(|_| ())
        .map_err(DbError::from_sqlx))
}

/// Gives an account a role; giving it again only sets the permission to resolve duplicates.
pub async fn grant(
    db: &Database,
    account_id: i64,
    role: &str,
    organization_id: Option<i64>,
    municipality_id: Option<i64>,
    resolves_duplicates: bool,
) -> Result<(), DbError> {
    on_pool!(db, pool => sqlx::query(
        "INSERT INTO account_roles (account_id, role, organization_id, municipality_id, resolves_duplicates) \
         VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (account_id, role, COALESCE(organization_id, 0), COALESCE(municipality_id, 0)) \
         DO UPDATE SET resolves_duplicates = excluded.resolves_duplicates",
    )
    .bind(account_id)
    .bind(role)
    .bind(organization_id)
    .bind(municipality_id)
    .bind(resolves_duplicates)
    .execute(pool)
    .await
    .map(|_| ())
    .map_err(DbError::from_sqlx))
}

/// The municipality an operator's account belongs to: its organization's, or the first one.
pub async fn home_municipality(
    db: &Database,
    organization_id: Option<i64>,
) -> Result<i64, DbError> {
    on_pool!(db, pool => sqlx::query_scalar(
        "SELECT COALESCE((SELECT municipality_id FROM organizations WHERE id = $1), \
         (SELECT id FROM municipalities ORDER BY sort_order LIMIT 1))",
    )
    .bind(organization_id)
    .fetch_one(pool)
    .await
    .map_err(DbError::from_sqlx))
}

/// The first organizations by id, for the demo operators.
pub async fn first_organizations(db: &Database, n: i64) -> Result<Vec<(i64, String)>, DbError> {
    on_pool!(db, pool => sqlx::query_as("SELECT id, short_name FROM organizations ORDER BY id LIMIT $1")
        .bind(n)
        .fetch_all(pool)
        .await
        .map_err(DbError::from_sqlx))
}

/// A role with the account that holds it, for the administrators' list.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct HolderRow {
    pub id: i64,
    pub account_id: i64,
    pub email: String,
    pub surname: String,
    pub given_name: String,
    pub role: String,
    pub organization_name: Option<String>,
    pub municipality_name: Option<String>,
    pub resolves_duplicates: bool,
}

/// Every role given, by account.
pub async fn holders(db: &Database) -> Result<Vec<HolderRow>, DbError> {
    on_pool!(db, pool => sqlx::query_as::<_, HolderRow>(
        "SELECT r.id, r.account_id, a.email, a.surname, a.given_name, r.role, \
         o.short_name AS organization_name, m.name AS municipality_name, r.resolves_duplicates \
         FROM account_roles r JOIN accounts a ON a.id = r.account_id \
         LEFT JOIN organizations o ON o.id = r.organization_id \
         LEFT JOIN municipalities m ON m.id = r.municipality_id ORDER BY a.email, r.id",
    )
    .fetch_all(pool)
    .await
    .map_err(DbError::from_sqlx))
}

/// The account that holds a role.
pub async fn account_of_role(db: &Database, role_id: i64) -> Result<Option<i64>, DbError> {
    on_pool!(db, pool => sqlx::query_scalar("SELECT account_id FROM account_roles WHERE id = $1")
        .bind(role_id)
        .fetch_optional(pool)
        .await
        .map_err(DbError::from_sqlx))
}

/// Takes a role away; sessions acting in it fall back to the parent's cabinet. The account of the
/// role, or `None` when there was no such role.
pub async fn revoke(db: &Database, role_id: i64) -> Result<Option<i64>, DbError> {
    on_pool!(db, pool => async {
        let mut tx = pool.begin_write().await?;
        let account: Option<i64> = sqlx::query_scalar("SELECT account_id FROM account_roles WHERE id = $1")
            .bind(role_id)
            .fetch_optional(&mut *tx)
            .await?;
        if account.is_some() {
            sqlx::query("UPDATE sessions SET active_role_id = NULL WHERE active_role_id = $1")
                .bind(role_id)
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM account_roles WHERE id = $1")
                .bind(role_id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok::<_, sqlx::Error>(account)
    }
    .await
    .map_err(DbError::from_sqlx))
}
