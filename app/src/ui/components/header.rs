use crate::api::accounts::current_user;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The site header: the name that leads home, the catalogue, and the account: «Войти» or the
/// cabinet and «Выйти». (The role switch joins it with the operators' workspace.)
#[component]
pub fn SiteHeader() -> impl IntoView {
    let location = use_location();
    // Asked again on every navigation, so that logging in or out shows at once.
    let me = Resource::new(move || location.pathname.get(), |_| current_user());
    view! {
        <header class="site-header">
            <a class="brand" href="/">
                <span class="brand-mark" aria-hidden="true">"К"</span>
                <span class="brand-name">"Кружок"</span>
            </a>
            <nav class="site-nav" aria-label="Основная навигация">
                <a href="/programs">"Программы"</a>
                <Transition fallback=|| view! { <a href="/login">"Войти"</a> }>
                    {move || Suspend::new(async move {
                        match me.await {
                            Ok(Some(me)) => {
                                let unread = me.unread;
                                let label = if unread > 0 {
                                    format!("Уведомления, непрочитанных: {unread}")
                                } else {
                                    "Уведомления".to_owned()
                                };
                                view! {
                                    <a href="/cabinet">"Кабинет"</a>
                                    <a
                                        href="/cabinet/notifications"
                                        class="nav-notifications"
                                        aria-label=label
                                    >
                                        <span aria-hidden="true">"🔔"</span>
                                        {(unread > 0).then(|| view! { <span class="badge" aria-hidden="true">{unread}</span> })}
                                    </a>
                                    <form method="post" action="/logout" class="inline-form">
                                        <button type="submit" class="link-button">"Выйти"</button>
                                    </form>
                                }
                                    .into_any()
                            }
                            _ => view! { <a href="/login">"Войти"</a> }.into_any(),
                        }
                    })}
                </Transition>
            </nav>
        </header>
    }
}
