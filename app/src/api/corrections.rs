//! Corrections of a child's data (R4): the parent asks an institution from the cabinet instead of
//! entering the child again; the institution's operator corrects the data after seeing the
//! documents, directly or from the request, and the duplicate rules run again on the new data.

use crate::contract::corrections::{
    CorrectionCard, CorrectionDraft, CorrectionForm, CorrectionOutcome, CorrectionStart, RejectForm,
};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[server(endpoint = "corrections/start", input = GetUrl)]
pub async fn correction_to_request(child: String) -> Result<CorrectionStart, AppError> {
    use crate::server::{services::corrections, state::AppState};
    crate::api::respond(async { corrections::start(&AppState::current()?, &child).await }.await)
}

#[server(endpoint = "corrections/request")]
pub async fn request_correction(
    #[server(flatten)] form: CorrectionForm,
) -> Result<CorrectionOutcome, AppError> {
    use crate::server::{services::corrections, state::AppState};
    crate::api::respond(async { corrections::request(&AppState::current()?, form).await }.await)
}

#[server(endpoint = "operator/corrections", input = GetUrl)]
pub async fn correction_inbox() -> Result<Vec<CorrectionCard>, AppError> {
    use crate::server::{services::corrections, state::AppState};
    crate::api::respond(async { corrections::inbox(&AppState::current()?).await }.await)
}

#[server(endpoint = "operator/corrections/draft", input = GetUrl)]
pub async fn correction_to_make(
    child: Option<String>,
    request: Option<String>,
) -> Result<CorrectionDraft, AppError> {
    use crate::server::{services::corrections, state::AppState};
    crate::api::respond(
        async {
            corrections::draft(
                &AppState::current()?,
                child.as_deref().unwrap_or_default(),
                request.as_deref().unwrap_or_default(),
            )
            .await
        }
        .await,
    )
}

#[server(endpoint = "operator/corrections/apply")]
pub async fn correct_child(
    #[server(flatten)] form: CorrectionForm,
) -> Result<CorrectionOutcome, AppError> {
    use crate::server::{services::corrections, state::AppState};
    crate::api::respond(async { corrections::correct(&AppState::current()?, form).await }.await)
}

#[server(endpoint = "operator/corrections/reject")]
pub async fn reject_correction(
    #[server(flatten)] form: RejectForm,
) -> Result<CorrectionOutcome, AppError> {
    use crate::server::{services::corrections, state::AppState};
    crate::api::respond(async { corrections::reject(&AppState::current()?, form).await }.await)
}
