//! Applications to change a family's municipality (R5): an institution records the parent's written
//! application, with its scan if there is one; the regional operator approves or rejects it; МОЦ
//! sees them but does not decide.

use crate::contract::municipality_changes::{
    ChangeForm, ChangeList, ChangeOutcome, DecideForm, DecideOutcome,
};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[server(endpoint = "operator/municipality-changes/record")]
pub async fn record_municipality_change(
    #[server(flatten)] form: ChangeForm,
) -> Result<ChangeOutcome, AppError> {
    use crate::server::{services::municipality_changes, state::AppState};
    // The scan comes with a page's multipart post; a plain call of the function has none.
    let scan = crate::contract::upload::posted_file("change_document");
    crate::api::respond(
        async { municipality_changes::record(&AppState::current()?, form, scan).await }.await,
    )
}

#[server(endpoint = "operator/municipality-changes", input = GetUrl)]
pub async fn municipality_changes() -> Result<ChangeList, AppError> {
    use crate::server::{services::municipality_changes, state::AppState};
    crate::api::respond(async { municipality_changes::list(&AppState::current()?).await }.await)
}

#[server(endpoint = "operator/municipality-changes/decide")]
pub async fn decide_municipality_change(
    #[server(flatten)] form: DecideForm,
) -> Result<DecideOutcome, AppError> {
    use crate::server::{services::municipality_changes, state::AppState};
    crate::api::respond(
        async { municipality_changes::decide(&AppState::current()?, form).await }.await,
    )
}
