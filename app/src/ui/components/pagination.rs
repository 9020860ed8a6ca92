use crate::domain::catalog_filter::CatalogQuery;
use leptos::prelude::*;

/// Links to the previous and next pages and the position, keeping every filter in the URL.
#[component]
pub fn Pagination(query: CatalogQuery, page: u32, pages: u32) -> impl IntoView {
    let link = move |p: u32| {
        let qs = query.with_page(p);
        if qs.is_empty() {
            "/programs".to_owned()
        } else {
            format!("/programs?{qs}")
        }
    };
    (pages > 1).then(|| {
        view! {
            <nav class="pagination" aria-label="Страницы результатов">
                {(page > 1)
                    .then(|| {
                        view! {
                            <a class="button button-secondary" rel="prev" href=link(page - 1)>
                                "← Назад"
                            </a>
                        }
                    })}
                <span class="pagination-position" aria-current="page">
                    {format!("Страница {page} из {pages}")}
                </span>
                {(page < pages)
                    .then(|| {
                        view! {
                            <a class="button button-secondary" rel="next" href=link(page + 1)>
                                "Дальше →"
                            </a>
                        }
                    })}
            </nav>
        }
    })
}
