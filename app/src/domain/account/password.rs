//! Passwords: at least 8 and up to 128 characters, no composition rules, the most common ones refused
//! (NIST SP 800-63B).

pub const MIN_PASSWORD_CHARS: usize = 8;
pub const MAX_PASSWORD_CHARS: usize = 128;
pub const PASSWORD_TOO_SHORT: &str = "Пароль должен быть не короче 8 символов";
pub const PASSWORD_TOO_LONG: &str = "Пароль должен быть не длиннее 128 символов";
pub const PASSWORD_COMMON: &str =
    "Этот пароль слишком распространён, его легко подобрать. Придумайте другой";

/// The password of the demo log-ins (`kruzhok seed --demo`), published in the README: it opens
/// nothing in production and is never anyone's new password.
pub const DEMO_PASSWORD: &str = "kruzhok-demo-2026";

/// Passwords that appear at the top of every leaked-password list, Russian keyboards included.
const COMMON: &[&str] = &[
    "12345678",
    "123456789",
    "1234567890",
    "12345678910",
    "87654321",
    "11111111",
    "00000000",
    "88888888",
    "12341234",
    "11223344",
    "qwertyui",
    "qwerty123",
    "qwerty12",
    "qwertyuiop",
    "1q2w3e4r",
    "1q2w3e4r5t",
    "1qaz2wsx",
    "zaq12wsx",
    "password",
    "password1",
    "password123",
    "passw0rd",
    "iloveyou",
    "abcd1234",
    "abc12345",
    "asdfghjk",
    "asdfghjkl",
    "zxcvbnm1",
    "qazwsxedc",
    "123qweasd",
    "q1w2e3r4",
    "q1w2e3r4t5",
    "1234qwer",
    "qwer1234",
    "aa123456",
    "sunshine",
    "princess",
    "football",
    "baseball",
    "welcome1",
    "superman",
    "starwars",
    "dragon12",
    "monkey12",
    "master12",
    "letmein1",
    "trustno1",
    "123123123",
    "11111111111",
    "йцукенгш",
    "йцукенгшщз",
    "фывапролд",
    "фывапролдж",
    "пароль123",
    "пароль12",
    "пароль1234",
    "ячсмитьбю",
    "любовь123",
    "наташа123",
    "kruzhok1",
    "kruzhok123",
    "кружок123",
    "ivanovo37",
    DEMO_PASSWORD,
];

/// Checks a password as typed; it is never trimmed or changed.
pub fn check_password(password: &str) -> Result<(), &'static str> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(PASSWORD_TOO_SHORT);
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(PASSWORD_TOO_LONG);
    }
    let lower = password.to_lowercase();
    if COMMON.contains(&lower.as_str()) || password.chars().all(|c| password.starts_with(c)) {
        return Err(PASSWORD_COMMON);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eight_characters_of_anything_are_enough() {
        assert_eq!(check_password("лето в деревне"), Ok(()));
        assert_eq!(check_password("abcdefgh"), Ok(()));
    }

    #[test]
    fn short_and_overlong_passwords_are_refused() {
        assert_eq!(check_password("1234567"), Err(PASSWORD_TOO_SHORT));
        assert_eq!(check_password(&"я".repeat(129)), Err(PASSWORD_TOO_LONG));
        assert_eq!(check_password(&"яб".repeat(64)), Ok(()));
        assert_eq!(check_password(&"ab".repeat(32)), Ok(()));
    }

    #[test]
    fn the_most_common_passwords_are_refused_in_any_case() {
        for p in [
            "12345678",
            "Qwerty123",
            "PASSWORD",
            "йцукенгш",
            "aaaaaaaaaa",
            "Kruzhok-Demo-2026",
        ] {
            assert_eq!(check_password(p), Err(PASSWORD_COMMON), "{p}");
        }
    }
}
