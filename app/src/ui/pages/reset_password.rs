use crate::api::accounts::{
    request_password_reset, reset_password, RequestPasswordReset, ResetPassword,
};
use crate::error::AppError;
use crate::ui::components::error_summary::ErrorSummary;
use crate::ui::components::field::{error_for, TextField};
use crate::ui::forms::{answer_posted, failure_of, posted};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Asks for a reset link; answers the same whether or not the address has an account.
#[component]
pub fn ResetRequestPage() -> impl IntoView {
    let submitted = posted::<RequestPasswordReset>();
    let typed = RwSignal::new(
        submitted
            .as_ref()
            .map(|s| s.email.clone())
            .unwrap_or_default(),
    );
    let from_post = answer_posted(submitted.clone(), |s| request_password_reset(s.email));
    view! {
        <h1>"Восстановление пароля"</h1>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let posted_outcome = from_post.await;
                view! {
                    {move || {
                        let outcome = posted_outcome.clone();
                        if let Some(Ok(())) = outcome {
                            return view! {
                                <section class="card" role="status">
                                    <h2>"Проверьте почту"</h2>
                                    <p>"Если аккаунт с такой почтой есть, мы отправили на нее письмо со ссылкой для нового пароля. Ссылка действует 2 часа."</p>
                                    <p>"Письмо может прийти через несколько минут. Проверьте и папку «Спам»."</p>
                                </section>
                            }
                                .into_any();
                        }
                        let (errors, failure) = failure_of(&outcome);
                        view! {
                            {failure.map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })}
                            {(!errors.is_empty()).then(|| view! { <ErrorSummary errors=errors.clone() /> })}
                            <form method="post" action="/reset-password" novalidate class="card">
                                <TextField name="email" label="Электронная почта аккаунта" value=typed.get() kind="email" autocomplete="email" inputmode="email" error=error_for(&errors, "email") />
                                <button type="submit" class="button button-primary">
                                    "Получить ссылку"
                                </button>
                            </form>
                        }
                            .into_any()
                    }}
                }
            })}
        </Suspense>
        <p>
            <a href="/register/already#forgot-email">"Не помню, на какую почту регистрировался(-ась)"</a>
        </p>
    }
}

/// Sets a new password from the link in the letter.
#[component]
pub fn ResetNewPasswordPage() -> impl IntoView {
    let query = use_query_map();
    let link_token = query.read_untracked().get("token").unwrap_or_default();
    let submitted = posted::<ResetPassword>();
    let token = submitted.as_ref().map_or(link_token, |s| s.token.clone());
    let from_post = answer_posted(submitted.clone(), |s| reset_password(s.token, s.password));
    view! {
        <h1>"Новый пароль"</h1>
        <Suspense fallback=|| ()>
            {move || {
                let token = token.clone();
                Suspend::new(async move {
                    let posted_outcome = from_post.await;
                    view! {
                        {move || {
                            let outcome = posted_outcome.clone();
                            match &outcome {
                                Some(Ok(())) => {
                                    return view! {
                                        <section class="card" role="status">
                                            <h2>"Пароль изменён"</h2>
                                            <p>"Все прежние входы завершены. Войдите с новым паролем."</p>
                                            <a class="button button-primary" href="/login">"Войти"</a>
                                        </section>
                                    }
                                        .into_any();
                                }
                                Some(Err(AppError::Conflict(m))) => {
                                    return view! {
                                        <section class="notice notice-error" role="alert">
                                            <p>{m.clone()}</p>
                                            <a href="/reset-password">"Запросить новую ссылку"</a>
                                        </section>
                                    }
                                        .into_any();
                                }
                                _ => {}
                            }
                            let errors = match &outcome {
                                Some(Err(AppError::Validation(e))) => e.clone(),
                                _ => Vec::new(),
                            };
                            view! {
                                {(!errors.is_empty()).then(|| view! { <ErrorSummary errors=errors.clone() /> })}
                                <form method="post" action="/reset-password/new" novalidate class="card">
                                    <input type="hidden" name="token" value=token.clone() />
                                    <TextField name="password" label="Новый пароль" value="" kind="password" autocomplete="new-password" hint="Не короче 8 символов" error=error_for(&errors, "password") />
                                    <button type="submit" class="button button-primary">
                                        "Сохранить пароль"
                                    </button>
                                </form>
                            }
                                .into_any()
                        }}
                    }
                })
            }}
        </Suspense>
    }
}
