//! «Смена муниципалитета» (R5): the applications recorded by institutions; the regional operator
//! approves or rejects each, МОЦ and the institutions read them.

use crate::api::municipality_changes::{decide_municipality_change, municipality_changes};
use crate::contract::municipality_changes::{ChangeCard, DecideForm, DecideOutcome};
use crate::domain::field_error::FieldError;
use crate::error::AppError;
use crate::ui::components::error_summary::ErrorSummary;
use crate::ui::components::field::{error_for, TextAreaField};
use crate::ui::forms::{answer_posted, posted};
use leptos::prelude::*;
use leptos_router::components::Redirect;

#[component]
pub fn MunicipalityChangesPage() -> impl IntoView {
    let from_post = answer_posted(posted::<DecideForm>(), decide_municipality_change);
    let list = Resource::new(
        || (),
        move |_| async move {
            let _ = from_post.await;
            municipality_changes().await
        },
    );
    view! {
        <h1>"Смена муниципалитета"</h1>
        <Transition fallback=|| view! { <p class="loading">"Загружаем заявления…"</p> }>
            {move || {
                Suspend::new(async move {
                    let outcome = from_post.await;
                    let (notice, retry) = match outcome {
                        Some(Ok(DecideOutcome::Decided { message })) => {
                            (Some(view! { <p class="notice notice-ok" role="status">{message}</p> }.into_any()), None)
                        }
                        Some(Ok(DecideOutcome::Invalid { form, errors })) => {
                            let ids = errors
                                .iter()
                                .map(|e| FieldError::new(&format!("{}-{}", e.field, form.change), &e.message))
                                .collect::<Vec<_>>();
                            (Some(view! { <ErrorSummary errors=ids /> }.into_any()), Some((form, errors)))
                        }
                        Some(Err(e)) => (Some(view! { <p class="notice notice-error" role="alert">{e.to_string()}</p> }.into_any()), None),
                        None => (None, None),
                    };
                    match list.await {
                        Err(AppError::Unauthorized) => view! { <Redirect path="/login" /> }.into_any(),
                        Err(e) => view! { <p class="notice notice-error" role="alert">{e.to_string()}</p> }.into_any(),
                        Ok(list) => {
                            let pending = list.cards.iter().filter(|c| c.pending).count();
                            view! {
                                {notice}
                                <p class="results-count" role="status">{format!("На рассмотрении: {pending}")}</p>
                                {(!list.can_decide).then(|| view! {
                                    <p>"Заявление принимает учреждение (в «Поиске семьи»), решает региональный оператор. МОЦ муниципалитет не меняет."</p>
                                })}
                                <ul class="pair-list">
                                    {list
                                        .cards
                                        .into_iter()
                                        .map(|card| {
                                            let retry = retry.clone().filter(|(f, _)| f.change == card.id.to_string());
                                            view! { <Change card can_decide=list.can_decide retry /> }
                                        })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                    }
                })
            }}
        </Transition>
    }
}

#[component]
fn Change(
    card: ChangeCard,
    can_decide: bool,
    retry: Option<(DecideForm, Vec<FieldError>)>,
) -> impl IntoView {
    let id = card.id;
    let (typed, errors) = retry.unwrap_or_default();
    let decision_error = error_for(&errors, "decision");
    let error_id = format!("error-decision-{id}");
    let described = decision_error.is_some().then(|| error_id.clone());
    let choice = |value: &'static str, radio_id: String, label: &'static str| {
        let checked = typed.decision == value;
        view! {
            <div class="field-check">
                <input id=radio_id.clone() type="radio" name="decision" value=value checked=checked />
                <label for=radio_id>{label}</label>
            </div>
        }
    };
    let form = (can_decide && card.pending).then(|| view! {
        <form method="post" action="/operator/municipality-changes" class="resolve-form">
            <input type="hidden" name="change" value=id.to_string() />
            <fieldset class="field" aria-describedby=described>
                <legend>"Решение"</legend>
                {choice("approve", format!("field-decision-{id}"), "Одобрить: перевести семью в новый муниципалитет")}
                {choice("reject", format!("decision-{id}-reject"), "Отклонить")}
                {decision_error.map(|m| view! { <p class="field-error" id=error_id>{m}</p> })}
            </fieldset>
            <TextAreaField
                name="decision_reason"
                id=format!("field-decision_reason-{id}")
                label="Причина (для отказа обязательна, родитель прочитает ее)"
                value=typed.decision_reason.clone()
                error=error_for(&errors, "decision_reason")
            />
            <button type="submit" class="button button-primary">"Сохранить решение"</button>
        </form>
    }
    .into_any());
    view! {
        <li class="card">
            <h2>{format!("{} → {}", card.from, card.to)}</h2>
            <dl class="facts">
                <dt>"Родитель"</dt>
                <dd>{format!("{} · {}", card.parent_name, card.parent_email)}</dd>
                <dt>"Причина"</dt>
                <dd>{card.reason}</dd>
                <dt>"Принято"</dt>
                <dd>{format!("{}, {}", card.recorded_by, card.recorded_at)}</dd>
                <dt>"Статус"</dt>
                <dd>{card.status}{card.decision_reason.map(|r| format!(": {r}"))}</dd>
            </dl>
            {card.document.map(|(name, href)| view! {
                <p><a href=href>{format!("Скан заявления: {name}")}</a></p>
            })}
            {form}
        </li>
    }
    .into_any()
}
