//! «Горячая линия МОЦ»: administrators keep its weekly hours and the days it does not work; the
//! card shows what parents see now.

use crate::api::help::{hotline_settings, save_hotline};
use crate::contract::help::{HotlineForm, HotlineOutcome, HotlineSetup};
use crate::domain::field_error::FieldError;
use crate::error::AppError;
use crate::ui::components::error_summary::ErrorSummary;
use crate::ui::components::field::{error_for, SelectField, TextField};
use crate::ui::components::hotline_card::MocCard;
use crate::ui::forms::{answer_posted, posted};
use leptos::prelude::*;
use leptos_router::components::Redirect;

const WEEKDAYS: [&str; 7] = [
    "Понедельник",
    "Вторник",
    "Среда",
    "Четверг",
    "Пятница",
    "Суббота",
    "Воскресенье",
];

#[component]
pub fn AdminHotlinePage() -> impl IntoView {
    let submitted = posted::<HotlineForm>();
    let typed = RwSignal::new(submitted.clone().unwrap_or_default());
    let from_post = answer_posted(submitted, save_hotline);
    let settings = Resource::new(
        || (),
        move |_| async move {
            let _ = from_post.await;
            hotline_settings().await
        },
    );
    view! {
        <h1>"Горячая линия МОЦ: часы работы"</h1>
        <Transition fallback=|| view! { <p class="loading">"Загружаем…"</p> }>
            {move || Suspend::new(async move {
                let posted_outcome = from_post.await;
                let outcome = posted_outcome;
                match settings.await {
                    Err(AppError::Unauthorized) => view! { <Redirect path="/login" /> }.into_any(),
                    Err(e) => view! { <p class="notice notice-error" role="alert">{e.to_string()}</p> }.into_any(),
                    Ok(settings) => {
                        let (notice, op, errors) = match outcome {
                            Some(Ok(HotlineOutcome::Saved(m))) => (Some(Ok(m)), String::new(), Vec::new()),
                            Some(Ok(HotlineOutcome::Invalid { op, errors })) => (None, op, errors),
                            Some(Err(e)) => (Some(Err(e.to_string())), String::new(), Vec::new()),
                            None => (None, String::new(), Vec::new()),
                        };
                        // What was typed stays only in the form that came back with errors.
                        let form = if errors.is_empty() { HotlineForm::default() } else { typed.get_untracked() };
                        view! {
                            {notice.map(|n| match n {
                                Ok(m) => view! { <p class="notice notice-ok" role="status">{m}</p> }.into_any(),
                                Err(m) => view! { <p class="notice notice-error" role="alert">{m}</p> }.into_any(),
                            })}
                            {(!errors.is_empty()).then(|| view! { <ErrorSummary errors=errors.clone() /> })}
                            <Settings settings op form errors />
                        }
                            .into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[component]
fn Settings(
    settings: HotlineSetup,
    op: String,
    form: HotlineForm,
    errors: Vec<FieldError>,
) -> impl IntoView {
    let hours_errors = if op == "add_hours" {
        errors.clone()
    } else {
        Vec::new()
    };
    let day_errors = if op == "add_day_off" {
        errors
    } else {
        Vec::new()
    };
    let weekdays = WEEKDAYS
        .iter()
        .enumerate()
        .map(|(i, d)| ((i + 1).to_string(), (*d).to_owned()))
        .collect();
    view! {
        <MocCard card=settings.card />
        <section class="card" aria-labelledby="hours-title">
            <h2 id="hours-title">"Часы работы по неделе (время московское)"</h2>
            <ul class="application-list">
                {settings
                    .hours
                    .into_iter()
                    .map(|h| {
                        view! {
                            <li class="application hours-line">
                                <span>{h.label.clone()}</span>
                                <form method="post" action="/admin/hotline" class="inline-form">
                                    <input type="hidden" name="op" value="delete_hours" />
                                    <input type="hidden" name="id" value=h.id.to_string() />
                                    <button type="submit" class="button button-secondary" aria-label=format!("Удалить часы {}", h.label)>"Удалить"</button>
                                </form>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <form method="post" action="/admin/hotline">
                <input type="hidden" name="op" value="add_hours" />
                <SelectField name="weekday" label="День недели" choices=weekdays selected=form.weekday.clone() empty="Выберите день" error=error_for(&hours_errors, "weekday") />
                <TextField name="opens" label="С (ЧЧ:ММ)" value=form.opens.clone() error=error_for(&hours_errors, "opens") inputmode="numeric" />
                <TextField name="closes" label="До (ЧЧ:ММ)" value=form.closes.clone() error=error_for(&hours_errors, "closes") inputmode="numeric" />
                <button type="submit" class="button button-primary">"Добавить часы"</button>
            </form>
        </section>
        <section class="card" aria-labelledby="days-off-title">
            <h2 id="days-off-title">"Нерабочие дни (праздники)"</h2>
            {settings.days_off.is_empty().then(|| view! { <p>"Впереди нерабочих дней нет."</p> })}
            <ul class="application-list">
                {settings
                    .days_off
                    .into_iter()
                    .map(|d| {
                        view! {
                            <li class="application hours-line">
                                <span>{if d.note.is_empty() { d.day.clone() } else { format!("{} — {}", d.day, d.note) }}</span>
                                <form method="post" action="/admin/hotline" class="inline-form">
                                    <input type="hidden" name="op" value="delete_day_off" />
                                    <input type="hidden" name="day" value=d.day.clone() />
                                    <button type="submit" class="button button-secondary" aria-label=format!("Убрать нерабочий день {}", d.day)>"Убрать"</button>
                                </form>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <form method="post" action="/admin/hotline">
                <input type="hidden" name="op" value="add_day_off" />
                <TextField name="day" label="Дата (ДД.ММ.ГГГГ)" value=form.day.clone() error=error_for(&day_errors, "day") inputmode="numeric" />
                <TextField name="note" label="Пояснение для родителей, например «праздник»" value=form.note.clone() error=error_for(&day_errors, "note") />
                <button type="submit" class="button button-primary">"Добавить нерабочий день"</button>
            </form>
        </section>
    }
}
