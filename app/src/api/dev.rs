//! Development helpers: the outbox of letters. Answers only while letters go to the outbox (never
//! with SMTP configured, so never in production).

use crate::contract::dev::OutboxLetter;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The newest letters first, to `to` when given.
#[server(endpoint = "dev/outbox", input = GetUrl)]
pub async fn outbox(#[server(default)] to: Option<String>) -> Result<Vec<OutboxLetter>, AppError> {
    use crate::server::{db::outbox, state::AppState};
    crate::api::respond(
        async {
            let state = AppState::current()?;
            if !state.mailer.is_outbox() {
                return Err(AppError::NotFound);
            }
            let rows = outbox::list(&state.db, to.as_deref().filter(|t| !t.is_empty()), 50).await?;
            Ok(rows
                .into_iter()
                .map(|r| OutboxLetter {
                    id: r.id,
                    recipient: r.recipient,
                    subject: r.subject,
                    body: r.body,
                })
                .collect())
        }
        .await,
    )
}
