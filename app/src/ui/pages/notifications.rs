//! «Уведомления»: every change of the family's applications, with its reason; opening the page
//! marks them read.

use crate::api::applications::my_notifications;
use crate::error::AppError;
use leptos::prelude::*;
use leptos_router::components::Redirect;

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let list = Resource::new(|| (), |_| my_notifications());
    view! {
        <h1>"Уведомления"</h1>
        <Suspense fallback=|| view! { <p class="loading">"Загружаем…"</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Err(AppError::Unauthorized) => view! { <Redirect path="/login" /> }.into_any(),
                    Err(e) => view! { <p class="notice notice-error" role="alert">{e.to_string()}</p> }.into_any(),
                    Ok(list) if list.is_empty() => view! { <p>"Уведомлений пока нет."</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="notification-list">
                            {list
                                .into_iter()
                                .map(|n| {
                                    view! {
                                        <li class=if n.unread { "notification notification-unread" } else { "notification" }>
                                            <p class="notification-subject">
                                                {n.unread.then(|| view! { <span class="badge">"новое"</span> " " })}
                                                <strong>{n.subject}</strong>
                                            </p>
                                            <p class="notification-time"><time>{n.at}</time></p>
                                            {n.body.lines().map(|l| view! { <p>{l.to_owned()}</p> }).collect_view()}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                        <a class="button button-secondary" href="/cabinet/applications">"Мои заявки"</a>
                    }
                        .into_any(),
                }
            })}
        </Suspense>
    }
}
