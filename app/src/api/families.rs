//! The operators' family look-up (R1, R3): find a family by a child or by the parent's phone, read
//! the account's e-mail in full, and replace the e-mail after checking identity in person.

use crate::contract::families::{
    ConfirmChildForm, FamilyAnswer, FamilyQuery, LinkGuardianForm, LinkGuardianOutcome,
    ReplaceEmailForm, ReplaceEmailOutcome,
};
use crate::error::AppError;
use leptos::prelude::*;

/// A POST, like every look-up: a child's name and birth date never travel in an address.
#[server(endpoint = "operator/families")]
pub async fn find_families(
    #[server(flatten)] query: FamilyQuery,
) -> Result<FamilyAnswer, AppError> {
    use crate::server::{services::families, state::AppState};
    crate::api::respond(async { families::find(&AppState::current()?, query).await }.await)
}

#[server(endpoint = "operator/families/replace-email")]
pub async fn replace_email(
    #[server(flatten)] form: ReplaceEmailForm,
) -> Result<ReplaceEmailOutcome, AppError> {
    use crate::server::{services::family_changes, state::AppState};
    crate::api::respond(
        async { family_changes::replace_email(&AppState::current()?, form).await }.await,
    )
}

#[server(endpoint = "operator/families/confirm-child")]
pub async fn confirm_child(#[server(flatten)] form: ConfirmChildForm) -> Result<String, AppError> {
    use crate::server::{services::family_changes, state::AppState};
    crate::api::respond(
        async { family_changes::confirm_child(&AppState::current()?, &form.confirm_child).await }
            .await,
    )
}

#[server(endpoint = "operator/families/link-guardian")]
pub async fn link_guardian(
    #[server(flatten)] form: LinkGuardianForm,
) -> Result<LinkGuardianOutcome, AppError> {
    use crate::server::{services::family_changes, state::AppState};
    crate::api::respond(
        async { family_changes::link_guardian(&AppState::current()?, form).await }.await,
    )
}
