//! What a page of rows (families, pairs) shows after one row's form was answered: a notice above
//! the rows, or the error summary linked to that row's fields together with the form as typed, to
//! show again in its row.

use crate::domain::field_error::FieldError;
use crate::error::AppError;
use crate::ui::components::error_summary::ErrorSummary;
use leptos::prelude::*;

/// A row's form as the server answered it; each page's outcome types convert into it.
pub enum RowAnswer<F> {
    /// Done: the message to show.
    Done(String),
    /// Refused: the form as typed and its fields' errors.
    Invalid(F, Vec<FieldError>),
}

/// A refused form to show again in its row, with its errors.
pub type Retry<F> = Option<(F, Vec<FieldError>)>;

/// The notice and the form to show again. `row` names the row the form came from: its fields'
/// ids end with it (`email-12`), so the summary's links reach the field in that row.
pub fn row_answer<F, O: Into<RowAnswer<F>>>(
    answer: Option<Result<O, AppError>>,
    row: impl Fn(&F) -> String,
) -> (Option<AnyView>, Retry<F>) {
    match answer.map(|r| r.map(Into::into)) {
        Some(Ok(RowAnswer::Done(message))) => (
            Some(view! { <p class="notice notice-ok" role="status">{message}</p> }.into_any()),
            None,
        ),
        Some(Ok(RowAnswer::Invalid(form, errors))) => {
            let row = row(&form);
            let linked = errors
                .iter()
                .map(|e| FieldError::new(&format!("{}-{row}", e.field), &e.message))
                .collect::<Vec<_>>();
            (
                Some(view! { <ErrorSummary errors=linked /> }.into_any()),
                Some((form, errors)),
            )
        }
        Some(Err(e)) => (
            Some(
                view! { <p class="notice notice-error" role="alert">{e.to_string()}</p> }
                    .into_any(),
            ),
            None,
        ),
        None => (None, None),
    }
}
