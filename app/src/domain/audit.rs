//! The audit log as people read it: what each recorded action means, and the viewer's filter as
//! typed (a GET form) and checked.

use crate::domain::account::email::Email;
use crate::domain::dates::parse_date;
use crate::domain::field_error::FieldError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Every action the services record, with what it means.
pub const ACTIONS: &[(&str, &str)] = &[
    ("family_lookup", "Поиск семьи"),
    ("replace_email", "Замена почты аккаунта"),
    ("confirm_child", "Подтверждение данных ребенка"),
    ("view_child", "Просмотр данных ребенка"),
    ("correct_child", "Исправление данных ребенка"),
    ("view_corrections", "Просмотр запросов на исправление"),
    ("reject_correction", "Отказ в исправлении данных"),
    ("link_guardian", "Привязка второго родителя"),
    ("view_duplicates", "Просмотр очереди дублей"),
    ("resolve_duplicate", "Решение по паре дублей"),
    ("flag_accounts", "Аккаунты переданы в очередь дублей"),
    ("resolve_account_duplicate", "Решение по паре аккаунтов"),
    (
        "record_municipality_change",
        "Заявление на смену муниципалитета",
    ),
    (
        "view_municipality_changes",
        "Просмотр заявлений на смену муниципалитета",
    ),
    ("view_change_document", "Открытие скана заявления"),
    (
        "approve_municipality_change",
        "Одобрение смены муниципалитета",
    ),
    ("reject_municipality_change", "Отказ в смене муниципалитета"),
    ("view_applications", "Просмотр заявок"),
    ("export_applications", "Выгрузка заявок"),
    ("confirm", "Заявка подтверждена"),
    ("enrol", "Зачисление"),
    ("offer", "Предложение места"),
    ("cancel", "Отмена заявки"),
    ("expel", "Отчисление"),
    ("view_help_requests", "Просмотр обращений"),
    ("help_request_take", "Обращение взято в работу"),
    ("help_request_answer", "Ответ на обращение"),
    ("help_request_not_resolved", "Обращение не решено"),
    ("help_request_escalate", "Обращение передано в МОЦ"),
    ("save_cancel_reason", "Изменение справочника причин отмены"),
    ("save_hotline_hours", "Изменение часов горячей линии"),
    ("grant_role", "Выдача роли"),
    ("revoke_role", "Снятие роли"),
    ("view_audit", "Просмотр журнала"),
    ("denied", "Отказ: вне полномочий оператора"),
    ("export_audit", "Выгрузка журнала"),
];

/// What an action means; an action recorded before this list knew it reads as its code.
pub fn action_label(code: &str) -> String {
    ACTIONS
        .iter()
        .find(|(c, _)| *c == code)
        .map_or_else(|| code.to_owned(), |(_, l)| (*l).to_owned())
}

/// The viewer's filter as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditQuery {
    /// The operator's e-mail.
    #[serde(default)]
    pub operator: String,
    /// Whose data: `child:12`, `account:5`, `application:7`…
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub action: String,
    /// ДД.ММ.ГГГГ, Moscow time, inclusive.
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    #[serde(default)]
    pub page: String,
}

/// A subject as the log names it, and how lists of many name it (`children:1,2,12`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    pub exact: String,
    /// The plural prefix of a list that may hold the id, with the id: `("children:", 12)`.
    pub in_list: Option<(&'static str, i64)>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// The canonical e-mail of the operator.
    pub operator: Option<String>,
    pub subject: Option<Subject>,
    pub action: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub page: u32,
}

fn subject(input: &str) -> Result<Option<Subject>, ()> {
    let s = input.trim().to_lowercase();
    if s.is_empty() {
        return Ok(None);
    }
    let (kind, id) = s.split_once(':').ok_or(())?;
    let id = id.trim().parse::<i64>().map_err(|_| ())?;
    if kind.is_empty() || !kind.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
        return Err(());
    }
    let in_list = match kind {
        "child" => Some(("children:", id)),
        "account" => Some(("accounts:", id)),
        _ => None,
    };
    Ok(Some(Subject {
        exact: format!("{kind}:{id}"),
        in_list,
    }))
}

