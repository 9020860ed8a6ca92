//! Dates as Russians write them: ДД.ММ.ГГГГ. ISO `ГГГГ-ММ-ДД` is accepted on input too.

use chrono::NaiveDate;

/// Formats a date as `ДД.ММ.ГГГГ`.
pub fn format_ru(date: NaiveDate) -> String {
    date.format("%d.%m.%Y").to_string()
}

/// Parses `ДД.ММ.ГГГГ` (also with `/` or `-` separators) or ISO `ГГГГ-ММ-ДД`.
pub fn parse_date(input: &str) -> Option<NaiveDate> {
    let s = input.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .filter(|_| s.len() == 10 && s.as_bytes()[4] == b'-')
        .or_else(|| {
            ["%d.%m.%Y", "%d/%m/%Y", "%d-%m-%Y"]
                .iter()
                .find_map(|f| NaiveDate::parse_from_str(s, f).ok())
                .filter(|d| d.format("%Y").to_string().len() == 4 && s.len() == 10)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_are_written_day_month_year_with_dots() {
        assert_eq!(format_ru(d(2026, 9, 1)), "01.09.2026");
    }

    #[test]
    fn both_russian_and_iso_forms_are_read() {
        assert_eq!(parse_date("01.09.2026"), Some(d(2026, 9, 1)));
        assert_eq!(parse_date(" 2026-09-01 "), Some(d(2026, 9, 1)));
        assert_eq!(parse_date("01/09/2026"), Some(d(2026, 9, 1)));
    }

    #[test]
    fn impossible_or_partial_dates_are_refused() {
        assert_eq!(parse_date("31.02.2026"), None);
        assert_eq!(parse_date("1.9.26"), None);
        assert_eq!(parse_date(""), None);
        assert_eq!(parse_date("вчера"), None);
    }

    proptest::proptest! {
        #[test]
        fn formatting_then_parsing_gives_the_same_date(days in 0i64..80_000) {
            let date = d(1900, 1, 1) + chrono::Duration::days(days);
            proptest::prop_assert_eq!(parse_date(&format_ru(date)), Some(date));
            proptest::prop_assert_eq!(parse_date(&date.to_string()), Some(date));
        }
    }
}
