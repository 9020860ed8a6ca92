//! Accounts: the registration wizard, e-mail confirmation, log-in and log-out, password reset.

use crate::contract::accounts::{
    LoginForm, Municipality, RegistrationForm, RegistrationOutcome, SignedIn, SwitchRoleForm,
};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Switches the active role; answers with the address where that role's work starts.
#[server(endpoint = "accounts/switch-role")]
pub async fn switch_role(#[server(flatten)] form: SwitchRoleForm) -> Result<String, AppError> {
    use crate::server::{services::roles, state::AppState};
    crate::api::respond(async { roles::switch(&AppState::current()?, &form.role).await }.await)
}

#[server(endpoint = "reference/municipalities", input = GetUrl)]
pub async fn list_municipalities() -> Result<Vec<Municipality>, AppError> {
    use crate::server::{services::registration, state::AppState};
    crate::api::respond(async { registration::municipalities(&AppState::current()?).await }.await)
}

#[server(endpoint = "accounts/register")]
pub async fn register(
    #[server(flatten)] form: RegistrationForm,
) -> Result<RegistrationOutcome, AppError> {
    use crate::server::{services::registration, state::AppState};
    crate::api::respond(async { registration::submit(&AppState::current()?, form).await }.await)
}

#[server(endpoint = "accounts/confirm-email")]
pub async fn confirm_email(token: String) -> Result<(), AppError> {
    use crate::server::{services::accounts, state::AppState};
    crate::api::respond(
        async { accounts::confirm_email(&AppState::current()?, &token).await }.await,
    )
}

#[server(endpoint = "accounts/login")]
pub async fn login(#[server(flatten)] form: LoginForm) -> Result<(), AppError> {
    use crate::server::{services::accounts, state::AppState};
    crate::api::respond(async { accounts::login(&AppState::current()?, form).await }.await)
}

#[server(endpoint = "accounts/logout")]
pub async fn logout() -> Result<(), AppError> {
    use crate::server::{services::accounts, state::AppState};
    crate::api::respond(async { accounts::logout(&AppState::current()?).await }.await)
}

#[server(endpoint = "accounts/current-user", input = GetUrl)]
pub async fn current_user() -> Result<Option<SignedIn>, AppError> {
    use crate::server::{services::accounts, state::AppState};
    crate::api::respond(async { accounts::me(&AppState::current()?).await }.await)
}

#[server(endpoint = "accounts/request-password-reset")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    use crate::server::{services::accounts, state::AppState};
    crate::api::respond(
        async { accounts::request_password_reset(&AppState::current()?, &email).await }.await,
    )
}

#[server(endpoint = "accounts/reset-password")]
pub async fn reset_password(token: String, password: String) -> Result<(), AppError> {
    use crate::server::{services::accounts, state::AppState};
    crate::api::respond(
        async { accounts::reset_password(&AppState::current()?, &token, password).await }.await,
    )
}

/// A signed-in person's new password, with the current one typed again.
#[server(endpoint = "accounts/change-password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
) -> Result<(), AppError> {
    use crate::server::{services::accounts, state::AppState};
    crate::api::respond(
        async {
            accounts::change_password(&AppState::current()?, current_password, new_password).await
        }
        .await,
    )
}