impl AuditQuery {
    /// The filter as an address's query, for links to other pages and to the export.
    pub fn to_query_string(&self, page: Option<u32>) -> String {
        crate::domain::query_string::query_string(
            &[
                ("operator", &self.operator),
                ("subject", &self.subject),
                ("action", &self.action),
                ("from", &self.from),
                ("to", &self.to),
            ],
            page,
        )
    }

    pub fn parse(&self) -> Result<AuditFilter, Vec<FieldError>> {
        let mut errors = Vec::new();
        let operator = match self.operator.trim() {
            "" => None,
            typed => match Email::parse(typed) {
                Ok(e) => Some(e.canonical()),
                Err(m) => {
                    errors.push(FieldError::new("operator", m));
                    None
                }
            },
        };
        let subject = subject(&self.subject).unwrap_or_else(|()| {
            errors.push(FieldError::new(
                "subject",
                "Чьи данные — в виде child:12, account:5 или application:7",
            ));
            None
        });
        let action = match self.action.trim() {
            "" => None,
            code if ACTIONS.iter().any(|(c, _)| *c == code) => Some(code.to_owned()),
            _ => {
                errors.push(FieldError::new("action", "Выберите действие из списка"));
                None
            }
        };
        let mut date = |field: &str, input: &str| match input.trim() {
            "" => None,
            typed => parse_date(typed).or_else(|| {
                errors.push(FieldError::new(field, "Дата в формате ДД.ММ.ГГГГ"));
                None
            }),
        };
        let (from, to) = (date("from", &self.from), date("to", &self.to));
        if let (Some(f), Some(t)) = (from, to) {
            if f > t {
                errors.push(FieldError::new("to", "Конец периода раньше его начала"));
            }
        }
        let page = self.page.trim().parse::<u32>().unwrap_or(1).max(1);
        if errors.is_empty() {
            Ok(AuditFilter {
                operator,
                subject,
                action,
                from,
                to,
                page,
            })
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(f: impl FnOnce(&mut AuditQuery)) -> AuditQuery {
        let mut q = AuditQuery::default();
        f(&mut q);
        q
    }

    #[test]
    fn an_empty_filter_shows_everything_from_the_first_page() {
        assert_eq!(
            AuditQuery::default().parse(),
            Ok(AuditFilter {
                page: 1,
                ..AuditFilter::default()
            })
        );
    }

    #[test]
    fn a_subject_names_a_record_and_the_lists_that_hold_it() {
        let f = query(|q| q.subject = " Child:12 ".into()).parse().unwrap();
        assert_eq!(
            f.subject,
            Some(Subject {
                exact: "child:12".into(),
                in_list: Some(("children:", 12))
            })
        );
        let f = query(|q| q.subject = "application:7".into())
            .parse()
            .unwrap();
        assert_eq!(f.subject.unwrap().in_list, None);
        for wrong in ["12", "child:", "child:x", ":5", "ребенок:5"] {
            let errors = query(|q| q.subject = wrong.into()).parse().unwrap_err();
            assert_eq!(errors[0].field, "subject", "{wrong}");
        }
    }

    #[test]
    fn the_operator_is_found_by_the_canonical_email() {
        let f = query(|q| q.operator = "Operator1@Kruzhok.example".into())
            .parse()
            .unwrap();
        assert_eq!(f.operator.as_deref(), Some("operator1@kruzhok.example"));
        let errors = query(|q| q.operator = "operator".into())
            .parse()
            .unwrap_err();
        assert_eq!(errors[0].field, "operator");
    }

    #[test]
    fn dates_and_actions_are_checked() {
        let errors = query(|q| {
            q.from = "31.02.2026".into();
            q.action = "drop_table".into();
        })
        .parse()
        .unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["action", "from"]);
        let errors = query(|q| {
            q.from = "10.12.2026".into();
            q.to = "01.12.2026".into();
        })
        .parse()
        .unwrap_err();
        assert_eq!(errors[0].field, "to");
        let f = query(|q| {
            q.action = "resolve_duplicate".into();
            q.from = "01.12.2026".into();
            q.page = "3".into();
        })
        .parse()
        .unwrap();
        assert_eq!(f.action.as_deref(), Some("resolve_duplicate"));
        assert_eq!(f.page, 3);
    }

    #[test]
    fn every_action_reads_in_russian() {
        for (code, label) in ACTIONS {
            assert_eq!(action_label(code), *label);
        }
        assert_eq!(action_label("something_new"), "something_new");
    }
}
