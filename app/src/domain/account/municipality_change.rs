//! An application to change an account's municipality (R5): recorded by an institution, decided
//! once by the regional operator.

use crate::domain::field_error::FieldError;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChangeStatus {
    Pending,
    Approved,
    Rejected,
}

impl ChangeStatus {
    pub const ALL: [ChangeStatus; 3] = [
        ChangeStatus::Pending,
        ChangeStatus::Approved,
        ChangeStatus::Rejected,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ChangeStatus::Pending => "pending",
            ChangeStatus::Approved => "approved",
            ChangeStatus::Rejected => "rejected",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            ChangeStatus::Pending => "На рассмотрении",
            ChangeStatus::Approved => "Одобрено",
            ChangeStatus::Rejected => "Отклонено",
        }
    }
}

/// The regional operator's decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Approve,
    Reject,
}

const REASON_CHARS: std::ops::RangeInclusive<usize> = 5..=500;

/// Reads the decision form. A rejection must say why (the parent reads it); an approval may.
pub fn parse_decision(
    decision: &str,
    reason: &str,
) -> Result<(Decision, Option<String>), Vec<FieldError>> {
    let reason = reason.trim();
    let decision = match decision.trim() {
        "approve" => Decision::Approve,
        "reject" => Decision::Reject,
        _ => {
            return Err(vec![FieldError::new(
                "decision",
                "Выберите решение: одобрить или отклонить",
            )])
        }
    };
    match (decision, reason.is_empty()) {
        (Decision::Approve, true) => Ok((decision, None)),
        _ if REASON_CHARS.contains(&reason.chars().count()) => {
            Ok((decision, Some(reason.to_owned())))
        }
        (Decision::Reject, true) => Err(vec![FieldError::new(
            "decision_reason",
            "Напишите причину отказа: родитель прочитает ее в уведомлении",
        )]),
        _ => Err(vec![FieldError::new(
            "decision_reason",
            "Причина — от 5 до 500 знаков",
        )]),
    }
}

/// Reads the institution's record of a parent's application: the new municipality differs from
/// the current one and the reason says why.
pub fn check_application(
    from: i64,
    to: Option<i64>,
    reason: &str,
) -> Result<(i64, String), Vec<FieldError>> {
    let mut errors = Vec::new();
    match to {
        None => errors.push(FieldError::new(
            "change_to",
            "Выберите муниципалитет, в который переходит семья",
        )),
        Some(to) if to == from => errors.push(FieldError::new(
            "change_to",
            "Семья уже в этом муниципалитете: выберите другой",
        )),
        Some(_) => {}
    }
    let reason = reason.trim();
    if !REASON_CHARS.contains(&reason.chars().count()) {
        errors.push(FieldError::new(
            "change_reason",
            "Укажите причину из заявления (от 5 до 500 знаков)",
        ));
    }
    match to {
        Some(to) if errors.is_empty() => Ok((to, reason.to_owned())),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back() {
        for s in ChangeStatus::ALL {
            assert_eq!(ChangeStatus::from_code(s.code()), Some(s));
        }
        assert_eq!(ChangeStatus::from_code("done"), None);
    }

    #[test]
    fn an_approval_may_go_without_words_a_rejection_may_not() {
        assert_eq!(
            parse_decision("approve", " "),
            Ok((Decision::Approve, None))
        );
        assert_eq!(
            parse_decision("approve", "Справка о регистрации"),
            Ok((Decision::Approve, Some("Справка о регистрации".to_owned())))
        );
        let errors = parse_decision("reject", "").unwrap_err();
        assert_eq!(errors[0].field, "decision_reason");
        assert_eq!(
            parse_decision("reject", "Нет документа о переезде"),
            Ok((
                Decision::Reject,
                Some("Нет документа о переезде".to_owned())
            ))
        );
        assert_eq!(
            parse_decision("reject", "нет").unwrap_err()[0].field,
            "decision_reason"
        );
        assert_eq!(
            parse_decision("", "Причина").unwrap_err()[0].field,
            "decision"
        );
    }

    #[test]
    fn an_application_names_another_municipality_and_a_reason() {
        assert_eq!(
            check_application(1, Some(2), " Переезд в Кинешму "),
            Ok((2, "Переезд в Кинешму".to_owned()))
        );
        let fields = |r: Result<(i64, String), Vec<FieldError>>| {
            r.unwrap_err()
                .into_iter()
                .map(|e| e.field)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            fields(check_application(1, Some(1), "Переезд")),
            ["change_to"]
        );
        assert_eq!(
            fields(check_application(1, None, "")),
            ["change_to", "change_reason"]
        );
    }
}
