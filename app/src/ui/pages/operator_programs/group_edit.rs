//! One group of a program (`?program=&id=`; no `id` for a new one): its timetable, ages, seats and
//! enrolment window, changed at once; and its closing, which cancels active applications with a
//! reason from the dictionary.

use super::program_edit::CancelReason;
use crate::api::programs::{close_group, load_group, save_group};
use crate::contract::programs::{CloseForm, GroupForm, GroupSheet};
use crate::domain::field_error::FieldError;
use crate::domain::programs::group_draft::GroupInput;
use crate::domain::programs::schedule::DAYS;
use crate::error::AppError;
use crate::ui::components::error_summary::ErrorSummary;
use crate::ui::components::field::{error_for, TextField};
use crate::ui::forms::{answer_posted, failure_of, posted_as, posted_field};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

#[component]
pub fn GroupEditPage() -> impl IntoView {
    let query = use_query_map();
    // The address names the group; a form posts them as fields to the page's plain address.
    let number = |name: &str| {
        query
            .get_untracked()
            .get(name)
            .or_else(|| posted_field(name))
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or(0)
    };
    let (program, id) = (number("program"), number("id"));
    let sent_form = posted_as::<GroupForm>("group");
    let saved = answer_posted(sent_form.clone(), save_group);
    let closed = answer_posted(posted_as::<CloseForm>("close"), close_group);
    let sheet = Resource::new(
        || (),
        move |_| async move {
            let _ = (saved.await, closed.await);
            load_group(program, id).await
        },
    );
    view! {
        <Transition fallback=|| view! { <p class="loading">"Загружаем группу…"</p> }>
            {move || {
                let sent_form = sent_form.clone();
                Suspend::new(async move {
                    let (saved, closed) = (saved.await, closed.await);
                    // Read before any redirect: a resource left loading would outlive the page.
                    let sheet = sheet.await;
                    let back = |note: &str| format!("/operator/programs/edit?id={program}&note={note}");
                    if let (0, Some(Ok(_))) = (id, &saved) {
                        return view! { <Redirect path=back("group") /> }.into_any();
                    }
                    if let Some(Ok(_)) = &closed {
                        return view! { <Redirect path=back("closed") /> }.into_any();
                    }
                    match sheet {
                        Err(AppError::Unauthorized) => view! { <Redirect path="/login" /> }.into_any(),
                        Err(e) => view! { <h1>"Группа"</h1><p class="notice notice-error" role="alert">{e.to_string()}</p> }.into_any(),
                        Ok(sheet) => {
                            let (errors, failure) = failure_of(&saved);
                            let (close_errors, close_failure) = failure_of(&closed);
                            let notice = match &saved {
                                Some(Ok(s)) => Some(s.message.clone()),
                                _ => None,
                            };
                            let form = match (&saved, sent_form) {
                                (Some(Err(_)), Some(sent)) => sent.input,
                                _ => sheet.form.clone(),
                            };
                            view! { <Sheet sheet form errors failure notice close_errors close_failure /> }.into_any()
                        }
                    }
                })
            }}
        </Transition>
    }
}

