//! The verdict on the table of cases from the issue: every normaliser and every kind of typo.

use super::*;
use crate::domain::identity::date_typos::DateRelation::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn child(surname: &str, name: &str, patronymic: &str, sex: Sex, date: NaiveDate) -> ChildIdentity {
    ChildIdentity::new(surname, name, patronymic, sex, date)
}

fn masha() -> ChildIdentity {
    child(
        "Смирнова",
        "Мария",
        "Алексеевна",
        Sex::Female,
        d(2015, 3, 12),
    )
}

fn verdict_of(surname: &str, name: &str, patronymic: &str, date: NaiveDate) -> Verdict {
    compare(
        &child(surname, name, patronymic, Sex::Female, date),
        &masha(),
    )
}

const EXACT: Verdict = Verdict::Exact(ExactReason::SameNamesAndBirthDate);

fn probable(date: DateRelation) -> Verdict {
    Verdict::Probable {
        date,
        names_swapped: false,
    }
}

#[test]
fn the_same_child_typed_again_is_exact() {
    assert_eq!(
        verdict_of("Смирнова", "Мария", "Алексеевна", d(2015, 3, 12)),
        EXACT
    );
}

#[test]
fn case_spaces_and_yo_still_make_an_exact_duplicate() {
    assert_eq!(
        verdict_of("  СМИРНОВА ", "мария", "алексеевна", d(2015, 3, 12)),
        EXACT
    );
    let fyodor = child("Фёдоров", "Пётр", "", Sex::Male, d(2016, 1, 1));
    let fedor = child("Федоров", "Петр", "", Sex::Male, d(2016, 1, 1));
    assert_eq!(compare(&fedor, &fyodor), EXACT);
}

#[test]
fn latin_look_alikes_still_make_an_exact_duplicate() {
    // Latin "C", "o" and "a" typed inside Cyrillic words.
    assert_eq!(
        verdict_of("Cмирнoва", "Мaрия", "Алексеевна", d(2015, 3, 12)),
        EXACT
    );
}

#[test]
fn dashes_of_any_kind_still_make_an_exact_duplicate() {
    let a = child("Петрова-Водкина", "Анна", "", Sex::Female, d(2014, 5, 5));
    let b = child("Петрова — Водкина", "Анна", "", Sex::Female, d(2014, 5, 5));
    assert_eq!(compare(&a, &b), EXACT);
}

#[test]
fn both_date_formats_read_to_the_same_child() {
    use crate::domain::dates::parse_date;
    let a = parse_date("12.03.2015").unwrap();
    let b = parse_date("2015-03-12").unwrap();
    assert_eq!(verdict_of("Смирнова", "Мария", "Алексеевна", a), EXACT);
    assert_eq!(verdict_of("Смирнова", "Мария", "Алексеевна", b), EXACT);
}

#[test]
fn the_same_snils_is_exact_whatever_the_names() {
    let snils = Snils::parse("112-233-445 95").unwrap();
    let mut a = child("Иванов", "Иван", "", Sex::Male, d(2012, 1, 1));
    let mut b = child("Петров", "Пётр", "", Sex::Male, d(2013, 2, 2));
    a.snils = Some(snils.clone());
    b.snils = Some(snils);
    assert_eq!(compare(&a, &b), Verdict::Exact(ExactReason::SameSnils));
}

#[test]
fn two_different_valid_snils_are_two_children_whatever_the_names() {
    let mut a = masha();
    let mut b = masha();
    a.snils = Some(Snils::parse("112-233-445 95").unwrap());
    b.snils = Some(Snils::parse("112-233-446 96").unwrap());
    assert_ne!(a.snils, b.snils);
    assert_eq!(compare(&a, &b), Verdict::Distinct);
}

#[test]
fn the_same_birth_certificate_is_exact() {
    let mut a = child("Иванов", "Иван", "", Sex::Male, d(2012, 1, 1));
    let mut b = child("Иванов", "Ваня", "", Sex::Male, d(2012, 1, 2));
    a.certificate = Some(BirthCertificate::parse("II-ФО 123456").unwrap());
    b.certificate = Some(BirthCertificate::parse("ІІ-фо №123456").unwrap());
    assert_eq!(
        compare(&a, &b),
        Verdict::Exact(ExactReason::SameCertificate)
    );
}

#[test]
fn a_missing_patronymic_on_one_side_is_probable() {
    assert_eq!(
        verdict_of("Смирнова", "Мария", "", d(2015, 3, 12)),
        probable(Equal)
    );
}

#[test]
fn a_one_letter_typo_is_probable() {
    assert_eq!(
        verdict_of("Смирнва", "Мария", "Алексеевна", d(2015, 3, 12)),
        probable(Equal)
    );
    assert_eq!(
        verdict_of("Смирнова", "Мария", "Алексевна", d(2015, 3, 12)),
        probable(Equal)
    );
}

#[test]
fn transposed_letters_are_probable() {
    assert_eq!(
        verdict_of("Смиронва", "Мария", "Алексеевна", d(2015, 3, 12)),
        probable(Equal)
    );
}

#[test]
fn surname_and_name_swapped_are_probable() {
    let swapped = compare(
        &child(
            "Мария",
            "Смирнова",
            "Алексеевна",
            Sex::Female,
            d(2015, 3, 12),
        ),
        &masha(),
    );
    assert_eq!(
        swapped,
        Verdict::Probable {
            date: Equal,
            names_swapped: true
        }
    );
}

