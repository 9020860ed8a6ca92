//! What both duplicate queues share — of children's records and of accounts (R6): who reviews
//! which pairs, the R6 text, and a «дубль» decision's cancellation of the duplicate's applications.

use super::roles::{acting, Acting};
use crate::domain::application::status::{Action, Actor};
use crate::domain::role::Role;
use crate::error::AppError;
use crate::server::db::duplicates::{self as db, Cancellable, Scope};
use crate::server::db::operator_applications;
use crate::server::state::AppState;

/// The acting operator's queue and whether it may resolve.
pub(super) async fn reviewer(state: &AppState) -> Result<(Acting, Scope, bool), AppError> {
    let acting = acting(state).await?.ok_or(AppError::Unauthorized)?;
    let (scope, resolves) = match &acting.role {
        Some((Role::InstitutionOperator, row)) => (
            Scope::Organization(row.organization_id.ok_or(AppError::Forbidden)?),
            row.resolves_duplicates,
        ),
        Some((Role::MocOperator, row)) => (
            Scope::Municipality(row.municipality_id.ok_or(AppError::Forbidden)?),
            row.resolves_duplicates,
        ),
        _ => return Err(AppError::Forbidden),
    };
    Ok((acting, scope, resolves))
}

/// What a «дубль» decision did to the duplicate's applications.
pub(super) struct Cancelled {
    cancelled: usize,
    /// Enrolments stay: the child attends the group, and only an operator may expel.
    enrolled: i64,
}

impl Cancelled {
    /// For the parent: a «Зачислен» application is not cancelled, and the parent is told so.
    pub(super) fn parent_note(&self) -> &'static str {
        if self.enrolled > 0 {
            " (зачисления остаются в силе)"
        } else {
            ""
        }
    }

    /// For the operator: what was cancelled, and the enrolments left to see to.
    pub(super) fn report(&self) -> String {
        let mut report = format!("отменено заявок: {}", self.cancelled);
        if self.enrolled > 0 {
            report.push_str(&format!(
                "; зачисления не отменяются, осталось: {} (отчислить можно в «Заявках»)",
                self.enrolled
            ));
        }
        report
    }
}

/// Cancels the applications of the duplicate a decision names and counts the enrolments left.
pub(super) async fn cancel_decided(
    state: &AppState,
    which: Cancellable,
    by_account_id: i64,
) -> Result<Cancelled, AppError> {
    let cancelled = cancel_duplicates(state, which, Some(by_account_id)).await?;
    let enrolled = db::enrolled(&state.db, which).await?;
    Ok(Cancelled {
        cancelled,
        enrolled,
    })
}

/// The R6 text from the dictionary, with the kept account masked in it.
pub(super) async fn r6_message(state: &AppState, masked: &str) -> Result<String, AppError> {
    let reasons = operator_applications::cancel_reasons(&state.db).await?;
    let reason = reasons
        .into_iter()
        .find(|r| r.code == "duplicate_account")
        .ok_or_else(|| {
            tracing::error!("the R6 cancel reason is missing from the dictionary");
            AppError::Internal
        })?;
    Ok(reason.message.replace("{account}", masked))
}

/// Cancels the applications of duplicates that can still be cancelled, each with its R6 text, and
/// tells the parents. Returns how many were cancelled.
pub async fn cancel_duplicates(
    state: &AppState,
    which: Cancellable,
    by_account_id: Option<i64>,
) -> Result<usize, AppError> {
    let mut cancelled = 0;
    for (id, message) in db::cancellable(&state.db, which).await? {
        match super::applications::run_move(
            state,
            id,
            Action::Cancel,
            Actor::Operator,
            by_account_id,
            Some(&message),
        )
        .await
        {
            Ok(changes) => {
                cancelled += 1;
                super::notifications::notify(state, &changes).await;
            }
            // The parent withdrew it, or another server cancelled it first.
            Err(AppError::Conflict(_) | AppError::NotFound) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(cancelled)
}
