//! Forms that need no WebAssembly.
//!
//! A form posts to its own page. The server decodes the body into a [`FormSubmission`], renders the
//! page with it in context, and the page runs the server function while rendering, so the answer
//! (errors next to fields, or the next step) arrives as HTML. Only the forms that are islands send
//! the same fields through the server function directly once their WebAssembly has arrived.

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
}
