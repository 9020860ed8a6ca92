//! Is the МОЦ hotline open now, and if not, when does it open? Computed in Europe/Moscow with the
//! time-zone database, from the weekly hours and the days it does not work, both kept by
//! administrators.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc, Weekday};
use chrono_tz::Europe::Moscow;
use std::collections::BTreeMap;

/// One weekly window, `[opens, closes)` in Moscow time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub weekday: Weekday,
    pub opens: NaiveTime,
    pub closes: NaiveTime,
}

/// The weekly hours and the days off (holidays), each with its note.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Schedule {
    pub windows: Vec<Window>,
    pub days_off: BTreeMap<NaiveDate, String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HotlineState {
    /// Open until `closes` (Moscow time).
    Open { closes: NaiveDateTime },
    /// Closed; `next` is the next opening in Moscow time, `None` if no hours are set within a
    /// year; `day_off` the note of today when today is a day off.
    Closed {
        next: Option<NaiveDateTime>,
        day_off: Option<String>,
    },
}

/// How far ahead the next opening is looked for: long holidays never hide it.
const HORIZON_DAYS: i64 = 400;

impl Schedule {
    /// Tuesday and Thursday 13:00–16:30, as the document says.
    pub fn documented() -> Self {
        let (opens, closes) = (time(13, 0), time(16, 30));
        Schedule {
            windows: [Weekday::Tue, Weekday::Thu]
                .into_iter()
                .map(|weekday| Window {
                    weekday,
                    opens,
                    closes,
                })
                .collect(),
            days_off: BTreeMap::new(),
        }
    }

    pub fn state_at(&self, now: DateTime<Utc>) -> HotlineState {
        let local = now.with_timezone(&Moscow).naive_local();
        let (today, at) = (local.date(), local.time());
        let day_off = self.days_off.get(&today).cloned();
        if day_off.is_none() {
            if let Some(w) = self
                .windows_on(today.weekday())
                .find(|w| w.opens <= at && at < w.closes)
            {
                return HotlineState::Open {
                    closes: today.and_time(w.closes),
                };
            }
        }
        HotlineState::Closed {
            next: self.next_opening(local),
            day_off,
        }
    }

    fn windows_on(&self, weekday: Weekday) -> impl Iterator<Item = &Window> {
        self.windows
            .iter()
            .filter(move |w| w.weekday == weekday && w.opens < w.closes)
    }

    fn next_opening(&self, after: NaiveDateTime) -> Option<NaiveDateTime> {
        (0..HORIZON_DAYS)
            .map(|d| after.date() + Duration::days(d))
            .filter(|day| !self.days_off.contains_key(day))
            .find_map(|day| {
                self.windows_on(day.weekday())
                    .map(|w| day.and_time(w.opens))
                    .filter(|opens| *opens > after)
                    .min()
            })
    }
}

fn time(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).expect("a valid time")
}

/// «Сейчас открыто до 16:30» or when it next opens, as the parent reads it at `now`.
pub fn describe(state: &HotlineState, now: DateTime<Utc>) -> String {
    match state {
        HotlineState::Open { closes } => format!("Сейчас открыто до {}", closes.format("%H:%M")),
        HotlineState::Closed { next, day_off } => {
            let today = now.with_timezone(&Moscow).date_naive();
            let why = match day_off {
                Some(note) if !note.trim().is_empty() => {
                    format!("Сейчас закрыто: сегодня не работает ({})", note.trim())
                }
                Some(_) => "Сейчас закрыто: сегодня не работает".to_owned(),
                None => "Сейчас закрыто".to_owned(),
            };
            match next {
                None => format!("{why}. Ближайшие часы работы пока не назначены"),
                Some(next) => format!("{why}. Откроется {}", when(today, *next)),
            }
        }
    }
}

/// «сегодня в 13:00», «завтра в 13:00», «в четверг, 3 декабря, в 13:00».
fn when(today: NaiveDate, at: NaiveDateTime) -> String {
    let time = at.format("%H:%M");
    match (at.date() - today).num_days() {
        0 => format!("сегодня в {time}"),
        1 => format!("завтра в {time}"),
        _ => format!(
            "{} {}, {} {}, в {time}",
            if at.weekday() == Weekday::Tue {
                "во"
            } else {
                "в"
            },
            weekday_accusative(at.weekday()),
            at.day(),
            month_genitive(at.month())
        ),
    }
}

fn weekday_accusative(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "понедельник",
        Weekday::Tue => "вторник",
        Weekday::Wed => "среду",
        Weekday::Thu => "четверг",
        Weekday::Fri => "пятницу",
        Weekday::Sat => "субботу",
        Weekday::Sun => "воскресенье",
    }
}

/// The weekday as a list of hours shows it: «вт».
pub fn weekday_short(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "пн",
        Weekday::Tue => "вт",
        Weekday::Wed => "ср",
        Weekday::Thu => "чт",
        Weekday::Fri => "пт",
        Weekday::Sat => "сб",
        Weekday::Sun => "вс",
    }
}

fn month_genitive(m: u32) -> &'static str {
    [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ][(m as usize - 1) % 12]
}

#[cfg(test)]
mod tests;
