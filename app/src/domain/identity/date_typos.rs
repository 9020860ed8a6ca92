//! Birth dates that differ by a typing mistake: one digit, two neighbouring digits of one field
//! swapped, day and month swapped, a day or a year off.

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

/// How two birth dates relate, when they could be the same date typed twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DateRelation {
    Equal,
    OneDigitOff,
    /// Two neighbouring digits of the day, the month or the year swapped (12 ↔ 21, 2015 ↔ 2051);
    /// only a real date counts.
    DigitsSwapped,
    DayMonthSwapped,
    OneDayOff,
    OneYearOff,
}

/// The eight digits of `ДДММГГГГ`, computed without formatting: this runs for every pair compared.
fn digits(d: NaiveDate) -> [u8; 8] {
    let (day, month, year) = (
        d.day(),
        d.month(),
        u32::try_from(d.year()).unwrap_or(0) % 10_000,
    );
    [
        (day / 10) as u8,
        (day % 10) as u8,
        (month / 10) as u8,
        (month % 10) as u8,
        (year / 1000) as u8,
        (year / 100 % 10) as u8,
        (year / 10 % 10) as u8,
        (year % 10) as u8,
    ]
}

fn from_digits(d: &[u8; 8]) -> Option<NaiveDate> {
    let day = u32::from(d[0]) * 10 + u32::from(d[1]);
    let month = u32::from(d[2]) * 10 + u32::from(d[3]);
    let year =
        i32::from(d[4]) * 1000 + i32::from(d[5]) * 100 + i32::from(d[6]) * 10 + i32::from(d[7]);
    NaiveDate::from_ymd_opt(year, month, day)
}

/// `Some` when `a` and `b` could be one date typed twice.
/// The neighbouring digit positions inside one field of `DD MM YYYY`: a swap across the dot
/// between two fields is not a slip of the fingers.
const NEIGHBOURS: [(usize, usize); 5] = [(0, 1), (2, 3), (4, 5), (5, 6), (6, 7)];

/// The digits differ only by two neighbours of one field swapped.
fn neighbours_swapped(a: &[u8; 8], b: &[u8; 8]) -> bool {
    NEIGHBOURS.iter().any(|&(i, j)| {
        let mut swapped = *a;
        swapped.swap(i, j);
        swapped != *a && swapped == *b
    })
}

pub fn relate(a: NaiveDate, b: NaiveDate) -> Option<DateRelation> {
    if a == b {
        return Some(DateRelation::Equal);
    }
    let differing = digits(a)
        .iter()
        .zip(digits(b).iter())
        .filter(|(x, y)| x != y)
        .count();
    if differing == 1 {
        Some(DateRelation::OneDigitOff)
    } else if neighbours_swapped(&digits(a), &digits(b)) {
        Some(DateRelation::DigitsSwapped)
    } else if a.day() == b.month() && a.month() == b.day() && a.year() == b.year() {
        Some(DateRelation::DayMonthSwapped)
    } else if (a - b).num_days().abs() == 1 {
        Some(DateRelation::OneDayOff)
    } else if a.day() == b.day() && a.month() == b.month() && (a.year() - b.year()).abs() == 1 {
        Some(DateRelation::OneYearOff)
    } else {
        None
    }
}

/// Every valid date that `relate` accepts for `d`, `d` itself first: the blocking keys under
/// which candidates for a duplicate are looked up.
pub fn typo_variants(d: NaiveDate) -> Vec<NaiveDate> {
    let mut out = Vec::with_capacity(64);
    out.push(d);
    // One digit changed: each change gives another date, so these never repeat.
    let original = digits(d);
    for position in 0..8 {
        for digit in 0..=9u8 {
            if digit == original[position] {
                continue;
            }
            let mut changed = original;
            changed[position] = digit;
            if let Some(c) = from_digits(&changed) {
                out.push(c);
            }
        }
    }
    // The other typos may coincide with a one-digit change.
    for (i, j) in NEIGHBOURS {
        let mut swapped = original;
        swapped.swap(i, j);
        if let Some(c) = from_digits(&swapped).filter(|c| *c != d && !out.contains(c)) {
            out.push(c);
        }
    }
    for candidate in [
        NaiveDate::from_ymd_opt(d.year(), d.day(), d.month()),
        d.checked_add_signed(Duration::days(1)),
        d.checked_sub_signed(Duration::days(1)),
        NaiveDate::from_ymd_opt(d.year() + 1, d.month(), d.day()),
        NaiveDate::from_ymd_opt(d.year() - 1, d.month(), d.day()),
    ]
    .into_iter()
    .flatten()
    {
        if !out.contains(&candidate) {
            out.push(candidate);
        }
    }
    out
}

/// `typo_variants` of `d` that a registered child can have: none born after `latest` (today) or
/// before `earliest`. Most one-digit changes of a year land centuries away or in the future;
/// looking them up would only cost index probes.
pub fn plausible_variants(d: NaiveDate, earliest: NaiveDate, latest: NaiveDate) -> Vec<NaiveDate> {
    let mut out = typo_variants(d);
    let original = out.remove(0);
    out.retain(|v| (earliest..=latest).contains(v));
    out.insert(0, original);
    out
}

