//! The help pages' data: the МОЦ hotline's state from the hours administrators keep, and the
//! institutions a parent can turn to. Administrators change the hours and days off.

use super::roles::{administrator, audit};
use crate::contract::help::{
    Contact, ContactsAnswer, DayOffLine, HotlineCard, HotlineForm, HotlineOutcome, HotlineSetup,
    HoursLine,
};
use crate::domain::dates::parse_date;
use crate::domain::field_error::FieldError;
use crate::domain::help::hotline::{describe, weekday_short, HotlineState, Schedule, Window};
use crate::error::AppError;
use crate::server::auth::session::current_account_id;
use crate::server::db::help::{self as db, ContactRow, HoursRow};
use crate::server::state::{today_in_moscow, AppState};
use chrono::{NaiveTime, Utc, Weekday};

/// Institutions found by name, at most this many.
const SEARCH_LIMIT: i64 = 20;

fn weekday_of(n: i32) -> Option<Weekday> {
    (1..=7)
        .contains(&n)
        .then(|| Weekday::try_from((n - 1) as u8).ok())
        .flatten()
}

fn window_of(row: &HoursRow) -> Option<Window> {
    Some(Window {
        weekday: weekday_of(row.weekday)?,
        opens: NaiveTime::parse_from_str(&row.opens_at, "%H:%M").ok()?,
        closes: NaiveTime::parse_from_str(&row.closes_at, "%H:%M").ok()?,
    })
}

/// «вт 13:00–16:30».
fn hours_label(row: &HoursRow) -> String {
    let day = weekday_of(row.weekday).map(weekday_short).unwrap_or("?");
    format!("{day} {}–{}", row.opens_at, row.closes_at)
}

/// «вт, чт 13:00–16:30»: days with the same hours are named together.
fn hours_summary(rows: &[HoursRow]) -> String {
    let mut spans: Vec<(String, Vec<&str>)> = Vec::new();
    for row in rows {
        let span = format!("{}–{}", row.opens_at, row.closes_at);
        let day = weekday_of(row.weekday).map(weekday_short).unwrap_or("?");
        match spans.iter_mut().find(|(s, _)| *s == span) {
            Some((_, days)) => days.push(day),
            None => spans.push((span, vec![day])),
        }
    }
    if spans.is_empty() {
        return "часы работы не назначены".to_owned();
    }
    spans
        .into_iter()
        .map(|(span, days)| format!("{} {span}", days.join(", ")))
        .collect::<Vec<_>>()
        .join("; ")
}

pub async fn hotline_card(state: &AppState) -> Result<HotlineCard, AppError> {
    let hours = db::hours(&state.db).await?;
    // Yesterday's day off can still matter at night in another zone; a day back is enough.
    let from = today_in_moscow() - chrono::Duration::days(1);
    let schedule = Schedule {
        windows: hours.iter().filter_map(window_of).collect(),
        days_off: db::days_off(&state.db, from)
            .await?
            .into_iter()
            .map(|d| (d.day, d.note))
            .collect(),
    };
    let now = Utc::now();
    let current = schedule.state_at(now);
    Ok(HotlineCard {
        open: matches!(current, HotlineState::Open { .. }),
        state: describe(&current, now),
        hours: hours_summary(&hours),
    })
}

fn contact(row: ContactRow) -> Contact {
    Contact {
        id: row.id,
        name: row.name,
        short_name: row.short_name,
        address: row.address,
        phone: row.phone,
        email: row.email,
        opening_hours: row.opening_hours,
    }
}

/// The family's institutions for a signed-in parent, and those found by name for anyone.
pub async fn contacts(state: &AppState, q: &str) -> Result<ContactsAnswer, AppError> {
    let account = current_account_id(state).await?;
    let mine = match account {
        Some(id) => db::institutions_of(&state.db, id).await?,
        None => Vec::new(),
    };
    let needle = q.trim().to_lowercase();
    let found = if needle.chars().count() >= 2 {
        db::search_institutions(&state.db, &needle, SEARCH_LIMIT).await?
    } else {
        Vec::new()
    };
    Ok(ContactsAnswer {
        signed_in: account.is_some(),
        mine: mine.into_iter().map(contact).collect(),
        found: found.into_iter().map(contact).collect(),
        hotline: hotline_card(state).await?,
    })
}

pub async fn settings(state: &AppState) -> Result<HotlineSetup, AppError> {
    administrator(state).await?;
    let hours = db::hours(&state.db).await?;
    let days_off = db::days_off(&state.db, today_in_moscow()).await?;
    Ok(HotlineSetup {
        hours: hours
            .iter()
            .map(|h| HoursLine {
                id: h.id,
                label: hours_label(h),
            })
            .collect(),
        days_off: days_off
            .into_iter()
            .map(|d| DayOffLine {
                day: d.day.format("%d.%m.%Y").to_string(),
                note: d.note,
            })
            .collect(),
        card: hotline_card(state).await?,
    })
}

