//! The words of a notification about an application: the same text in the cabinet and by e-mail.

use crate::domain::application::status::Status;
use crate::server::db::applications::{Change, Subject};

/// The subject and the body of the notification of `change`.
pub fn compose(subject: &Subject, change: &Change) -> (String, String) {
    let child = format!("{} {}", subject.child_given_name, subject.child_surname);
    let title = format!(
        "Заявка на программу «{}»: {}",
        subject.program_title,
        change.to.label()
    );
    let mut body = format!(
        "Ребенок: {child}. Программа: «{}», группа «{}», {}.\nСтатус заявки: {}.",
        subject.program_title,
        subject.group_name,
        subject.organization_name,
        change.to.label()
    );
    match change.to {
        Status::Queued => {
            if let Some(p) = subject.position {
                body.push_str(&format!("\nНомер в очереди — {p}. Когда место освободится, мы предложим его первому в очереди и сообщим."));
            }
        }
        Status::Offered => {
            if let Some(until) = subject.offer_expires_at {
                body.push_str(&format!(
                    "\nВ группе освободилось место, и оно предложено вашему ребенку. Примите его в личном кабинете до {} (время московское), иначе место перейдет следующему в очереди.",
                    crate::server::state::moscow_time(until)
                ));
            }
        }
        _ => {}
    }
    match (change.from, &change.reason) {
        // A new application: why it starts where it does.
        (None, Some(reason)) => body.push_str(&format!("\n{reason}")),
        (Some(_), Some(reason)) => body.push_str(&format!("\nПричина: {reason}")),
        _ => {}
    }
    (title, body)
}

/// The letter: the notification, where to see it, and the signature.
pub fn letter_body(body: &str, cabinet_link: &str, help_link: &str) -> String {
    format!(
        "Здравствуйте!\n\n{body}\n\nВсе заявки и их история — в личном кабинете: {cabinet_link}\nЧто делать, если что-то пошло не так: {help_link}\n\n—\nКружок: запись детей на программы дополнительного образования г.о. Иваново.\nЕсли учреждение не может помочь с технической проблемой, звоните на горячую линию МОЦ: 48-28-08 (вт, чт с 13.00 до 16.30)."
    )
}
