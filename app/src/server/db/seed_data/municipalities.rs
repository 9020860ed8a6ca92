//! Municipalities of Ivanovo region, г.о. Иваново first.

use super::MunicipalitySeed;

const fn urban(name: &'static str, sort_order: i32) -> MunicipalitySeed {
    MunicipalitySeed {
        name,
        kind: "urban_district",
        sort_order,
    }
}

const fn district(name: &'static str, sort_order: i32) -> MunicipalitySeed {
    MunicipalitySeed {
        name,
        kind: "municipal_district",
        sort_order,
    }
}

pub const MUNICIPALITIES: &[MunicipalitySeed] = &[
    urban("г.о. Иваново", 1),
    urban("г.о. Кинешма", 2),
    urban("г.о. Шуя", 3),
    urban("г.о. Вичуга", 4),
    urban("г.о. Кохма", 5),
    urban("г.о. Тейково", 6),
    district("Верхнеландеховский муниципальный район", 7),
    district("Вичугский муниципальный район", 8),
    district("Гаврилово-Посадский муниципальный район", 9),
    district("Заволжский муниципальный район", 10),
    district("Ивановский муниципальный район", 11),
    district("Ильинский муниципальный район", 12),
    district("Кинешемский муниципальный район", 13),
    district("Комсомольский муниципальный район", 14),
    district("Лежневский муниципальный район", 15),
    district("Лухский муниципальный район", 16),
    district("Палехский муниципальный район", 17),
    district("Пестяковский муниципальный район", 18),
    district("Приволжский муниципальный район", 19),
    district("Пучежский муниципальный район", 20),
    district("Родниковский муниципальный район", 21),
    district("Савинский муниципальный район", 22),
    district("Тейковский муниципальный район", 23),
    district("Фурмановский муниципальный район", 24),
    district("Шуйский муниципальный район", 25),
    district("Южский муниципальный район", 26),
    district("Юрьевецкий муниципальный район", 27),
];

pub const CITY: &str = "г.о. Иваново";
pub const CITY_DISTRICTS: [&str; 4] = ["Ленинский", "Октябрьский", "Советский", "Фрунзенский"];
