use leptos::prelude::*;
use leptos_meta::Title;

/// The title of the 404 page.
pub const TITLE: &str = "Страница не найдена";

/// The 404 page; on the server it also sets the response status.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text=TITLE />
        <section class="not-found">
            <h1>{TITLE}</h1>
            <p>"Возможно, ссылка устарела или в адресе опечатка."</p>
            <ul class="link-list">
                <li>
                    <a href="/">"На главную"</a>
                </li>
                <li>
                    <a href="/programs">"Каталог программ"</a>
                </li>
            </ul>
        </section>
    }
}
