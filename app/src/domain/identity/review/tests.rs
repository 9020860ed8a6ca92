use super::*;

fn record() -> RecordFacts {
    RecordFacts {
        surname: "Иванова".into(),
        given_name: "Алёна".into(),
        patronymic: "Сергеевна".into(),
        sex: "женский".into(),
        birth_date: "05.09.2016".into(),
        snils: "112-233-445 95".into(),
        birth_certificate: "II-ФО 123456".into(),
    }
}

fn differing(first: &RecordFacts, second: &RecordFacts) -> Vec<String> {
    compare_records(first, second)
        .into_iter()
        .filter(|f| f.differs)
        .map(|f| f.label)
        .collect()
}

#[test]
fn the_same_record_differs_nowhere() {
    assert!(differing(&record(), &record()).is_empty());
    assert_eq!(compare_records(&record(), &record()).len(), 7);
}

#[test]
fn case_spaces_yo_and_look_alikes_are_not_differences() {
    let mut typed = record();
    typed.surname = " иванова ".into();
    typed.given_name = "Алена".into();
    // A Latin «C» and «e» inside a Cyrillic word.
    typed.patronymic = "Cергeевна".into();
    typed.snils = "11223344595".into();
    typed.birth_certificate = "ii фо 123456".into();
    assert!(differing(&record(), &typed).is_empty());
}

#[test]
fn a_typo_in_the_name_and_another_date_are_marked() {
    let mut typed = record();
    typed.given_name = "Алина".into();
    typed.birth_date = "06.09.2016".into();
    assert_eq!(differing(&record(), &typed), ["Имя", "Дата рождения"]);
}

#[test]
fn a_missing_patronymic_is_a_difference_and_shows_a_dash() {
    let mut typed = record();
    typed.patronymic = String::new();
    let fields = compare_records(&record(), &typed);
    let patronymic = fields.iter().find(|f| f.label == "Отчество").unwrap();
    assert!(patronymic.differs);
    assert_eq!(patronymic.second, "—");
}

#[test]
fn stored_flag_reasons_read_in_russian() {
    assert_eq!(
        flag_reason_label("OneDigitOff"),
        "похожие фамилия и имя, дата рождения отличается одной цифрой"
    );
    assert_eq!(
        flag_reason_label("Equal, names swapped"),
        "фамилия и имя переставлены, та же дата рождения"
    );
    assert_eq!(
        flag_reason_label("DayMonthSwapped"),
        "похожие фамилия и имя, в дате рождения переставлены день и месяц"
    );
    assert!(flag_reason_label("OneYearOff").ends_with("на один год"));
    assert!(flag_reason_label("OneDayOff").ends_with("на один день"));
    assert_eq!(flag_reason_label("SameSnils"), "тот же СНИЛС");
    assert_eq!(
        flag_reason_label("SameCertificate"),
        "то же свидетельство о рождении"
    );
    assert_eq!(
        flag_reason_label("something else"),
        "похожие фамилия и имя, похожие данные"
    );
}

#[test]
fn the_new_clues_read_in_russian() {
    assert_eq!(
        flag_reason_label("Equal, sex differs"),
        "те же ФИО и дата рождения, другой пол"
    );
    assert_eq!(
        flag_reason_label("Equal, snils differ"),
        "те же ФИО, пол и дата рождения, разные СНИЛС"
    );
    assert!(flag_reason_label("Equal, certificates differ").contains("разные свидетельства"));
    assert_eq!(
        flag_reason_label("OneYearOff, given name form"),
        "имя в другой форме (Саша — Александр), похожая фамилия, дата рождения отличается на один год"
    );
    assert!(flag_reason_label("DigitsSwapped").ends_with("переставлены соседние цифры"));
}

#[test]
fn not_a_duplicate_needs_a_reason() {
    assert_eq!(
        parse_decision(
            "not_duplicate",
            "  Разные дети: проверены свидетельства ",
            (3, 7)
        ),
        Ok((
            Decision::NotDuplicate,
            "Разные дети: проверены свидетельства".to_owned()
        ))
    );
    let errors = parse_decision("not_duplicate", "да", (3, 7)).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].field, "reason");
}

#[test]
fn a_duplicate_keeps_one_of_the_pair_only() {
    assert_eq!(
        parse_decision("keep:7", "Свидетельство о рождении совпадает", (3, 7)),
        Ok((
            Decision::Duplicate { keep: 7 },
            "Свидетельство о рождении совпадает".to_owned()
        ))
    );
    for wrong in ["keep:8", "keep:", "keep:x", "", "merge"] {
        let errors = parse_decision(wrong, "Свидетельство совпадает", (3, 7)).unwrap_err();
        assert_eq!(errors[0].field, "decision", "{wrong}");
    }
}

#[test]
fn both_mistakes_are_reported_at_once() {
    let errors = parse_decision("", "", (1, 2)).unwrap_err();
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["decision", "reason"]);
}

#[test]
fn accounts_differ_where_a_person_would_see_a_difference() {
    let a = AccountFacts {
        full_name: "Иванова Ольга".into(),
        phone: "+79151112233".into(),
        email: "olga@mail.ru".into(),
        municipality: "г.о. Иваново".into(),
    };
    let mut b = a.clone();
    b.full_name = "ИВАНОВА  Ольга".into();
    b.email = "Olga@Mail.ru".into();
    assert!(compare_accounts(&a, &b).iter().all(|f| !f.differs));
    b.email = "olga.i@yandex.ru".into();
    let differing: Vec<String> = compare_accounts(&a, &b)
        .into_iter()
        .filter(|f| f.differs)
        .map(|f| f.label)
        .collect();
    assert_eq!(differing, ["Почта"]);
}
