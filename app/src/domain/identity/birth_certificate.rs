//! Свидетельство о рождении: a series of Roman numerals, a dash and two Cyrillic letters
//! («II-ФО»), and a six-digit number. People type the Roman numerals in Cyrillic look-alikes and the
//! letters in Latin look-alikes; both are folded before the number is compared or stored.

use super::normalize::cyrillic_look_alike;
use serde::{Deserialize, Serialize};
use std::fmt;

pub const CERTIFICATE_FORMAT: &str =
    "Укажите серию и номер свидетельства о рождении, например II-ФО 123456";

/// A birth certificate as `roman-letters` series and six-digit number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct BirthCertificate {
    series: String,
    number: String,
}

fn roman(c: char) -> Option<char> {
    Some(match c.to_uppercase().next().unwrap_or(c) {
        'I' | 'І' | 'Ι' | '1' | 'Ӏ' => 'I',
        'V' | 'Ѵ' => 'V',
        'X' | 'Х' => 'X',
        'L' => 'L',
        'C' | 'С' => 'C',
        'M' | 'М' => 'M',
        _ => return None,
    })
}

fn cyrillic_letter(c: char) -> Option<char> {
    let upper = c.to_uppercase().next().unwrap_or(c);
    let folded = match cyrillic_look_alike(upper).unwrap_or(upper) {
        'Ё' => 'Е',
        other => other,
    };
    ('А'..='Я').contains(&folded).then_some(folded)
}

impl BirthCertificate {
    pub fn parse(input: &str) -> Result<Self, &'static str> {
        let compact: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '№')
            .map(|c| {
                if matches!(c, '–' | '—' | '‐' | '−') {
                    '-'
                } else {
                    c
                }
            })
            .collect();
        let (roman_part, rest) = compact.split_once('-').ok_or(CERTIFICATE_FORMAT)?;
        let numerals: Option<String> = roman_part.chars().map(roman).collect();
        let numerals = numerals
            .filter(|n| (1..=6).contains(&n.len()))
            .ok_or(CERTIFICATE_FORMAT)?;
        let letters: Option<String> = rest.chars().take(2).map(cyrillic_letter).collect();
        let letters = letters
            .filter(|l| l.chars().count() == 2)
            .ok_or(CERTIFICATE_FORMAT)?;
        let number: String = rest.chars().skip(2).collect();
        if number.len() != 6 || !number.bytes().all(|b| b.is_ascii_digit()) {
            return Err(CERTIFICATE_FORMAT);
        }
        Ok(Self {
            series: format!("{numerals}-{letters}"),
            number,
        })
    }

    /// One string per certificate, for the unique key.
    pub fn key(&self) -> String {
        format!("{}{}", self.series, self.number)
    }
}

impl fmt::Display for BirthCertificate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} № {}", self.series, self.number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_spellings_give_one_certificate() {
        let expected = BirthCertificate::parse("II-ФО 123456").unwrap();
        for typed in [
            "II-ФО №123456",
            "ii-фо 123456",
            "ІІ-ФО 123456",  // Cyrillic І for the numerals
            "II–ФО 123 456", // an en dash, a space in the number
            "11-ФО 123456",
        ] {
            assert_eq!(
                BirthCertificate::parse(typed).as_ref(),
                Ok(&expected),
                "{typed}"
            );
        }
        assert_eq!(expected.to_string(), "II-ФО № 123456");
        assert_eq!(expected.key(), "II-ФО123456");
    }

    #[test]
    fn latin_look_alikes_in_the_letters_become_cyrillic() {
        let cyr = BirthCertificate::parse("IV-МЮ 654321").unwrap();
        let lat = BirthCertificate::parse("IV-MЮ 654321").unwrap();
        assert_eq!(cyr, lat);
        assert_eq!(
            BirthCertificate::parse("XI-OP 000001").unwrap().key(),
            "XI-ОР000001"
        );
    }

    #[test]
    fn malformed_certificates_are_refused() {
        for typed in [
            "",
            "ФО 123456",
            "II-Ф 123456",
            "II-ФО 12345",
            "II-ФО 1234567",
            "AB-ФО 123456",
            "II-ФО 12345X",
        ] {
            assert_eq!(
                BirthCertificate::parse(typed),
                Err(CERTIFICATE_FORMAT),
                "{typed}"
            );
        }
    }
}
