//! A study group as the institution's operator types it: its timetable, ages within the program's,
//! capacity and dates, every mistake reported at its field. Whether the capacity still holds the
//! seats already taken is the database's to say, inside the transaction that changes it.

use super::schedule::{Schedule, DAYS};
use crate::domain::dates::parse_date;
use crate::domain::field_error::FieldError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The most seats a group may have; more is taken for a typo.
pub const MAX_CAPACITY: u32 = 500;

/// The form's fields as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GroupInput {
    pub name: String,
    pub teacher: String,
    /// The days ticked: `0` for Monday … `6` for Sunday.
    pub days: Vec<String>,
    pub time_from: String,
    pub time_to: String,
    pub age_min: String,
    pub age_max: String,
    pub capacity: String,
    pub starts_on: String,
    pub enrolment_opens: String,
    pub enrolment_closes: String,
}

/// A group that passed every check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupDraft {
    pub name: String,
    pub teacher: String,
    pub schedule: Schedule,
    pub age_min: u8,
    pub age_max: u8,
    pub capacity: u32,
    pub starts_on: NaiveDate,
    pub enrolment_opens: NaiveDate,
    pub enrolment_closes: NaiveDate,
}

impl GroupInput {
    /// The fields of a stored group, to edit it.
    pub fn of(draft: &GroupDraft) -> Self {
        GroupInput {
            name: draft.name.clone(),
            teacher: draft.teacher.clone(),
            days: (0..7)
                .filter(|i| draft.schedule.days[*i])
                .map(|i| i.to_string())
                .collect(),
            time_from: draft.schedule.from.format("%H:%M").to_string(),
            time_to: draft.schedule.to.format("%H:%M").to_string(),
            age_min: draft.age_min.to_string(),
            age_max: draft.age_max.to_string(),
            capacity: draft.capacity.to_string(),
            starts_on: draft.starts_on.to_string(),
            enrolment_opens: draft.enrolment_opens.to_string(),
            enrolment_closes: draft.enrolment_closes.to_string(),
        }
    }

    /// Checks the fields; the group's ages must lie within the program's `ages`.
    pub fn check(&self, ages: (u8, u8)) -> Result<GroupDraft, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut fail = |field: &str, message: &str| errors.push(FieldError::new(field, message));
        let name = collapse(&self.name);
        if !(1..=100).contains(&name.chars().count()) {
            fail("name", "Укажите название группы (до 100 символов)");
        }
        let teacher = collapse(&self.teacher);
        if !(2..=100).contains(&teacher.chars().count()) {
            fail("teacher", "Укажите педагога группы (от 2 до 100 символов)");
        }
        let mut days = [false; 7];
        for day in &self.days {
            match day.trim().parse::<usize>() {
                Ok(i) if i < DAYS.len() => days[i] = true,
                _ => {}
            }
        }
        let schedule = match Schedule::new(days, &self.time_from, &self.time_to) {
            Ok(s) => Some(s),
            Err(e) => {
                let field = if days.contains(&true) {
                    "time_from"
                } else {
                    "days"
                };
                fail(field, e.message());
                None
            }
        };
        let age_min = age(&self.age_min);
        let age_max = age(&self.age_max);
        let (low, high) = ages;
        let within = format!("Возраст группы — в пределах программы: от {low} до {high} лет");
        match age_min {
            None => fail("age_min", "Укажите возраст «от» — целое число"),
            Some(a) if a < low || a > high => fail("age_min", &within),
            _ => {}
        }
        match age_max {
            None => fail("age_max", "Укажите возраст «до» — целое число"),
            Some(a) if a < low || a > high => fail("age_max", &within),
            Some(a) if age_min.is_some_and(|m| a < m) => {
                fail("age_max", "Возраст «до» не может быть меньше возраста «от»")
            }
            _ => {}
        }
        let capacity = self.capacity.trim().parse::<u32>().ok();
        if !capacity.is_some_and(|c| (1..=MAX_CAPACITY).contains(&c)) {
            fail("capacity", "Укажите число мест: от 1 до 500");
        }
        let starts_on = parse_date(&self.starts_on);
        if starts_on.is_none() {
            fail("starts_on", "Укажите дату начала занятий как ДД.ММ.ГГГГ");
        }
        let opens = parse_date(&self.enrolment_opens);
        if opens.is_none() {
            fail(
                "enrolment_opens",
                "Укажите дату начала приема как ДД.ММ.ГГГГ",
            );
        }
        let closes = parse_date(&self.enrolment_closes);
        match (opens, closes) {
            (_, None) => fail(
                "enrolment_closes",
                "Укажите дату окончания приема как ДД.ММ.ГГГГ",
            ),
            (Some(o), Some(c)) if c < o => fail(
                "enrolment_closes",
                "Прием не может закончиться раньше, чем начнется",
            ),
            _ => {}
        }
        match (
            schedule, age_min, age_max, capacity, starts_on, opens, closes,
        ) {
            (
                Some(schedule),
                Some(age_min),
                Some(age_max),
                Some(capacity),
                Some(s),
                Some(o),
                Some(c),
            ) if errors.is_empty() => Ok(GroupDraft {
                name,
                teacher,
                schedule,
                age_min,
                age_max,
                capacity,
                starts_on: s,
                enrolment_opens: o,
                enrolment_closes: c,
            }),
            _ => Err(errors),
        }
    }
}

impl GroupDraft {
    /// The same group a school year later: the dates move by a year, the rest stays.
    pub fn next_year(&self) -> GroupDraft {
        GroupDraft {
            starts_on: a_year_later(self.starts_on),
            enrolment_opens: a_year_later(self.enrolment_opens),
            enrolment_closes: a_year_later(self.enrolment_closes),
            ..self.clone()
        }
    }
}

/// The same day a year later; 29 February becomes 28 February.
pub fn a_year_later(date: NaiveDate) -> NaiveDate {
    date.checked_add_months(chrono::Months::new(12))
        .unwrap_or(date)
}

/// The year a school year starts in (September), for the date.
pub fn school_year_of(date: NaiveDate) -> i32 {
    use chrono::Datelike;
    if date.month() >= 8 {
        date.year()
    } else {
        date.year() - 1
    }
}

/// The refusal when a new capacity would leave children without the seats they hold.
pub fn below_taken_message(taken: u32) -> String {
    format!(
        "Мест не может быть меньше, чем уже занято: {taken}. Сначала отчислите или отмените заявки"
    )
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn age(input: &str) -> Option<u8> {
    input
        .trim()
        .parse::<u8>()
        .ok()
        .filter(|a| *a <= super::program_draft::MAX_AGE)
}

#[cfg(test)]
mod tests;
