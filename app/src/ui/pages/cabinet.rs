use crate::api::accounts::current_user;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

/// The parent's cabinet; only for the signed-in.
#[component]
pub fn CabinetPage() -> impl IntoView {
    let me = Resource::new(|| (), |_| current_user());
    view! {
        <Title text="Личный кабинет" />
        <Suspense fallback=|| view! { <p class="loading">"Загружаем…"</p> }>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(Some(me)) => {
                        view! {
                            <h1>{format!("Здравствуйте, {}!", me.display_name)}</h1>
                            <section class="card" aria-labelledby="account-heading">
                                <h2 id="account-heading">"Аккаунт"</h2>
                                <dl class="facts">
                                    <dt>"Почта"</dt>
                                    <dd>{me.email.clone()}</dd>
                                    <dt>"Статус"</dt>
                                    <dd>
                                        {if me.email_confirmed {
                                            "Почта подтверждена".to_owned()
                                        } else {
                                            format!("Почта не подтверждена: откройте ссылку из письма, которое мы отправили на {}", me.email)
                                        }}
                                    </dd>
                                </dl>
                            </section>
                        }
                            .into_any()
                    }
                    Ok(None) => view! { <Redirect path="/login" /> }.into_any(),
                    Err(e) => view! { <p class="notice notice-error" role="alert">{e.to_string()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}
