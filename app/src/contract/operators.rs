//! Administrators give and take operators' roles: an institution operator bound to one
//! organization, a МОЦ operator to one municipality, the regional operator, administrators.

use crate::contract::choice::Choice;
use crate::domain::field_error::FieldError;
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

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GrantForm {
    /// `1`: this post is the grant form's (the page's other forms revoke), however empty.
    #[serde(default)]
    pub grant: String,
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
    /// The administrator's own password, asked again: a role opens families' data.
    #[serde(default)]
    pub admin_password: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum GrantOutcome {
    Invalid {
        form: Box<GrantForm>,
        errors: Vec<FieldError>,
    },
    Done {
        message: String,
    },
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevokeForm {
    #[serde(default)]
    pub revoke: String,
}