#[test]
fn one_digit_off_in_the_birth_date_is_probable() {
    assert_eq!(
        verdict_of("Смирнова", "Мария", "Алексеевна", d(2015, 3, 13)),
        probable(OneDigitOff)
    );
}

#[test]
fn day_and_month_swapped_are_probable() {
    assert_eq!(
        verdict_of("Смирнова", "Мария", "Алексеевна", d(2015, 12, 3)),
        probable(DayMonthSwapped)
    );
}

#[test]
fn a_day_off_across_a_month_is_probable() {
    let a = child("Кузнецов", "Егор", "", Sex::Male, d(2016, 3, 31));
    let b = child("Кузнецов", "Егор", "", Sex::Male, d(2016, 4, 1));
    assert_eq!(compare(&a, &b), probable(OneDayOff));
}

#[test]
fn a_year_off_is_probable() {
    let a = child("Кузнецов", "Егор", "", Sex::Male, d(2019, 6, 1));
    let b = child("Кузнецов", "Егор", "", Sex::Male, d(2020, 6, 1));
    assert_eq!(compare(&a, &b), probable(OneYearOff));
}

#[test]
fn one_part_of_a_double_surname_is_probable() {
    assert_eq!(
        verdict_of("Смирнова-Петрова", "Мария", "Алексеевна", d(2015, 3, 12)),
        probable(Equal)
    );
}

#[test]
fn a_latin_transliteration_is_probable() {
    assert_eq!(
        verdict_of("Smirnova", "Mariya", "Alekseevna", d(2015, 3, 12)),
        probable(Equal)
    );
}

#[test]
fn twins_of_the_same_sex_are_distinct() {
    assert_eq!(
        verdict_of("Смирнова", "Дарья", "Алексеевна", d(2015, 3, 12)),
        Verdict::Distinct
    );
    // Even with names one letter apart.
    assert_eq!(
        verdict_of("Смирнова", "Марина", "Алексеевна", d(2015, 3, 12)),
        Verdict::Distinct
    );
}

#[test]
fn twins_of_different_sex_are_distinct() {
    let brother = child("Смирнов", "Михаил", "Алексеевич", Sex::Male, d(2015, 3, 12));
    assert_eq!(compare(&brother, &masha()), Verdict::Distinct);
    // Different sex is never a duplicate, even with every name equal.
    let same_names = child("Смирнова", "Мария", "Алексеевна", Sex::Male, d(2015, 3, 12));
    assert_eq!(compare(&same_names, &masha()), Verdict::Distinct);
}

#[test]
fn unrelated_children_are_distinct() {
    assert_eq!(
        verdict_of("Кузнецова", "Ольга", "Игоревна", d(2015, 3, 12)),
        Verdict::Distinct
    );
    assert_eq!(
        verdict_of("Смирнова", "Мария", "Алексеевна", d(2011, 7, 30)),
        Verdict::Distinct
    );
    assert_eq!(
        verdict_of("Смирнова", "Мария", "Викторовна", d(2015, 3, 12)),
        Verdict::Distinct
    );
}

#[test]
fn the_verdict_does_not_depend_on_which_child_came_first() {
    let others = [
        child(
            "Смирнва",
            "Мария",
            "Алексеевна",
            Sex::Female,
            d(2015, 3, 12),
        ),
        child("Смирнова", "Мария", "", Sex::Female, d(2015, 12, 3)),
        child(
            "Смирнова",
            "Дарья",
            "Алексеевна",
            Sex::Female,
            d(2015, 3, 12),
        ),
        child("Мария", "Смирнова", "", Sex::Female, d(2016, 3, 12)),
    ];
    for other in others {
        let there = matches!(compare(&other, &masha()), Verdict::Probable { .. });
        let back = matches!(compare(&masha(), &other), Verdict::Probable { .. });
        assert_eq!(there, back, "{other:?}");
    }
}

#[test]
fn an_exact_key_reads_back_to_the_same_identity() {
    let masha = masha();
    assert_eq!(
        ChildIdentity::from_exact_key(&masha.exact_key()),
        Some(masha)
    );
    let no_patronymic = child("Иванов", "Пётр", "", Sex::Male, d(2016, 1, 1));
    assert_eq!(
        ChildIdentity::from_exact_key(&no_patronymic.exact_key()),
        Some(no_patronymic)
    );
    assert_eq!(
        ChildIdentity::from_exact_key("иванов|петр||2016-01-01"),
        None
    );
    assert_eq!(
        ChildIdentity::from_exact_key("иванов|петр||2016-01-01|x"),
        None
    );
    assert_eq!(
        ChildIdentity::from_exact_key("иванов|петр||2016-13-01|m"),
        None
    );
    assert_eq!(
        ChildIdentity::from_exact_key("a|b|c|2016-01-01|m|extra"),
        None
    );
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_identity_reads_back_from_its_exact_key(
            surname in "[А-Яа-яЁё -]{1,20}",
            given in "[А-Яа-яЁёA-Za-z]{1,12}",
            patronymic in "[а-я]{0,12}",
            female in any::<bool>(),
            days in 0i64..7000,
        ) {
            let sex = if female { Sex::Female } else { Sex::Male };
            let date = d(2008, 1, 1) + chrono::Duration::days(days);
            let identity = child(&surname, &given, &patronymic, sex, date);
            prop_assert_eq!(
                ChildIdentity::from_exact_key(&identity.exact_key()),
                Some(identity)
            );
        }
    }
}
