use super::*;
use proptest::prelude::*;

fn good() -> GroupInput {
    GroupInput {
        name: " Группа  1 ".into(),
        teacher: "Иванова Анна Петровна".into(),
        days: vec!["0".into(), "2".into()],
        time_from: "15:00".into(),
        time_to: "16.30".into(),
        age_min: "7".into(),
        age_max: "9".into(),
        capacity: "12".into(),
        starts_on: "01.09.2027".into(),
        enrolment_opens: "2027-05-15".into(),
        enrolment_closes: "30.09.2027".into(),
    }
}

fn fields(input: &GroupInput) -> Vec<String> {
    input
        .check((7, 11))
        .unwrap_err()
        .into_iter()
        .map(|e| e.field)
        .collect()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn a_good_group_is_tidied_and_its_timetable_printed() {
    let g = good().check((7, 11)).unwrap();
    assert_eq!(g.name, "Группа 1");
    assert_eq!(g.schedule.text(), "Пн, Ср 15:00–16:30");
    assert_eq!((g.age_min, g.age_max, g.capacity), (7, 9, 12));
    assert_eq!(g.starts_on, d(2027, 9, 1));
    assert_eq!(g.enrolment_opens, d(2027, 5, 15));
}

#[test]
fn a_stored_group_fills_the_form_it_came_from() {
    let g = good().check((7, 11)).unwrap();
    assert_eq!(GroupInput::of(&g).check((7, 11)), Ok(g));
}

#[test]
fn every_mistake_is_named_at_its_field_at_once() {
    let bad = GroupInput {
        name: " ".into(),
        teacher: "И".into(),
        days: vec![],
        age_min: "6".into(),
        age_max: "12".into(),
        capacity: "0".into(),
        starts_on: "завтра".into(),
        enrolment_opens: "01.10.2027".into(),
        enrolment_closes: "01.09.2027".into(),
        ..good()
    };
    assert_eq!(
        fields(&bad),
        [
            "name",
            "teacher",
            "days",
            "age_min",
            "age_max",
            "capacity",
            "starts_on",
            "enrolment_closes"
        ]
    );
}

#[test]
fn times_and_ages_are_checked_against_each_other() {
    let late = GroupInput {
        time_from: "17:00".into(),
        time_to: "16:00".into(),
        ..good()
    };
    assert_eq!(fields(&late), ["time_from"]);
    let upside = GroupInput {
        age_min: "10".into(),
        age_max: "8".into(),
        ..good()
    };
    assert_eq!(fields(&upside), ["age_max"]);
    let huge = GroupInput {
        capacity: "501".into(),
        ..good()
    };
    assert_eq!(fields(&huge), ["capacity"]);
    let unknown_day = GroupInput {
        days: vec!["7".into(), "x".into()],
        ..good()
    };
    assert_eq!(fields(&unknown_day), ["days"]);
}

#[test]
fn a_copy_for_the_next_year_moves_every_date_by_a_year() {
    let g = good().check((7, 11)).unwrap();
    let next = g.next_year();
    assert_eq!(next.starts_on, d(2028, 9, 1));
    assert_eq!(next.enrolment_opens, d(2028, 5, 15));
    assert_eq!(next.enrolment_closes, d(2028, 9, 30));
    assert_eq!((next.name, next.capacity), (g.name, g.capacity));
    let leap = GroupDraft {
        starts_on: d(2028, 2, 29),
        ..good().check((7, 11)).unwrap()
    };
    assert_eq!(leap.next_year().starts_on, d(2029, 2, 28));
}

#[test]
fn a_school_year_starts_in_august_or_september() {
    assert_eq!(school_year_of(d(2026, 12, 4)), 2026);
    assert_eq!(school_year_of(d(2027, 5, 31)), 2026);
    assert_eq!(school_year_of(d(2027, 8, 25)), 2027);
    assert_eq!(school_year_of(d(2027, 9, 1)), 2027);
}

#[test]
fn the_capacity_refusal_names_the_seats_taken() {
    assert!(below_taken_message(5).contains(": 5."));
}

proptest! {
    #[test]
    fn a_group_always_lies_within_its_program(
        low in 0u8..=18, span in 0u8..=18, a in 0u8..=18, b in 0u8..=18, cap in 0u32..600,
    ) {
        let high = low.saturating_add(span).min(18);
        let input = GroupInput {
            age_min: a.to_string(),
            age_max: b.to_string(),
            capacity: cap.to_string(),
            ..good()
        };
        if let Ok(g) = input.check((low, high)) {
            prop_assert!(low <= g.age_min && g.age_min <= g.age_max && g.age_max <= high);
            prop_assert!((1..=MAX_CAPACITY).contains(&g.capacity));
        }
    }
}
