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
        clue: Clue::Spelling,
    }
}

fn probable_by(clue: Clue) -> Verdict {
    Verdict::Probable {
        date: Equal,
        names_swapped: false,
        clue,
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
fn two_different_valid_snils_are_two_children_unless_all_else_is_the_same() {
    let mut a = masha();
    let mut b = masha();
    a.snils = Some(Snils::parse("112-233-445 95").unwrap());
    b.snils = Some(Snils::parse("112-233-446 96").unwrap());
    assert_ne!(a.snils, b.snils);
    // A namesake born the same day, or one number mistyped: a person decides.
    assert_eq!(compare(&a, &b), probable_by(Clue::SnilsDiffer));
    // With anything else different, the numbers decide: two children.
    let mut typo = child(
        "Смирнва",
        "Мария",
        "Алексеевна",
        Sex::Female,
        d(2015, 3, 12),
    );
    typo.snils = b.snils.clone();
    assert_eq!(compare(&a, &typo), Verdict::Distinct);
}

#[test]
fn two_different_certificates_with_all_else_the_same_are_probable() {
    let mut a = masha();
    let mut b = masha();
    a.certificate = Some(BirthCertificate::parse("II-ФО 123456").unwrap());
    b.certificate = Some(BirthCertificate::parse("II-ФО 123457").unwrap());
    assert_eq!(compare(&a, &b), probable_by(Clue::CertificatesDiffer));
    b.birth_date = d(2015, 3, 13);
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
            names_swapped: true,
            clue: Clue::Spelling,
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
    let sasha = child("Смирнова", "Александра", "", Sex::Female, d(2015, 3, 12));
    let sasha_boy = child("Смирнов", "Александр", "", Sex::Male, d(2015, 3, 12));
    assert_eq!(compare(&sasha, &sasha_boy), Verdict::Distinct);
}

#[test]
fn the_same_names_and_date_under_the_other_sex_are_a_mis_click() {
    let same_names = child("Смирнова", "Мария", "Алексеевна", Sex::Male, d(2015, 3, 12));
    assert_eq!(
        compare(&same_names, &masha()),
        probable_by(Clue::SexDiffers)
    );
    let and_a_typo = child("Смирнва", "Мария", "Алексеевна", Sex::Male, d(2015, 3, 12));
    assert_eq!(compare(&and_a_typo, &masha()), Verdict::Distinct);
}

#[test]
fn a_letter_dropped_from_the_first_name_is_probable() {
    let registered = child("Богданов", "Станислав", "Ильич", Sex::Male, d(2014, 9, 1));
    let again = child("Богданов", "Станслав", "Ильич", Sex::Male, d(2014, 9, 1));
    assert_eq!(compare(&again, &registered), probable(Equal));
    for (a, b) in [("Федор", "Федар"), ("Полина", "Полона")] {
        let x = child("Иванова", a, "", Sex::Female, d(2016, 2, 2));
        let y = child("Иванова", b, "", Sex::Female, d(2016, 2, 2));
        assert_eq!(compare(&x, &y), probable(Equal), "{a} / {b}");
    }
}

#[test]
fn an_everyday_form_of_the_first_name_is_probable() {
    let registered = child("Медведев", "Александр", "Юрьевич", Sex::Male, d(2013, 4, 4));
    for form in ["Саша", "Шура", "Sasha"] {
        let again = child("Медведев", form, "Юрьевич", Sex::Male, d(2013, 4, 4));
        assert_eq!(
            compare(&again, &registered),
            probable_by(Clue::GivenNameForm),
            "{form}"
        );
    }
    let a_digit_off = child("Медведев", "Саша", "", Sex::Male, d(2014, 4, 4));
    assert!(matches!(
        compare(&a_digit_off, &registered),
        Verdict::Probable {
            date: OneDigitOff,
            clue: Clue::GivenNameForm,
            ..
        }
    ));
}

#[test]
fn twins_with_two_names_of_the_dictionary_stay_distinct_however_close() {
    for (a, b) in [("Алина", "Арина"), ("Иван", "Мария"), ("Полина", "Алина")]
    {
        let x = child("Иванова", a, "Петровна", Sex::Female, d(2016, 2, 2));
        let y = child("Иванова", b, "Петровна", Sex::Female, d(2016, 2, 2));
        assert_eq!(compare(&x, &y), Verdict::Distinct, "{a} / {b}");
    }
}

#[test]
fn a_first_name_typed_in_latin_look_alikes_is_exact() {
    let vera = child("Орлова", "Вера", "", Sex::Female, d(2017, 7, 7));
    let bepa = child("Орлова", "Bepa", "", Sex::Female, d(2017, 7, 7));
    assert_eq!(compare(&bepa, &vera), EXACT);
}

#[test]
fn neighbouring_digits_of_the_date_swapped_are_probable() {
    assert_eq!(
        verdict_of("Смирнова", "Мария", "Алексеевна", d(2015, 3, 21)),
        probable(DigitsSwapped)
    );
}

#[test]
fn a_flag_reason_names_what_made_the_pair_probable() {
    assert_eq!(
        probable(OneDigitOff).flag_reason().as_deref(),
        Some("OneDigitOff")
    );
    assert_eq!(
        probable_by(Clue::SexDiffers).flag_reason().as_deref(),
        Some("Equal, sex differs")
    );
    assert_eq!(EXACT.flag_reason(), None);
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

    const GIRLS: [&str; 12] = [
        "Алина",
        "Арина",
        "Мария",
        "Марина",
        "Полина",
        "Дарья",
        "Анна",
        "Алёна",
        "Ева",
        "Вера",
        "Яна",
        "Юлия",
    ];

    proptest! {
        #[test]
        fn twins_named_two_names_of_the_dictionary_are_never_flagged(
            a in 0usize..12,
            b in 0usize..12,
            surname in "[А-Я][а-я]{3,10}",
            days in 0i64..7000,
        ) {
            prop_assume!(a != b);
            let date = d(2008, 1, 1) + chrono::Duration::days(days);
            let x = child(&surname, GIRLS[a], "Ивановна", Sex::Female, date);
            let y = child(&surname, GIRLS[b], "Ивановна", Sex::Female, date);
            prop_assert_eq!(compare(&x, &y), Verdict::Distinct);
        }

        #[test]
        fn the_verdict_is_the_same_both_ways(
            a in "[а-яa-z]{2,9}", b in "[а-яa-z]{2,9}",
            ga in 0usize..12, gb in 0usize..12,
            da in 0i64..40, db in 0i64..40,
            sa in any::<bool>(), sb in any::<bool>(),
        ) {
            let sex = |f: bool| if f { Sex::Female } else { Sex::Male };
            let x = child(&a, GIRLS[ga], "", sex(sa), d(2015, 1, 1) + chrono::Duration::days(da));
            let y = child(&b, GIRLS[gb], "", sex(sb), d(2015, 1, 1) + chrono::Duration::days(db));
            prop_assert_eq!(compare(&x, &y), compare(&y, &x));
        }
    }

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
