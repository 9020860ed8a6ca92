//! Administrators give and take operators' roles: an institution operator bound to one
//! organization, a МОЦ operator to one municipality, the regional operator, administrators.

use crate::api::operator::Choice;
use crate::domain::field_error::FieldError;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleLine {
    pub id: i64,
    pub email: String,
    pub name: String,
    /// «Оператор учреждения: Школа № 1».
    pub role: String,
    pub resolves_duplicates: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperatorsPage {
    pub roles: Vec<RoleLine>,
    pub kinds: Vec<Choice>,
    pub organizations: Vec<Choice>,
    pub municipalities: Vec<Choice>,
}

#[server(endpoint = "admin/operators", input = GetUrl)]
pub async fn operator_roles() -> Result<OperatorsPage, AppError> {
    use crate::server::{services::operator_admin, state::AppState};
    crate::api::respond(async { operator_admin::page(&AppState::current()?).await }.await)
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GrantForm {
    #[serde(default)]
    pub email: String,
    /// `institution_operator`, `moc_operator`, `regional_operator` or `admin`.
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub organization: String,
    #[serde(default)]
    pub municipality: String,
    /// `1`: may resolve pairs of the duplicate queue.
    #[serde(default)]
    pub resolves_duplicates: String,
    /// For a new account.
    #[serde(default)]
    pub surname: String,
    #[serde(default)]
    pub given_name: String,
    #[serde(default)]
    pub phone: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum GrantOutcome {
    Invalid {
        form: GrantForm,
        errors: Vec<FieldError>,
    },
    Done {
        message: String,
    },
}

#[server(endpoint = "admin/operators/grant")]
pub async fn grant_role(#[server(flatten)] form: GrantForm) -> Result<GrantOutcome, AppError> {
    use crate::server::{services::operator_admin, state::AppState};
    crate::api::respond(async { operator_admin::grant(&AppState::current()?, form).await }.await)
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevokeForm {
    #[serde(default)]
    pub revoke: String,
}

#[server(endpoint = "admin/operators/revoke")]
pub async fn revoke_role(#[server(flatten)] form: RevokeForm) -> Result<GrantOutcome, AppError> {
    use crate::server::{services::operator_admin, state::AppState};
    crate::api::respond(async { operator_admin::revoke(&AppState::current()?, form).await }.await)
}
