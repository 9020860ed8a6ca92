//! One program of the institution (`?id=`; none for a new one): its form, sent to МОЦ; its groups;
//! and the archive, which closes the groups and cancels their active applications with a reason.

use crate::api::programs::{archive_program, load_program, save_program};
use crate::contract::programs::{CloseForm, GroupLine, ProgramForm, ProgramSheet};
use crate::domain::direction::Direction;
use crate::domain::field_error::FieldError;
use crate::domain::level::Level;
use crate::domain::programs::program_draft::ProgramInput;
use crate::error::AppError;
use crate::ui::components::error_summary::ErrorSummary;
use crate::ui::components::field::{error_for, SelectField, TextAreaField, TextField};
use crate::ui::forms::{answer_posted, failure_of, posted_as, posted_field};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ProgramEditPage() -> impl IntoView {
    let query = use_query_map();
    // The address names the program; a form posts it as a field to the page's plain address.
    let id = query
        .get_untracked()
        .get("id")
        .or_else(|| posted_field("id"))
        .and_then(|v| v.parse::<i64>().ok())
        .unwrap_or(0);
    let note = query.get_untracked().get("note").unwrap_or_default();
    let sent_form = posted_as::<ProgramForm>("program");
    let saved = answer_posted(sent_form.clone(), save_program);
    let archived = answer_posted(posted_as::<CloseForm>("archive"), archive_program);
    let sheet = Resource::new(
        || (),
        move |_| async move {
            let _ = (saved.await, archived.await);
            load_program(id).await
        },
    );
    view! {
        <Transition fallback=|| view! { <p class="loading">"Загружаем программу…"</p> }>
            {move || {
                let (sent_form, note) = (sent_form.clone(), note.clone());
                Suspend::new(async move {
                    let (saved, archived) = (saved.await, archived.await);
                    // Read before any redirect: a resource left loading would outlive the page.
                    let sheet = sheet.await;
                    if let (0, Some(Ok(s))) = (id, &saved) {
                        let path = format!("/operator/programs/edit?id={}&note=sent", s.id);
                        return view! { <Redirect path /> }.into_any();
                    }
                    match sheet {
                        Err(AppError::Unauthorized) => view! { <Redirect path="/login" /> }.into_any(),
                        Err(e) => view! { <h1>"Программа"</h1><p class="notice notice-error" role="alert">{e.to_string()}</p> }.into_any(),
                        Ok(sheet) => {
                            let (errors, failure) = failure_of(&saved);
                            let (archive_errors, archive_failure) = failure_of(&archived);
                            let notice = match (&saved, &archived, note.as_str()) {
                                (Some(Ok(s)), _, _) => Some(s.message.clone()),
                                (_, Some(Ok(c)), _) => Some(c.message.clone()),
                                (_, _, "sent") => Some("Программа отправлена в МОЦ на модерацию. Родители увидят ее после публикации".to_owned()),
                                (_, _, "group") => Some("Группа сохранена".to_owned()),
                                (_, _, "closed") => Some("Группа закрыта; родители получили уведомления об отмене заявок".to_owned()),
                                _ => None,
                            };
                            let form = match (&saved, sent_form) {
                                (Some(Err(_)), Some(sent)) => sent.input,
                                _ => sheet.form.clone(),
                            };
                            view! {
                                <Sheet sheet form errors failure notice archive_errors archive_failure />
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
fn Sheet(
    sheet: ProgramSheet,
    form: ProgramInput,
    errors: Vec<FieldError>,
    failure: Option<String>,
    notice: Option<String>,
    archive_errors: Vec<FieldError>,
    archive_failure: Option<String>,
) -> impl IntoView {
    let id = sheet.id;
    let title = if id == 0 {
        "Новая программа".to_owned()
    } else {
        form.title.clone()
    };
    view! {
        <p><a href="/operator/programs">"← Все программы"</a></p>
        <h1>{title}</h1>
        {(!sheet.state.is_empty()).then(|| view! { <p class="tags"><span class="tag">{sheet.state.clone()}</span></p> })}
        {notice.map(|n| view! { <p class="notice notice-ok" role="status">{n}</p> })}
        {sheet.comment.clone().map(|c| view! { <p class="notice notice-important">"Комментарий МОЦ: " {c}</p> })}
        {failure.map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })}
        {(!errors.is_empty()).then(|| view! { <ErrorSummary errors=errors.clone() /> })}
        {(!sheet.archived).then(|| view! {
            <form method="post" action="/operator/programs/edit" class="card">
                <input type="hidden" name="form" value="program" />
                <input type="hidden" name="id" value=if id == 0 { String::new() } else { id.to_string() } />
                <ProgramFields form errors organization_address=sheet.organization_address.clone() />
                <button type="submit" class="button button-primary">
                    {if id == 0 { "Отправить на модерацию" } else { "Сохранить" }}
                </button>
            </form>
        })}
        {(id != 0).then(|| view! {
            <h2>"Группы"</h2>
            <Groups id groups=sheet.groups.clone() archived=sheet.archived />
            {(!sheet.archived).then(|| view! {
                <h2>"Архив"</h2>
                <ArchiveForm id active=sheet.active reasons=sheet.reasons.clone() errors=archive_errors failure=archive_failure />
            })}
        })}
    }
}

#[component]
fn ProgramFields(
    form: ProgramInput,
    errors: Vec<FieldError>,
    organization_address: String,
) -> impl IntoView {
    let directions = Direction::ALL
        .into_iter()
        .map(|d| (d.code().to_owned(), d.label().to_owned()))
        .collect();
    let levels = Level::ALL
        .into_iter()
        .map(|l| (l.code().to_owned(), l.label().to_owned()))
        .collect();
    let costs = vec![
        ("free".to_owned(), "Бесплатная".to_owned()),
        ("paid".to_owned(), "Платная".to_owned()),
    ];
    view! {
        <TextField name="title" label="Название" value=form.title error=error_for(&errors, "title") />
        <TextAreaField name="description" id="field-description" label="Описание: чем занимаются дети" value=form.description error=error_for(&errors, "description") />
        <SelectField name="direction" label="Направленность" choices=directions selected=form.direction empty="Выберите" error=error_for(&errors, "direction") />
        <SelectField name="level" label="Уровень" choices=levels selected=form.level empty="Выберите" error=error_for(&errors, "level") />
        <TextField name="age_min" label="Возраст от, лет" value=form.age_min inputmode="numeric" error=error_for(&errors, "age_min") />
        <TextField name="age_max" label="Возраст до, лет" value=form.age_max inputmode="numeric" error=error_for(&errors, "age_max") />
        <SelectField name="cost" label="Стоимость" choices=costs selected=form.cost empty="Выберите" error=error_for(&errors, "cost") />
        <TextField name="price_rub" label="Цена в месяц, ₽ (для платной)" value=form.price_rub inputmode="numeric" error=error_for(&errors, "price_rub") />
        <TextField name="address" label="Адрес занятий, если не в учреждении" value=form.address error=error_for(&errors, "address") />
        <p class="field-hint">"Пусто — по адресу учреждения: " {organization_address}</p>
        <TextAreaField name="teachers" id="field-teachers" label="Педагоги, каждый с новой строки" value=form.teachers error=error_for(&errors, "teachers") />
    }
}

#[component]
fn Groups(id: i64, groups: Vec<GroupLine>, archived: bool) -> impl IntoView {
    view! {
        {if groups.is_empty() {
            view! { <p>"Групп пока нет. Родители смогут подать заявку, когда у опубликованной программы будет группа."</p> }.into_any()
        } else {
            view! {
                <ul class="application-list">
                    {groups.into_iter().map(|g| {
                        let href = format!("/operator/programs/group?program={id}&id={}", g.id);
                        view! {
                            <li class="application">
                                <p class="application-title"><a href=href>{g.name}</a>{g.closed.then_some(" (закрыта)")}</p>
                                <p>{format!("{} · {} · {}", g.schedule, g.ages, g.teacher)}</p>
                                <p>{format!("Мест: {}, занято: {}, в очереди: {}", g.capacity, g.taken, g.waiting)}</p>
                                <p>{format!("Начало занятий: {} · прием: {}", g.starts_on, g.window)}</p>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        {(!archived).then(|| view! {
            <p><a class="button button-secondary" href=format!("/operator/programs/group?program={id}")>"Добавить группу"</a></p>
        })}
    }
}

/// Archiving: with active applications it needs the reason they are cancelled with.
#[component]
pub fn ArchiveForm(
    id: i64,
    active: u32,
    reasons: Vec<crate::contract::choice::Choice>,
    errors: Vec<FieldError>,
    failure: Option<String>,
) -> impl IntoView {
    view! {
        <form method="post" action="/operator/programs/edit" class="card">
            <input type="hidden" name="form" value="archive" />
            <input type="hidden" name="id" value=id.to_string() />
            <CancelReason active reasons errors failure />
            <button type="submit" class="button button-secondary">"Перенести программу в архив"</button>
        </form>
    }
}

/// The reason active applications are cancelled with, when a group closes or a program is
/// archived; only asked when there are such applications.
#[component]
pub fn CancelReason(
    active: u32,
    reasons: Vec<crate::contract::choice::Choice>,
    errors: Vec<FieldError>,
    failure: Option<String>,
) -> impl IntoView {
    let choices = reasons.into_iter().map(|c| (c.value, c.label)).collect();
    view! {
        {failure.map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })}
        {(!errors.is_empty()).then(|| view! { <ErrorSummary errors=errors.clone() /> })}
        {if active == 0 {
            view! { <p>"Активных заявок нет: закрытие никого не затронет."</p> }.into_any()
        } else {
            view! {
                <p class="notice notice-important">{format!("Активных заявок: {active}. Они будут отменены с выбранной причиной, родители получат уведомления.")}</p>
                <SelectField name="reason" label="Причина отмены заявок" choices selected="" empty="Выберите" error=error_for(&errors, "reason") />
                <TextField name="comment" label="Комментарий для родителей" value="" error=error_for(&errors, "comment") />
            }.into_any()
        }}
    }
}
