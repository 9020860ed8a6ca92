//! «Исправления» (R4): the parents' requests to an institution to correct a child's data — the data
//! as registered beside the data asked for — and the operator's correction form, reached from a
//! request or from the family look-up.

use crate::api::corrections::{
    correct_child, correction_inbox, correction_to_make, reject_correction,
};
use crate::contract::corrections::{CorrectionCard, CorrectionForm, CorrectionOutcome, RejectForm};
use crate::error::AppError;
use crate::ui::components::child_fields::ChildDataFields;
use crate::ui::components::compared_table::ComparedTable;
use crate::ui::components::error_summary::ErrorSummary;
use crate::ui::components::field::{error_for, TextAreaField, TextField};
use crate::ui::forms::{answer_posted, posted};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

#[component]
pub fn OperatorCorrectionsPage() -> impl IntoView {
    let posted_reject = posted::<RejectForm>();
    let typed = RwSignal::new(posted_reject.clone());
    let rejected_post = answer_posted(posted_reject, reject_correction);
    let inbox = Resource::new(
        || (),
        move |_| async move {
            let _ = rejected_post.await;
            correction_inbox().await
        },
    );
    view! {
        <h1>"Исправления данных"</h1>
        <Transition fallback=|| view! { <p class="loading">"Загружаем запросы…"</p> }>
            {move || Suspend::new(async move {
                let outcome = rejected_post.await;
                let (notice, errors) = match outcome {
                    Some(Ok(CorrectionOutcome::Done { message })) => {
                        (Some(view! { <p class="notice notice-ok" role="status">{message}</p> }.into_any()), Vec::new())
                    }
                    Some(Ok(CorrectionOutcome::Invalid { errors })) => {
                        (Some(view! { <ErrorSummary errors=errors.clone() /> }.into_any()), errors)
                    }
                    Some(Err(e)) => (Some(view! { <p class="notice notice-error" role="alert">{e.to_string()}</p> }.into_any()), Vec::new()),
                    None => (None, Vec::new()),
                };
                let typed = typed.get_untracked().filter(|_| !errors.is_empty()).unwrap_or_default();
                match inbox.await {
                    Err(AppError::Unauthorized) => view! { <Redirect path="/login" /> }.into_any(),
                    Err(e) => view! { <p class="notice notice-error" role="alert">{e.to_string()}</p> }.into_any(),
                    Ok(cards) => {
                        let waiting = cards.iter().filter(|c| c.waiting).count();
                        view! {
                            {notice}
                            <p class="results-count" role="status">{format!("Ждут ответа: {waiting}")}</p>
                            <p>"Данные ребенка, о котором нет запроса, исправляют из «Поиска семьи»."</p>
                            <ul class="pair-list">
                                {cards
                                    .into_iter()
                                    .map(|card| {
                                        let id = card.id.to_string();
                                        let typed = if typed.reject == id { typed.answer.clone() } else { String::new() };
                                        let error = error_for(&errors, &format!("answer-{id}"));
                                        view! { <CorrectionRequest card typed error /> }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[component]
fn CorrectionRequest(
    card: CorrectionCard,
    /// What the operator typed into this request's refusal, shown again with its error.
    typed: String,
    error: Option<String>,
) -> impl IntoView {
    let id = card.id;
    let answer_id = format!("field-answer-{id}");
    let open = error.is_some();
    view! {
        <li class="card pair">
            <h2>{card.child_name}</h2>
            <p>{format!("Запрос от {} · {}", card.sent, card.status)}</p>
            <p>{format!("Родитель: {} · {}", card.parent_email, card.parent_phone)}</p>
            <ComparedTable first_title="Сейчас".to_owned() second_title="Просит родитель".to_owned() fields=card.fields />
            {card.comment.map(|c| view! { <p class="request-body">{format!("Комментарий родителя: {c}")}</p> })}
            {card.answer.map(|a| view! { <p class="request-body">{format!("Ответ учреждения: {a}")}</p> })}
            {card.waiting.then(|| view! {
                <a class="button button-primary" href=format!("/operator/corrections/edit?request={id}")>"Сверить документы и исправить"</a>
                <details class="request-more" open=open>
                    <summary>"Отклонить запрос"</summary>
                    <form method="post" action="/operator/corrections" class="resolve-form">
                        <input type="hidden" name="reject" value=id.to_string() />
                        <TextAreaField name="answer" id=answer_id label="Почему данные не исправлены (родитель прочитает это)" value=typed error required=true />
                        <button type="submit" class="button button-secondary">"Отклонить"</button>
                    </form>
                </details>
            }
            .into_any())}
        </li>
    }
    .into_any()
}

/// The operator's correction of one child, from a request (`?request=`) or directly (`?child=`).
#[component]
pub fn CorrectionEditPage() -> impl IntoView {
    let query = use_query_map();
    let submitted = posted::<CorrectionForm>();
    let (child, request) = match &submitted {
        Some(f) => (f.child.clone(), f.request.clone()),
        None => {
            let q = query.get_untracked();
            (
                q.get("child").unwrap_or_default(),
                q.get("request").unwrap_or_default(),
            )
        }
    };
    let typed = RwSignal::new(submitted.clone());
    let from_post = answer_posted(submitted, correct_child);
    let draft = Resource::new(
        move || (child.clone(), request.clone()),
        |(child, request)| correction_to_make(Some(child), Some(request)),
    );
    view! {
        <h1>"Исправление данных ребенка"</h1>
        <Suspense fallback=|| view! { <p class="loading">"Загружаем…"</p> }>
            {move || Suspend::new(async move {
                let outcome = from_post.await;
                match (draft.await, outcome) {
                    (Err(AppError::Unauthorized), _) => view! { <Redirect path="/login" /> }.into_any(),
                    (_, Some(Ok(CorrectionOutcome::Done { message }))) => view! {
                        <p class="notice notice-ok" role="status">{message}</p>
                        <a class="button button-primary" href="/operator/corrections">"К запросам на исправление"</a>
                    }
                        .into_any(),
                    (Err(e), _) => view! { <p class="notice notice-error" role="alert">{e.to_string()}</p> }.into_any(),
                    (Ok(draft), outcome) => {
                        let (errors, failure) = match outcome {
                            Some(Ok(CorrectionOutcome::Invalid { errors })) => (errors, None),
                            Some(Err(e)) => (Vec::new(), Some(e.to_string())),
                            _ => (Vec::new(), None),
                        };
                        let form = typed.get_untracked().unwrap_or_else(|| draft.form.clone());
                        view! {
                            <p class="lead">{draft.child_name.clone()}</p>
                            {draft.comment.clone().map(|c| view! { <p class="request-body">{format!("Комментарий родителя: {c}")}</p> })}
                            <p>"Сверьте данные с документами. После сохранения данные отмечаются как подтвержденные вашим учреждением, а правила о дублях проверяются заново."</p>
                            {failure.map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })}
                            {(!errors.is_empty()).then(|| view! { <ErrorSummary errors=errors.clone() /> })}
                            <form method="post" action="/operator/corrections/edit" class="card wizard" novalidate>
                                <input type="hidden" name="child" value=form.child.clone() />
                                <input type="hidden" name="request" value=form.request.clone() />
                                <ChildDataFields form=form.clone() errors=errors.clone() />
                                <TextField name="note" label="Какой документ проверен" value=form.note.clone() error=error_for(&errors, "note") hint="Например: свидетельство о рождении II-ФО 123456" autocomplete="off" />
                                <button type="submit" class="button button-primary">"Сохранить исправление"</button>
                            </form>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}
