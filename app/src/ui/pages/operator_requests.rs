//! «Обращения»: the inbox of an institution's operators, or of МОЦ's for the requests that
//! climbed to it — the longest-waiting first, each with its history and the moves allowed now.

use crate::api::help::{move_request, request_inbox};
use crate::contract::help::RequestMoveForm;
use crate::domain::help::request::RequestStatus;
use crate::error::AppError;
use crate::ui::forms::{answer_posted, posted};
use crate::ui::pages::my_requests::RequestList;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

#[component]
pub fn OperatorRequestsPage() -> impl IntoView {
    let query = use_query_map();
    let status = move || query.read().get("status").unwrap_or_default();
    let from_post = answer_posted(posted::<RequestMoveForm>(), move_request);
    let list = Resource::new(status, move |status| async move {
        let _ = from_post.await;
        request_inbox(Some(status)).await
    });
    view! {
        <Transition fallback=|| view! { <p class="loading">"Загружаем обращения…"</p> }>
            {move || Suspend::new(async move {
                let posted_outcome = from_post.await;
                let outcome = posted_outcome;
                match list.await {
                    Err(AppError::Unauthorized) => view! { <Redirect path="/login" /> }.into_any(),
                    Err(e) => view! { <h1>"Обращения"</h1><p class="notice notice-error" role="alert">{e.to_string()}</p> }.into_any(),
                    Ok(inbox) => view! {
                        <h1>{inbox.title}</h1>
                        <StatusFilter current=status() />
                        <RequestList cards=inbox.requests outcome post_to="/operator/requests" />
                    }
                        .into_any(),
                }
            })}
        </Transition>
    }
}

/// Links to the inbox narrowed to one status; the current one is marked for screen readers.
#[component]
fn StatusFilter(current: String) -> impl IntoView {
    let link = |code: &str, label: &'static str| {
        let here = code == current;
        view! {
            <li>
                <a
                    href=if code.is_empty() { "/operator/requests".to_owned() } else { format!("/operator/requests?status={code}") }
                    class=if here { "tag tag-current" } else { "tag" }
                    aria-current=here.then_some("page")
                >
                    {label}
                </a>
            </li>
        }
    };
    view! {
        <nav aria-label="Статус обращений">
            <ul class="tags status-filter">
                {link("", "Все")}
                {RequestStatus::ALL.into_iter().map(|s| link(s.code(), s.label())).collect_view()}
            </ul>
        </nav>
    }
}
