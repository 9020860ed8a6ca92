//! A signed-in person changes the password, typing the current one again.

use crate::api::accounts::{change_password, ChangePassword};
use crate::ui::components::error_summary::ErrorSummary;
use crate::ui::components::field::{error_for, TextField};
use crate::ui::forms::{answer_posted, failure_of, posted};
use leptos::prelude::*;

#[component]
pub fn ChangePasswordPage() -> impl IntoView {
    let submitted = posted::<ChangePassword>();
    let from_post = answer_posted(submitted, |s| {
        change_password(s.current_password, s.new_password)
    });
    view! {
        <h1>"Смена пароля"</h1>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let posted_outcome = from_post.await;
                view! {
                    {move || {
                        let outcome = posted_outcome.clone();
                        if let Some(Ok(())) = outcome {
                            return view! {
                                <section class="card" role="status">
                                    <h2>"Пароль изменен"</h2>
                                    <p>"Входы на других устройствах завершены; на этом вы остаетесь в системе."</p>
                                    <a class="button button-primary" href="/cabinet">"В кабинет"</a>
                                </section>
                            }
                                .into_any();
                        }
                        let (errors, failure) = failure_of(&outcome);
                        view! {
                            {failure.map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })}
                            {(!errors.is_empty()).then(|| view! { <ErrorSummary errors=errors.clone() /> })}
                            <form method="post" action="/cabinet/password" novalidate class="card">
                                <TextField name="current_password" label="Нынешний пароль" value="" kind="password" autocomplete="current-password" error=error_for(&errors, "current_password") />
                                <TextField name="new_password" label="Новый пароль" value="" kind="password" autocomplete="new-password" hint="Не короче 8 символов" error=error_for(&errors, "new_password") />
                                <button type="submit" class="button button-primary">
                                    "Сменить пароль"
                                </button>
                            </form>
                        }
                            .into_any()
                    }}
                }
            })}
        </Suspense>
    }
}
