use crate::api::accounts::current_user;
use crate::api::children::my_children;
use crate::contract::children::ChildCard;
use leptos::prelude::*;
use leptos_router::components::Redirect;

/// The family's children with the state of their data.
#[component]
fn Children(children: Vec<ChildCard>) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="children-heading">
            <h2 id="children-heading">"Дети"</h2>
            {if children.is_empty() {
                view! { <p>"Вы еще не добавили ни одного ребенка."</p> }.into_any()
            } else {
                view! {
                    <ul class="child-list">
                        {children
                            .into_iter()
                            .map(|c| {
                                view! {
                                    <li class="child-card">
                                        <p class="child-name">{c.full_name}</p>
                                        <p>{format!("Дата рождения: {}", c.birth_date)}</p>
                                        <p class=if c.confirmed { "state state-ok" } else { "state" }>{c.confirmation}</p>
                                        {c.under_review.then(|| view! { <p class="state state-review">"Проверяется оператором: возможно, ребенок уже зарегистрирован"</p> })}
                                        {c.correction.map(|line| view! { <p class="state">{line}</p> })}
                                        <a class="link-button" href=format!("/cabinet/children/correction?child={}", c.id)>"Исправить данные"</a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            <a class="button button-primary" href="/cabinet/children/new">"Добавить ребенка"</a>
        </section>
    }
}

/// The parent's cabinet; only for the signed-in.
#[component]
pub fn CabinetPage() -> impl IntoView {
    let me = Resource::new(|| (), |_| current_user());
    let children = Resource::new(|| (), |_| my_children());
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Загружаем…"</p> }>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(Some(me)) => {
                        let children = children.await.unwrap_or_default();
                        let unread = me.unread;
                        view! {
                            <nav class="card cabinet-links" aria-label="Личный кабинет">
                                <a class="button button-primary" href="/cabinet/applications">"Мои заявки"</a>
                                <a class="button button-secondary" href="/cabinet/notifications">
                                    {if unread > 0 { format!("Уведомления ({unread})") } else { "Уведомления".to_owned() }}
                                </a>
                                <a class="button button-secondary" href="/programs">"Найти программу"</a>
                                <a class="button button-secondary" href="/cabinet/requests">"Мои обращения"</a>
                            </nav>
                            <Children children />
                            <h1>
                                {if me.display_name.trim().is_empty() {
                                    "Личный кабинет".to_owned()
                                } else {
                                    format!("Здравствуйте, {}!", me.display_name)
                                }}
                            </h1>
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
                                <a class="link-button" href="/cabinet/password">"Сменить пароль"</a>
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
