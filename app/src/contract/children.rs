//! Children in the parent's cabinet: adding one (with the duplicate check of SPEC §5) and listing them.

use crate::domain::field_error::FieldError;
use serde::{Deserialize, Serialize};

/// The «Добавить ребенка» form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildForm {
    #[serde(default)]
    pub surname: String,
    #[serde(default)]
    pub given_name: String,
    #[serde(default)]
    pub patronymic: String,
    /// `male` or `female`.
    #[serde(default)]
    pub sex: String,
    /// ДД.ММ.ГГГГ (ISO accepted).
    #[serde(default)]
    pub birth_date: String,
    #[serde(default)]
    pub snils: String,
    #[serde(default)]
    pub birth_certificate: String,
    /// `1` once the parent confirms, after the warning, that this is another child.
    #[serde(default)]
    pub another_child: String,
}

/// Why a child cannot be added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// R1: the child is registered (in another account).
    AlreadyRegistered,
    /// The child is already in this cabinet.
    AlreadyYours,
    /// R7: a teenager's own data match a child in a parent's cabinet.
    InParentCabinet,
}

impl Refusal {
    pub fn message(self) -> &'static str {
        match self {
            Refusal::AlreadyRegistered => "Ребенок с такими данными уже зарегистрирован",
            Refusal::AlreadyYours => "Этот ребенок уже есть в вашем личном кабинете",
            Refusal::InParentCabinet => {
                "Вы уже есть в личном кабинете родителя: ваши данные подтверждены там"
            }
        }
    }

    /// The help page of the situation.
    pub fn help(self) -> crate::domain::help::situation::Situation {
        use crate::domain::help::situation::Situation;
        match self {
            Refusal::AlreadyRegistered => Situation::AlreadyRegistered,
            Refusal::AlreadyYours => Situation::ChildData,
            Refusal::InParentCabinet => Situation::Teen,
        }
    }

    pub fn guidance(self) -> &'static str {
        match self {
            Refusal::AlreadyRegistered => "Не нужно вносить данные ребенка еще раз. Обратитесь в образовательное учреждение (школа/дет. сад/УДО): оператор подскажет почту от подтвержденного аккаунта.",
            Refusal::AlreadyYours => "Добавлять его еще раз не нужно. Если данные указаны с ошибкой, обратитесь в образовательное учреждение: оператор исправит их.",
            Refusal::InParentCabinet => "Заявки на программы для вас подаются из личного кабинета родителя.",
        }
    }
}

pub const PROBABLE_WARNING: &str = "Похоже, этот ребенок уже зарегистрирован. Если это тот же ребенок, не добавляйте его еще раз: обратитесь в образовательное учреждение (школа/дет. сад/УДО), оператор подскажет почту от подтвержденного аккаунта. Если это другой ребенок, отметьте это ниже.";

pub const ANOTHER_CHILD_LABEL: &str = "Это другой ребенок (например, брат или сестра-близнец)";

/// What the form shows after a check or a submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChildOutcome {
    Invalid {
        errors: Vec<FieldError>,
    },
    /// Looks like a registered child; may continue only by confirming it is another child.
    Probable,
    Refused(Refusal),
    /// Nothing against adding (a check only).
    Clear,
    Added {
        name: String,
        flagged: bool,
    },
}

/// A child as the cabinet lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildCard {
    pub id: i64,
    pub full_name: String,
    pub birth_date: String,
    /// «Данные подтверждены учреждением …» or «Не подтверждены: …».
    pub confirmation: String,
    pub confirmed: bool,
    /// Flagged as a possible duplicate, under the operators' review.
    pub under_review: bool,
    /// The state of the latest request to correct the child's data, in words (R4).
    pub correction: Option<String>,
}
