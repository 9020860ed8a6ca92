//! One row of an institution's programs file (`kruzhok import programs`, and the upload in the
//! workspace): a program and, optionally, one of its groups. Rows of one program repeat its fields;
//! the first row of a title creates the program, every row may add a group to it. The words a
//! person types in a spreadsheet (`художественная`, `бесплатно`, `Пн, Ср 15:00–16:30`) read as the
//! form's codes.

use super::group_draft::GroupInput;
use super::program_draft::ProgramInput;
use super::schedule::Schedule;
use crate::domain::direction::Direction;
use crate::domain::level::Level;
use serde::Deserialize;

/// The file's columns, by header name. `organization` (the institution's number) is required by
/// the command line; the workspace's upload takes the operator's own institution.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct ProgramRow {
    pub organization: String,
    pub title: String,
    pub description: String,
    pub direction: String,
    pub level: String,
    pub age_min: String,
    pub age_max: String,
    pub cost: String,
    pub price_rub: String,
    pub address: String,
    /// Teachers separated by `;`.
    pub teachers: String,
    pub group: String,
    pub group_teacher: String,
    pub schedule: String,
    pub group_age_min: String,
    pub group_age_max: String,
    pub capacity: String,
    pub starts_on: String,
    pub enrolment_opens: String,
    pub enrolment_closes: String,
}

impl ProgramRow {
    /// The program's form as typed in the row.
    pub fn program(&self) -> ProgramInput {
        ProgramInput {
            title: self.title.clone(),
            description: self.description.clone(),
            direction: code_of(
                &self.direction,
                Direction::ALL.map(|d| (d.code(), d.label())),
            ),
            level: code_of(&self.level, Level::ALL.map(|l| (l.code(), l.label()))),
            age_min: self.age_min.clone(),
            age_max: self.age_max.clone(),
            cost: cost_code(&self.cost, &self.price_rub),
            price_rub: self.price_rub.clone(),
            address: self.address.clone(),
            teachers: self
                .teachers
                .split(';')
                .map(str::trim)
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }

    /// The group's form, when the row names a group; a timetable that does not read is the
    /// message to report.
    pub fn group(&self) -> Option<Result<GroupInput, &'static str>> {
        if self.group.trim().is_empty() {
            return None;
        }
        let schedule = match Schedule::parse(&self.schedule) {
            Ok(s) => s,
            Err(e) => return Some(Err(e.message())),
        };
        let or_program =
            |own: &str, program: &str| if own.trim().is_empty() { program } else { own }.to_owned();
        Some(Ok(GroupInput {
            name: self.group.clone(),
            teacher: self.group_teacher.clone(),
            days: (0..7)
                .filter(|i| schedule.days[*i])
                .map(|i| i.to_string())
                .collect(),
            time_from: schedule.from.format("%H:%M").to_string(),
            time_to: schedule.to.format("%H:%M").to_string(),
            age_min: or_program(&self.group_age_min, &self.age_min),
            age_max: or_program(&self.group_age_max, &self.age_max),
            capacity: self.capacity.clone(),
            starts_on: self.starts_on.clone(),
            enrolment_opens: self.enrolment_opens.clone(),
            enrolment_closes: self.enrolment_closes.clone(),
        }))
    }
}

/// The code of a dictionary value typed as its code or as its Russian name, any case; what reads
/// as neither stays as typed, for the form's check to refuse.
fn code_of<const N: usize>(typed: &str, values: [(&'static str, &'static str); N]) -> String {
    let wanted = typed.trim().to_lowercase();
    values
        .iter()
        .find(|(code, label)| *code == wanted || label.to_lowercase() == wanted)
        .map_or(wanted.clone(), |(code, _)| (*code).to_owned())
}

fn cost_code(typed: &str, price: &str) -> String {
    match typed.trim().to_lowercase().as_str() {
        "free" | "бесплатно" | "бесплатная" => "free".into(),
        "paid" | "платно" | "платная" => "paid".into(),
        "" if price.trim().is_empty() => "free".into(),
        "" => "paid".into(),
        other => other.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row() -> ProgramRow {
        ProgramRow {
            organization: "1".into(),
            title: "Шахматы".into(),
            description: "Дети учатся играть в шахматы и решать задачи.".into(),
            direction: "Социально-гуманитарная".into(),
            level: "Стартовый".into(),
            age_min: "6".into(),
            age_max: "12".into(),
            cost: "бесплатно".into(),
            teachers: "Иванов И. И.; Петрова А. А.".into(),
            group: "Группа 1".into(),
            group_teacher: "Иванов И. И.".into(),
            schedule: "Вт, Чт 16:00–17:00".into(),
            capacity: "12".into(),
            starts_on: "01.09.2027".into(),
            enrolment_opens: "15.05.2027".into(),
            enrolment_closes: "30.09.2027".into(),
            ..ProgramRow::default()
        }
    }

    #[test]
    fn spreadsheet_words_read_as_the_forms_codes() {
        let program = row().program().check().unwrap();
        assert_eq!(program.direction, Direction::Social);
        assert_eq!(program.level, Level::Starting);
        assert_eq!(program.cost, super::super::program_draft::Cost::Free);
        assert_eq!(program.teachers, ["Иванов И. И.", "Петрова А. А."]);
        let paid = ProgramRow {
            cost: String::new(),
            price_rub: "900".into(),
            direction: "sport".into(),
            ..row()
        };
        assert_eq!(
            paid.program().check().unwrap().cost,
            super::super::program_draft::Cost::Paid(900)
        );
    }

    #[test]
    fn a_group_takes_the_programs_ages_unless_it_names_its_own() {
        let group = row().group().unwrap().unwrap().check((6, 12)).unwrap();
        assert_eq!((group.age_min, group.age_max), (6, 12));
        assert_eq!(group.schedule.text(), "Вт, Чт 16:00–17:00");
        let own = ProgramRow {
            group_age_min: "8".into(),
            group_age_max: "10".into(),
            ..row()
        };
        let group = own.group().unwrap().unwrap().check((6, 12)).unwrap();
        assert_eq!((group.age_min, group.age_max), (8, 10));
    }

    #[test]
    fn a_row_without_a_group_is_a_program_alone_and_a_bad_timetable_is_named() {
        let alone = ProgramRow {
            group: " ".into(),
            ..row()
        };
        assert!(alone.group().is_none());
        let bad = ProgramRow {
            schedule: "по понедельникам".into(),
            ..row()
        };
        assert!(bad.group().unwrap().is_err());
        let unknown = ProgramRow {
            direction: "кулинарная".into(),
            ..row()
        };
        let errors = unknown.program().check().unwrap_err();
        assert_eq!(errors[0].field, "direction");
    }
}
