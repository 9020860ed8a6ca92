use crate::api::accounts::login;
use crate::contract::accounts::LoginForm;
use crate::ui::components::error_summary::ErrorSummary;
use crate::ui::components::field::{error_for, TextField};
use crate::ui::forms::{answer_posted, failure_of, posted};
use leptos::prelude::*;
use leptos_router::components::Redirect;

/// Log-in by e-mail and password; on success the cabinet.
#[component]
pub fn LoginPage() -> impl IntoView {
    let submitted = posted::<LoginForm>();
    let typed = submitted.clone().unwrap_or_default();
    let from_post = answer_posted(submitted, login);
    view! {
        <h1>"Вход"</h1>
        <Suspense fallback=|| ()>
            {move || {
                let form = typed.clone();
                Suspend::new(async move {
                    let outcome = from_post.await;
                    if let Some(Ok(())) = outcome {
                        return view! { <Redirect path="/cabinet" /> }.into_any();
                    }
                    let (errors, failure) = failure_of(&outcome);
                    view! {
                        {failure.map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })}
                        {(!errors.is_empty()).then(|| view! { <ErrorSummary errors=errors.clone() /> })}
                        <form method="post" action="/login" novalidate class="card">
                            <TextField name="email" label="Электронная почта" value=form.email kind="email" autocomplete="username" inputmode="email" error=error_for(&errors, "email") />
                            <TextField name="password" label="Пароль" value="" kind="password" autocomplete="current-password" error=error_for(&errors, "password") />
                            <button type="submit" class="button button-primary">
                                "Войти"
                            </button>
                        </form>
                    }
                        .into_any()
                })
            }}
        </Suspense>
        <ul class="link-list">
            <li>
                <a href="/reset-password">"Забыли пароль?"</a>
            </li>
            <li>
                <a href="/register/already#forgot-email">"Не помню, на какую почту регистрировался(-ась)"</a>
            </li>
            <li>
                <a href="/register">"Регистрация"</a>
            </li>
        </ul>
    }
}