#[component]
fn Sheet(
    sheet: GroupSheet,
    form: GroupInput,
    errors: Vec<FieldError>,
    failure: Option<String>,
    notice: Option<String>,
    close_errors: Vec<FieldError>,
    close_failure: Option<String>,
) -> impl IntoView {
    let program = sheet.program_id;
    let heading = match sheet.id {
        Some(_) => form.name.clone(),
        None => "Новая группа".to_owned(),
    };
    let (low, high) = sheet.program_ages;
    view! {
        <p><a href=format!("/operator/programs/edit?id={program}")>{format!("← {}", sheet.program_title)}</a></p>
        <h1>{heading}</h1>
        {notice.map(|n| view! { <p class="notice notice-ok" role="status">{n}</p> })}
        {failure.map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })}
        {sheet.id.map(|_| view! {
            <p>{format!("Занято мест: {}, в очереди: {}, активных заявок: {}", sheet.taken, sheet.waiting, sheet.active)}</p>
        })}
        {if sheet.closed {
            view! { <p class="notice notice-important">"Группа закрыта: заявки в нее не принимаются."</p> }.into_any()
        } else {
            view! {
                {(!errors.is_empty()).then(|| view! { <ErrorSummary errors=errors.clone() /> })}
                <form method="post" action="/operator/programs/group" class="card">
                    <input type="hidden" name="form" value="group" />
                    <input type="hidden" name="program" value=program.to_string() />
                    <input type="hidden" name="id" value=sheet.id.map(|i| i.to_string()).unwrap_or_default() />
                    <TextField name="name" label="Название группы" value=form.name.clone() error=error_for(&errors, "name") />
                    <TextField name="teacher" label="Педагог" value=form.teacher.clone() error=error_for(&errors, "teacher") />
                    <Days selected=form.days.clone() error=error_for(&errors, "days") />
                    <TextField name="time_from" label="Начало занятия" kind="time" value=form.time_from.clone() error=error_for(&errors, "time_from") />
                    <TextField name="time_to" label="Конец занятия" kind="time" value=form.time_to.clone() error=error_for(&errors, "time_to") />
                    <p class="field-hint">{format!("Возраст программы: от {low} до {high} лет")}</p>
                    <TextField name="age_min" label="Возраст от, лет" value=form.age_min.clone() inputmode="numeric" error=error_for(&errors, "age_min") />
                    <TextField name="age_max" label="Возраст до, лет" value=form.age_max.clone() inputmode="numeric" error=error_for(&errors, "age_max") />
                    <TextField name="capacity" label="Мест в группе" value=form.capacity.clone() inputmode="numeric" error=error_for(&errors, "capacity") hint="Не меньше занятых; новые места сразу предлагаются очереди" />
                    <TextField name="starts_on" label="Начало занятий" value=form.starts_on.clone() inputmode="numeric" hint="ДД.ММ.ГГГГ" error=error_for(&errors, "starts_on") />
                    <TextField name="enrolment_opens" label="Прием заявок с" value=form.enrolment_opens.clone() inputmode="numeric" hint="ДД.ММ.ГГГГ" error=error_for(&errors, "enrolment_opens") />
                    <TextField name="enrolment_closes" label="Прием заявок по" value=form.enrolment_closes.clone() inputmode="numeric" hint="ДД.ММ.ГГГГ" error=error_for(&errors, "enrolment_closes") />
                    <button type="submit" class="button button-primary">{if sheet.id.is_some() { "Сохранить группу" } else { "Добавить группу" }}</button>
                </form>
                {sheet.id.map(|id| view! {
                    <h2>"Закрыть группу"</h2>
                    <form method="post" action="/operator/programs/group" class="card">
                        <input type="hidden" name="form" value="close" />
                        <input type="hidden" name="program" value=program.to_string() />
                        <input type="hidden" name="id" value=id.to_string() />
                        <CancelReason active=sheet.active reasons=sheet.reasons.clone() errors=close_errors.clone() failure=close_failure.clone() />
                        <button type="submit" class="button button-secondary">"Закрыть группу"</button>
                    </form>
                })}
            }.into_any()
        }}
    }
}

/// The days of the week as checkboxes; the error summary links to the group of them.
#[component]
fn Days(selected: Vec<String>, error: Option<String>) -> impl IntoView {
    let described = error.is_some().then_some("error-days");
    view! {
        <fieldset class="field" id="field-days" aria-describedby=described>
            <legend>"Дни занятий"</legend>
            <div class="day-choices">
                {DAYS.iter().enumerate().map(|(i, day)| {
                    let value = i.to_string();
                    let checked = selected.contains(&value);
                    let id = format!("field-days-{i}");
                    view! {
                        <span class="field-check">
                            <input type="checkbox" id=id.clone() name="days[]" value=value checked=checked />
                            <label for=id>{*day}</label>
                        </span>
                    }
                }).collect_view()}
            </div>
            {error.map(|m| view! { <p class="field-error" id="error-days">{m}</p> })}
        </fieldset>
    }
}
