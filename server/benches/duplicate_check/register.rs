//! A register of children as lifelike as the benchmark needs: common and rarer surnames in their
//! masculine and feminine forms, common first names, patronymics, birth dates over 18 years; the
//! same register every run.

use app::domain::identity::verdict::{ChildIdentity, Sex};
use chrono::{Duration, NaiveDate};

const SURNAMES: &[&str] = &[
    "Иванов",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Васильев",
    "Петров",
    "Соколов",
    "Михайлов",
    "Новиков",
    "Федоров",
    "Морозов",
    "Волков",
    "Алексеев",
    "Лебедев",
    "Семенов",
    "Егоров",
    "Павлов",
    "Козлов",
    "Степанов",
    "Николаев",
    "Орлов",
    "Андреев",
    "Макаров",
    "Никитин",
    "Захаров",
    "Зайцев",
    "Соловьев",
    "Борисов",
    "Яковлев",
    "Григорьев",
    "Романов",
    "Воробьев",
    "Сергеев",
    "Кузьмин",
    "Фролов",
    "Александров",
    "Дмитриев",
    "Королев",
    "Гусев",
    "Киселев",
];
/// Stems of rarer surnames: with the endings below, 480 more surnames, so that the register's
/// surnames are spread roughly as in life (the 40 most common carry about a third of children)
/// rather than 25 000 children per surname.
const STEMS: &[&str] = &[
    "Абрам",
    "Бел",
    "Блин",
    "Бобр",
    "Богдан",
    "Булат",
    "Быстр",
    "Вер",
    "Виногр",
    "Галкин",
    "Гладк",
    "Голуб",
    "Горбун",
    "Греков",
    "Гром",
    "Давыд",
    "Дорофе",
    "Евдоким",
    "Ермол",
    "Жук",
    "Журавл",
    "Зимин",
    "Зуб",
    "Игнат",
    "Калин",
    "Карп",
    "Клим",
    "Колесн",
    "Комар",
    "Крыл",
    "Кудр",
    "Лавр",
    "Ларин",
    "Лис",
    "Лукин",
    "Мартын",
    "Медвед",
    "Мельн",
    "Миронов",
    "Муравь",
    "Назар",
    "Нестер",
    "Овчинн",
    "Осип",
    "Панфил",
    "Пахом",
    "Полян",
    "Прохор",
    "Родион",
    "Рыб",
    "Савел",
    "Сидор",
    "Сокол",
    "Тарас",
    "Тимоф",
    "Устин",
    "Филат",
    "Харит",
    "Чернов",
    "Щерб",
];
const ENDINGS: &[&str] = &["ов", "ев", "ин", "овский", "енко", "ых", "ицкий", "уев"];

const BOYS: &[&str] = &[
    "Александр",
    "Максим",
    "Михаил",
    "Артем",
    "Даниил",
    "Иван",
    "Дмитрий",
    "Кирилл",
    "Андрей",
    "Егор",
    "Никита",
    "Илья",
    "Алексей",
    "Матвей",
    "Тимофей",
    "Роман",
    "Владимир",
    "Ярослав",
    "Федор",
    "Георгий",
];
const GIRLS: &[&str] = &[
    "Анастасия",
    "Мария",
    "Анна",
    "Виктория",
    "Екатерина",
    "Наталья",
    "Марина",
    "Полина",
    "София",
    "Дарья",
    "Алиса",
    "Ксения",
    "Александра",
    "Елена",
    "Варвара",
    "Вероника",
    "Арина",
    "Ульяна",
    "Василиса",
    "Милана",
];
/// The fathers' names of the patronymics: forty, as many as carry most of a generation's fathers
/// (with ten, namesakes born a digit of the date apart were several times likelier than in life).
const FATHERS: &[&str] = &[
    "Александров",
    "Сергеев",
    "Андреев",
    "Дмитриев",
    "Алексеев",
    "Владимиров",
    "Николаев",
    "Игорев",
    "Михайлов",
    "Олегов",
    "Павлов",
    "Викторов",
    "Евгеньев",
    "Юрьев",
    "Вячеславов",
    "Валерьев",
    "Романов",
    "Иванов",
    "Петров",
    "Васильев",
    "Борисов",
    "Геннадьев",
    "Анатольев",
    "Максимов",
    "Константинов",
    "Денисов",
    "Станиславов",
    "Витальев",
    "Леонидов",
    "Артемов",
    "Антонов",
    "Григорьев",
    "Федоров",
    "Степанов",
    "Валентинов",
    "Эдуардов",
    "Аркадьев",
    "Егоров",
    "Кириллов",
    "Русланов",
];

/// A small deterministic generator: the same register every run.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[(self.next() % list.len() as u64) as usize]
    }
}

#[derive(Debug, Clone)]
pub struct Child {
    pub surname: String,
    pub given: String,
    pub patronymic: String,
    pub sex: Sex,
    pub birth: NaiveDate,
}

/// The feminine form of a surname: Иванов → Иванова, Польский → Польская; -ых and -енко stay.
fn feminine(surname: &str) -> String {
    if let Some(stem) = surname.strip_suffix("ий") {
        format!("{stem}ая")
    } else if surname.ends_with("ых") || surname.ends_with("енко") {
        surname.to_owned()
    } else {
        format!("{surname}а")
    }
}

pub fn child(rng: &mut Rng) -> Child {
    let sex = if rng.next().is_multiple_of(2) {
        Sex::Male
    } else {
        Sex::Female
    };
    let rare;
    let base = if rng.next().is_multiple_of(3) {
        rng.pick(SURNAMES)
    } else {
        rare = format!("{}{}", rng.pick(STEMS), rng.pick(ENDINGS));
        rare.as_str()
    };
    let father = rng.pick(FATHERS);
    let (surname, given, patronymic) = match sex {
        Sex::Male => (
            base.to_owned(),
            rng.pick(BOYS).to_owned(),
            format!("{father}ич"),
        ),
        Sex::Female => (
            feminine(base),
            rng.pick(GIRLS).to_owned(),
            format!("{father}на"),
        ),
    };
    let birth =
        NaiveDate::from_ymd_opt(2008, 1, 1).unwrap() + Duration::days((rng.next() % 6575) as i64);
    Child {
        surname,
        given,
        patronymic,
        sex,
        birth,
    }
}

/// A twin of `c`: the same surname, patronymic, sex and birth date, another first name of the
/// list (each a name of its own in the dictionary of given names). Used by `duplicate_quality`.
#[allow(dead_code)]
pub fn twin_of(c: &Child, rng: &mut Rng) -> Child {
    let names = if c.sex == Sex::Male { BOYS } else { GIRLS };
    let given = loop {
        let name = rng.pick(names);
        if name != c.given {
            break name.to_owned();
        }
    };
    Child {
        surname: c.surname.clone(),
        given,
        patronymic: c.patronymic.clone(),
        sex: c.sex,
        birth: c.birth,
    }
}

pub fn identity(c: &Child) -> ChildIdentity {
    ChildIdentity::new(&c.surname, &c.given, &c.patronymic, c.sex, c.birth)
}
