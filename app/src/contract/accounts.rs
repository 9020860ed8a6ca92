//! Accounts: the registration wizard, e-mail confirmation, log-in and log-out, password reset.

use crate::domain::field_error::FieldError;
use serde::{Deserialize, Serialize};

/// The registration wizard's form as typed, every field a string so that it comes back as typed.
/// The same names are the HTML form's fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationForm {
    /// The step being submitted: `person`, `contacts` or `password`.
    #[serde(default)]
    pub step: String,
    /// `back` for «Назад», anything else for «Далее».
    #[serde(default)]
    pub go: String,
    /// `parent`, or `teen` for a person of 14+ registering for themselves (R7).
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub surname: String,
    #[serde(default)]
    pub given_name: String,
    #[serde(default)]
    pub patronymic: String,
    #[serde(default)]
    pub municipality: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
    /// `1` once the parent has read the gmail warning and keeps the address.
    #[serde(default)]
    pub gmail_ok: String,
    #[serde(default)]
    pub password: String,
    /// `1` when the separate consent to personal-data processing is given.
    #[serde(default)]
    pub consent: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum WizardStep {
    Person,
    Contacts,
    Password,
}

impl WizardStep {
    pub fn code(self) -> &'static str {
        match self {
            WizardStep::Person => "person",
            WizardStep::Contacts => "contacts",
            WizardStep::Password => "password",
        }
    }

    pub fn from_code(code: &str) -> Self {
        match code {
            "contacts" => WizardStep::Contacts,
            "password" => WizardStep::Password,
            _ => WizardStep::Person,
        }
    }

    /// 1-based, after the «Вы уже регистрировались?» gate.
    pub fn number(self) -> u8 {
        match self {
            WizardStep::Person => 2,
            WizardStep::Contacts => 3,
            WizardStep::Password => 4,
        }
    }
}

/// What the wizard shows after a submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum RegistrationOutcome {
    /// A step to fill in, with what was typed and what is wrong.
    Step {
        step: WizardStep,
        form: Box<RegistrationForm>,
        errors: Vec<FieldError>,
        /// The address is at gmail.com or googlemail.com (R3): warn, do not refuse.
        gmail_warning: bool,
        /// The e-mail or phone already has an account (R2).
        account_exists: bool,
    },
    /// The account exists; a confirmation letter went to `email`.
    Registered { email: String },
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub password: String,
}

/// The signed-in person, as the header and the cabinet show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedIn {
    pub display_name: String,
    pub email: String,
    pub email_confirmed: bool,
    pub is_teen: bool,
    /// Notifications not read yet, for the header's counter.
    pub unread: i64,
    /// Roles beyond «родитель», for the role switch; empty for most parents.
    pub roles: Vec<RoleChoice>,
    /// The role the session acts in; `None` is the parent's own cabinet.
    pub active_role: Option<i64>,
    /// The sections of the active role's workspace: `(address, name)`.
    pub workspace: Vec<(String, String)>,
}

/// One role in the header's switch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleChoice {
    pub id: i64,
    pub label: String,
}

/// The role switch: `parent` or the id of one of the account's roles.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SwitchRoleForm {
    #[serde(default)]
    pub role: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Municipality {
    pub id: i64,
    pub name: String,
}
