//! Help and escalation (SPEC R8, §4.5): the situations of the municipality's document with their
//! answers, the МОЦ hotline's open hours, and the requests that climb from the parent to the
//! institution and on to МОЦ.

#[cfg(feature = "ssr")]
pub mod hotline;
pub mod request;
pub mod situation;

/// The МОЦ hotline as the document writes it.
pub const MOC_PHONE: &str = "48-28-08";
pub const MOC_PHONE_HREF: &str = "tel:+74932482808";
pub const MOC_VK: &str = "https://vk.com/mocivanovo";
pub const MOC_NAME: &str = "Муниципальный опорный центр г. Иваново";

/// The document's three conclusions, word for word.
pub const CONCLUSIONS: [&str; 3] = [
    "ребенок добавляется только 1 раз, если Вы зарегистрировали аккаунт – забудьте про кнопку Регистрация;",
    "при возникновении технических сложностей Вы обращаетесь в первую очередь в учреждение, и если Вам там не помогли, то Вы можете связаться с МОЦ;",
    "МОЦ консультирует только в определенное время",
];

/// When the institution cannot help, the document's words about МОЦ.
pub const MOC_WHEN: &str = "В случаях, когда учреждение не может помочь Вам в разрешении технических проблем, то Вы можете обратиться на горячую линию в Муниципальный опорный центр г. Иваново";
