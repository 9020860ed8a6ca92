//! The one error type of every server function. Its messages are the Russian texts users see;
//! causes of internal failures are logged on the server and never travel to the browser.

use crate::domain::catalog_filter::FieldError;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("Проверьте поля формы: {}", summary(.0))]
    Validation(Vec<FieldError>),
    #[error("Войдите в систему, чтобы продолжить")]
    Unauthorized,
    #[error("Недостаточно прав для этого действия")]
    Forbidden,
    /// Outside the operator's scope (`domain::scope`): the message says why.
    #[error("{0}")]
    Denied(String),
    #[error("Не найдено: возможно, запись удалена или ссылка устарела")]
    NotFound,
    #[error("{0}")]
    Conflict(String),
    #[error("Слишком много запросов. Подождите минуту и попробуйте снова")]
    RateLimited,
    #[error("Что-то пошло не так на сервере. Попробуйте ещё раз через минуту")]
    Internal,
    #[error("Нет связи с сервером. Проверьте интернет и попробуйте ещё раз")]
    Network,
}

fn summary(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(|e| e.message.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

impl AppError {
    /// The message for one form field, if this error has one.
    pub fn field_message(&self, field: &str) -> Option<String> {
        match self {
            AppError::Validation(errors) => errors
                .iter()
                .find(|e| e.field == field)
                .map(|e| e.message.clone()),
            _ => None,
        }
    }

    /// The HTTP status this error travels with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Validation(_) => 422,
            AppError::Unauthorized => 401,
            AppError::Forbidden | AppError::Denied(_) => 403,
            AppError::NotFound => 404,
            AppError::Conflict(_) => 409,
            AppError::RateLimited => 429,
            AppError::Internal | AppError::Network => 500,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(_) => AppError::Network,
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => {
                AppError::Validation(vec![FieldError::new(
                    "form",
                    "Форма заполнена не полностью. Обновите страницу и попробуйте снова",
                )])
            }
            _ => AppError::Internal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_errors_say_nothing_about_their_cause() {
        let e = AppError::from_server_fn_error(ServerFnErrorErr::ServerError(
            "UNIQUE constraint failed: programs.title".into(),
        ));
        assert_eq!(e, AppError::Internal);
        assert!(!e.to_string().contains("UNIQUE"));
    }

    #[test]
    fn a_field_message_is_found_by_field_name() {
        let e = AppError::Validation(vec![FieldError::new("age", "Укажите возраст")]);
        assert_eq!(e.field_message("age").as_deref(), Some("Укажите возраст"));
        assert_eq!(e.field_message("q"), None);
        assert_eq!(e.status(), 422);
    }
}
