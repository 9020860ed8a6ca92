//! A child's birth date: a real date, not in the future, of a child aged 0 to 18.

use crate::domain::dates::parse_date;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

pub const BIRTH_DATE_FORMAT: &str =
    "Укажите дату рождения в формате ДД.ММ.ГГГГ, например 05.09.2016";
pub const BIRTH_DATE_FUTURE: &str = "Дата рождения не может быть в будущем";
pub const BIRTH_DATE_TOO_OLD: &str = "Ребенку должно быть от 0 до 18 лет";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct BirthDate(NaiveDate);

/// Full years of a person born on `birth` on the day `on`.
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> i32 {
    let mut age = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age
}

impl BirthDate {
    /// Parses `ДД.ММ.ГГГГ` or ISO and checks the child is 0–18 years old on `today`.
    pub fn parse(input: &str, today: NaiveDate) -> Result<Self, &'static str> {
        let date = parse_date(input).ok_or(BIRTH_DATE_FORMAT)?;
        if date > today {
            return Err(BIRTH_DATE_FUTURE);
        }
        if age_on(date, today) > 18 {
            return Err(BIRTH_DATE_TOO_OLD);
        }
        Ok(Self(date))
    }

    pub fn date(self) -> NaiveDate {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn ages_count_full_years_and_leap_days() {
        assert_eq!(age_on(d(2012, 3, 1), d(2026, 2, 28)), 13);
        assert_eq!(age_on(d(2012, 3, 1), d(2026, 3, 1)), 14);
        assert_eq!(age_on(d(2012, 2, 29), d(2026, 2, 28)), 13);
        assert_eq!(age_on(d(2012, 2, 29), d(2026, 3, 1)), 14);
    }

    #[test]
    fn a_child_from_newborn_to_eighteen_is_accepted() {
        let today = d(2026, 11, 30);
        assert!(BirthDate::parse("30.11.2026", today).is_ok());
        assert!(BirthDate::parse("01.12.2007", today).is_ok());
        assert_eq!(
            BirthDate::parse("30.11.2007", today),
            Err(BIRTH_DATE_TOO_OLD)
        );
        assert_eq!(
            BirthDate::parse("01.12.2026", today),
            Err(BIRTH_DATE_FUTURE)
        );
        assert_eq!(
            BirthDate::parse("31.11.2016", today),
            Err(BIRTH_DATE_FORMAT)
        );
    }
}
