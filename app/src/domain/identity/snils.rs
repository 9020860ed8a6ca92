//! СНИЛС: the personal insurance account number, `XXX-XXX-XXX YY`, whose last two digits are a
//! checksum of the first nine.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A СНИЛС whose checksum holds. Stored as its 11 digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Snils(String);

pub const SNILS_FORMAT: &str = "СНИЛС — 11 цифр, например 112-233-445 95";
pub const SNILS_CHECKSUM: &str =
    "СНИЛС указан с ошибкой: не сходится контрольное число. Проверьте цифры";

impl Snils {
    /// Accepts digits with any spaces and dashes between them.
    pub fn parse(input: &str) -> Result<Self, &'static str> {
        let digits: String = input
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '\u{a0}'))
            .collect();
        if digits.len() != 11 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(SNILS_FORMAT);
        }
        if checksum(&digits[..9]) != digits[9..].parse::<u32>().unwrap_or(u32::MAX) {
            return Err(SNILS_CHECKSUM);
        }
        Ok(Self(digits))
    }

    /// The 11 digits, as keys and the database keep them.
    pub fn digits(&self) -> &str {
        &self.0
    }
}

/// The control number of the first nine digits (numbers up to 001-001-998 predate the rule and
/// are checked the same way here, which no child's number reaches).
fn checksum(first_nine: &str) -> u32 {
    let sum: u32 = first_nine
        .bytes()
        .zip((1..=9).rev())
        .map(|(b, weight)| u32::from(b - b'0') * weight)
        .sum();
    match sum {
        0..=99 => sum,
        100 | 101 => 0,
        _ => match sum % 101 {
            100 => 0,
            rest => rest,
        },
    }
}

impl fmt::Display for Snils {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = &self.0;
        write!(f, "{}-{}-{} {}", &d[0..3], &d[3..6], &d[6..9], &d[9..11])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_valid_number_is_accepted_in_any_common_spelling() {
        for typed in [
            "112-233-445 95",
            "11223344595",
            "112 233 445 95",
            " 112-233-445-95 ",
        ] {
            assert_eq!(
                Snils::parse(typed).unwrap().digits(),
                "11223344595",
                "{typed}"
            );
        }
        assert_eq!(
            Snils::parse("11223344595").unwrap().to_string(),
            "112-233-445 95"
        );
    }

    #[test]
    fn a_wrong_checksum_is_refused_with_its_own_message() {
        assert_eq!(Snils::parse("112-233-445 96"), Err(SNILS_CHECKSUM));
    }

    #[test]
    fn a_wrong_length_or_letters_are_refused() {
        assert_eq!(Snils::parse("112-233-445"), Err(SNILS_FORMAT));
        assert_eq!(Snils::parse("112-233-445 9O"), Err(SNILS_FORMAT));
        assert_eq!(Snils::parse(""), Err(SNILS_FORMAT));
    }

    #[test]
    fn sums_of_one_hundred_and_above_wrap_as_the_rule_says() {
        // 999999999: sum = 9 * 45 = 405, 405 mod 101 = 1.
        assert_eq!(checksum("999999999"), 1);
        assert_eq!(checksum("000000000"), 0);
    }

    proptest! {
        #[test]
        fn exactly_one_checksum_fits_any_nine_digits(n in 1_001_999u32..999_999_999) {
            let first = format!("{n:09}");
            let good = format!("{first}{:02}", checksum(&first));
            prop_assert!(Snils::parse(&good).is_ok());
            let bad = format!("{first}{:02}", (checksum(&first) + 1) % 100);
            prop_assert!(Snils::parse(&bad).is_err());
        }
    }
}
