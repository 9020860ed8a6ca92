//! A group's timetable as the catalogue prints it: «Пн, Ср 15:00–16:30». Operators pick the days and
//! the times in the form; an import file carries the same text, which reads back into the same days.

use chrono::NaiveTime;
use serde::{Deserialize, Serialize};

/// The days of the week as Russians abbreviate them, Monday first.
pub const DAYS: [&str; 7] = ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    /// Which days the group meets, Monday first; at least one.
    pub days: [bool; 7],
    pub from: NaiveTime,
    pub to: NaiveTime,
}

/// Why a timetable cannot be read; each message names what to fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScheduleError {
    NoDays,
    BadTime,
    EndsBeforeStart,
}

impl ScheduleError {
    pub fn message(self) -> &'static str {
        match self {
            ScheduleError::NoDays => "Отметьте хотя бы один день занятий",
            ScheduleError::BadTime => "Укажите время как ЧЧ:ММ, например 15:30",
            ScheduleError::EndsBeforeStart => "Занятие должно заканчиваться позже, чем начинается",
        }
    }
}

impl Schedule {
    /// A timetable from the form's fields: the days ticked and the two times as typed.
    pub fn new(days: [bool; 7], from: &str, to: &str) -> Result<Self, ScheduleError> {
        if !days.contains(&true) {
            return Err(ScheduleError::NoDays);
        }
        let (from, to) = (parse_time(from)?, parse_time(to)?);
        if to <= from {
            return Err(ScheduleError::EndsBeforeStart);
        }
        Ok(Schedule { days, from, to })
    }

    /// Reads the catalogue's text: days separated by commas, a run of days as «Пн–Пт», then the
    /// times joined by a dash (an en dash or a hyphen).
    pub fn parse(text: &str) -> Result<Self, ScheduleError> {
        let text = text.trim();
        let (days_part, times) = text.rsplit_once(' ').ok_or(ScheduleError::BadTime)?;
        let (from, to) = times.split_once(['–', '-']).ok_or(ScheduleError::BadTime)?;
        let mut days = [false; 7];
        for item in days_part
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            match item.split_once(['–', '-']) {
                Some((first, last)) => {
                    let (first, last) = (day_index(first)?, day_index(last)?);
                    if last < first {
                        return Err(ScheduleError::NoDays);
                    }
                    days[first..=last].iter_mut().for_each(|d| *d = true);
                }
                None => days[day_index(item)?] = true,
            }
        }
        Schedule::new(days, from, to)
    }

    /// «Пн, Ср 15:00–16:30»; three days or more in a row read «Пн–Пт».
    pub fn text(&self) -> String {
        let mut parts = Vec::new();
        let mut i = 0;
        while i < 7 {
            if !self.days[i] {
                i += 1;
                continue;
            }
            let start = i;
            while i + 1 < 7 && self.days[i + 1] {
                i += 1;
            }
            match i - start {
                0 => parts.push(DAYS[start].to_owned()),
                1 => parts.extend([DAYS[start].to_owned(), DAYS[i].to_owned()]),
                _ => parts.push(format!("{}–{}", DAYS[start], DAYS[i])),
            }
            i += 1;
        }
        format!(
            "{} {}–{}",
            parts.join(", "),
            self.from.format("%-H:%M"),
            self.to.format("%-H:%M")
        )
    }
}

fn day_index(name: &str) -> Result<usize, ScheduleError> {
    let name = name.trim();
    DAYS.iter()
        .position(|d| d.eq_ignore_ascii_case(name) || d.to_lowercase() == name.to_lowercase())
        .ok_or(ScheduleError::NoDays)
}

fn parse_time(input: &str) -> Result<NaiveTime, ScheduleError> {
    let input = input.trim().replace('.', ":");
    NaiveTime::parse_from_str(&input, "%H:%M").map_err(|_| ScheduleError::BadTime)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn the_catalogue_text_reads_as_russians_write_it() {
        let mut days = [false; 7];
        days[0] = true;
        days[2] = true;
        let s = Schedule::new(days, "15:00", "16:30").unwrap();
        assert_eq!(s.text(), "Пн, Ср 15:00–16:30");
        let weekdays = Schedule::new(
            [true, true, true, true, true, false, false],
            "9:00",
            "18:00",
        );
        assert_eq!(weekdays.unwrap().text(), "Пн–Пт 9:00–18:00");
        let two = Schedule::new(
            [false, false, false, false, false, true, true],
            "10:00",
            "11:00",
        );
        assert_eq!(two.unwrap().text(), "Сб, Вс 10:00–11:00");
    }

    #[test]
    fn the_seed_texts_read_back() {
        for text in [
            "Пн, Ср 15:00–16:30",
            "Вт, Чт 16:00–17:30",
            "Пн–Пт 8:00–18:00",
        ] {
            assert_eq!(Schedule::parse(text).unwrap().text(), text);
        }
        let s = Schedule::parse(" пн, ср 15.00-16.30 ").unwrap();
        assert_eq!((s.from, s.to), (t(15, 0), t(16, 30)));
    }

    #[test]
    fn mistakes_are_named() {
        assert_eq!(
            Schedule::new([false; 7], "10:00", "11:00"),
            Err(ScheduleError::NoDays)
        );
        let monday = [true, false, false, false, false, false, false];
        assert_eq!(
            Schedule::new(monday, "25:00", "26:00"),
            Err(ScheduleError::BadTime)
        );
        assert_eq!(
            Schedule::new(monday, "", "11:00"),
            Err(ScheduleError::BadTime)
        );
        assert_eq!(
            Schedule::new(monday, "11:00", "11:00"),
            Err(ScheduleError::EndsBeforeStart)
        );
        assert_eq!(Schedule::parse("Пн 15:00"), Err(ScheduleError::BadTime));
        assert_eq!(
            Schedule::parse("Понедельник 15:00–16:00"),
            Err(ScheduleError::NoDays)
        );
        assert_eq!(
            Schedule::parse("Пт–Пн 15:00–16:00"),
            Err(ScheduleError::NoDays)
        );
    }

    proptest! {
        #[test]
        fn every_timetable_reads_back_from_its_text(
            days in proptest::array::uniform7(any::<bool>()),
            from in 0u32..(23 * 60),
            length in 1u32..120,
        ) {
            prop_assume!(days.contains(&true));
            let to = (from + length).min(23 * 60 + 59);
            prop_assume!(to > from);
            let s = Schedule {
                days,
                from: t(from / 60, from % 60),
                to: t(to / 60, to % 60),
            };
            prop_assert_eq!(Schedule::parse(&s.text()), Ok(s));
        }
    }
}
