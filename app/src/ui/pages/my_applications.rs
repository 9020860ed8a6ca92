//! «Мои заявки»: every application of the family's children with its status, place in the waiting
//! list, history, and what the parent may do now.

use crate::api::applications::{move_application, my_applications};
use crate::contract::applications::{ApplicationCard, ChildApplications, MoveForm, MoveOutcome};
use crate::error::AppError;
use crate::ui::forms::{answer_posted, posted};
use leptos::prelude::*;
use leptos_router::components::Redirect;

#[component]
pub fn MyApplicationsPage() -> impl IntoView {
    let from_post = answer_posted(posted::<MoveForm>(), move_application);
    // The list is read after a posted move is done, and again after every move made here.
    let list = Resource::new(
        || (),
        move |_| async move {
            let _ = from_post.await;
            my_applications().await
        },
    );
    view! {
        <h1>"Мои заявки"</h1>
        <Transition fallback=|| view! { <p class="loading">"Загружаем заявки…"</p> }>
            {move || Suspend::new(async move {
                let posted_outcome = from_post.await;
                let list = list.await;
                let outcome = posted_outcome;
                match list {
                    Err(AppError::Unauthorized) => view! { <Redirect path="/login" /> }.into_any(),
                    Err(e) => view! { <p class="notice notice-error" role="alert">{e.to_string()}</p> }.into_any(),
                    Ok(family) => view! {
                        <MoveNotice outcome />
                        <Family family />
                    }
                        .into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn MoveNotice(outcome: Option<Result<MoveOutcome, AppError>>) -> impl IntoView {
    match outcome {
        Some(Ok(done)) => {
            view! { <p class="notice notice-ok" role="status">{done.message}</p> }.into_any()
        }
        Some(Err(e)) => {
            view! { <p class="notice notice-error" role="alert">{e.to_string()}</p> }.into_any()
        }
        None => ().into_any(),
    }
}

#[component]
fn Family(family: Vec<ChildApplications>) -> impl IntoView {
    if family.is_empty() {
        return view! {
            <p>"В личном кабинете еще нет детей."</p>
            <a class="button button-primary" href="/cabinet/children/new">"Добавить ребенка"</a>
        }
        .into_any();
    }
    family
        .into_iter()
        .map(|child| {
            let label = child.child_name.clone();
            view! {
                <section class="card" aria-label=label>
                    <h2>{child.child_name}</h2>
                    {child.closed.map(|m| view! {
                        <p class="state state-review">{m}" "<a href=crate::domain::help::situation::Situation::DuplicateCancelled.href()>"Что делать?"</a></p>
                    })}
                    {if child.applications.is_empty() {
                        view! {
                            <p>"Заявок пока нет. "<a href="/programs">"Выбрать программу"</a></p>
                        }
                            .into_any()
                    } else {
                        view! {
                            <ul class="application-list">
                                {child
                                    .applications
                                    .into_iter()
                                    .map(|a| view! { <Application application=a /> })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }}
                </section>
            }
        })
        .collect_view()
        .into_any()
}

#[component]
fn Application(application: ApplicationCard) -> impl IntoView {
    let a = application;
    let id = a.id.to_string();
    view! {
        <li class="application">
            <p class="application-title">
                <a href=format!("/programs/{}", a.program_id)>{a.program_title}</a>
            </p>
            <p>{format!("{}, группа «{}», {}", a.organization_name, a.group_name, a.schedule)}</p>
            <p class="application-status">
                "Статус: "
                <strong>{a.status}</strong>
                {a.position.map(|p| format!(", номер в очереди: {p}"))}
            </p>
            {a.offer_until.map(|u| view! { <p class="notice notice-important">{format!("Место ждет ответа до {u} (время московское).")}</p> })}
            {a.reason.map(|r| {
                let duplicate = r.contains("дублирующего аккаунта");
                view! {
                    <p class="application-reason">{format!("Причина: {r}")}</p>
                    {duplicate.then(|| view! { <p><a href="/help/duplicate-cancelled">"Заявка отменена как поданная с дублирующего аккаунта: что делать"</a></p> })}
                }
            })}
            <details class="history">
                <summary>"История заявки"</summary>
                <ol>
                    {a
                        .history
                        .into_iter()
                        .map(|h| {
                            view! {
                                <li>
                                    <time>{h.at}</time>
                                    {format!(" — {} ({})", h.status, h.who)}
                                    {h.reason.map(|r| format!(". {r}"))}
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            </details>
            <div class="application-moves">
                {a
                    .moves
                    .into_iter()
                    .map(|m| {
                        view! {
                            <form method="post" action="/cabinet/applications" class="inline-form">
                                <input type="hidden" name="application_id" value=id.clone() />
                                <input type="hidden" name="action" value=m.code() />
                                <button type="submit" class=if m == crate::contract::applications::ParentMove::Accept { "button button-primary" } else { "button button-secondary" }>
                                    {m.label()}
                                </button>
                            </form>
                        }
                    })
                    .collect_view()}
            </div>
        </li>
    }
}
