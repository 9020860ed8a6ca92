use crate::api::accounts::confirm_email;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Opened from the confirmation letter: confirms the address once.
#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let query = use_query_map();
    let token = query.read_untracked().get("token").unwrap_or_default();
    let result = Resource::new(move || token.clone(), confirm_email);
    view! {
        <h1>"Подтверждение почты"</h1>
        <Suspense fallback=|| view! { <p class="loading">"Проверяем ссылку…"</p> }>
            {move || Suspend::new(async move {
                match result.await {
                    Ok(()) => {
                        view! {
                            <section class="card" role="status">
                                <h2>"Почта подтверждена"</h2>
                                <p>"Теперь можно подавать заявки на программы."</p>
                                <a class="button button-primary" href="/cabinet">"В личный кабинет"</a>
                            </section>
                        }
                            .into_any()
                    }
                    Err(e) => {
                        view! {
                            <section class="notice notice-error" role="alert">
                                <p>{e.to_string()}</p>
                                <p>"Если почта уже подтверждена, просто войдите."</p>
                                <a href="/login">"Войти"</a>
                            </section>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}
