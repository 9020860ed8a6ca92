use crate::api::catalog::{catalog_options, list_programs};
use crate::contract::catalog::ProgramPage;
use crate::domain::catalog_filter::CatalogQuery;
use crate::domain::plural::plural;
use crate::error::AppError;
use crate::ui::components::{
    catalog_filters::CatalogFilters, error_summary::ErrorSummary, pagination::Pagination,
    program_card::ProgramCard,
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The program list: filters, the number found, one page of programs, pagination.
#[component]
pub fn ProgramsPage() -> impl IntoView {
    let params = use_query_map();
    let query = Memo::new(move |_| {
        let params = params.read();
        let get = |key: &str| params.get(key).unwrap_or_default();
        CatalogQuery {
            q: get("q"),
            direction: get("direction"),
            age: get("age"),
            organization: get("organization"),
            district: get("district"),
            cost: get("cost"),
            seats: get("seats"),
            page: get("page"),
        }
    });
    let options = Resource::new(|| (), |_| catalog_options());
    let results = Resource::new(move || query.get(), list_programs);
    view! {
        <h1>"Программы для детей"</h1>
        <Transition fallback=|| view! { <p class="loading">"Загружаем программы…"</p> }>
            {move || Suspend::new(async move {
                let options = options.await;
                let results = results.await;
                let query = query.get();
                let errors = match &results {
                    Err(AppError::Validation(errors)) => errors.clone(),
                    _ => Vec::new(),
                };
                view! {
                    {(!errors.is_empty()).then(|| view! { <ErrorSummary errors=errors.clone() /> })}
                    {match options {
                        Ok(options) => {
                            view! { <CatalogFilters query=query.clone() options errors /> }.into_any()
                        }
                        Err(e) => view! { <p class="notice notice-error">{e.to_string()}</p> }.into_any(),
                    }}
                    {match results {
                        Ok(page) => view! { <Results query page /> }.into_any(),
                        Err(AppError::Validation(_)) => ().into_any(),
                        Err(e) => {
                            view! { <p class="notice notice-error" role="alert">{e.to_string()}</p> }
                                .into_any()
                        }
                    }}
                }
            })}
        </Transition>
    }
}

#[component]
fn Results(query: CatalogQuery, page: ProgramPage) -> impl IntoView {
    let found = format!(
        "{} {} {}",
        plural(page.total, "Найдена", "Найдено", "Найдено"),
        page.total,
        plural(page.total, "программа", "программы", "программ")
    );
    view! {
        <section class="results" aria-labelledby="results-count">
            <p id="results-count" class="results-count" aria-live="polite">
                {found}
            </p>
            {if page.items.is_empty() {
                view! {
                    <p class="notice">
                        "Ничего не нашлось. Попробуйте убрать часть фильтров или изменить запрос."
                    </p>
                }
                    .into_any()
            } else {
                view! {
                    <ul class="program-list">
                        {page
                            .items
                            .into_iter()
                            .map(|program| view! { <ProgramCard program /> })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            <Pagination
                page=page.page
                pages=page.pages
                href=move |p: u32| {
                    let qs = query.with_page(p);
                    if qs.is_empty() { "/programs".to_owned() } else { format!("/programs?{qs}") }
                }
            />
        </section>
    }
}
