//! «Модерация программ»: МОЦ's queue of program versions waiting in its municipality, oldest
//! first, each field beside what parents read now; publish, or return with a comment that the
//! institution reads.

use crate::api::programs::{decide_program, waiting_programs};
use crate::contract::programs::{DecideForm, ModerationItem};
use crate::error::AppError;
use crate::ui::components::error_summary::ErrorSummary;
use crate::ui::components::field::{error_for, TextAreaField};
use crate::ui::forms::{answer_posted, failure_of, posted};
use leptos::prelude::*;
use leptos_router::components::Redirect;

#[component]
pub fn ModerationPage() -> impl IntoView {
    let sent = posted::<DecideForm>();
    let decided = answer_posted(sent.clone(), decide_program);
    let queue = Resource::new(
        || (),
        move |_| async move {
            let _ = decided.await;
            waiting_programs().await
        },
    );
    view! {
        <h1>"Модерация программ"</h1>
        <Transition fallback=|| view! { <p class="loading">"Загружаем программы…"</p> }>
            {move || {
                let sent = sent.clone();
                Suspend::new(async move {
                    let outcome = decided.await;
                    match queue.await {
                        Err(AppError::Unauthorized) => view! { <Redirect path="/login" /> }.into_any(),
                        Err(e) => view! { <p class="notice notice-error" role="alert">{e.to_string()}</p> }.into_any(),
                        Ok(queue) => {
                            let (errors, failure) = failure_of(&outcome);
                            let failed_revision = sent.as_ref().filter(|_| !errors.is_empty()).map(|s| s.revision.clone());
                            let comment = sent.map(|s| s.comment).unwrap_or_default();
                            view! {
                                <p class="lead">{queue.municipality_name}</p>
                                {match outcome {
                                    Some(Ok(d)) => Some(view! { <p class="notice notice-ok" role="status">{d.message}</p> }.into_any()),
                                    _ => failure.map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> }.into_any()),
                                }}
                                {(!errors.is_empty()).then(|| view! { <ErrorSummary errors=errors.clone() /> })}
                                {if queue.items.is_empty() {
                                    view! { <p>"Нет программ, ждущих модерации."</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="application-list">
                                            {queue.items.into_iter().map(|item| {
                                                let mine = failed_revision.as_deref() == Some(item.revision_id.to_string().as_str());
                                                let (error, typed) = if mine { (error_for(&errors, "comment"), comment.clone()) } else { (None, String::new()) };
                                                view! { <li class="application"><Item item error typed /></li> }
                                            }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                            }
                                .into_any()
                        }
                    }
                })
            }}
        </Transition>
    }
}

#[component]
fn Item(item: ModerationItem, error: Option<String>, typed: String) -> impl IntoView {
    let revision = item.revision_id.to_string();
    let comment_id = if error.is_some() {
        "field-comment".to_owned()
    } else {
        format!("comment-{revision}")
    };
    view! {
        <h2 class="application-title">{item.title}</h2>
        <p class="tags"><span class="tag">{item.state}</span><span class="tag">{item.organization_name}</span></p>
        <p>{format!("Отправлена {}", item.submitted_at)}</p>
        <table class="pair-table">
            <thead><tr><th scope="col">"Поле"</th><th scope="col">"На модерации"</th><th scope="col">"Сейчас видят родители"</th></tr></thead>
            <tbody>
                {item.fields.into_iter().map(|f| {
                    let differs = f.published.is_some();
                    view! {
                        <tr class=if differs { "differs" } else { "" }>
                            <th scope="row">{f.label}{differs.then(|| view! { <span class="differs-mark">" (изменено)"</span> })}</th>
                            <td>{f.proposed}</td>
                            <td>{f.published.unwrap_or_else(|| "—".to_owned())}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        <form method="post" action="/moc/programs" class="inline-form">
            <input type="hidden" name="revision" value=revision.clone() />
            <input type="hidden" name="decision" value="publish" />
            <button type="submit" class="button button-primary">"Опубликовать"</button>
        </form>
        <form method="post" action="/moc/programs" class="card">
            <input type="hidden" name="revision" value=revision />
            <input type="hidden" name="decision" value="return" />
            <TextAreaField name="comment" id=comment_id label="Что исправить учреждению" value=typed error />
            <button type="submit" class="button button-secondary">"Вернуть на доработку"</button>
        </form>
    }
}
