//! A Russian mobile number, kept as `+79XXXXXXXXX`.

use serde::{Deserialize, Serialize};
use std::fmt;

pub const PHONE_FORMAT: &str =
    "Укажите номер мобильного телефона: 11 цифр, например +7 912 345-67-89";
pub const PHONE_NOT_RUSSIAN: &str =
    "Укажите российский номер мобильного телефона (+7 9…). Номера других стран, в том числе Казахстана (+7 6…, +7 7…), не подходят";
pub const PHONE_NOT_MOBILE: &str = "Укажите номер мобильного телефона: он начинается с +7 9";

/// A Russian mobile phone number in E.164.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Phone(String);

impl Phone {
    /// Accepts `8…`, `+7…`, `7…` or ten digits, with spaces, brackets and dashes.
    pub fn parse(input: &str) -> Result<Self, &'static str> {
        let trimmed = input.trim();
        let allowed =
            |c: char| c.is_ascii_digit() || matches!(c, ' ' | '(' | ')' | '-' | '+' | '\u{a0}');
        if trimmed.is_empty() || !trimmed.chars().all(allowed) || trimmed[1..].contains('+') {
            return Err(PHONE_FORMAT);
        }
        let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
        let national = match (trimmed.starts_with('+'), digits.len()) {
            (true, 11) if digits.starts_with('7') => &digits[1..],
            (true, _) => return Err(PHONE_NOT_RUSSIAN),
            (false, 11) if digits.starts_with('8') || digits.starts_with('7') => &digits[1..],
            (false, 10) => &digits[..],
            _ => return Err(PHONE_FORMAT),
        };
        match national.as_bytes()[0] {
            b'9' => Ok(Self(format!("+7{national}"))),
            // +7 6… and +7 7… are Kazakhstan's numbers.
            b'6' | b'7' => Err(PHONE_NOT_RUSSIAN),
            _ => Err(PHONE_NOT_MOBILE),
        }
    }

    pub fn e164(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Phone {
    /// `+7 912 345-67-89`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = &self.0[2..];
        write!(f, "+7 {} {}-{}-{}", &d[0..3], &d[3..6], &d[6..8], &d[8..10])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn every_common_spelling_becomes_e164() {
        for typed in [
            "89123456789",
            "+7 912 345-67-89",
            "8 (912) 345-67-89",
            "7-912-345-67-89",
            "9123456789",
            " +7(912)3456789 ",
        ] {
            assert_eq!(
                Phone::parse(typed).unwrap().e164(),
                "+79123456789",
                "{typed}"
            );
        }
        assert_eq!(
            Phone::parse("89123456789").unwrap().to_string(),
            "+7 912 345-67-89"
        );
    }

    #[test]
    fn kazakhstan_numbers_are_refused_with_a_message_saying_so() {
        for typed in [
            "+7 701 234-56-78",
            "+7 771 234 56 78",
            "87012345678",
            "+7 600 000 00 00",
        ] {
            assert_eq!(Phone::parse(typed), Err(PHONE_NOT_RUSSIAN), "{typed}");
        }
    }

    #[test]
    fn other_countries_are_refused() {
        for typed in ["+375 29 123-45-67", "+1 212 555 0100", "+380501234567"] {
            assert_eq!(Phone::parse(typed), Err(PHONE_NOT_RUSSIAN), "{typed}");
        }
    }

    #[test]
    fn landlines_are_not_mobile() {
        assert_eq!(Phone::parse("+7 4932 32-45-17"), Err(PHONE_NOT_MOBILE));
    }

    #[test]
    fn garbage_is_refused() {
        for typed in [
            "",
            "телефон",
            "8912345678",
            "891234567890",
            "+7 912 345 67 8x",
            "8+9123456789",
        ] {
            assert!(Phone::parse(typed).is_err(), "{typed}");
        }
    }

    proptest! {
        #[test]
        fn a_formatted_number_parses_back_to_itself(n in 9_000_000_000u64..10_000_000_000) {
            let phone = Phone::parse(&format!("8{n}")).unwrap();
            prop_assert_eq!(Phone::parse(&phone.to_string()).unwrap(), phone);
        }
    }
}
