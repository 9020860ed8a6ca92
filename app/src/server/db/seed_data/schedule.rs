//! Study groups of the demo programs: when they meet, who teaches, how many seats, when they enrol.

use super::GroupSeed;
use chrono::NaiveDate;

const SCHEDULES: &[&str] = &[
    "Пн, Ср 15:00–16:30",
    "Вт, Чт 16:00–17:30",
    "Сб 10:00–12:00",
    "Пн, Ср, Пт 17:00–18:00",
    "Вт, Пт 14:30–16:00",
    "Ср, Сб 11:00–12:30",
    "Чт 15:30–17:00",
];

const TEACHERS: &[&str] = &[
    "Смирнова Ольга Викторовна",
    "Кузнецов Андрей Петрович",
    "Соколова Елена Николаевна",
    "Морозов Игорь Владимирович",
    "Волкова Наталья Сергеевна",
    "Лебедев Дмитрий Александрович",
    "Новикова Татьяна Юрьевна",
    "Козлов Сергей Михайлович",
    "Павлова Ирина Анатольевна",
    "Семёнов Алексей Геннадьевич",
    "Голубева Марина Игоревна",
    "Виноградов Павел Евгеньевич",
    "Богданова Светлана Олеговна",
    "Воробьёв Николай Иванович",
    "Фёдорова Анна Дмитриевна",
    "Михайлов Роман Борисович",
    "Белова Юлия Валерьевна",
    "Тарасов Константин Львович",
    "Комарова Людмила Васильевна",
    "Орлова Вера Станиславовна",
];

const CAPACITIES: &[i32] = &[10, 12, 15, 20, 25];

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

/// Group `index` of `count` of a program for children aged `ages`, in academic year `year`.
/// `serial` numbers groups across the whole demo set and varies their seats and windows.
pub fn group(
    index: usize,
    count: usize,
    ages: (i32, i32),
    year: i32,
    serial: &mut usize,
) -> GroupSeed {
    let n = *serial;
    *serial += 1;
    let (age_min, age_max) = split_ages(ages, index, count);
    let capacity = CAPACITIES[(n / 2) % CAPACITIES.len()];
    // Every fifth group is full, so that «есть свободные места» has something to hide.
    let occupied = if n.is_multiple_of(5) {
        capacity
    } else {
        i32::try_from(n * 7).unwrap_or(0) % capacity
    };
    let (starts_on, enrolment_opens, enrolment_closes) = match n % 4 {
        // Enrolling all year round.
        0 | 1 => (date(year, 9, 1), date(year, 8, 15), date(year + 1, 5, 31)),
        // Enrolment finished in September.
        2 => (date(year, 9, 15), date(year, 8, 15), date(year, 9, 15)),
        // A winter intake.
        _ => (
            date(year + 1, 2, 1),
            date(year, 12, 15),
            date(year + 1, 1, 31),
        ),
    };
    GroupSeed {
        name: format!("Группа {}", index + 1),
        schedule: SCHEDULES[n % SCHEDULES.len()],
        teacher: TEACHERS[(n * 7) % TEACHERS.len()],
        age_min,
        age_max,
        capacity,
        occupied,
        starts_on,
        enrolment_opens,
        enrolment_closes,
    }
}

/// Splits a wide age range between the groups of a program: younger children in the first group.
fn split_ages((min, max): (i32, i32), index: usize, count: usize) -> (i32, i32) {
    let span = max - min + 1;
    let count_i = i32::try_from(count).unwrap_or(1);
    if count < 2 || span < 2 * count_i {
        return (min, max);
    }
    let index_i = i32::try_from(index).unwrap_or(0);
    let lo = min + span * index_i / count_i;
    let hi = min + span * (index_i + 1) / count_i - 1;
    (lo, hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wide_range_is_split_without_gaps_or_overlaps() {
        assert_eq!(split_ages((7, 14), 0, 2), (7, 10));
        assert_eq!(split_ages((7, 14), 1, 2), (11, 14));
        assert_eq!(split_ages((8, 16), 0, 3), (8, 10));
        assert_eq!(split_ages((8, 16), 2, 3), (14, 16));
    }

    #[test]
    fn a_narrow_range_is_shared_by_all_groups() {
        assert_eq!(split_ages((5, 7), 1, 2), (5, 7));
        assert_eq!(split_ages((5, 7), 0, 1), (5, 7));
    }
}
