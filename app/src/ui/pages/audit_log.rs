//! «Журнал действий»: the audit log with its filter in the address, pages, and the CSV export of
//! what the filter shows.

use crate::api::audit::audit_log;
use crate::contract::audit::AuditPage;
use crate::domain::audit::AuditQuery;
use crate::error::AppError;
use crate::ui::components::error_summary::ErrorSummary;
use crate::ui::components::field::{error_for, SelectField, TextField};
use crate::ui::components::pagination::Pagination;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AuditLogPage() -> impl IntoView {
    let params = use_query_map();
    let query = move || {
        let p = params.read();
        let get = |k: &str| p.get(k).unwrap_or_default();
        AuditQuery {
            operator: get("operator"),
            subject: get("subject"),
            action: get("action"),
            from: get("from"),
            to: get("to"),
            page: get("page"),
        }
    };
    let page = Resource::new(query, audit_log);
    view! {
        <h1>"Журнал действий"</h1>
        <Transition fallback=|| view! { <p class="loading">"Загружаем журнал…"</p> }>
            {move || Suspend::new(async move {
                let q = query();
                match page.await {
                    Err(AppError::Unauthorized) => view! { <Redirect path="/login" /> }.into_any(),
                    Err(e) => view! { <p class="notice notice-error" role="alert">{e.to_string()}</p> }.into_any(),
                    Ok(page) => view! { <Log page query=q /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Log(page: AuditPage, query: AuditQuery) -> impl IntoView {
    let qs = query.to_query_string(None);
    let csv = if qs.is_empty() {
        "/admin/audit/export.csv".to_owned()
    } else {
        format!("/admin/audit/export.csv?{qs}")
    };
    let errors = page.errors.clone();
    let actions: Vec<(String, String)> = page
        .actions
        .iter()
        .map(|c| (c.value.clone(), c.label.clone()))
        .collect();
    let pager = query.clone();
    view! {
        {(!errors.is_empty()).then(|| view! { <ErrorSummary errors=errors.clone() /> })}
        <form method="get" action="/admin/audit" class="card filters">
            <TextField name="operator" label="Почта оператора" value=query.operator.clone() error=error_for(&errors, "operator") kind="email" autocomplete="off" />
            <TextField name="subject" label="Чьи данные" value=query.subject.clone() error=error_for(&errors, "subject") hint="Например child:12, account:5 или application:7" autocomplete="off" />
            <SelectField name="action" label="Действие" choices=actions selected=query.action.clone() error=error_for(&errors, "action") />
            <TextField name="from" label="С (ДД.ММ.ГГГГ)" value=query.from.clone() error=error_for(&errors, "from") inputmode="numeric" autocomplete="off" />
            <TextField name="to" label="По (ДД.ММ.ГГГГ)" value=query.to.clone() error=error_for(&errors, "to") inputmode="numeric" autocomplete="off" />
            <div class="filter-actions">
                <button type="submit" class="button button-primary">"Показать"</button>
                <a class="button button-secondary" href="/admin/audit">"Сбросить"</a>
            </div>
        </form>
        <p class="results-count" role="status">{format!("Записей: {}", page.total)}</p>
        <p><a class="button button-secondary" href=csv>"Выгрузить в CSV"</a></p>
        <ul class="application-list audit-list">
            {page
                .rows
                .into_iter()
                .map(|e| view! {
                    <li class="application">
                        <p class="application-title">{e.action}</p>
                        <p>{format!("{} · {} · {}", e.at, e.operator, e.role)}</p>
                        <p>{format!("Чьи данные: {}", e.subject)}</p>
                        {e.details.map(|d| view! { <p class="application-reason">{d}</p> })}
                        <p class="application-reason">{format!("Адрес: {}", e.address)}</p>
                    </li>
                })
                .collect_view()}
        </ul>
        <Pagination
            page=page.page
            pages=page.pages
            href=move |p: u32| {
                let qs = pager.to_query_string(Some(p));
                if qs.is_empty() { "/admin/audit".to_owned() } else { format!("/admin/audit?{qs}") }
            }
        />
    }
    .into_any()
}
