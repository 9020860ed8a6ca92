//! Help and escalation: the МОЦ hotline card, the institutions to contact, requests
//! (обращения) from parents and the operators' inboxes, and the hotline's hours for
//! administrators.

use crate::contract::help::{
    ContactsAnswer, HotlineCard, HotlineForm, HotlineOutcome, HotlineSetup, Inbox,
    NewRequestChoices, RequestCard, RequestForm, RequestMoveForm, RequestMoveOutcome, SendOutcome,
};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[server(endpoint = "help/hotline", input = GetUrl)]
pub async fn hotline() -> Result<HotlineCard, AppError> {
    use crate::server::{services::help, state::AppState};
    crate::api::respond(async { help::hotline_card(&AppState::current()?).await }.await)
}

#[server(endpoint = "help/contacts", input = GetUrl)]
pub async fn help_contacts(q: Option<String>) -> Result<ContactsAnswer, AppError> {
    use crate::server::{services::help, state::AppState};
    crate::api::respond(
        async { help::contacts(&AppState::current()?, q.as_deref().unwrap_or("")).await }.await,
    )
}

#[server(endpoint = "help/requests/choices", input = GetUrl)]
pub async fn request_choices() -> Result<NewRequestChoices, AppError> {
    use crate::server::{services::help_requests, state::AppState};
    crate::api::respond(async { help_requests::choices(&AppState::current()?).await }.await)
}

#[server(endpoint = "help/requests/send")]
pub async fn send_request(#[server(flatten)] form: RequestForm) -> Result<SendOutcome, AppError> {
    use crate::server::{services::help_requests, state::AppState};
    crate::api::respond(async { help_requests::send(&AppState::current()?, form).await }.await)
}

#[server(endpoint = "help/requests/mine", input = GetUrl)]
pub async fn my_requests() -> Result<Vec<RequestCard>, AppError> {
    use crate::server::{services::help_requests, state::AppState};
    crate::api::respond(async { help_requests::mine(&AppState::current()?).await }.await)
}

#[server(endpoint = "help/requests/move")]
pub async fn move_request(
    #[server(flatten)] form: RequestMoveForm,
) -> Result<RequestMoveOutcome, AppError> {
    use crate::server::{services::help_requests, state::AppState};
    crate::api::respond(async { help_requests::act(&AppState::current()?, form).await }.await)
}

#[server(endpoint = "help/inbox", input = GetUrl)]
pub async fn request_inbox(status: Option<String>) -> Result<Inbox, AppError> {
    use crate::server::{services::help_requests, state::AppState};
    crate::api::respond(
        async {
            help_requests::inbox(&AppState::current()?, status.as_deref().unwrap_or("")).await
        }
        .await,
    )
}

#[server(endpoint = "admin/hotline", input = GetUrl)]
pub async fn hotline_settings() -> Result<HotlineSetup, AppError> {
    use crate::server::{services::help, state::AppState};
    crate::api::respond(async { help::settings(&AppState::current()?).await }.await)
}

#[server(endpoint = "admin/hotline/save")]
pub async fn save_hotline(
    #[server(flatten)] form: HotlineForm,
) -> Result<HotlineOutcome, AppError> {
    use crate::server::{services::help, state::AppState};
    crate::api::respond(async { help::save(&AppState::current()?, form).await }.await)
}
