//! The operators' review of a probable duplicate pair (R6): which of the two records' data differ,
//! why the pair was flagged, and what the operator decided.

use super::date_typos::DateRelation;
use super::normalize::normalize_name;
use super::verdict::{CERTIFICATES_DIFFER, GIVEN_NAME_FORM, SEX_DIFFERS, SNILS_DIFFER};
use crate::domain::field_error::FieldError;
use serde::{Deserialize, Serialize};

/// One child record as the review compares it: the data as typed, dates as ДД.ММ.ГГГГ.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordFacts {
    pub surname: String,
    pub given_name: String,
    pub patronymic: String,
    /// «мужской» or «женский».
    pub sex: String,
    pub birth_date: String,
    pub snils: String,
    pub birth_certificate: String,
}

/// A line of the side-by-side view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComparedField {
    pub label: String,
    pub first: String,
    pub second: String,
    /// The values differ after normalisation (case, spaces, ё, look-alike letters do not count).
    pub differs: bool,
}

/// Whether two values of one field differ.
type Differs = dyn Fn(&str, &str) -> bool;

/// The records side by side, field by field, with what differs marked.
pub fn compare_records(first: &RecordFacts, second: &RecordFacts) -> Vec<ComparedField> {
    let name = |a: &str, b: &str| normalize_name(a) != normalize_name(b);
    let code = |a: &str, b: &str| squeeze(a) != squeeze(b);
    let plain = |a: &str, b: &str| a.trim() != b.trim();
    let lines: [(&str, &str, &str, &Differs); 7] = [
        ("Фамилия", &first.surname, &second.surname, &name),
        ("Имя", &first.given_name, &second.given_name, &name),
        ("Отчество", &first.patronymic, &second.patronymic, &name),
        ("Пол", &first.sex, &second.sex, &plain),
        (
            "Дата рождения",
            &first.birth_date,
            &second.birth_date,
            &plain,
        ),
        ("СНИЛС", &first.snils, &second.snils, &code),
        (
            "Свидетельство о рождении",
            &first.birth_certificate,
            &second.birth_certificate,
            &code,
        ),
    ];
    lines
        .into_iter()
        .map(|(label, a, b, differs)| ComparedField {
            label: label.to_owned(),
            first: shown(a),
            second: shown(b),
            differs: differs(a, b),
        })
        .collect()
}

/// A parent's account as the review of a suspected pair of accounts compares it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountFacts {
    pub full_name: String,
    pub phone: String,
    pub email: String,
    pub municipality: String,
}

/// Two accounts side by side: the name normalised as children's names are, the rest as typed.
pub fn compare_accounts(first: &AccountFacts, second: &AccountFacts) -> Vec<ComparedField> {
    let lines = [
        ("ФИО родителя", &first.full_name, &second.full_name, true),
        ("Телефон", &first.phone, &second.phone, false),
        ("Почта", &first.email, &second.email, false),
        (
            "Муниципалитет",
            &first.municipality,
            &second.municipality,
            false,
        ),
    ];
    lines
        .into_iter()
        .map(|(label, a, b, is_name)| ComparedField {
            label: label.to_owned(),
            first: shown(a),
            second: shown(b),
            differs: if is_name {
                normalize_name(a) != normalize_name(b)
            } else {
                a.trim().to_lowercase() != b.trim().to_lowercase()
            },
        })
        .collect()
}

/// Letters and digits only, upper case: «II-ФО 123456» and «ii фо 123456» are one certificate.
fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect()
}

fn shown(s: &str) -> String {
    if s.trim().is_empty() {
        "—".to_owned()
    } else {
        s.trim().to_owned()
    }
}

/// Why the pair was flagged, from the stored reason (`OneDigitOff, names swapped`, or the
/// register scan's `SameSnils` for an exact pair).
pub fn flag_reason_label(stored: &str) -> String {
    let exact = match stored {
        "SameSnils" => Some("тот же СНИЛС"),
        "SameCertificate" => Some("то же свидетельство о рождении"),
        "SameNamesAndBirthDate" => Some("те же ФИО, пол и дата рождения"),
        _ => None,
    };
    if let Some(exact) = exact {
        return exact.to_owned();
    }
    let mut parts = stored.split(", ");
    let date = match parts.next().unwrap_or_default() {
        r if r == format!("{:?}", DateRelation::Equal) => "та же дата рождения",
        r if r == format!("{:?}", DateRelation::OneDigitOff) => {
            "дата рождения отличается одной цифрой"
        }
        r if r == format!("{:?}", DateRelation::DigitsSwapped) => {
            "в дате рождения переставлены соседние цифры"
        }
        r if r == format!("{:?}", DateRelation::DayMonthSwapped) => {
            "в дате рождения переставлены день и месяц"
        }
        r if r == format!("{:?}", DateRelation::OneDayOff) => {
            "дата рождения отличается на один день"
        }
        r if r == format!("{:?}", DateRelation::OneYearOff) => {
            "дата рождения отличается на один год"
        }
        _ => "похожие данные",
    };
    let rest: Vec<&str> = parts.collect();
    let has = |p: &str| rest.contains(&p);
    if has(SEX_DIFFERS) {
        return "те же ФИО и дата рождения, другой пол".to_owned();
    }
    if has(SNILS_DIFFER) {
        return "те же ФИО, пол и дата рождения, разные СНИЛС".to_owned();
    }
    if has(CERTIFICATES_DIFFER) {
        return "те же ФИО, пол и дата рождения, разные свидетельства о рождении".to_owned();
    }
    let names = if has("names swapped") {
        "фамилия и имя переставлены"
    } else if has(GIVEN_NAME_FORM) {
        "имя в другой форме (Саша — Александр), похожая фамилия"
    } else {
        "похожие фамилия и имя"
    };
    format!("{names}, {date}")
}

/// What the operator decided about a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decision {
    /// Two different children: the pair is never flagged again.
    NotDuplicate,
    /// One child entered twice: the record `keep` stays, the other is retired.
    Duplicate { keep: i64 },
}

/// The reason an operator writes for a decision: what was checked.
const REASON_CHARS: std::ops::RangeInclusive<usize> = 5..=500;

/// Reads the resolve form: `decision` is `not_duplicate` or `keep:<child id>` for one of the
/// pair's two records; a reason is required either way.
pub fn parse_decision(
    decision: &str,
    reason: &str,
    pair: (i64, i64),
) -> Result<(Decision, String), Vec<FieldError>> {
    let mut errors = Vec::new();
    let parsed = match decision.trim() {
        "not_duplicate" => Some(Decision::NotDuplicate),
        other => other
            .strip_prefix("keep:")
            .and_then(|id| id.parse::<i64>().ok())
            .filter(|id| *id == pair.0 || *id == pair.1)
            .map(|keep| Decision::Duplicate { keep }),
    };
    if parsed.is_none() {
        errors.push(FieldError::new(
            "decision",
            "Выберите решение: не дубль или какую запись оставить",
        ));
    }
    let reason = reason.trim();
    if !REASON_CHARS.contains(&reason.chars().count()) {
        errors.push(FieldError::new(
            "reason",
            "Укажите основание решения: что проверено (от 5 до 500 знаков)",
        ));
    }
    match parsed {
        Some(d) if errors.is_empty() => Ok((d, reason.to_owned())),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests;
