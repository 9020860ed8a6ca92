//! Database failures as the services see them: a uniqueness conflict (which services turn into a
//! message) or anything else (logged with its cause and shown to users as `AppError::Internal`).

use crate::error::AppError;

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("unique constraint violated")]
    UniqueViolation,
    #[error("check constraint violated")]
    CheckViolation,
    /// What the change was for closed meanwhile (a study group, say).
    #[error("closed meanwhile")]
    Gone,
    #[error(transparent)]
    Other(sqlx::Error),
}

impl DbError {
    pub fn from_sqlx(error: sqlx::Error) -> Self {
        match &error {
            sqlx::Error::Database(db) if db.is_unique_violation() => DbError::UniqueViolation,
            sqlx::Error::Database(db) if db.is_check_violation() => DbError::CheckViolation,
            _ => DbError::Other(error),
        }
    }
}

impl From<sqlx::Error> for DbError {
    fn from(error: sqlx::Error) -> Self {
        DbError::from_sqlx(error)
    }
}

impl From<DbError> for AppError {
    fn from(error: DbError) -> Self {
        tracing::error!(error = ?error, "database error");
        AppError::Internal
    }
}
