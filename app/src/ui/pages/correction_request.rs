//! «Исправить данные ребенка» in the cabinet (R4): the parent does not enter the child again but
//! says what is wrong and where the documents will be shown; the institution corrects the data.

use crate::api::corrections::{correction_to_request, request_correction};
use crate::contract::corrections::{CorrectionForm, CorrectionOutcome};
use crate::error::AppError;
use crate::ui::components::child_fields::ChildDataFields;
use crate::ui::components::error_summary::ErrorSummary;
use crate::ui::components::field::{error_for, GroupedSelect, TextAreaField};
use crate::ui::forms::{answer_posted, posted};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

#[component]
pub fn CorrectionRequestPage() -> impl IntoView {
    let query = use_query_map();
    let submitted = posted::<CorrectionForm>();
    let child = submitted
        .as_ref()
        .map(|f| f.child.clone())
        .unwrap_or_else(|| query.get_untracked().get("child").unwrap_or_default());
    let typed = RwSignal::new(submitted.clone());
    let from_post = answer_posted(submitted, request_correction);
    let start = Resource::new(move || child.clone(), correction_to_request);
    view! {
        <h1>"Исправить данные ребенка"</h1>
        <Suspense fallback=|| view! { <p class="loading">"Загружаем…"</p> }>
            {move || Suspend::new(async move {
                let outcome = from_post.await;
                match (start.await, outcome) {
                    (Err(AppError::Unauthorized), _) => view! { <Redirect path="/login" /> }.into_any(),
                    (Err(e), _) => view! { <p class="notice notice-error" role="alert">{e.to_string()}</p> }.into_any(),
                    (Ok(_), Some(Ok(CorrectionOutcome::Done { message }))) => view! {
                        <p class="notice notice-ok" role="status">{message}</p>
                        <a class="button button-primary" href="/cabinet">"В личный кабинет"</a>
                    }
                        .into_any(),
                    (Ok(start), outcome) => {
                        let (errors, failure) = match outcome {
                            Some(Ok(CorrectionOutcome::Invalid { errors })) => (errors, None),
                            Some(Err(e)) => (Vec::new(), Some(e.to_string())),
                            _ => (Vec::new(), None),
                        };
                        let form = typed.get_untracked().unwrap_or_else(|| start.form.clone());
                        view! {
                            <p class="lead">{start.child_name.clone()}</p>
                            <p>"Не нужно вносить данные ребенка еще раз, т.к. система даст ошибку. Исправьте ниже то, что указано неверно, и выберите учреждение: оператор сверит документы и исправит данные."</p>
                            {start.waiting.clone().map(|w| view! { <p class="notice" role="status">{w}</p> })}
                            {failure.map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })}
                            {(!errors.is_empty()).then(|| view! { <ErrorSummary errors=errors.clone() /> })}
                            <form method="post" action="/cabinet/children/correction" class="card wizard" novalidate>
                                <input type="hidden" name="child" value=form.child.clone() />
                                <ChildDataFields form=form.clone() errors=errors.clone() />
                                <GroupedSelect
                                    name="organization"
                                    label="Учреждение, куда вы принесете документы"
                                    groups=vec![("Ваши учреждения", start.mine.clone()), ("Все учреждения", start.others.clone())]
                                    selected=form.organization.clone()
                                    prompt=Some("Выберите учреждение")
                                    error=error_for(&errors, "organization")
                                />
                                <TextAreaField name="note" id="field-note" label="Что не так (необязательно)" value=form.note.clone() error=error_for(&errors, "note") />
                                <button type="submit" class="button button-primary">"Отправить запрос"</button>
                            </form>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}
