//! The demo institutions of г.о. Иваново: invented, but named and placed as real ones are.

use crate::domain::direction::Direction::{self, *};
use crate::domain::organization_kind::OrganizationKind::{self, *};

/// An institution before it gets an address: kind, full name, short name, what it teaches.
pub struct OrgTemplate {
    pub kind: OrganizationKind,
    pub name: &'static str,
    pub short_name: &'static str,
    pub directions: &'static [Direction],
}

const fn org(
    kind: OrganizationKind,
    name: &'static str,
    short_name: &'static str,
    directions: &'static [Direction],
) -> OrgTemplate {
    OrgTemplate {
        kind,
        name,
        short_name,
        directions,
    }
}

const SCHOOL: &[Direction] = &[Technical, Sport, Social, Science, Art, Tourism];
const KINDERGARTEN: &[Direction] = &[Art, Sport, Social, Science, Technical];

pub const ORGANIZATIONS: &[OrgTemplate] = &[
    org(School, "МБОУ «Средняя школа № 2»", "Школа № 2", SCHOOL),
    org(
        School,
        "МБОУ «Лицей № 6»",
        "Лицей № 6",
        &[Technical, Science, Social, Sport],
    ),
    org(School, "МБОУ «Средняя школа № 9»", "Школа № 9", SCHOOL),
    org(
        School,
        "МБОУ «Гимназия № 3»",
        "Гимназия № 3",
        &[Social, Art, Science, Tourism],
    ),
    org(School, "МБОУ «Средняя школа № 14»", "Школа № 14", SCHOOL),
    org(
        School,
        "МБОУ «Средняя школа № 18»",
        "Школа № 18",
        &[Sport, Technical, Tourism, Social],
    ),
    org(
        School,
        "МБОУ «Лицей № 21»",
        "Лицей № 21",
        &[Technical, Science, Sport, Art],
    ),
    org(School, "МБОУ «Средняя школа № 26»", "Школа № 26", SCHOOL),
    org(
        School,
        "МБОУ «Гимназия № 30»",
        "Гимназия № 30",
        &[Social, Art, Tourism, Science],
    ),
    org(School, "МБОУ «Средняя школа № 35»", "Школа № 35", SCHOOL),
    org(
        School,
        "МБОУ «Средняя школа № 41»",
        "Школа № 41",
        &[Sport, Social, Technical, Art],
    ),
    org(School, "МБОУ «Средняя школа № 56»", "Школа № 56", SCHOOL),
    org(
        Kindergarten,
        "МБДОУ «Детский сад № 4»",
        "Детский сад № 4",
        KINDERGARTEN,
    ),
    org(
        Kindergarten,
        "МБДОУ «Детский сад № 15»",
        "Детский сад № 15",
        KINDERGARTEN,
    ),
    org(
        Kindergarten,
        "МБДОУ «Детский сад комбинированного вида № 28»",
        "Детский сад № 28",
        KINDERGARTEN,
    ),
    org(
        Kindergarten,
        "МБДОУ «Детский сад № 39»",
        "Детский сад № 39",
        KINDERGARTEN,
    ),
    org(
        Kindergarten,
        "МБДОУ «Детский сад № 57»",
        "Детский сад № 57",
        KINDERGARTEN,
    ),
    org(
        Kindergarten,
        "МБДОУ «Детский сад № 71»",
        "Детский сад № 71",
        KINDERGARTEN,
    ),
    org(
        Kindergarten,
        "МБДОУ «Детский сад № 102»",
        "Детский сад № 102",
        KINDERGARTEN,
    ),
    org(
        Kindergarten,
        "МБДОУ «Детский сад № 130»",
        "Детский сад № 130",
        KINDERGARTEN,
    ),
    org(
        Kindergarten,
        "МБДОУ «Детский сад № 159»",
        "Детский сад № 159",
        KINDERGARTEN,
    ),
    org(
        Kindergarten,
        "МБДОУ «Детский сад № 181»",
        "Детский сад № 181",
        KINDERGARTEN,
    ),
    org(
        AdditionalEducation,
        "МБУ ДО «Центр детского творчества № 1»",
        "ЦДТ № 1",
        &[Art, Technical, Social, Science],
    ),
    org(
        AdditionalEducation,
        "МБУ ДО «Центр детского творчества № 2»",
        "ЦДТ № 2",
        &[Art, Social, Sport, Technical],
    ),
    org(
        AdditionalEducation,
        "МБУ ДО «Центр детского творчества № 3»",
        "ЦДТ № 3",
        &[Technical, Art, Tourism, Social],
    ),
    org(
        AdditionalEducation,
        "МБУ ДО «Центр детского творчества № 4»",
        "ЦДТ № 4",
        &[Art, Science, Social, Sport],
    ),
    org(
        AdditionalEducation,
        "МБУ ДО «Дворец детского и юношеского творчества»",
        "ДДЮТ",
        &[Art, Technical, Social, Science, Tourism],
    ),
    org(
        AdditionalEducation,
        "МБУ ДО «Станция юных техников № 2»",
        "СЮТ № 2",
        &[Technical],
    ),
    org(
        AdditionalEducation,
        "МБУ ДО «Станция юных натуралистов»",
        "СЮН",
        &[Science],
    ),
    org(
        AdditionalEducation,
        "МБУ ДО «Центр детского и юношеского туризма и экскурсий»",
        "ЦДЮТЭ",
        &[Tourism, Sport],
    ),
    org(
        AdditionalEducation,
        "МБУ ДО «Детская школа искусств № 1»",
        "ДШИ № 1",
        &[Art],
    ),
    org(
        AdditionalEducation,
        "МБУ ДО «Детская школа искусств № 4»",
        "ДШИ № 4",
        &[Art],
    ),
    org(
        AdditionalEducation,
        "МБУ ДО «Детская художественная школа»",
        "ДХШ",
        &[Art],
    ),
    org(
        AdditionalEducation,
        "МБУ ДО «Спортивная школа № 1»",
        "СШ № 1",
        &[Sport],
    ),
    org(
        AdditionalEducation,
        "МБУ ДО «Спортивная школа олимпийского резерва № 2»",
        "СШОР № 2",
        &[Sport],
    ),
    org(
        AdditionalEducation,
        "МБУ ДО «Центр социально-гуманитарного развития «Перспектива»»",
        "Центр «Перспектива»",
        &[Social],
    ),
];

pub const STREETS: &[&str] = &[
    "ул. Лежневская",
    "пр. Ленина",
    "ул. Театральная",
    "ул. 8 Марта",
    "пр. Шереметевский",
    "ул. Куконковых",
    "ул. Генерала Хлебникова",
    "ул. Кудряшова",
    "ул. Парижской Коммуны",
    "ул. Танкиста Белороссова",
    "ул. Богдана Хмельницкого",
    "пр. Строителей",
    "ул. Красных Зорь",
    "ул. Рабфаковская",
    "ул. Громобоя",
    "ул. Станкостроителей",
    "ул. Жиделева",
    "ул. Постышева",
    "ул. Носова",
    "ул. Каравайковой",
];

pub fn opening_hours(kind: OrganizationKind) -> &'static str {
    match kind {
        School => "Пн–Пт 8:00–18:00, Сб 9:00–14:00",
        Kindergarten => "Пн–Пт 7:00–19:00",
        AdditionalEducation => "Пн–Сб 9:00–20:00",
    }
}
