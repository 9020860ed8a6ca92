//! Forms that need no WebAssembly.
//!
//! A form posts to its own page. The server decodes the body into a [`FormSubmission`], renders the
//! page with it in context, and the page runs the server function while rendering, so the answer
//! (errors next to fields, or the next step) arrives as HTML. Only the forms that are islands send
//! the same fields through the server function directly once their WebAssembly has arrived.

use crate::domain::field_error::FieldError;
use crate::error::AppError;
use serde::de::DeserializeOwned;

/// The fields of a posted form, in the order sent.
#[derive(Clone, Debug, Default)]
pub struct FormSubmission(pub Vec<(String, String)>);

impl FormSubmission {
    /// The fields as the form type of a server function.
    pub fn decode<T: DeserializeOwned>(&self) -> Option<T> {
        let query = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(self.0.iter())
            .finish();
        serde_qs::Config::new(5, false).deserialize_str(&query).ok()
    }
}

/// The submission this page render is answering, decoded as `T`; `None` in the browser and for GET.
pub fn posted<T: DeserializeOwned>() -> Option<T> {
    leptos::prelude::use_context::<FormSubmission>().and_then(|s| s.decode())
}

/// The submission decoded as `T` when it is the page's form named `kind` (its hidden `form`
/// field): a page with several forms answers only the one that was sent.
pub fn posted_as<T: DeserializeOwned>(kind: &str) -> Option<T> {
    let submission = leptos::prelude::use_context::<FormSubmission>()?;
    let sent = submission.0.iter().any(|(k, v)| k == "form" && v == kind);
    sent.then(|| submission.decode()).flatten()
}

/// One field of the posted form as sent; `None` in the browser and for GET.
pub fn posted_field(name: &str) -> Option<String> {
    let submission = leptos::prelude::use_context::<FormSubmission>()?;
    submission
        .0
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
}

/// The answer to a posted form: `answer` runs once while the page renders on the
/// server, and its result travels to the browser with the page; `None` when nothing was posted.
pub fn answer_posted<F, T, Fut>(
    submitted: Option<F>,
    answer: impl Fn(F) -> Fut + Send + Sync + 'static,
) -> leptos::prelude::Resource<Option<T>>
where
    F: Clone + Send + Sync + 'static,
    T: serde::Serialize + DeserializeOwned + Send + Sync + 'static,
    Fut: std::future::Future<Output = T> + Send + 'static,
{
    let answer = std::sync::Arc::new(answer);
    leptos::prelude::Resource::new(
        || (),
        move |_| {
            let (form, answer) = (submitted.clone(), answer.clone());
            async move {
                match form {
                    Some(form) => Some(answer(form).await),
                    None => None,
                }
            }
        },
    )
}

/// A form's answer as the form shows it: the field errors of a refused submission (beside their
/// fields and in the summary) and the message of any other failure (one notice above the form).
pub fn failure_of<T>(outcome: &Option<Result<T, AppError>>) -> (Vec<FieldError>, Option<String>) {
    match outcome {
        Some(Err(AppError::Validation(errors))) => (errors.clone(), None),
        Some(Err(e)) => (Vec::new(), Some(e.to_string())),
        _ => (Vec::new(), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::accounts::LoginForm;

    #[test]
    fn a_posted_body_decodes_into_the_form_type() {
        let s = FormSubmission(vec![
            ("email".into(), "a@b.ru".into()),
            ("password".into(), "пароль & ещё".into()),
        ]);
        let form: LoginForm = s.decode().unwrap();
        assert_eq!(form.email, "a@b.ru");
        assert_eq!(form.password, "пароль & ещё");
    }

    #[test]
    fn field_errors_go_beside_fields_and_other_failures_above_the_form() {
        let refused: Option<Result<(), AppError>> =
            Some(Err(AppError::Validation(vec![FieldError::new(
                "email",
                "Укажите почту",
            )])));
        let (errors, failure) = failure_of(&refused);
        assert_eq!(errors, [FieldError::new("email", "Укажите почту")]);
        assert_eq!(failure, None);
        let failed: Option<Result<(), AppError>> = Some(Err(AppError::Unauthorized));
        let (errors, failure) = failure_of(&failed);
        assert!(errors.is_empty());
        assert_eq!(failure, Some(AppError::Unauthorized.to_string()));
        assert_eq!(failure_of::<()>(&Some(Ok(()))), (Vec::new(), None));
        assert_eq!(failure_of::<()>(&None), (Vec::new(), None));
    }

    #[test]
    fn posted_forms_decode_through_their_flattened_fields() {
        let s = FormSubmission(vec![
            ("id".into(), "".into()),
            ("program".into(), "7".into()),
            ("name".into(), "Группа 1".into()),
            ("days[]".into(), "0".into()),
            ("days[]".into(), "2".into()),
            ("capacity".into(), "12".into()),
        ]);
        let form: crate::contract::programs::GroupForm = s.decode().unwrap();
        assert_eq!(form.program, "7");
        assert_eq!(form.input.days, ["0", "2"]);
        assert_eq!(form.input.capacity, "12");
        let s = FormSubmission(vec![
            ("id".into(), "3".into()),
            ("title".into(), "Шахматы".into()),
            ("cost".into(), "free".into()),
        ]);
        let form: crate::contract::programs::ProgramForm = s.decode().unwrap();
        assert_eq!(
            (form.id.as_str(), form.input.title.as_str()),
            ("3", "Шахматы")
        );
    }
}
