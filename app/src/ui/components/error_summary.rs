use crate::domain::catalog_filter::FieldError;
use leptos::prelude::*;

/// The list of a form's problems at its top, each a link to its field (`#field-<name>`), so that
/// keyboard and screen-reader users reach every message.
#[component]
pub fn ErrorSummary(errors: Vec<FieldError>) -> impl IntoView {
    view! {
        <div class="error-summary" role="alert" tabindex="-1">
            <h2>"Исправьте, пожалуйста:"</h2>
            <ul>
                {errors
                    .into_iter()
                    .map(|e| {
                        view! {
                            <li>
                                <a href=format!("#field-{}", e.field)>{e.message}</a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </div>
    }
}