/// The earliest birth date worth looking a duplicate up under on `today`: children are registered
/// at 0–18, so a register kept for thirty years holds no one born earlier.
pub fn earliest_registered_birth(today: NaiveDate) -> NaiveDate {
    today
        .checked_sub_months(chrono::Months::new(12 * REGISTER_SPAN_YEARS))
        .unwrap_or(NaiveDate::MIN)
}

/// How many years back the register's birth dates reach (18 years of age plus the years the
/// register has been kept, with a wide margin).
pub const REGISTER_SPAN_YEARS: u32 = 30;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn each_kind_of_typo_is_recognised() {
        let base = d(2015, 3, 12);
        assert_eq!(relate(base, base), Some(DateRelation::Equal));
        assert_eq!(
            relate(base, d(2015, 3, 13)),
            Some(DateRelation::OneDigitOff)
        );
        assert_eq!(
            relate(base, d(2016, 3, 12)),
            Some(DateRelation::OneDigitOff)
        );
        assert_eq!(
            relate(base, d(2015, 12, 3)),
            Some(DateRelation::DayMonthSwapped)
        );
        assert_eq!(
            relate(d(2015, 3, 31), d(2015, 4, 1)),
            Some(DateRelation::OneDayOff)
        );
        assert_eq!(
            relate(d(2019, 6, 1), d(2020, 6, 1)),
            Some(DateRelation::OneYearOff)
        );
    }

    #[test]
    fn neighbouring_digits_swapped_inside_a_field_are_a_typo() {
        assert_eq!(
            relate(d(2015, 3, 12), d(2015, 3, 21)),
            Some(DateRelation::DigitsSwapped)
        );
        assert_eq!(
            relate(d(2013, 5, 4), d(2031, 5, 4)),
            Some(DateRelation::DigitsSwapped)
        );
        assert!(typo_variants(d(2015, 3, 12)).contains(&d(2015, 3, 21)));
        // 12.10 ↔ 21.10 is a date; 13.10 ↔ 31.10 too; 12.03 ↔ 12.30 is not a month.
        assert!(typo_variants(d(2015, 10, 13)).contains(&d(2015, 10, 31)));
        assert!(!typo_variants(d(2015, 3, 12))
            .iter()
            .any(|v| v.month() == 30));
        // A swap across the dot (1|2.0|3 → 10.23) is not one.
        assert_eq!(relate(d(2015, 3, 12), d(2015, 2, 13)), None);
    }

    #[test]
    fn unrelated_dates_are_not_typos() {
        assert_eq!(relate(d(2015, 3, 12), d(2015, 5, 20)), None);
        assert_eq!(relate(d(2015, 3, 12), d(2009, 3, 12)), None);
    }

    #[test]
    fn variants_include_the_date_itself_first_and_hold_no_repeats() {
        let v = typo_variants(d(2015, 3, 12));
        assert_eq!(v[0], d(2015, 3, 12));
        let mut sorted = v.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), v.len());
        assert!(v.len() < 100, "{}", v.len());
    }

    proptest! {
        #[test]
        fn variants_are_exactly_the_related_dates(days in 0i64..9000, other in 0i64..9000) {
            let a = d(2000, 1, 1) + Duration::days(days);
            let variants = typo_variants(a);
            for v in &variants {
                prop_assert!(relate(a, *v).is_some(), "{a} {v}");
            }
            let b = d(2000, 1, 1) + Duration::days(other);
            prop_assert_eq!(relate(a, b).is_some(), variants.contains(&b), "{} {}", a, b);
        }

        #[test]
        fn relating_is_symmetric(x in 0i64..9000, y in 0i64..9000) {
            let (a, b) = (d(2000, 1, 1) + Duration::days(x), d(2000, 1, 1) + Duration::days(y));
            prop_assert_eq!(relate(a, b).is_some(), relate(b, a).is_some());
        }
    }

    #[test]
    fn plausible_variants_drop_future_and_ancient_years_only() {
        let base = d(2015, 3, 12);
        let today = d(2026, 11, 30);
        let all = typo_variants(base);
        let kept = plausible_variants(base, earliest_registered_birth(today), today);
        assert_eq!(kept[0], base);
        assert!(
            kept.len() < all.len() / 2 + 10,
            "{} of {}",
            kept.len(),
            all.len()
        );
        for v in &all {
            let plausible = *v >= d(1996, 11, 30) && *v <= today;
            assert_eq!(kept.contains(v), plausible || *v == base, "{v}");
        }
        assert!(kept.contains(&d(2005, 3, 12)) && kept.contains(&d(2025, 3, 12)));
        assert!(!kept.contains(&d(2035, 3, 12)) && !kept.contains(&d(1015, 3, 12)));
    }

    proptest! {
        #[test]
        fn plausible_variants_are_the_variants_in_range(days in 0i64..11_000) {
            let today = d(2026, 11, 30);
            let base = today - Duration::days(days);
            let earliest = earliest_registered_birth(today);
            let kept = plausible_variants(base, earliest, today);
            let expected: Vec<_> = typo_variants(base)
                .into_iter()
                .enumerate()
                .filter(|(i, v)| *i == 0 || (earliest..=today).contains(v))
                .map(|(_, v)| v)
                .collect();
            prop_assert_eq!(kept, expected);
        }
    }
}
