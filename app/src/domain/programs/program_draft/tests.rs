use super::*;
use proptest::prelude::*;

fn good() -> ProgramInput {
    ProgramInput {
        title: "  Робототехника   для начинающих ".into(),
        description: "Дети собирают и программируют роботов из конструктора.".into(),
        direction: "technical".into(),
        level: "starting".into(),
        age_min: "7".into(),
        age_max: "11".into(),
        cost: "paid".into(),
        price_rub: "1 500".into(),
        address: String::new(),
        teachers: "Иванова Анна Петровна\n\n  Петров Олег ".into(),
    }
}

fn fields(input: &ProgramInput) -> Vec<String> {
    input
        .check()
        .unwrap_err()
        .into_iter()
        .map(|e| e.field)
        .collect()
}

#[test]
fn a_good_program_is_tidied() {
    let draft = good().check().unwrap();
    assert_eq!(draft.title, "Робототехника для начинающих");
    assert_eq!(draft.direction, Direction::Technical);
    assert_eq!(draft.cost, Cost::Paid(1500));
    assert_eq!((draft.age_min, draft.age_max), (7, 11));
    assert_eq!(draft.address, None);
    assert_eq!(draft.teachers, ["Иванова Анна Петровна", "Петров Олег"]);
}

#[test]
fn a_free_program_ignores_the_price_field() {
    let input = ProgramInput {
        cost: "free".into(),
        price_rub: "abc".into(),
        ..good()
    };
    assert_eq!(input.check().unwrap().cost, Cost::Free);
}

#[test]
fn every_mistake_is_reported_at_its_field_at_once() {
    let input = ProgramInput {
        title: "Ро".into(),
        description: "Коротко".into(),
        direction: "music".into(),
        level: String::new(),
        age_min: "-1".into(),
        age_max: "19".into(),
        cost: "paid".into(),
        price_rub: "0".into(),
        address: "ул.".into(),
        teachers: " \n ".into(),
    };
    assert_eq!(
        fields(&input),
        [
            "title",
            "description",
            "direction",
            "level",
            "age_min",
            "age_max",
            "price_rub",
            "address",
            "teachers"
        ]
    );
}

#[test]
fn ages_must_be_in_order() {
    let input = ProgramInput {
        age_min: "12".into(),
        age_max: "10".into(),
        ..good()
    };
    let errors = input.check().unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].field, "age_max");
    assert_eq!(
        errors[0].message,
        "Возраст «до» не может быть меньше возраста «от»"
    );
}

#[test]
fn a_missing_cost_choice_is_asked_for() {
    let input = ProgramInput {
        cost: String::new(),
        ..good()
    };
    assert_eq!(fields(&input), ["cost"]);
}

#[test]
fn only_what_parents_read_needs_moderation_again() {
    let published = good().check().unwrap();
    let new_teacher = ProgramInput {
        teachers: "Сидорова Мария".into(),
        ..good()
    };
    assert!(!published.needs_moderation(&new_teacher.check().unwrap()));
    for changed in [
        ProgramInput {
            description: "Новое описание программы для детей.".into(),
            ..good()
        },
        ProgramInput {
            age_max: "12".into(),
            ..good()
        },
        ProgramInput {
            price_rub: "1600".into(),
            ..good()
        },
        ProgramInput {
            address: "ул. Лежневская, 120".into(),
            ..good()
        },
    ] {
        assert!(published.needs_moderation(&changed.check().unwrap()));
    }
}

proptest! {
    #[test]
    fn any_ages_within_range_and_in_order_pass(a in 0u8..=18, b in 0u8..=18) {
        let input = ProgramInput { age_min: a.to_string(), age_max: b.to_string(), ..good() };
        prop_assert_eq!(input.check().is_ok(), a <= b);
    }

    #[test]
    fn checking_never_panics_and_a_draft_re_checks_to_itself(
        title in ".{0,160}", description in ".{0,40}", price in ".{0,8}", teachers in ".{0,30}"
    ) {
        let input = ProgramInput { title, description, price_rub: price, teachers, ..good() };
        if let Ok(draft) = input.check() {
            let again = ProgramInput {
                title: draft.title.clone(),
                description: draft.description.clone(),
                teachers: draft.teachers.join("\n"),
                ..input
            };
            prop_assert_eq!(again.check(), Ok(draft));
        }
    }
}

#[test]
fn a_stored_program_fills_the_form_it_came_from() {
    let draft = good().check().unwrap();
    assert_eq!(ProgramInput::of(&draft).check(), Ok(draft));
    let free = ProgramDraft {
        cost: Cost::Free,
        address: Some("ул. Лежневская, 120".into()),
        ..good().check().unwrap()
    };
    assert_eq!(ProgramInput::of(&free).check(), Ok(free));
}

#[test]
fn a_copy_names_the_next_school_year() {
    let draft = good().check().unwrap();
    assert_eq!(
        draft.next_year_title(2027),
        "Робототехника для начинающих (2027/2028)"
    );
    let named = ProgramDraft {
        title: "Шахматы 2026/2027".into(),
        ..draft
    };
    assert_eq!(named.next_year_title(2027), "Шахматы 2027/2028");
}
