//! Surnames, given names and patronymics as people type them: trimmed, single spaces, one kind of
//! dash; letters (Cyrillic or Latin), spaces, hyphens and apostrophes only.

use serde::{Deserialize, Serialize};
use std::fmt;

const MAX_CHARS: usize = 60;

fn tidy(input: &str) -> String {
    let collapsed = input.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(collapsed.len());
    for c in collapsed.chars() {
        let c = if matches!(c, '–' | '—' | '‐' | '‑' | '−') {
            '-'
        } else {
            c
        };
        if c == '-' {
            while out.ends_with(' ') {
                out.pop();
            }
        } else if c == ' ' && out.ends_with('-') {
            continue;
        }
        out.push(if c == '’' || c == '`' { '\'' } else { c });
    }
    out
}

fn check(
    input: &str,
    empty: &'static str,
    invalid: &'static str,
    long: &'static str,
) -> Result<String, &'static str> {
    let s = tidy(input);
    if s.is_empty() {
        return Err(empty);
    }
    if s.chars().count() > MAX_CHARS {
        return Err(long);
    }
    let allowed = |c: char| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'');
    let has_letter = s.chars().any(char::is_alphabetic);
    let edges_ok = !s.starts_with(['-', '\'']) && !s.ends_with(['-', '\'']);
    if !s.chars().all(allowed) || !has_letter || !edges_ok || s.contains("--") {
        return Err(invalid);
    }
    Ok(s)
}

macro_rules! name_type {
    ($(#[$doc:meta])* $name:ident, $empty:expr, $invalid:expr, $long:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub struct $name(String);

        impl $name {
            pub fn parse(input: &str) -> Result<Self, &'static str> {
                check(input, $empty, $invalid, $long).map(Self)
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

name_type!(
    /// Фамилия.
    Surname,
    "Укажите фамилию",
    "Фамилия может содержать только буквы, пробел, дефис и апостроф",
    "Фамилия слишком длинная: не больше 60 символов"
);
name_type!(
    /// Имя.
    GivenName,
    "Укажите имя",
    "Имя может содержать только буквы, пробел, дефис и апостроф",
    "Имя слишком длинное: не больше 60 символов"
);
name_type!(
    /// Отчество (needed only when it exists; see `Patronymic::parse_optional`).
    Patronymic,
    "Укажите отчество",
    "Отчество может содержать только буквы, пробел, дефис и апостроф",
    "Отчество слишком длинное: не больше 60 символов"
);

impl Patronymic {
    /// Empty means the person has no patronymic.
    pub fn parse_optional(input: &str) -> Result<Option<Self>, &'static str> {
        if input.trim().is_empty() {
            Ok(None)
        } else {
            Self::parse(input).map(Some)
        }
    }
}

/// «Фамилия Имя Отчество», the patronymic only when there is one.
pub fn full_name(surname: &str, given_name: &str, patronymic: Option<&str>) -> String {
    [Some(surname), Some(given_name), patronymic]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_name_has_the_patronymic_only_when_there_is_one() {
        assert_eq!(
            full_name("Иванова", "Мария", Some("Петровна")),
            "Иванова Мария Петровна"
        );
        assert_eq!(full_name("Иванова", "Мария", None), "Иванова Мария");
    }

    #[test]
    fn names_are_tidied_but_keep_their_letters_and_case() {
        assert_eq!(
            Surname::parse("  Римский –  Корсаков ").unwrap().as_str(),
            "Римский-Корсаков"
        );
        assert_eq!(
            GivenName::parse("Анна  Мария").unwrap().as_str(),
            "Анна Мария"
        );
        assert_eq!(Surname::parse("О’Коннор").unwrap().as_str(), "О'Коннор");
        assert_eq!(Surname::parse("Smith").unwrap().as_str(), "Smith");
    }

    #[test]
    fn empty_digits_and_symbols_are_refused_with_the_fields_message() {
        assert_eq!(Surname::parse("  "), Err("Укажите фамилию"));
        assert_eq!(
            GivenName::parse("Анна2"),
            Err("Имя может содержать только буквы, пробел, дефис и апостроф")
        );
        assert!(Surname::parse("-Иванов").is_err());
        assert!(Surname::parse("Иванов--Петров").is_err());
        assert!(Surname::parse("Иванов!").is_err());
        assert!(Surname::parse(&"а".repeat(61)).is_err());
    }

    #[test]
    fn a_patronymic_may_be_absent() {
        assert_eq!(Patronymic::parse_optional("  "), Ok(None));
        assert_eq!(
            Patronymic::parse_optional("Ивановна")
                .unwrap()
                .unwrap()
                .as_str(),
            "Ивановна"
        );
        assert!(Patronymic::parse_optional("1").is_err());
    }
}
