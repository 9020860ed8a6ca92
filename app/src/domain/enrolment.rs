//! Whether a group accepts applications on a given day.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The state of a group's enrolment window (both ends inclusive) on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EnrolmentState {
    NotYetOpen { opens: NaiveDate },
    Open { closes: NaiveDate },
    Closed { closed: NaiveDate },
}

impl EnrolmentState {
    pub fn on(today: NaiveDate, opens: NaiveDate, closes: NaiveDate) -> Self {
        if today < opens {
            EnrolmentState::NotYetOpen { opens }
        } else if today <= closes {
            EnrolmentState::Open { closes }
        } else {
            EnrolmentState::Closed { closed: closes }
        }
    }

    pub fn is_open(self) -> bool {
        matches!(self, EnrolmentState::Open { .. })
    }

    /// The sentence shown next to a group.
    pub fn describe(self) -> String {
        use super::dates::format_ru;
        match self {
            EnrolmentState::NotYetOpen { opens } => format!("Набор откроется {}", format_ru(opens)),
            EnrolmentState::Open { closes } => format!("Идёт набор до {}", format_ru(closes)),
            EnrolmentState::Closed { closed } => format!("Набор закрыт {}", format_ru(closed)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    #[test]
    fn the_window_is_open_on_both_edge_days() {
        assert!(EnrolmentState::on(d(8, 15), d(8, 15), d(9, 30)).is_open());
        assert!(EnrolmentState::on(d(9, 30), d(8, 15), d(9, 30)).is_open());
    }

    #[test]
    fn the_day_before_and_the_day_after_are_outside() {
        assert_eq!(
            EnrolmentState::on(d(8, 14), d(8, 15), d(9, 30)),
            EnrolmentState::NotYetOpen { opens: d(8, 15) }
        );
        assert_eq!(
            EnrolmentState::on(d(10, 1), d(8, 15), d(9, 30)),
            EnrolmentState::Closed { closed: d(9, 30) }
        );
    }

    #[test]
    fn the_description_names_the_relevant_date() {
        assert_eq!(
            EnrolmentState::Open { closes: d(9, 30) }.describe(),
            "Идёт набор до 30.09.2026"
        );
        assert_eq!(
            EnrolmentState::NotYetOpen { opens: d(8, 15) }.describe(),
            "Набор откроется 15.08.2026"
        );
    }
}
