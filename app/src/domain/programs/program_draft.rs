//! A program as the institution's operator types it, checked field by field. Every mistake is
//! reported at its field at once, so one send shows them all.

use crate::domain::direction::Direction;
use crate::domain::field_error::FieldError;
use crate::domain::level::Level;
use serde::{Deserialize, Serialize};

/// The oldest age a program of additional education may be for (as in the catalogue's filter).
pub const MAX_AGE: u8 = 18;
/// The highest monthly price, in roubles, that is taken as typed rather than as a typo.
pub const MAX_PRICE_RUB: u32 = 100_000;

/// The form's fields as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProgramInput {
    pub title: String,
    pub description: String,
    pub direction: String,
    pub level: String,
    pub age_min: String,
    pub age_max: String,
    /// `free` or `paid`.
    pub cost: String,
    pub price_rub: String,
    /// Empty for the institution's own address.
    pub address: String,
    /// One teacher per line.
    pub teachers: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cost {
    Free,
    /// Roubles per month.
    Paid(u32),
}

/// A program that passed every check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgramDraft {
    pub title: String,
    pub description: String,
    pub direction: Direction,
    pub level: Level,
    pub age_min: u8,
    pub age_max: u8,
    pub cost: Cost,
    /// `None`: classes are at the institution's own address.
    pub address: Option<String>,
    pub teachers: Vec<String>,
}

impl ProgramDraft {
    /// Whether going from `self` (published) to `changed` needs МОЦ again. Everything a parent reads
    /// about the program does; the teachers, who change with the staff, do not.
    pub fn needs_moderation(&self, changed: &ProgramDraft) -> bool {
        ProgramDraft {
            teachers: changed.teachers.clone(),
            ..self.clone()
        } != *changed
    }

    /// The title of a copy for the school year that starts in `year`: a school year already named
    /// in the title («… 2026/2027») moves on, otherwise the new one is added in brackets.
    pub fn next_year_title(&self, year: i32) -> String {
        let (old, new) = (
            format!("{}/{}", year - 1, year),
            format!("{}/{}", year, year + 1),
        );
        if self.title.contains(&old) {
            self.title.replace(&old, &new)
        } else {
            format!("{} ({new})", self.title)
        }
    }
}

impl ProgramInput {
    /// The fields of a stored program, to edit it.
    pub fn of(draft: &ProgramDraft) -> Self {
        let (cost, price_rub) = match draft.cost {
            Cost::Free => ("free", String::new()),
            Cost::Paid(p) => ("paid", p.to_string()),
        };
        ProgramInput {
            title: draft.title.clone(),
            description: draft.description.clone(),
            direction: draft.direction.code().to_owned(),
            level: draft.level.code().to_owned(),
            age_min: draft.age_min.to_string(),
            age_max: draft.age_max.to_string(),
            cost: cost.to_owned(),
            price_rub,
            address: draft.address.clone().unwrap_or_default(),
            teachers: draft.teachers.join("\n"),
        }
    }
}

impl ProgramInput {
    pub fn check(&self) -> Result<ProgramDraft, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut fail = |field: &str, message: &str| errors.push(FieldError::new(field, message));
        let title = collapse(&self.title);
        match title.chars().count() {
            0 => fail("title", "Укажите название программы"),
            1..=2 | 151.. => fail("title", "Название — от 3 до 150 символов"),
            _ => {}
        }
        let description = self.description.trim().to_owned();
        match description.chars().count() {
            0..=19 => fail(
                "description",
                "Опишите программу: чем занимаются дети (не короче 20 символов)",
            ),
            4001.. => fail("description", "Описание — не длиннее 4000 символов"),
            _ => {}
        }
        let direction = Direction::from_code(self.direction.trim());
        if direction.is_none() {
            fail("direction", "Выберите направленность");
        }
        let level = Level::from_code(self.level.trim());
        if level.is_none() {
            fail("level", "Выберите уровень программы");
        }
        let age_min = age(&self.age_min);
        let age_max = age(&self.age_max);
        if age_min.is_none() {
            fail("age_min", "Укажите возраст «от» — целое число от 0 до 18");
        }
        if age_max.is_none() {
            fail("age_max", "Укажите возраст «до» — целое число от 0 до 18");
        }
        if let (Some(from), Some(to)) = (age_min, age_max) {
            if to < from {
                fail("age_max", "Возраст «до» не может быть меньше возраста «от»");
            }
        }
        let cost = match self.cost.trim() {
            "free" => Some(Cost::Free),
            "paid" => match self
                .price_rub
                .trim()
                .replace([' ', '\u{a0}'], "")
                .parse::<u32>()
            {
                Ok(p) if (1..=MAX_PRICE_RUB).contains(&p) => Some(Cost::Paid(p)),
                _ => {
                    fail(
                        "price_rub",
                        "Укажите цену в месяц в рублях: от 1 до 100 000",
                    );
                    None
                }
            },
            _ => {
                fail("cost", "Укажите, бесплатная программа или платная");
                None
            }
        };
        let address = collapse(&self.address);
        let address = match address.chars().count() {
            0 => None,
            1..=4 | 301.. => {
                fail(
                    "address",
                    "Адрес — от 5 до 300 символов, или оставьте поле пустым",
                );
                None
            }
            _ => Some(address),
        };
        let teachers: Vec<String> = self
            .teachers
            .lines()
            .map(collapse)
            .filter(|t| !t.is_empty())
            .collect();
        if teachers.is_empty() {
            fail("teachers", "Укажите хотя бы одного педагога");
        } else if teachers
            .iter()
            .any(|t| !(2..=100).contains(&t.chars().count()))
        {
            fail(
                "teachers",
                "Каждый педагог — отдельной строкой, от 2 до 100 символов",
            );
        }
        match (direction, level, age_min, age_max, cost) {
            (Some(direction), Some(level), Some(age_min), Some(age_max), Some(cost))
                if errors.is_empty() =>
            {
                Ok(ProgramDraft {
                    title,
                    description,
                    direction,
                    level,
                    age_min,
                    age_max,
                    cost,
                    address,
                    teachers,
                })
            }
            _ => Err(errors),
        }
    }
}

/// Trimmed, with runs of whitespace as one space.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn age(input: &str) -> Option<u8> {
    input.trim().parse::<u8>().ok().filter(|a| *a <= MAX_AGE)
}

#[cfg(test)]
mod tests;
