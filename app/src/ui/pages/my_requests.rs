//! «Мои обращения»: the parent's requests to institutions and МОЦ with their answers and what the
//! parent may do next, and the form of a new request.

use crate::api::help::{move_request, my_requests, request_choices, send_request};
use crate::contract::choice::Choice;
use crate::contract::help::{
    NewRequestChoices, RequestForm, RequestMoveForm, RequestMoveOutcome, SendOutcome,
};
use crate::domain::field_error::FieldError;
use crate::domain::help::situation::Situation;
use crate::error::AppError;
use crate::ui::components::error_summary::ErrorSummary;
use crate::ui::components::field::{error_for, GroupedSelect, TextAreaField};
use crate::ui::components::request_card::RequestView;
use crate::ui::components::row_answer::{row_answer, RowAnswer};
use crate::ui::forms::{answer_posted, posted};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

#[component]
pub fn MyRequestsPage() -> impl IntoView {
    let from_post = answer_posted(posted::<RequestMoveForm>(), move_request);
    let list = Resource::new(
        || (),
        move |_| async move {
            let _ = from_post.await;
            my_requests().await
        },
    );
    view! {
        <h1>"Мои обращения"</h1>
        <Transition fallback=|| view! { <p class="loading">"Загружаем обращения…"</p> }>
            {move || Suspend::new(async move {
                let posted_outcome = from_post.await;
                let outcome = posted_outcome;
                match list.await {
                    Err(AppError::Unauthorized) => view! { <Redirect path="/login" /> }.into_any(),
                    Err(e) => view! { <p class="notice notice-error" role="alert">{e.to_string()}</p> }.into_any(),
                    Ok(cards) => view! {
                        <RequestList cards outcome post_to="/cabinet/requests" />
                        <p class="cabinet-links">
                            <a class="button button-primary" href="/cabinet/requests/new">"Новое обращение"</a>
                            <a class="button button-secondary" href="/help">"Что случилось?"</a>
                        </p>
                    }
                        .into_any(),
                }
            })}
        </Transition>
    }
}

/// The requests of a page with the answer to the last move above them; shared with the inbox.
#[component]
pub fn RequestList(
    cards: Vec<crate::contract::help::RequestCard>,
    outcome: Option<Result<RequestMoveOutcome, AppError>>,
    post_to: &'static str,
) -> impl IntoView {
    let (notice, retry) = row_answer(
        outcome,
        // A request's reply field is one per request and move.
        |form| format!("{}-{}", form.id, form.action),
    );
    let retry =
        retry.and_then(|(form, errors)| errors.into_iter().next().map(|e| (form, e.message)));
    let empty = cards.is_empty();
    view! {
        {notice}
        {empty.then(|| view! { <p>"Обращений нет."</p> })}
        <ul class="application-list request-list">
            {cards
                .into_iter()
                .map(|card| {
                    let retry = retry.clone().filter(|(f, _)| f.id == card.id.to_string());
                    view! { <RequestView card post_to retry /> }
                })
                .collect_view()}
        </ul>
    }
}

#[component]
pub fn NewRequestPage() -> impl IntoView {
    let query = use_query_map();
    let submitted = posted::<RequestForm>();
    let typed = RwSignal::new(submitted.clone().unwrap_or_else(|| RequestForm {
        situation: query.get_untracked().get("situation").unwrap_or_default(),
        ..RequestForm::default()
    }));
    let from_post = answer_posted(submitted, send_request);
    let choices = Resource::new(|| (), |_| request_choices());
    view! {
        <h1>"Обращение в учреждение"</h1>
        <Suspense fallback=|| view! { <p class="loading">"Загружаем…"</p> }>
            {move || Suspend::new(async move {
                let posted_outcome = from_post.await;
                let outcome = posted_outcome;
                match (choices.await, outcome) {
                    (Err(AppError::Unauthorized), _) => view! { <Redirect path="/login" /> }.into_any(),
                    (Err(e), _) => view! { <p class="notice notice-error" role="alert">{e.to_string()}</p> }.into_any(),
                    (Ok(_), Some(Ok(SendOutcome::Sent { organization }))) => view! {
                        <p class="notice notice-ok" role="status">
                            {format!("Обращение отправлено в учреждение «{organization}». Ответ придет в личный кабинет и на почту.")}
                        </p>
                        <a class="button button-primary" href="/cabinet/requests">"Мои обращения"</a>
                    }
                        .into_any(),
                    (Ok(choices), outcome) => {
                        let (errors, failure) = match outcome {
                            Some(Ok(SendOutcome::Invalid(errors))) => (errors, None),
                            Some(Err(e)) => (Vec::new(), Some(e.to_string())),
                            _ => (Vec::new(), None),
                        };
                        view! {
                            {failure.map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })}
                            <RequestFormView choices form=typed.get_untracked() errors />
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn RequestFormView(
    choices: NewRequestChoices,
    form: RequestForm,
    errors: Vec<FieldError>,
) -> impl IntoView {
    let situations: Vec<Choice> = Situation::ALL
        .into_iter()
        .map(|s| Choice {
            value: s.slug().to_owned(),
            label: s.topic().to_owned(),
        })
        .collect();
    let no_child = Choice {
        value: String::new(),
        label: "Не про конкретного ребенка".to_owned(),
    };
    let kids = std::iter::once(no_child).chain(choices.children).collect();
    view! {
        {(!errors.is_empty()).then(|| view! { <ErrorSummary errors=errors.clone() /> })}
        <p>"Учреждение ответит в личном кабинете и письмом на почту. Если оно не сможет помочь, обращение можно передать в МОЦ."</p>
        <form method="post" action="/cabinet/requests/new" class="card">
            <GroupedSelect name="situation" label="Что случилось" groups=vec![("", situations)] selected=form.situation.clone() prompt=Some("Выберите") error=error_for(&errors, "situation") />
            <GroupedSelect
                name="organization"
                label="Учреждение"
                groups=vec![("Ваши учреждения", choices.mine), ("Все учреждения", choices.others)]
                selected=form.organization.clone()
                prompt=Some("Выберите учреждение")
                error=error_for(&errors, "organization")
            />
            <GroupedSelect name="child" label="Ребенок" groups=vec![("", kids)] selected=form.child.clone() prompt=None error=error_for(&errors, "child") />
            <TextAreaField name="body" id="field-body" label="Опишите, что случилось" value=form.body.clone() error=error_for(&errors, "body") required=true />
            <button type="submit" class="button button-primary">"Отправить обращение"</button>
        </form>
    }
}

impl From<RequestMoveOutcome> for RowAnswer<RequestMoveForm> {
    fn from(outcome: RequestMoveOutcome) -> Self {
        match outcome {
            RequestMoveOutcome::Moved { message, .. } => RowAnswer::Done(message),
            RequestMoveOutcome::Invalid { form, error } => {
                RowAnswer::Invalid(form, vec![FieldError::new("body", &error)])
            }
        }
    }
}
