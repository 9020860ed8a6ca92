//! Whether a child may apply to a group: every refusal of SPEC §4.3 with the sentence the parent
//! reads at the form.

use crate::domain::dates::format_ru;
use crate::domain::enrolment::EnrolmentState;
use crate::domain::identity::birth_date::age_on;
use crate::domain::plural::count_with_noun;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What the rules need to know about a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GroupTerms {
    pub age_min: i32,
    pub age_max: i32,
    pub starts_on: NaiveDate,
    pub enrolment_opens: NaiveDate,
    pub enrolment_closes: NaiveDate,
}

/// Why an application is refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ApplyRefusal {
    /// The child's age on the group's first day is outside its range.
    Age {
        age: i32,
        min: i32,
        max: i32,
    },
    NotYetOpen {
        opens: NaiveDate,
    },
    Closed {
        closed: NaiveDate,
    },
    /// The child already has a Новая, Подтверждена, Зачислен or В очереди application to the program.
    AlreadyApplied,
    /// The child is flagged as a possible duplicate under review.
    UnderReview,
    /// The account's e-mail is not confirmed yet.
    EmailNotConfirmed,
    /// The child is not in this account's cabinet.
    NotYourChild,
    /// The account was found to duplicate another (R6): `confirmed` is that account, masked.
    DuplicateAccount {
        confirmed: String,
    },
}

impl ApplyRefusal {
    /// The field the message belongs to.
    pub fn field(&self) -> &'static str {
        match self {
            ApplyRefusal::Age { .. } | ApplyRefusal::AlreadyApplied | ApplyRefusal::UnderReview => {
                "child_id"
            }
            ApplyRefusal::NotYourChild => "child_id",
            ApplyRefusal::NotYetOpen { .. } | ApplyRefusal::Closed { .. } => "group_id",
            ApplyRefusal::EmailNotConfirmed | ApplyRefusal::DuplicateAccount { .. } => "form",
        }
    }

    pub fn message(&self) -> String {
        match self {
            ApplyRefusal::Age { age, min, max } => format!(
                "Программа для детей от {min} до {}: к началу занятий ребенку будет {}",
                count_with_noun(u64::try_from(*max).unwrap_or(0), "года", "лет", "лет"),
                count_with_noun(u64::try_from(*age).unwrap_or(0), "год", "года", "лет")
            ),
            ApplyRefusal::NotYetOpen { opens } => {
                format!("Набор в эту группу откроется {}", format_ru(*opens))
            }
            ApplyRefusal::Closed { closed } => {
                format!("Набор в эту группу закрыт {}", format_ru(*closed))
            }
            ApplyRefusal::AlreadyApplied => {
                "У ребенка уже есть активная заявка на эту программу. Ее статус — в личном кабинете"
                    .into()
            }
            ApplyRefusal::UnderReview => "Данные ребенка проверяет учреждение: похоже, он уже \
                зарегистрирован в системе. Пока проверка не закончена, заявку подать нельзя. \
                Что делать — в разделе «Помощь»"
                .into(),
            ApplyRefusal::EmailNotConfirmed => "Подтвердите адрес электронной почты: ссылка \
                пришла в письме после регистрации"
                .into(),
            ApplyRefusal::NotYourChild => "Выберите ребенка из своего личного кабинета".into(),
            ApplyRefusal::DuplicateAccount { confirmed } => format!(
                "Этот аккаунт признан дублирующим: заявки с него не принимаются. Подайте заявку с \
                 аккаунта: {confirmed}. Если доступа к указанному аккаунту нет, то обратитесь в \
                 тех. поддержку по номеру телефона 48-28-08 (вт, чт с 13.00 до 16.30)"
            ),
        }
    }
}

/// Checks the rules that depend on the child and the group alone.
pub fn check(
    birth_date: NaiveDate,
    group: &GroupTerms,
    today: NaiveDate,
) -> Result<(), ApplyRefusal> {
    match EnrolmentState::on(today, group.enrolment_opens, group.enrolment_closes) {
        EnrolmentState::NotYetOpen { opens } => return Err(ApplyRefusal::NotYetOpen { opens }),
        EnrolmentState::Closed { closed } => return Err(ApplyRefusal::Closed { closed }),
        EnrolmentState::Open { .. } => {}
    }
    let age = age_on(birth_date, group.starts_on);
    if age < group.age_min || age > group.age_max {
        return Err(ApplyRefusal::Age {
            age,
            min: group.age_min,
            max: group.age_max,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn group() -> GroupTerms {
        GroupTerms {
            age_min: 7,
            age_max: 10,
            starts_on: d(2026, 9, 1),
            enrolment_opens: d(2026, 8, 1),
            enrolment_closes: d(2026, 9, 15),
        }
    }

    #[test]
    fn a_child_of_the_right_age_in_the_window_may_apply() {
        assert_eq!(check(d(2018, 5, 1), &group(), d(2026, 8, 20)), Ok(()));
    }

    #[test]
    fn the_age_counts_on_the_groups_first_day() {
        // Turns 7 on the first day: in; turns 7 the day after: out.
        assert_eq!(check(d(2019, 9, 1), &group(), d(2026, 8, 20)), Ok(()));
        assert_eq!(
            check(d(2019, 9, 2), &group(), d(2026, 8, 20)),
            Err(ApplyRefusal::Age {
                age: 6,
                min: 7,
                max: 10
            })
        );
        // 10 still fits on the first day; 11 does not.
        assert_eq!(check(d(2015, 9, 2), &group(), d(2026, 8, 20)), Ok(()));
        assert!(matches!(
            check(d(2015, 9, 1), &group(), d(2026, 8, 20)),
            Err(ApplyRefusal::Age { age: 11, .. })
        ));
    }

    #[test]
    fn the_window_is_checked_at_both_ends() {
        assert_eq!(
            check(d(2018, 5, 1), &group(), d(2026, 7, 31)),
            Err(ApplyRefusal::NotYetOpen {
                opens: d(2026, 8, 1)
            })
        );
        assert_eq!(check(d(2018, 5, 1), &group(), d(2026, 8, 1)), Ok(()));
        assert_eq!(check(d(2018, 5, 1), &group(), d(2026, 9, 15)), Ok(()));
        assert_eq!(
            check(d(2018, 5, 1), &group(), d(2026, 9, 16)),
            Err(ApplyRefusal::Closed {
                closed: d(2026, 9, 15)
            })
        );
    }

    #[test]
    fn every_refusal_has_a_sentence_and_a_field() {
        let all = [
            ApplyRefusal::Age {
                age: 6,
                min: 7,
                max: 10,
            },
            ApplyRefusal::NotYetOpen {
                opens: d(2026, 8, 1),
            },
            ApplyRefusal::Closed {
                closed: d(2026, 9, 15),
            },
            ApplyRefusal::AlreadyApplied,
            ApplyRefusal::UnderReview,
            ApplyRefusal::EmailNotConfirmed,
            ApplyRefusal::NotYourChild,
        ];
        for r in all {
            assert!(r.message().len() > 20, "{r:?}");
            assert!(!r.field().is_empty());
        }
        assert_eq!(
            ApplyRefusal::Age {
                age: 6,
                min: 7,
                max: 10
            }
            .message(),
            "Программа для детей от 7 до 10 лет: к началу занятий ребенку будет 6 лет"
        );
        assert_eq!(
            ApplyRefusal::Closed {
                closed: d(2026, 9, 15)
            }
            .message(),
            "Набор в эту группу закрыт 15.09.2026"
        );
    }
}
