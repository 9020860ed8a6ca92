//! Telling a parent about a change to the family's data: a notification in the cabinet and the same
//! text by e-mail. A failure is logged, never undoes the change it reports.

use crate::error::AppError;
use crate::server::db::{accounts, notifications};
use crate::server::mail::Letter;
use crate::server::state::AppState;
use chrono::Utc;

/// Tells `account_id`; the letter links to `section` of the site (`/cabinet/requests`, …).
pub async fn tell(state: &AppState, account_id: i64, subject: &str, text: &str, section: &str) {
    let result = async {
        notifications::insert(&state.db, account_id, None, subject, text, Utc::now()).await?;
        if let Some(account) = accounts::find(&state.db, account_id).await? {
            let letter = Letter {
                to: account.email.clone(),
                subject: subject.to_owned(),
                body: format!(
                    "Здравствуйте!\n\n{text}\n\nПодробности — в личном кабинете: {}\n\n—\nКружок: запись детей на программы дополнительного образования г.о. Иваново.",
                    state.link(section)
                ),
            };
            super::accounts::deliver(state, account.id, &letter).await;
        }
        Ok::<_, AppError>(())
    }
    .await;
    if let Err(error) = result {
        tracing::error!(?error, account_id, "notification not recorded");
    }
}
