//! E-mail addresses: syntax, the canonical form that makes a second account impossible, and the
//! gmail warning of R3.

use serde::{Deserialize, Serialize};
use std::fmt;

pub const EMAIL_FORMAT: &str = "Укажите адрес электронной почты, например ivanova@mail.ru";
pub const GMAIL_WARNING: &str = "Письма на gmail.com от российских сервисов могут не доходить. Лучше укажите почту другого сервиса (например, mail.ru, yandex.ru)";

/// An address as typed (trimmed), checked for syntax.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    pub fn parse(input: &str) -> Result<Self, &'static str> {
        let s = input.trim();
        let (local, domain) = s.rsplit_once('@').ok_or(EMAIL_FORMAT)?;
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
        let labels: Vec<&str> = domain.split('.').collect();
        let domain_ok = labels.len() >= 2
            && domain.len() <= 253
            && labels.iter().all(|l| {
                !l.is_empty()
                    && l.len() <= 63
                    && !l.starts_with('-')
                    && !l.ends_with('-')
                    && l.chars().all(|c| c.is_alphanumeric() || c == '-')
            })
            && labels.last().is_some_and(|tld| {
                tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic)
            });
        if local_ok && domain_ok && s.len() <= 254 {
            Ok(Self(s.to_owned()))
        } else {
            Err(EMAIL_FORMAT)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn domain_lower(&self) -> String {
        self.0
            .rsplit_once('@')
            .map(|(_, d)| d.to_lowercase())
            .unwrap_or_default()
    }

    /// gmail.com and googlemail.com: letters from Russian services may not arrive (R3).
    pub fn is_gmail(&self) -> bool {
        matches!(self.domain_lower().as_str(), "gmail.com" | "googlemail.com")
    }

    /// One string per mailbox: lowercase; for gmail also without dots and `+tag`, on gmail.com.
    pub fn canonical(&self) -> String {
        let lower = self.0.to_lowercase();
        let (local, domain) = lower.rsplit_once('@').unwrap_or((&lower, ""));
        if self.is_gmail() {
            let base = local.split('+').next().unwrap_or(local).replace('.', "");
            format!("{base}@gmail.com")
        } else {
            format!("{local}@{domain}")
        }
    }

    /// `iv***@mail.ru`: enough for its owner to recognise, too little for anyone else (R6).
    pub fn masked(&self) -> String {
        let (local, domain) = self.0.rsplit_once('@').unwrap_or((&self.0, ""));
        let shown: String = local
            .chars()
            .take(if local.chars().count() > 3 { 2 } else { 1 })
            .collect();
        format!("{shown}***@{domain}")
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_addresses_are_accepted() {
        for typed in [
            "ivanova@mail.ru",
            " Ivan.Petrov+school@Yandex.RU ",
            "a@b.co",
            "uchenik@почта.рф",
        ] {
            assert!(Email::parse(typed).is_ok(), "{typed}");
        }
    }

    #[test]
    fn malformed_addresses_are_refused() {
        for typed in [
            "",
            "ivanova",
            "ivanova@",
            "@mail.ru",
            "iva nova@mail.ru",
            "ivanova@mail",
            "a..b@mail.ru",
            "a@mail..ru",
            ".a@mail.ru",
            "a@-mail.ru",
            "a@mail.r",
        ] {
            assert_eq!(Email::parse(typed), Err(EMAIL_FORMAT), "{typed}");
        }
    }

    #[test]
    fn the_canonical_form_is_lowercase() {
        assert_eq!(
            Email::parse("Ivan.Petrov@Mail.RU").unwrap().canonical(),
            "ivan.petrov@mail.ru"
        );
    }

    #[test]
    fn gmail_ignores_dots_and_tags_and_googlemail_is_gmail() {
        let canonical = |s: &str| Email::parse(s).unwrap().canonical();
        assert_eq!(
            canonical("Ivan.Petrov+kruzhok@gmail.com"),
            "ivanpetrov@gmail.com"
        );
        assert_eq!(
            canonical("ivanpetrov@googlemail.com"),
            "ivanpetrov@gmail.com"
        );
        assert_eq!(
            canonical("i.v.a.n.petrov@GMAIL.com"),
            "ivanpetrov@gmail.com"
        );
    }

    #[test]
    fn only_gmail_gets_the_warning() {
        assert!(Email::parse("x@gmail.com").unwrap().is_gmail());
        assert!(Email::parse("x@GoogleMail.com").unwrap().is_gmail());
        assert!(!Email::parse("x@mail.ru").unwrap().is_gmail());
        assert!(!Email::parse("x@gmail.com.ru").unwrap().is_gmail());
    }

    #[test]
    fn masking_keeps_the_first_letters_and_the_domain() {
        assert_eq!(
            Email::parse("ivanova@mail.ru").unwrap().masked(),
            "iv***@mail.ru"
        );
        assert_eq!(
            Email::parse("ann@mail.ru").unwrap().masked(),
            "a***@mail.ru"
        );
    }
}