fn time_field(value: &str, field: &str, errors: &mut Vec<FieldError>) -> Option<NaiveTime> {
    match NaiveTime::parse_from_str(value.trim(), "%H:%M") {
        Ok(t) => Some(t),
        Err(_) => {
            errors.push(FieldError::new(
                field,
                "Время — в виде ЧЧ:ММ, например 13:00",
            ));
            None
        }
    }
}

#[tracing::instrument(skip_all, err(Debug))]
pub async fn save(state: &AppState, form: HotlineForm) -> Result<HotlineOutcome, AppError> {
    let acting = administrator(state).await?;
    let mut errors = Vec::new();
    let invalid = |errors| HotlineOutcome::Invalid {
        op: form.op.clone(),
        errors,
    };
    let message = match form.op.as_str() {
        "add_hours" => {
            let weekday = form
                .weekday
                .parse::<i32>()
                .ok()
                .filter(|d| weekday_of(*d).is_some());
            if weekday.is_none() {
                errors.push(FieldError::new("weekday", "Выберите день недели"));
            }
            let opens = time_field(&form.opens, "opens", &mut errors);
            let closes = time_field(&form.closes, "closes", &mut errors);
            if let (Some(o), Some(c)) = (opens, closes) {
                if o >= c {
                    errors.push(FieldError::new("closes", "Время окончания — позже начала"));
                }
            }
            let (Some(weekday), Some(opens), Some(closes), true) =
                (weekday, opens, closes, errors.is_empty())
            else {
                return Ok(invalid(errors));
            };
            let (opens, closes) = (
                opens.format("%H:%M").to_string(),
                closes.format("%H:%M").to_string(),
            );
            if !db::add_hours(&state.db, weekday, &opens, &closes).await? {
                return Ok(invalid(vec![FieldError::new(
                    "opens",
                    "В этот день часы с таким началом уже есть",
                )]));
            }
            format!(
                "Добавлены часы: {} {opens}–{closes}",
                weekday_of(weekday).map(weekday_short).unwrap_or("")
            )
        }
        "delete_hours" => {
            let id = form.id.parse::<i64>().map_err(|_| AppError::NotFound)?;
            if !db::delete_hours(&state.db, id).await? {
                return Err(AppError::NotFound);
            }
            "Часы удалены".to_owned()
        }
        "add_day_off" => {
            let day = match parse_date(form.day.trim()) {
                Some(d) if d >= today_in_moscow() => d,
                Some(_) => {
                    return Ok(invalid(vec![FieldError::new(
                        "day",
                        "Укажите сегодняшний или будущий день",
                    )]))
                }
                None => {
                    return Ok(invalid(vec![FieldError::new(
                        "day",
                        "Дата — в виде ДД.ММ.ГГГГ, например 31.12.2026",
                    )]))
                }
            };
            let note = form.note.trim();
            if note.chars().count() > 120 {
                return Ok(invalid(vec![FieldError::new(
                    "note",
                    "Пояснение — не длиннее 120 знаков",
                )]));
            }
            db::put_day_off(&state.db, day, note).await?;
            format!("{} — нерабочий день горячей линии", day.format("%d.%m.%Y"))
        }
        "delete_day_off" => {
            let day = parse_date(form.day.trim()).ok_or(AppError::NotFound)?;
            if !db::delete_day_off(&state.db, day).await? {
                return Err(AppError::NotFound);
            }
            format!("{} — снова рабочий день", day.format("%d.%m.%Y"))
        }
        _ => return Err(AppError::NotFound),
    };
    audit(
        state,
        &acting,
        "save_hotline_hours",
        "hotline",
        Some(&message),
    )
    .await?;
    Ok(HotlineOutcome::Saved(message))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(weekday: i32, opens: &str, closes: &str) -> HoursRow {
        HoursRow {
            id: 1,
            weekday,
            opens_at: opens.into(),
            closes_at: closes.into(),
        }
    }

    #[test]
    fn the_summary_names_days_with_the_same_hours_together() {
        let rows = [row(2, "13:00", "16:30"), row(4, "13:00", "16:30")];
        assert_eq!(hours_summary(&rows), "вт, чт 13:00–16:30");
        let rows = [row(2, "13:00", "16:30"), row(5, "10:00", "12:00")];
        assert_eq!(hours_summary(&rows), "вт 13:00–16:30; пт 10:00–12:00");
        assert_eq!(hours_summary(&[]), "часы работы не назначены");
    }

    #[test]
    fn weekdays_count_from_monday() {
        assert_eq!(weekday_of(1), Some(Weekday::Mon));
        assert_eq!(weekday_of(7), Some(Weekday::Sun));
        assert_eq!(weekday_of(0), None);
        assert_eq!(weekday_of(8), None);
    }
}
