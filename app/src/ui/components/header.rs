use leptos::prelude::*;

/// The site header: the name that leads home and the main sections. Log-in and the role switch
/// join it when accounts arrive.
#[component]
pub fn SiteHeader() -> impl IntoView {
    view! {
        <header class="site-header">
            <a class="brand" href="/">
                <span class="brand-mark" aria-hidden="true">"К"</span>
                <span class="brand-name">"Кружок"</span>
            </a>
            <nav class="site-nav" aria-label="Основная навигация">
                <a href="/programs">"Программы"</a>
            </nav>
        </header>
    }
}
