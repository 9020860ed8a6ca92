//! The institution operator's applications: a filter in the address, the list with a checkbox on
//! each, moves on the checked ones, and the export of the filtered list.

use crate::api::operator::{operator_applications, operator_move};
use crate::contract::choice::Choice;
use crate::contract::operator::{BulkMoveForm, BulkOutcome, OperatorPage, OperatorRow};
use crate::domain::application::operator_query::OperatorQuery;
use crate::error::AppError;
use crate::ui::components::error_summary::ErrorSummary;
use crate::ui::components::field::{error_for, SelectField, TextField};
use crate::ui::components::pagination::Pagination;
use crate::ui::forms::{answer_posted, posted};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

fn pairs(choices: &[Choice]) -> Vec<(String, String)> {
    choices
        .iter()
        .map(|c| (c.value.clone(), c.label.clone()))
        .collect()
}

#[component]
pub fn OperatorApplicationsPage() -> impl IntoView {
    let params = use_query_map();
    let query = move || {
        let p = params.read();
        let get = |k: &str| p.get(k).unwrap_or_default();
        OperatorQuery {
            program: get("program"),
            group: get("group"),
            status: get("status"),
            from: get("from"),
            to: get("to"),
            child: get("child"),
            page: get("page"),
        }
    };
    let from_post = answer_posted(posted::<BulkMoveForm>(), operator_move);
    let list = Resource::new(query, move |q| async move {
        let _ = from_post.await;
        operator_applications(q).await
    });
    view! {
        <h1>"Заявки"</h1>
        <Transition fallback=|| view! { <p class="loading">"Загружаем заявки…"</p> }>
            {move || Suspend::new(async move {
                let posted_outcome = from_post.await;
                let outcome = posted_outcome;
                let q = query();
                match list.await {
                    Err(AppError::Unauthorized) => view! { <Redirect path="/login" /> }.into_any(),
                    Err(AppError::Forbidden) => view! {
                        <p class="notice notice-error" role="alert">
                            "Этот раздел — для операторов учреждений. Выберите роль оператора в переключателе ролей вверху страницы."
                        </p>
                    }
                        .into_any(),
                    Err(e) => view! { <p class="notice notice-error" role="alert">{e.to_string()}</p> }.into_any(),
                    Ok(page) => view! { <Workspace page query=q outcome /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Workspace(
    page: OperatorPage,
    query: OperatorQuery,
    outcome: Option<Result<BulkOutcome, AppError>>,
) -> impl IntoView {
    let qs = query.to_query_string(None);
    let with_qs = |path: &str| {
        if qs.is_empty() {
            path.to_owned()
        } else {
            format!("{path}?{qs}")
        }
    };
    let (post_to, csv, xlsx) = (
        with_qs("/operator/applications"),
        with_qs("/operator/applications/export.csv"),
        with_qs("/operator/applications/export.xlsx"),
    );
    let filter_errors = page.errors.clone();
    let (move_errors, notice) = match outcome {
        Some(Ok(BulkOutcome::Invalid { errors })) => (errors, None),
        Some(Ok(BulkOutcome::Done { changed, refused })) => {
            (Vec::new(), Some(Ok((changed, refused))))
        }
        Some(Err(e)) => (Vec::new(), Some(Err(e.to_string()))),
        None => (Vec::new(), None),
    };
    let all_errors: Vec<_> = filter_errors
        .iter()
        .chain(move_errors.iter())
        .cloned()
        .collect();
    let pager_query = query.clone();
    view! {
        <p class="lead">{page.organization_name.clone()}</p>
        {(!all_errors.is_empty()).then(|| view! { <ErrorSummary errors=all_errors.clone() /> })}
        {notice.map(|n| match n {
            Ok((changed, refused)) => view! {
                <div class="notice notice-ok" role="status">
                    <p>{format!("Изменено заявок: {changed}.")}</p>
                    {(!refused.is_empty()).then(|| view! {
                        <p>"Не изменены:"</p>
                        <ul>{refused.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                    })}
                </div>
            }
                .into_any(),
            Err(m) => view! { <p class="notice notice-error" role="alert">{m}</p> }.into_any(),
        })}
        <details class="card filters" open=!qs.is_empty()>
            <summary>"Фильтр"</summary>
            <form method="get" action="/operator/applications" class="filter-form">
                <SelectField name="program" label="Программа" choices=pairs(&page.programs) selected=query.program.clone() error=error_for(&filter_errors, "program") />
                <SelectField name="group" label="Группа" choices=pairs(&page.groups) selected=query.group.clone() error=error_for(&filter_errors, "group") />
                <SelectField name="status" label="Статус" choices=pairs(&page.statuses) selected=query.status.clone() error=error_for(&filter_errors, "status") />
                <TextField name="from" label="Подана с" value=query.from.clone() hint="ДД.ММ.ГГГГ" inputmode="numeric" error=error_for(&filter_errors, "from") />
                <TextField name="to" label="Подана по" value=query.to.clone() hint="ДД.ММ.ГГГГ" inputmode="numeric" error=error_for(&filter_errors, "to") />
                <TextField name="child" label="Ребенок (начало фамилии или имени)" value=query.child.clone() error=error_for(&filter_errors, "child") />
                <div class="filter-actions">
                    <button type="submit" class="button button-primary">"Показать"</button>
                    <a class="button button-secondary" href="/operator/applications">"Сбросить"</a>
                </div>
            </form>
        </details>
        <p class="result-count">
            {format!("Найдено заявок: {}", page.total)}
            " · Выгрузить: "
            <a href=csv download="">"CSV"</a>
            " · "
            <a href=xlsx download="">"XLSX"</a>
        </p>
        <form method="post" action=post_to class="bulk-form">
            {if page.rows.is_empty() {
                view! { <p class="notice">"Заявок с такими условиями нет."</p> }.into_any()
            } else {
                view! {
                    <ul class="application-list" id="field-ids">
                        {page.rows.into_iter().map(|row| view! { <Row row /> }).collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            <fieldset class="card bulk-actions">
                <legend>"Действие с отмеченными"</legend>
                <SelectField name="action" label="Действие" choices=pairs(&page.actions) selected="" empty="Выберите действие" error=error_for(&move_errors, "action") />
                <SelectField name="reason" label="Причина (для отмены и отчисления)" choices=pairs(&page.reasons) selected="" empty="Без причины" error=error_for(&move_errors, "reason") />
                <TextField name="comment" label="Комментарий" value="" hint="Для «Иное» — причина своими словами; для дублирующего аккаунта — почта подтвержденного аккаунта" error=error_for(&move_errors, "comment") />
                <button type="submit" class="button button-primary">"Применить к отмеченным"</button>
            </fieldset>
        </form>
        <Pagination
            page=page.page
            pages=page.pages
            href=move |p: u32| {
                let qs = pager_query.to_query_string(Some(p));
                if qs.is_empty() { "/operator/applications".to_owned() } else { format!("/operator/applications?{qs}") }
            }
        />
    }
}

#[component]
fn Row(row: OperatorRow) -> impl IntoView {
    let id = format!("pick-{}", row.id);
    view! {
        <li class="application">
            <div class="field-check">
                <input id=id.clone() type="checkbox" name="ids[]" value=row.id.to_string() />
                <label for=id>
                    <strong>{row.child_name}</strong>
                    {format!(", {}", row.child_birth_date)}
                </label>
            </div>
            <p>{format!("№ {} · {} · группа «{}»", row.id, row.program_title, row.group_name)}</p>
            <p>
                "Статус: "
                <strong>{row.status}</strong>
                {row.position.map(|p| format!(", номер в очереди: {p}"))}
                {format!(" · подана {}", row.created_at)}
            </p>
            {row.reason.map(|r| view! { <p class="application-reason">{format!("Причина: {r}")}</p> })}
            <p class="application-parent">
                {format!("Родитель: {}, ", row.parent_name)}
                <a href=format!("tel:{}", row.parent_phone)>{row.parent_phone.clone()}</a>
                ", "
                <a href=format!("mailto:{}", row.parent_email)>{row.parent_email.clone()}</a>
            </p>
        </li>
    }
}
