//! How a parent types a registered child a second time: retyped exactly (another case, spaces,
//! a Latin look-alike letter, the date in ISO form) or damaged one way (a letter of a name
//! dropped, changed or swapped, the everyday form of the first name, a date typo, the other sex,
//! no patronymic, the first name in Latin letters, surname and name swapped).

use super::register::{Child, Rng};
use chrono::{Datelike, Duration, NaiveDate};

/// A child as typed into the file's fields.
#[derive(Debug, Clone)]
pub struct Typed {
    pub surname: String,
    pub given: String,
    pub patronymic: String,
    pub male: bool,
    pub birth: String,
}

impl std::fmt::Display for Typed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sex = if self.male { "м" } else { "ж" };
        write!(
            f,
            "{} {} {}, {sex}, {}",
            self.surname, self.given, self.patronymic, self.birth
        )
    }
}

impl Typed {
    /// The identity the check reads from these fields.
    pub fn identity(&self) -> app::domain::identity::verdict::ChildIdentity {
        use app::domain::identity::verdict::{ChildIdentity, Sex};
        let birth = NaiveDate::parse_from_str(&self.birth, "%d.%m.%Y")
            .or_else(|_| NaiveDate::parse_from_str(&self.birth, "%Y-%m-%d"))
            .unwrap();
        let sex = if self.male { Sex::Male } else { Sex::Female };
        ChildIdentity::new(&self.surname, &self.given, &self.patronymic, sex, birth)
    }

    pub fn of(c: &Child) -> Self {
        Self {
            surname: c.surname.clone(),
            given: c.given.clone(),
            patronymic: c.patronymic.clone(),
            male: c.sex == app::domain::identity::verdict::Sex::Male,
            birth: c.birth.format("%d.%m.%Y").to_string(),
        }
    }
}

/// Retypings the check must refuse as the same child.
pub const EXACT: [&str; 3] = [
    "другой регистр",
    "латинская буква, дата ISO",
    "лишние пробелы",
];

/// Damages the check should flag as probably the same child.
pub const PROBABLE: [&str; 13] = [
    "в имени пропущена буква",
    "в имени заменена буква",
    "в имени переставлены буквы",
    "имя в бытовой форме",
    "в фамилии заменена буква",
    "в дате другая цифра",
    "день и месяц переставлены",
    "в дне переставлены цифры",
    "дата на день раньше",
    "другой пол",
    "без отчества",
    "имя латиницей",
    "фамилия и имя переставлены",
];

const LETTERS: [char; 20] = [
    'а', 'б', 'в', 'г', 'д', 'е', 'и', 'к', 'л', 'м', 'н', 'о', 'п', 'р', 'с', 'т', 'у', 'ш', 'я',
    'ю',
];

fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

/// The word with one inner letter replaced by another; `None` when the letter drawn is the same.
fn another_letter(rng: &mut Rng, mut word: Vec<char>) -> Option<String> {
    let at = inner(rng, word.len());
    let letter = LETTERS[(rng.next() as usize) % LETTERS.len()];
    if word[at] == letter {
        return None;
    }
    word[at] = letter;
    Some(word.into_iter().collect())
}

/// A position inside the word: neither its first letter nor its last.
fn inner(rng: &mut Rng, len: usize) -> usize {
    1 + (rng.next() as usize) % (len - 2)
}

/// The first name as a parent types it in Latin letters: Мария → Mariya. Written apart from the
/// check's own transliteration (`domain::identity::translit`) on purpose: a damage made with the
/// check's mapping would only test that the mapping reads itself back.
fn latin(name: &str) -> String {
    let lower = name
        .chars()
        .map(|c| match c.to_lowercase().next().unwrap_or(c) {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "g",
            'д' => "d",
            'е' | 'ё' | 'э' => "e",
            'ж' => "zh",
            'з' => "z",
            'и' => "i",
            'й' => "y",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ы' => "y",
            'ь' | 'ъ' => "",
            'ю' => "yu",
            'я' => "ya",
            _ => "",
        })
        .collect::<String>();
    let mut letters = lower.chars();
    letters
        .next()
        .map(|first| first.to_ascii_uppercase().to_string() + letters.as_str())
        .unwrap_or_default()
}

/// The everyday forms of a full first name in the dictionary of given names.
fn forms(given: &str) -> Vec<String> {
    const DICTIONARY: &str = include_str!("../../../app/src/domain/identity/given_names.txt");
    DICTIONARY
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once(':'))
        .filter(|(head, _)| head.trim() == given)
        .flat_map(|(_, forms)| forms.split(',').map(|f| f.trim().to_owned()))
        .filter(|f| !f.is_empty() && f != given)
        .collect()
}

fn date(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// A real date other than `d`, not in the future of the register.
fn other_date(d: Option<NaiveDate>, of: NaiveDate) -> Option<String> {
    d.filter(|x| *x != of && x.year() >= 2006 && x.year() <= 2025)
        .map(date)
}

/// `c` retyped the `kind`-th exact way.
pub fn retyped(kind: usize, c: &Child) -> Typed {
    let mut t = Typed::of(c);
    match kind {
        0 => {
            t.surname = t.surname.to_uppercase();
            t.given = t.given.to_lowercase();
        }
        1 => {
            t.surname = t.surname.replacen('о', "o", 1).replacen('а', "a", 1);
            t.birth = c.birth.format("%Y-%m-%d").to_string();
        }
        _ => {
            t.surname = format!("  {} ", t.surname);
            t.given = format!("{}  ", t.given);
        }
    }
    t
}

/// `c` damaged the `kind`-th probable way, or `None` where that damage does not apply to it (a
/// name too short for a letter to drop, a day after the twelfth for swapping with the month).
pub fn damaged(kind: usize, c: &Child, rng: &mut Rng) -> Option<Typed> {
    let mut t = Typed::of(c);
    let given = chars(&c.given);
    let b = c.birth;
    match kind {
        0 if given.len() >= 5 => {
            let mut g = given;
            g.remove(inner(rng, g.len()));
            t.given = g.into_iter().collect();
        }
        1 if given.len() >= 4 => t.given = another_letter(rng, given)?,
        2 if given.len() >= 4 => {
            let mut g = given;
            let at = inner(rng, g.len() - 1).min(g.len() - 3) + 1;
            if g[at] == g[at + 1] {
                return None;
            }
            g.swap(at, at + 1);
            t.given = g.into_iter().collect();
        }
        3 => {
            let forms = forms(&c.given);
            if forms.is_empty() {
                return None;
            }
            t.given = forms[(rng.next() as usize) % forms.len()].clone();
        }
        4 => t.surname = another_letter(rng, chars(&c.surname))?,
        5 => {
            let day = b.day();
            let changed = (day / 10) * 10 + (day % 10 + 1 + (rng.next() % 8) as u32) % 10;
            t.birth = other_date(NaiveDate::from_ymd_opt(b.year(), b.month(), changed), b)?;
        }
        6 => t.birth = other_date(NaiveDate::from_ymd_opt(b.year(), b.day(), b.month()), b)?,
        7 => {
            let (tens, ones) = (b.day() / 10, b.day() % 10);
            t.birth = other_date(
                NaiveDate::from_ymd_opt(b.year(), b.month(), ones * 10 + tens),
                b,
            )?;
        }
        8 => t.birth = other_date(Some(b - Duration::days(1)), b)?,
        9 => t.male = !t.male,
        10 => t.patronymic = String::new(),
        11 => t.given = latin(&c.given),
        12 => std::mem::swap(&mut t.surname, &mut t.given),
        _ => return None,
    }
    Some(t)
}
