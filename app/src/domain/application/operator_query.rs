//! The filter of an organization's applications as an operator types it, and its checked form.

use super::status::Status;
use crate::domain::dates::parse_date;
use crate::domain::field_error::FieldError;
use crate::domain::identity::normalize::normalize_name;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The fields of the filter form, as typed (a GET form: they travel in the query string).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperatorQuery {
    #[serde(default)]
    pub program: String,
    #[serde(default)]
    pub group: String,
    #[serde(default)]
    pub status: String,
    /// Submitted from, ДД.ММ.ГГГГ.
    #[serde(default)]
    pub from: String,
    /// Submitted up to and including, ДД.ММ.ГГГГ.
    #[serde(default)]
    pub to: String,
    /// The beginning of the child's surname or name.
    #[serde(default)]
    pub child: String,
    #[serde(default)]
    pub page: String,
}

/// The filter, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    pub program: Option<i64>,
    pub group: Option<i64>,
    pub status: Option<Status>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub child: Option<String>,
    pub page: u32,
}

fn id(input: &str) -> Option<Option<i64>> {
    let s = input.trim();
    if s.is_empty() {
        return Some(None);
    }
    s.parse::<i64>().ok().filter(|n| *n > 0).map(Some)
}

fn date(input: &str) -> Option<Option<NaiveDate>> {
    let s = input.trim();
    if s.is_empty() {
        return Some(None);
    }
    parse_date(s).map(Some)
}

impl OperatorQuery {
    pub fn parse(&self) -> Result<ParsedQuery, Vec<FieldError>> {
        let mut errors = Vec::new();
        let program = id(&self.program).unwrap_or_else(|| {
            errors.push(FieldError::new("program", "Выберите программу из списка"));
            None
        });
        let group = id(&self.group).unwrap_or_else(|| {
            errors.push(FieldError::new("group", "Выберите группу из списка"));
            None
        });
        let status = match self.status.trim() {
            "" => None,
            code => Status::from_code(code).or_else(|| {
                errors.push(FieldError::new("status", "Выберите статус из списка"));
                None
            }),
        };
        let from = date(&self.from).unwrap_or_else(|| {
            errors.push(FieldError::new("from", "Дата в формате ДД.ММ.ГГГГ"));
            None
        });
        let to = date(&self.to).unwrap_or_else(|| {
            errors.push(FieldError::new("to", "Дата в формате ДД.ММ.ГГГГ"));
            None
        });
        if let (Some(f), Some(t)) = (from, to) {
            if f > t {
                errors.push(FieldError::new("to", "Конец периода раньше его начала"));
            }
        }
        let child = normalize_name(&self.child);
        let page = self.page.trim().parse::<u32>().unwrap_or(1).max(1);
        if errors.is_empty() {
            Ok(ParsedQuery {
                program,
                group,
                status,
                from,
                to,
                child: (!child.is_empty()).then_some(child),
                page,
            })
        } else {
            Err(errors)
        }
    }

    /// The query string of this filter on another page (for pagination and the export links).
    pub fn to_query_string(&self, page: Option<u32>) -> String {
        crate::domain::query_string::query_string(
            &[
                ("program", &self.program),
                ("group", &self.group),
                ("status", &self.status),
                ("from", &self.from),
                ("to", &self.to),
                ("child", &self.child),
            ],
            page,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_filter_is_everything_on_the_first_page() {
        assert_eq!(
            OperatorQuery::default().parse(),
            Ok(ParsedQuery {
                page: 1,
                ..Default::default()
            })
        );
    }

    #[test]
    fn every_field_is_read() {
        let q = OperatorQuery {
            program: "3".into(),
            group: "7".into(),
            status: "queued".into(),
            from: "01.09.2026".into(),
            to: "2026-09-30".into(),
            child: " Ёлкина ".into(),
            page: "2".into(),
        };
        let p = q.parse().unwrap();
        assert_eq!(p.program, Some(3));
        assert_eq!(p.group, Some(7));
        assert_eq!(p.status, Some(Status::Queued));
        assert_eq!(p.from, NaiveDate::from_ymd_opt(2026, 9, 1));
        assert_eq!(p.to, NaiveDate::from_ymd_opt(2026, 9, 30));
        assert_eq!(p.child.as_deref(), Some("елкина"));
        assert_eq!(p.page, 2);
    }

    #[test]
    fn wrong_fields_are_reported_each_at_its_field() {
        let q = OperatorQuery {
            program: "abc".into(),
            status: "lost".into(),
            from: "31.02.2026".into(),
            ..Default::default()
        };
        let fields: Vec<String> = q
            .parse()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["program", "status", "from"]);
        let backwards = OperatorQuery {
            from: "02.09.2026".into(),
            to: "01.09.2026".into(),
            ..Default::default()
        };
        assert_eq!(backwards.parse().unwrap_err()[0].field, "to");
    }

    #[test]
    fn the_query_string_keeps_the_filter_and_changes_the_page() {
        let q = OperatorQuery {
            status: "new".into(),
            child: "Иван ов".into(),
            page: "4".into(),
            ..Default::default()
        };
        assert_eq!(
            q.to_query_string(Some(2)),
            "status=new&child=%D0%98%D0%B2%D0%B0%D0%BD+%D0%BE%D0%B2&page=2"
        );
        assert_eq!(
            q.to_query_string(None),
            "status=new&child=%D0%98%D0%B2%D0%B0%D0%BD+%D0%BE%D0%B2"
        );
    }
}
