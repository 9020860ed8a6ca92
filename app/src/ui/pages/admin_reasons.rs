//! «Причины отмены»: the administrator's dictionary of cancel reasons. The list, and one form: the
//! reason chosen with «Изменить» (`?edit=<id>`), or a new one.

use crate::api::admin::{cancel_reasons, save_cancel_reason};
use crate::contract::admin::{ReasonForm, ReasonOutcome, ReasonRow};
use crate::domain::field_error::FieldError;
use crate::error::AppError;
use crate::ui::components::error_summary::ErrorSummary;
use crate::ui::components::field::{error_for, CheckField, TextField};
use crate::ui::forms::{answer_posted, posted};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AdminReasonsPage() -> impl IntoView {
    let query = use_query_map();
    let from_post = answer_posted(posted::<ReasonForm>(), save_cancel_reason);
    let list = Resource::new(
        || (),
        move |_| async move {
            let _ = from_post.await;
            cancel_reasons().await
        },
    );
    view! {
        <h1>"Причины отмены заявок"</h1>
        <Transition fallback=|| view! { <p class="loading">"Загружаем…"</p> }>
            {move || Suspend::new(async move {
                let posted_outcome = from_post.await;
                let outcome = posted_outcome;
                match list.await {
                    Err(AppError::Unauthorized) => view! { <Redirect path="/login" /> }.into_any(),
                    Err(e) => view! { <p class="notice notice-error" role="alert">{e.to_string()}</p> }.into_any(),
                    Ok(rows) => {
                        let (invalid_id, errors, saved) = match outcome {
                            Some(Ok(ReasonOutcome::Invalid { id, errors })) => (Some(id), errors, None),
                            Some(Ok(ReasonOutcome::Saved { title })) => (None, Vec::new(), Some(Ok(title))),
                            Some(Err(e)) => (None, Vec::new(), Some(Err(e.to_string()))),
                            None => (None, Vec::new(), None),
                        };
                        let editing = invalid_id
                            .clone()
                            .filter(|id| !id.is_empty())
                            .or_else(|| query.get_untracked().get("edit"))
                            .and_then(|id| rows.iter().find(|r| r.id.to_string() == id).cloned());
                        view! {
                            {saved.map(|s| match s {
                                Ok(t) => view! { <p class="notice notice-ok" role="status">{format!("Сохранено: {t}")}</p> }.into_any(),
                                Err(m) => view! { <p class="notice notice-error" role="alert">{m}</p> }.into_any(),
                            })}
                            {(!errors.is_empty()).then(|| view! { <ErrorSummary errors=errors.clone() /> })}
                            <p>"Операторы выбирают причину из этого списка, родитель читает ее текст в уведомлении. Скрытая причина не предлагается операторам, но остается в истории заявок."</p>
                            <ul class="application-list">
                                {rows.into_iter().map(|row| view! { <li class="application"><Reason row /></li> }).collect_view()}
                            </ul>
                            {match editing {
                                Some(row) => view! { <h2>"Изменить причину"</h2><EditForm row=Some(row) errors /> }.into_any(),
                                None => view! { <h2>"Новая причина"</h2><EditForm row=None errors /> }.into_any(),
                            }}
                        }
                            .into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[component]
fn Reason(row: ReasonRow) -> impl IntoView {
    view! {
        <p class="application-title">{row.title}</p>
        <p>{row.message}</p>
        <p class="application-reason">
            {if row.active { "Предлагается операторам" } else { "Скрыта" }}
            {row.needs_comment.then_some(" · оператор пишет причину сам")}
        </p>
        <a class="button button-secondary" href=format!("/admin/cancel-reasons?edit={}", row.id)>"Изменить"</a>
    }
}

/// The one form of the page: changes to `row`, or a new reason.
#[component]
fn EditForm(row: Option<ReasonRow>, errors: Vec<FieldError>) -> impl IntoView {
    let id = row.as_ref().map(|r| r.id.to_string()).unwrap_or_default();
    let names_account = row.as_ref().is_some_and(|r| r.names_account);
    let (title, message) = row
        .as_ref()
        .map(|r| (r.title.clone(), r.message.clone()))
        .unwrap_or_default();
    let needs_comment = row.as_ref().is_some_and(|r| r.needs_comment);
    let active = row.as_ref().is_none_or(|r| r.active);
    let editing = row.is_some();
    view! {
        <form method="post" action="/admin/cancel-reasons" class="card">
            <input type="hidden" name="id" value=id />
            <TextField name="title" label="Название" value=title error=error_for(&errors, "title") />
            <TextField
                name="message"
                label="Текст для родителя"
                value=message
                error=error_for(&errors, "message")
                hint=if names_account { "{account} — почта подтвержденного аккаунта в скрытом виде" } else { "Его прочитает родитель в уведомлении" }
            />
            <CheckField name="needs_comment" label="Оператор пишет причину сам" checked=needs_comment />
            <CheckField name="active" label="Предлагать операторам" checked=active />
            <button type="submit" class="button button-primary">{if editing { "Сохранить" } else { "Добавить причину" }}</button>
        </form>
    }
}
