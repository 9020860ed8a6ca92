//! «Очередь дублей» (R6): probable duplicate pairs side by side with what differs marked, and the
//! decision — «не дубль», or «дубль» keeping one record — for operators with the permission.

use crate::api::duplicates::{duplicate_pairs, resolve_duplicate};
use crate::contract::duplicates::{
    AccountPairCard, AccountRecord, PairCard, PairRecord, ResolveForm, ResolveOutcome,
};
use crate::domain::field_error::FieldError;
use crate::error::AppError;
use crate::ui::components::compared_table::ComparedTable;
use crate::ui::components::field::{error_for, TextAreaField};
use crate::ui::components::row_answer::{row_answer, Retry, RowAnswer};
use crate::ui::forms::{answer_posted, posted};
use leptos::prelude::*;
use leptos_router::components::Redirect;

#[component]
pub fn OperatorDuplicatesPage() -> impl IntoView {
    let from_post = answer_posted(posted::<ResolveForm>(), resolve_duplicate);
    let queue = Resource::new(
        || (),
        move |_| async move {
            // A decision posted is made before the queue is read again.
            let _ = from_post.await;
            duplicate_pairs().await
        },
    );
    view! {
        <h1>"Очередь дублей"</h1>
        <Transition fallback=|| view! { <p class="loading">"Загружаем очередь…"</p> }>
            {move || {
                Suspend::new(async move {
                    let outcome = from_post.await;
                    match queue.await {
                        Err(AppError::Unauthorized) => view! { <Redirect path="/login" /> }.into_any(),
                        Err(e) => view! { <p class="notice notice-error" role="alert">{e.to_string()}</p> }.into_any(),
                        Ok(q) => {
                            let (notice, retry) = outcome_parts(outcome);
                            let empty = q.pairs.is_empty() && q.account_pairs.is_empty();
                            let account_pairs = q.account_pairs.clone();
                            view! {
                                {notice}
                                <p class="results-count" role="status">
                                    {format!("Пар записей на проверке: {} · пар аккаунтов: {}", q.total, q.accounts_total)}
                                </p>
                                {empty.then(|| view! { <p>"Возможных дублей, которые касаются вас, нет."</p> })}
                                {(!q.can_resolve && !empty).then(|| view! {
                                    <p class="notice">"Решать, дубль ли это, может оператор с таким правом; вы видите пары, чтобы подсказать родителю."</p>
                                })}
                                <ul class="pair-list">
                                    {q.pairs
                                        .into_iter()
                                        .map(|pair| {
                                            let retry = retry.clone().filter(|(f, _)| f.kind.is_empty() && f.flag == pair.flag_id.to_string());
                                            view! { <Pair pair can_resolve=q.can_resolve retry /> }
                                        })
                                        .collect_view()}
                                    {account_pairs
                                        .into_iter()
                                        .map(|pair| {
                                            let retry = retry.clone().filter(|(f, _)| f.kind == "account" && f.flag == pair.flag_id.to_string());
                                            view! { <AccountPair pair can_resolve=q.can_resolve retry /> }
                                        })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                    }
                })
            }}
        </Transition>
    }
}

/// What tells one pair's form from another's in the page: accounts' pairs have their own ids.
fn key(kind: &str, flag: &str) -> String {
    if kind == "account" {
        format!("a{flag}")
    } else {
        flag.to_owned()
    }
}

/// What to show above the queue after a decision, and the form to show again with its errors.
fn outcome_parts(
    outcome: Option<Result<ResolveOutcome, AppError>>,
) -> (Option<AnyView>, Retry<ResolveForm>) {
    row_answer(
        outcome,
        // The fields of each pair's form carry the pair in their ids.
        |form| key(&form.kind, &form.flag),
    )
}

#[component]
fn Pair(
    pair: PairCard,
    can_resolve: bool,
    retry: Option<(ResolveForm, Vec<FieldError>)>,
) -> impl IntoView {
    let (first, second) = (pair.first.child_id, pair.second.child_id);
    let keep = |r: &PairRecord| {
        (
            format!("keep:{}", r.child_id),
            format!(
                "Дубль: оставить запись № {} (аккаунт {})",
                r.child_id, r.account_email
            ),
        )
    };
    let choices = vec![keep(&pair.first), keep(&pair.second)];
    let form = can_resolve.then(|| {
        view! { <ResolveFields kind="" flag=pair.flag_id choices retry /> }
    });
    view! {
        <li class="card pair">
            <h2>{format!("Пара № {}", pair.flag_id)}</h2>
            <p>{format!("Почему в очереди: {}; {}.", pair.reason, pair.source)}</p>
            <ComparedTable
                first_title=format!("Запись № {first}")
                second_title=format!("Запись № {second}")
                fields=pair.fields
                more=record_rows(&pair.first, &pair.second)
            />
            {form}
        </li>
    }
    .into_any()
}

/// The rows about where each record lives: the account, its contacts and the record's history.
fn record_rows(first: &PairRecord, second: &PairRecord) -> Vec<(&'static str, String, String)> {
    let applications = |r: &PairRecord| {
        if r.applications.is_empty() {
            "нет".to_owned()
        } else {
            r.applications.join("; ")
        }
    };
    vec![
        (
            "Почта аккаунта",
            first.account_email.clone(),
            second.account_email.clone(),
        ),
        (
            "Телефон",
            first.account_phone.clone(),
            second.account_phone.clone(),
        ),
        (
            "Муниципалитет",
            first.municipality.clone(),
            second.municipality.clone(),
        ),
        ("Внесена", first.entered.clone(), second.entered.clone()),
        (
            "Подтверждение",
            first.confirmation.clone(),
            second.confirmation.clone(),
        ),
        ("Заявки", applications(first), applications(second)),
    ]
}

#[component]
fn ResolveFields(
    /// `account` for a pair of accounts, empty for children's records.
    kind: &'static str,
    flag: i64,
    /// `(value, label)` of each «дубль: keep this one» choice.
    choices: Vec<(String, String)>,
    retry: Option<(ResolveForm, Vec<FieldError>)>,
) -> impl IntoView {
    let (typed, errors) = retry.unwrap_or_default();
    let key = key(kind, &flag.to_string());
    let decision_error = error_for(&errors, "decision");
    let error_id = format!("error-decision-{key}");
    let described = decision_error.is_some().then(|| error_id.clone());
    let choice = |value: String, id: String, label: String| {
        let checked = typed.decision == value;
        view! {
            <div class="field-check">
                <input id=id.clone() type="radio" name="decision" value=value checked=checked />
                <label for=id>{label}</label>
            </div>
        }
    };
    let keeps = choices
        .into_iter()
        .enumerate()
        .map(|(n, (value, label))| choice(value, format!("decision-{key}-{n}"), label))
        .collect_view();
    view! {
        <form method="post" action="/operator/duplicates" class="resolve-form">
            <input type="hidden" name="kind" value=kind />
            <input type="hidden" name="flag" value=flag.to_string() />
            <fieldset class="field" aria-describedby=described>
                <legend>"Решение"</legend>
                {choice(
                    "not_duplicate".to_owned(),
                    format!("field-decision-{key}"),
                    if kind == "account" { "Не дубль: это разные семьи" } else { "Не дубль: это разные дети" }.to_owned(),
                )}
                {keeps}
                {decision_error.map(|m| view! { <p class="field-error" id=error_id>{m}</p> })}
            </fieldset>
            <TextAreaField
                name="reason"
                id=format!("field-reason-{key}")
                label="Основание решения: какие документы проверены"
                value=typed.reason
                error=error_for(&errors, "reason")
            />
            <p class="field-hint">
                {if kind == "account" {
                    "При решении «дубль» второй аккаунт помечается как дублирующий: его заявки отменяются с сообщением о дублирующем аккаунте, новые с него не принимаются, родитель получает уведомление."
                } else {
                    "При решении «дубль» вторая запись закрывается, ее заявки отменяются с сообщением о дублирующем аккаунте, родитель получает уведомление."
                }}
            </p>
            <button type="submit" class="button button-primary">"Сохранить решение"</button>
        </form>
    }
    .into_any()
}

#[component]
fn AccountPair(
    pair: AccountPairCard,
    can_resolve: bool,
    retry: Option<(ResolveForm, Vec<FieldError>)>,
) -> impl IntoView {
    let (first, second) = (pair.first.account_id, pair.second.account_id);
    let keep = |r: &AccountRecord| {
        (
            format!("keep:{}", r.account_id),
            format!("Дубль: оставить аккаунт {}", r.email),
        )
    };
    let choices = vec![keep(&pair.first), keep(&pair.second)];
    let list = |items: &[String]| {
        if items.is_empty() {
            "нет".to_owned()
        } else {
            items.join("; ")
        }
    };
    let more = vec![
        (
            "Зарегистрирован",
            pair.first.registered.clone(),
            pair.second.registered.clone(),
        ),
        (
            "Дети",
            list(&pair.first.children),
            list(&pair.second.children),
        ),
        (
            "Заявки",
            list(&pair.first.applications),
            list(&pair.second.applications),
        ),
    ];
    let form = can_resolve.then(|| {
        view! { <ResolveFields kind="account" flag=pair.flag_id choices retry /> }
    });
    view! {
        <li class="card pair">
            <h2>{format!("Пара аккаунтов № {}", pair.flag_id)}</h2>
            <p>{format!("Почему в очереди: {} (передал {}).", pair.reason, pair.noted_by)}</p>
            <ComparedTable
                first_title=format!("Аккаунт № {first}")
                second_title=format!("Аккаунт № {second}")
                fields=pair.fields
                more
            />
            {form}
        </li>
    }
    .into_any()
}

impl From<ResolveOutcome> for RowAnswer<ResolveForm> {
    fn from(outcome: ResolveOutcome) -> Self {
        match outcome {
            ResolveOutcome::Resolved { message } => RowAnswer::Done(message),
            ResolveOutcome::Invalid { form, errors } => RowAnswer::Invalid(form, errors),
        }
    }
}
