//! Help and escalation: the МОЦ hotline card, the institutions to contact, requests
//! (обращения) from parents and the operators' inboxes, and the hotline's hours for
//! administrators.

use crate::domain::field_error::FieldError;
use serde::{Deserialize, Serialize};

use crate::contract::choice::Choice;

/// The МОЦ hotline as a parent sees it now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HotlineCard {
    pub open: bool,
    /// «Сейчас открыто до 16:30» or when it next opens.
    pub state: String,
    /// «вт, чт 13:00–16:30», from the hours administrators keep.
    pub hours: String,
}

/// An institution with what a parent needs to reach it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub id: i64,
    pub name: String,
    pub short_name: String,
    pub address: String,
    pub phone: String,
    pub email: Option<String>,
    pub opening_hours: String,
}

/// Whom a visitor of the help pages can contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactsAnswer {
    pub signed_in: bool,
    /// The family's own institutions: its applications' and those that confirmed its children.
    pub mine: Vec<Contact>,
    /// Institutions found by name (`q`).
    pub found: Vec<Contact>,
    pub hotline: HotlineCard,
}

/// What the new-request form offers: the situations, the family's children and institutions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewRequestChoices {
    pub children: Vec<Choice>,
    /// The family's own institutions first, then every other one.
    pub mine: Vec<Choice>,
    pub others: Vec<Choice>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestForm {
    #[serde(default)]
    pub situation: String,
    #[serde(default)]
    pub organization: String,
    #[serde(default)]
    pub child: String,
    #[serde(default)]
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SendOutcome {
    Invalid(Vec<FieldError>),
    Sent { organization: String },
}

/// One entry of a request's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestLine {
    /// ДД.ММ.ГГГГ ЧЧ:ММ, Moscow time.
    pub at: String,
    /// «Родитель», «Учреждение: …», «МОЦ».
    pub who: String,
    /// What happened: «Обращение отправлено», «Ответ», «Передано в МОЦ»…
    pub what: String,
    pub body: Option<String>,
}

/// A move offered on the page: the action's code, its button and whether words are required.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestMoveChoice {
    pub action: String,
    pub label: String,
    pub needs_text: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestCard {
    pub id: i64,
    pub topic: String,
    pub organization: String,
    pub child: Option<String>,
    pub level: String,
    pub status: String,
    pub status_code: String,
    /// «ждет 2 ч 15 мин» while the operators owe an answer.
    pub waiting: Option<String>,
    pub created_at: String,
    /// The parent, shown to operators only.
    pub parent: Option<String>,
    pub history: Vec<RequestLine>,
    pub moves: Vec<RequestMoveChoice>,
}

/// A move of a request by the parent or by an operator, with their words.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestMoveForm {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum RequestMoveOutcome {
    /// The form comes back as typed, with the message for its words.
    Invalid {
        form: RequestMoveForm,
        error: String,
    },
    Moved {
        id: i64,
        message: String,
    },
}

/// An operator's inbox: the institution's, or МОЦ's for requests that climbed to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inbox {
    pub title: String,
    pub requests: Vec<RequestCard>,
}

/// The hotline's hours and days off as administrators keep them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HotlineSetup {
    pub hours: Vec<HoursLine>,
    pub days_off: Vec<DayOffLine>,
    pub card: HotlineCard,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HoursLine {
    pub id: i64,
    /// «вт 13:00–16:30».
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayOffLine {
    /// ДД.ММ.ГГГГ.
    pub day: String,
    pub note: String,
}

/// One change of the hotline's hours: `op` is `add_hours`, `delete_hours`, `add_day_off` or
/// `delete_day_off`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HotlineForm {
    #[serde(default)]
    pub op: String,
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub weekday: String,
    #[serde(default)]
    pub opens: String,
    #[serde(default)]
    pub closes: String,
    #[serde(default)]
    pub day: String,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum HotlineOutcome {
    Invalid { op: String, errors: Vec<FieldError> },
    Saved(String),
}
