//! One request (обращение) with its history and the moves the viewer may make, for the parent's
//! «Мои обращения» and the operators' inbox alike. Each move is its own small form, so that it
//! works the same with and without JavaScript.

use crate::contract::help::{RequestCard, RequestMoveChoice, RequestMoveForm};
use crate::ui::components::field::TextAreaField;
use leptos::prelude::*;

#[component]
pub fn RequestView(
    card: RequestCard,
    /// The page the move forms post to.
    post_to: &'static str,
    /// The last try at a move of this request that came back, as typed, with its message.
    retry: Option<(RequestMoveForm, String)>,
) -> impl IntoView {
    let c = card;
    let id = c.id;
    let status_class = format!("request-status request-status-{}", c.status_code);
    view! {
        <li class="application request" id=format!("request-{id}")>
            <p class="application-title">{format!("№ {id}. {}", c.topic)}</p>
            <p>{format!("Учреждение: {}", c.organization)}</p>
            {c.child.map(|name| view! { <p>{format!("Ребенок: {name}")}</p> })}
            {c.parent.map(|p| view! { <p>{format!("Родитель: {p}")}</p> })}
            <p class="application-status">
                <span class=status_class>{c.status}</span>
                {format!(" · сейчас у: {} · отправлено {}", c.level, c.created_at)}
            </p>
            {c.waiting.map(|w| view! { <p class="request-waiting">{w}</p> })}
            <ol class="request-history">
                {c
                    .history
                    .into_iter()
                    .map(|h| {
                        view! {
                            <li>
                                <p class="request-line-head">
                                    <time>{h.at}</time>
                                    {format!(" — {}: {}", h.who, h.what)}
                                </p>
                                {h.body.map(|b| view! { <p class="request-body">{b}</p> })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            <div class="application-moves">
                {c
                    .moves
                    .into_iter()
                    .enumerate()
                    .map(|(i, m)| {
                        let retry = retry.clone().filter(|(f, _)| f.action == m.action);
                        view! { <MoveForm id m first=i == 0 post_to retry /> }
                    })
                    .collect_view()}
            </div>
        </li>
    }
}

/// One move: a button, with a text box when words go with it (folded away unless it is the
/// first move offered or its words were missing).
#[component]
fn MoveForm(
    id: i64,
    m: RequestMoveChoice,
    first: bool,
    post_to: &'static str,
    retry: Option<(RequestMoveForm, String)>,
) -> impl IntoView {
    let (typed, error) = retry.map(|(f, e)| (f.body, Some(e))).unwrap_or_default();
    let with_text = m.needs_text || m.action == "not_resolved";
    let label = match m.action.as_str() {
        "answer" => "Ответ родителю",
        "escalate" => "Что осталось нерешенным",
        _ => "Что не получилось (необязательно)",
    };
    let form = view! {
        <form method="post" action=post_to class="request-move">
            <input type="hidden" name="id" value=id.to_string() />
            <input type="hidden" name="action" value=m.action.clone() />
            {with_text.then(|| view! {
                <TextAreaField
                    name="body"
                    id=format!("field-body-{id}-{}", m.action)
                    label=label
                    value=typed.clone()
                    error=error.clone()
                    required=m.needs_text
                />
            })}
            <button type="submit" class=if first { "button button-primary" } else { "button button-secondary" }>
                {m.label.clone()}
            </button>
        </form>
    };
    if with_text && !first && error.is_none() {
        view! {
            <details class="request-more">
                <summary>{m.label}</summary>
                {form}
            </details>
        }
        .into_any()
    } else {
        form.into_any()
    }
}
