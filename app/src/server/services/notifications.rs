//! Notifications of a family: every application's change told in the cabinet and by e-mail with
//! its reason, the cabinet's list of them, and the unread count in the header.

use crate::contract::applications::Notification;
use crate::error::AppError;
use crate::server::auth::session::current_account_id;
use crate::server::db::applications::{self as db, Change};
use crate::server::db::{accounts, notifications};
use crate::server::mail::Letter;
use crate::server::state::moscow_time;
use crate::server::state::AppState;
use chrono::Utc;

/// The notification of one change: in the cabinet and by e-mail, always with its reason.
pub async fn notify(state: &AppState, changes: &[Change]) {
    for change in changes {
        if let Err(error) = notify_one(state, change).await {
            tracing::error!(
                ?error,
                application_id = change.application_id,
                "notification not recorded"
            );
        }
    }
}

async fn notify_one(state: &AppState, change: &Change) -> Result<(), AppError> {
    let Some(subject) = db::subject(&state.db, change.application_id).await? else {
        return Ok(());
    };
    let (title, body) = super::application_letters::compose(&subject, change);
    notifications::insert(
        &state.db,
        change.account_id,
        Some(change.application_id),
        &title,
        &body,
        Utc::now(),
    )
    .await?;
    if let Some(account) = accounts::find(&state.db, change.account_id).await? {
        let letter = Letter {
            to: account.email.clone(),
            subject: title,
            body: super::application_letters::letter_body(
                &body,
                &state.link("/cabinet"),
                &state.link("/help"),
            ),
        };
        super::accounts::deliver(state, account.id, &letter).await;
    }
    Ok(())
}

/// The cabinet's latest notifications, newest first; reading them marks them read.
pub async fn latest(state: &AppState) -> Result<Vec<Notification>, AppError> {
    let account_id = current_account_id(state)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let rows = notifications::latest(&state.db, account_id, 50).await?;
    if let Some(newest) = rows.first() {
        notifications::mark_read(&state.db, account_id, newest.id, Utc::now()).await?;
    }
    Ok(rows
        .into_iter()
        .map(|n| Notification {
            id: n.id,
            at: moscow_time(n.created_at),
            subject: n.subject,
            body: n.body,
            unread: n.read_at.is_none(),
        })
        .collect())
}

/// How many notifications the signed-in account has not read (0 for a visitor).
pub async fn unread(state: &AppState) -> Result<i64, AppError> {
    match current_account_id(state).await? {
        Some(account_id) => Ok(notifications::unread_count(&state.db, account_id).await?),
        None => Ok(0),
    }
}
