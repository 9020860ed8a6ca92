//! «Что случилось?»: every situation of the municipality's document, each with what not to do,
//! what to do, and whom to contact — the document's own words.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Situation {
    ForgotEmail,
    NoEmailAccess,
    ChildData,
    Municipality,
    AlreadyRegistered,
    DuplicateCancelled,
    Teen,
}

/// Whom the parent turns to first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FirstContact {
    /// The institution (школа, детский сад, УДО); МОЦ if it cannot help.
    Institution,
    /// The account named in the cancellation message, then МОЦ's support line.
    MocSupport,
}

const NO_NEW_ACCOUNT: &str = "Не нужно создавать новый аккаунт, т.к. система даст ошибку";
const INSTITUTION: &str = "Обратитесь в образовательное учреждение (школа/дет. сад/УДО),";

impl Situation {
    pub const ALL: [Situation; 7] = [
        Situation::ForgotEmail,
        Situation::NoEmailAccess,
        Situation::ChildData,
        Situation::Municipality,
        Situation::AlreadyRegistered,
        Situation::DuplicateCancelled,
        Situation::Teen,
    ];

    /// The address part of `/help/<slug>` and the stored topic of a request.
    pub fn slug(self) -> &'static str {
        match self {
            Situation::ForgotEmail => "forgot-email",
            Situation::NoEmailAccess => "no-email-access",
            Situation::ChildData => "child-data",
            Situation::Municipality => "municipality",
            Situation::AlreadyRegistered => "already-registered",
            Situation::DuplicateCancelled => "duplicate-cancelled",
            Situation::Teen => "teen",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.slug() == slug)
    }

    pub fn href(self) -> String {
        format!("/help/{}", self.slug())
    }

    /// The choice as the parent reads it, in the first person as the document puts it.
    pub fn title(self) -> &'static str {
        match self {
            Situation::ForgotEmail => "Я не помню, на какую почту регистрировал(-а) аккаунт",
            Situation::NoEmailAccess => {
                "У меня нет доступа к той почте, на которую я регистрировал(-а) аккаунт, или почта на gmail.com"
            }
            Situation::ChildData => {
                "Мне надо изменить ошибочно внесенные / не актуальные данные ребенка"
            }
            Situation::Municipality => "У меня указан не тот муниципалитет",
            Situation::AlreadyRegistered => {
                "Ошибка «Ребенок с такими данными уже зарегистрирован» при повторной регистрации"
            }
            Situation::DuplicateCancelled => {
                "Заявку отменили: «Данная заявка была подана с дублирующего аккаунта»"
            }
            Situation::Teen => "Ребенку 14 лет или больше",
        }
    }

    /// A short name for lists and the topic of a request.
    pub fn topic(self) -> &'static str {
        match self {
            Situation::ForgotEmail => "Не помню почту",
            Situation::NoEmailAccess => "Нет доступа к почте или почта на gmail.com",
            Situation::ChildData => "Исправить данные ребенка",
            Situation::Municipality => "Указан не тот муниципалитет",
            Situation::AlreadyRegistered => "«Ребенок с такими данными уже зарегистрирован»",
            Situation::DuplicateCancelled => "Заявка отменена как поданная с дублирующего аккаунта",
            Situation::Teen => "Ребенку 14 лет или больше",
        }
    }

    /// What not to do.
    pub fn dont(self) -> &'static str {
        match self {
            Situation::ForgotEmail | Situation::NoEmailAccess => NO_NEW_ACCOUNT,
            Situation::ChildData => {
                "Не нужно вносить данные ребенка еще раз, т.к. система даст ошибку"
            }
            Situation::Municipality => {
                "Повторное создание аккаунта не решит проблему. МОЦ не меняет муниципалитет"
            }
            Situation::AlreadyRegistered => {
                "Не нужно создавать новый аккаунт, т.к. система даст ошибку. Ребенок не добавляется в систему дважды"
            }
            Situation::DuplicateCancelled => {
                "Не нужно подавать заявку еще раз с этого аккаунта и не нужно создавать новый аккаунт: вы создали дублирующий аккаунт"
            }
            Situation::Teen => {
                "Не нужно регистрировать ребенка еще раз из его собственного аккаунта, т.к. система даст ошибку"
            }
        }
    }

    /// What to do, in the document's words.
    pub fn todo(self) -> String {
        match self {
            Situation::ForgotEmail => {
                format!("{INSTITUTION} оператор Навигатора подскажет Вашу почту")
            }
            Situation::NoEmailAccess => {
                format!("{INSTITUTION} оператор Навигатора заменит Вашу почту")
            }
            Situation::ChildData => {
                format!("{INSTITUTION} оператор Навигатора заменит/исправит данные")
            }
            Situation::Municipality => {
                format!("{INSTITUTION} и попросите заявление на смену МО")
            }
            Situation::AlreadyRegistered => format!(
                "{INSTITUTION} оператор Навигатора подскажет почту от подтвержденного аккаунта"
            ),
            Situation::DuplicateCancelled => "Следуйте инструкции, указанной в сообщении: если обучение по программе актуально, подайте заявку с аккаунта, который в нем назван. Если доступа к указанному аккаунту нет, то обратитесь в тех. поддержку по номеру телефона 48-28-08 (вт, чт с 13.00 до 16.30)".to_owned(),
            Situation::Teen => "Если ребенок достиг возраста 14ти лет он может регистрировать аккаунт, НО если он занесен в Ваш личный кабинет, то заявки подаются из Вашего личного кабинета, т.к. ребенок уже подтвержден".to_owned(),
        }
    }

    /// Extra lines the document gives with the answer (a quoted message, a reminder).
    pub fn notes(self) -> &'static [&'static str] {
        match self {
            Situation::DuplicateCancelled => &[
                "Вы подали заявку на программу, но ее отменили с формулировкой: «Данная заявка была подана с дублирующего аккаунта. Если обучение по программе актуально, просим подать заявку с аккаунта: …»",
                "Вы создали дублирующий аккаунт. Следуйте инструкции указанной в сообщении",
            ],
            Situation::AlreadyRegistered | Situation::ChildData => {
                &["ВАЖНО! Ребенок добавляется в систему только один раз"]
            }
            Situation::ForgotEmail | Situation::NoEmailAccess => &[
                "Если Вы зарегистрировали аккаунт – забудьте про кнопку Регистрация",
            ],
            Situation::Municipality | Situation::Teen => &[],
        }
    }

    pub fn first_contact(self) -> FirstContact {
        match self {
            Situation::DuplicateCancelled => FirstContact::MocSupport,
            _ => FirstContact::Institution,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_situation_reads_back_from_its_slug() {
        for s in Situation::ALL {
            assert_eq!(Situation::from_slug(s.slug()), Some(s));
            assert!(s.href().starts_with("/help/"));
        }
        assert_eq!(Situation::from_slug("unknown"), None);
    }

    #[test]
    fn every_answer_says_what_not_to_do_and_what_to_do() {
        for s in Situation::ALL {
            assert!(s.dont().starts_with("Не нужно") || s.dont().starts_with("Повторное"));
            assert!(!s.todo().is_empty());
            assert!(!s.topic().is_empty() && !s.title().is_empty());
        }
    }

    #[test]
    fn the_document_sends_parents_to_the_institution_first() {
        let to_institution = Situation::ALL
            .into_iter()
            .filter(|s| s.first_contact() == FirstContact::Institution);
        for s in to_institution {
            assert!(
                s.todo()
                    .starts_with("Обратитесь в образовательное учреждение")
                    || s == Situation::Teen
            );
        }
        assert!(Situation::DuplicateCancelled.todo().contains("48-28-08"));
    }
}
