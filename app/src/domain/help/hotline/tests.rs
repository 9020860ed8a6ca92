use super::*;
use chrono::TimeZone;

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn moscow(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, mo, d)
        .unwrap()
        .and_hms_opt(h, mi, 0)
        .unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn open_until(closes: NaiveDateTime) -> HotlineState {
    HotlineState::Open { closes }
}

fn closed(next: NaiveDateTime) -> HotlineState {
    HotlineState::Closed {
        next: Some(next),
        day_off: None,
    }
}

/// 2026-12-01 is a Tuesday, 2026-12-03 a Thursday. Moscow is UTC+3 all year.
#[test]
fn a_table_of_instants() {
    let s = Schedule::documented();
    let tue_open = moscow(2026, 12, 1, 13, 0);
    let tue_close = moscow(2026, 12, 1, 16, 30);
    let thu_open = moscow(2026, 12, 3, 13, 0);
    let thu_close = moscow(2026, 12, 3, 16, 30);
    let cases: &[(&str, HotlineState)] = &[
        // Monday noon in Moscow: opens tomorrow.
        ("2026-11-30T09:00:00Z", closed(tue_open)),
        // One second before 13:00 on Tuesday: still closed.
        ("2026-12-01T09:59:59Z", closed(tue_open)),
        // 13:00 exactly: open.
        ("2026-12-01T10:00:00Z", open_until(tue_close)),
        ("2026-12-01T13:29:59Z", open_until(tue_close)),
        // 16:30 exactly: closed, next is Thursday.
        ("2026-12-01T13:30:00Z", closed(thu_open)),
        ("2026-12-03T12:00:00Z", open_until(thu_close)),
        // Thursday evening: next Tuesday.
        ("2026-12-03T14:00:00Z", closed(moscow(2026, 12, 8, 13, 0))),
        // The weekend.
        ("2026-12-05T10:00:00Z", closed(moscow(2026, 12, 8, 13, 0))),
        ("2026-12-06T12:00:00Z", closed(moscow(2026, 12, 8, 13, 0))),
        // Monday 22:00 UTC is already Tuesday 01:00 in Moscow: opens «today».
        ("2026-11-30T22:00:00Z", closed(tue_open)),
        // Tuesday 21:30 UTC is Wednesday 00:30 in Moscow.
        ("2026-12-01T21:30:00Z", closed(thu_open)),
        // 10:00 UTC on Tuesday is 13:00 in Moscow, not 10:00 or 11:00.
        (
            "2026-12-08T10:30:00Z",
            open_until(moscow(2026, 12, 8, 16, 30)),
        ),
    ];
    for (at, expected) in cases {
        assert_eq!(&s.state_at(utc(at)), expected, "at {at}");
    }
}

#[test]
fn a_day_off_closes_the_line_and_moves_the_next_opening() {
    let mut s = Schedule::documented();
    s.days_off.insert(date(2026, 12, 1), "праздник".into());
    assert_eq!(
        s.state_at(utc("2026-12-01T11:00:00Z")),
        HotlineState::Closed {
            next: Some(moscow(2026, 12, 3, 13, 0)),
            day_off: Some("праздник".into()),
        }
    );
    assert_eq!(
        s.state_at(utc("2026-11-30T09:00:00Z")),
        closed(moscow(2026, 12, 3, 13, 0))
    );
}

#[test]
fn long_new_year_holidays_are_skipped() {
    let mut s = Schedule::documented();
    let mut d = date(2026, 12, 31);
    while d <= date(2027, 1, 11) {
        s.days_off.insert(d, "новогодние каникулы".into());
        d = d.succ_opt().unwrap();
    }
    // 2027-01-12 is a Tuesday.
    assert_eq!(
        s.state_at(utc("2026-12-30T10:00:00Z")),
        closed(moscow(2027, 1, 12, 13, 0))
    );
}

#[test]
fn without_hours_there_is_no_next_opening() {
    let s = Schedule::default();
    assert_eq!(
        s.state_at(utc("2026-12-01T10:00:00Z")),
        HotlineState::Closed {
            next: None,
            day_off: None
        }
    );
}

#[test]
fn the_zone_is_moscow_from_the_database_not_a_fixed_offset() {
    // In 2010 Moscow kept summer time (UTC+4): 09:00 UTC on Tuesday 2010-07-06 was 13:00 there.
    let s = Schedule::documented();
    assert_eq!(
        s.state_at(Utc.with_ymd_and_hms(2010, 7, 6, 9, 0, 0).unwrap()),
        open_until(moscow(2010, 7, 6, 16, 30))
    );
    // And 10:00 UTC in winter 2010 (UTC+3) was 13:00 too.
    assert_eq!(
        s.state_at(Utc.with_ymd_and_hms(2010, 12, 7, 10, 0, 0).unwrap()),
        open_until(moscow(2010, 12, 7, 16, 30))
    );
}

#[test]
fn descriptions_read_as_a_parent_expects() {
    let s = Schedule::documented();
    let at = |t: &str| describe(&s.state_at(utc(t)), utc(t));
    assert_eq!(at("2026-12-01T10:00:00Z"), "Сейчас открыто до 16:30");
    assert_eq!(
        at("2026-12-01T08:00:00Z"),
        "Сейчас закрыто. Откроется сегодня в 13:00"
    );
    assert_eq!(
        at("2026-11-30T09:00:00Z"),
        "Сейчас закрыто. Откроется завтра в 13:00"
    );
    assert_eq!(
        at("2026-12-03T14:00:00Z"),
        "Сейчас закрыто. Откроется во вторник, 8 декабря, в 13:00"
    );
    assert_eq!(
        at("2026-12-06T14:00:00Z"),
        "Сейчас закрыто. Откроется во вторник, 8 декабря, в 13:00"
    );
    let mut off = Schedule::documented();
    off.days_off.insert(date(2026, 12, 1), "праздник".into());
    let t = utc("2026-12-01T11:00:00Z");
    assert_eq!(
        describe(&off.state_at(t), t),
        "Сейчас закрыто: сегодня не работает (праздник). Откроется в четверг, 3 декабря, в 13:00"
    );
    let none = Schedule::default();
    assert!(describe(&none.state_at(t), t).ends_with("пока не назначены"));
}
