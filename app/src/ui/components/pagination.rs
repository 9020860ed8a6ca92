use leptos::prelude::*;

/// Links to the previous and next pages and the position; `href` gives a page's address, with
/// every filter kept in it.
#[component]
pub fn Pagination(
    page: u32,
    pages: u32,
    #[prop(into)] href: Callback<u32, String>,
) -> impl IntoView {
    let link = move |p: u32| href.run(p);
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
