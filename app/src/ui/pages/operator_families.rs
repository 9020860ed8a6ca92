//! «Поиск семьи»: an operator finds a family by a child (ФИО and birth date, typos tolerated) or by
//! the parent's phone, reads the account's e-mail in full to tell the parent (R1, R3), and replaces
//! the e-mail after checking identity in person. The search is a POST: a child's data never go
//! into an address.

use crate::api::families::{
    confirm_child, find_families, replace_email, ConfirmChild, ConfirmChildForm, FamilyAnswer,
    FamilyCard, FamilyQuery, FindFamilies, ReplaceEmail, ReplaceEmailForm, ReplaceEmailOutcome,
};
use crate::domain::field_error::FieldError;
use crate::error::AppError;
use crate::ui::components::error_summary::ErrorSummary;
use crate::ui::components::field::{error_for, TextField};
use crate::ui::forms::{answer_posted, posted};
use leptos::form::FromFormData;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

#[component]
pub fn OperatorFamiliesPage() -> impl IntoView {
    let replace_posted = posted::<ReplaceEmailForm>().filter(|f| !f.account_id.is_empty());
    let query = RwSignal::new(posted::<FamilyQuery>());
    let confirm_posted = posted::<ConfirmChildForm>().filter(|f| !f.confirm_child.is_empty());
    let from_post = answer_posted(replace_posted, replace_email);
    let confirmed_post = answer_posted(confirm_posted, confirm_child);
    let replace = ServerAction::<ReplaceEmail>::new();
    let confirm = ServerAction::<ConfirmChild>::new();
    let answer = Resource::new(
        move || {
            (
                query.get(),
                replace.version().get(),
                confirm.version().get(),
            )
        },
        move |(q, _, _)| async move {
            // A change posted without JavaScript is made before the family is read again.
            let _ = from_post.await;
            let _ = confirmed_post.await;
            match q {
                Some(q) => find_families(q).await.map(Some),
                None => Ok(None),
            }
        },
    );
    let on_search = move |ev: leptos::ev::SubmitEvent| {
        if let Ok(args) = FindFamilies::from_event(&ev) {
            ev.prevent_default();
            // Only the answer to the latest action is shown.
            replace.value().set(None);
            confirm.value().set(None);
            query.set(Some(args.query));
        }
    };
    let on_replace = move |ev: leptos::ev::SubmitEvent| {
        if let Ok(args) = ReplaceEmail::from_event(&ev) {
            ev.prevent_default();
            confirm.value().set(None);
            replace.dispatch(args);
        }
    };
    let on_confirm = move |ev: leptos::ev::SubmitEvent| {
        if let Ok(args) = ConfirmChild::from_event(&ev) {
            ev.prevent_default();
            replace.value().set(None);
            confirm.dispatch(args);
        }
    };
    view! {
        <Title text="Поиск семьи" />
        <h1>"Поиск семьи"</h1>
        <Transition fallback=|| view! { <p class="loading">"Ищем…"</p> }>
            {move || Suspend::new(async move {
                let replaced = replace.value().get().or(from_post.await);
                let confirmed = confirm.value().get().or(confirmed_post.await);
                let typed = query.get_untracked().unwrap_or_default();
                match answer.await {
                    Err(AppError::Unauthorized) => view! { <Redirect path="/login" /> }.into_any(),
                    Err(e) => view! { <p class="notice notice-error" role="alert">{e.to_string()}</p> }.into_any(),
                    Ok(answer) => view! {
                        <SearchForm typed answer=answer.clone().unwrap_or_default() on_submit=on_search />
                        {confirmed.map(|c| match c {
                            Ok(m) => view! { <p class="notice notice-ok" role="status">{m}</p> }.into_any(),
                            Err(e) => view! { <p class="notice notice-error" role="alert">{e.to_string()}</p> }.into_any(),
                        })}
                        <Results answer=answer.unwrap_or_default() replaced query=query.get_untracked().unwrap_or_default() on_submit=on_replace on_confirm />
                    }
                        .into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn SearchForm(
    typed: FamilyQuery,
    answer: FamilyAnswer,
    on_submit: impl Fn(leptos::ev::SubmitEvent) + Clone + Send + 'static,
) -> impl IntoView {
    let errors = answer.errors;
    view! {
        {(!errors.is_empty()).then(|| view! { <ErrorSummary errors=errors.clone() /> })}
        <form method="post" action="/operator/families" class="card" on:submit=on_submit>
            <h2>"По ребенку"</h2>
            <TextField name="surname" label="Фамилия ребенка" value=typed.surname error=error_for(&errors, "surname") autocomplete="off" />
            <TextField name="given_name" label="Имя ребенка" value=typed.given_name error=error_for(&errors, "given_name") autocomplete="off" />
            <TextField name="birth_date" label="Дата рождения (ДД.ММ.ГГГГ)" value=typed.birth_date error=error_for(&errors, "birth_date") inputmode="numeric" autocomplete="off" />
            <h2>"Или по телефону родителя"</h2>
            <TextField name="phone" label="Телефон родителя" value=typed.phone error=error_for(&errors, "phone") kind="tel" autocomplete="off" hint="Если указан телефон, поиск идет по нему" />
            <button type="submit" class="button button-primary">"Найти"</button>
        </form>
    }
    .into_any()
}

#[component]
fn Results(
    answer: FamilyAnswer,
    replaced: Option<Result<ReplaceEmailOutcome, AppError>>,
    query: FamilyQuery,
    on_submit: impl Fn(leptos::ev::SubmitEvent) + Clone + Send + 'static,
    on_confirm: impl Fn(leptos::ev::SubmitEvent) + Clone + Send + 'static,
) -> impl IntoView {
    let can_confirm = answer.can_confirm;
    let (notice, retry) = match replaced {
        Some(Ok(ReplaceEmailOutcome::Replaced { email })) => (
            Some(view! {
                <p class="notice notice-ok" role="status">
                    {format!("Почта заменена на {email}. Входы в аккаунт завершены; на новую почту ушла ссылка для подтверждения, на прежнюю — уведомление.")}
                </p>
            }.into_any()),
            None,
        ),
        Some(Ok(ReplaceEmailOutcome::Invalid { form, errors })) => {
            // The fields of each family's form carry its account in their ids.
            let linked = errors
                .iter()
                .map(|e| FieldError::new(&format!("{}-{}", e.field, form.account_id), &e.message))
                .collect::<Vec<_>>();
            (
                Some(view! { <ErrorSummary errors=linked /> }.into_any()),
                Some((form, errors)),
            )
        }
        Some(Err(e)) => (
            Some(view! { <p class="notice notice-error" role="alert">{e.to_string()}</p> }.into_any()),
            None,
        ),
        None => (None, None),
    };
    let nothing = answer.searched && answer.families.is_empty();
    view! {
        {notice}
        {nothing.then(|| view! {
            <p role="status">"Никого не нашли. Проверьте написание и дату; ребенка, которого нет в системе, родитель добавляет сам."</p>
        })}
        {answer.searched.then(|| view! {
            <ul class="application-list family-list">
                {answer
                    .families
                    .into_iter()
                    .map(|family| {
                        let retry = retry.clone().filter(|(f, _)| f.account_id == family.account_id.to_string());
                        view! { <Family family retry query=query.clone() can_confirm on_submit=on_submit.clone() on_confirm=on_confirm.clone() /> }
                    })
                    .collect_view()}
            </ul>
        })}
    }
    .into_any()
}

#[component]
fn Family(
    family: FamilyCard,
    retry: Option<(ReplaceEmailForm, Vec<FieldError>)>,
    query: FamilyQuery,
    can_confirm: bool,
    on_submit: impl Fn(leptos::ev::SubmitEvent) + Clone + Send + 'static,
    on_confirm: impl Fn(leptos::ev::SubmitEvent) + Clone + Send + 'static,
) -> impl IntoView {
    let f = family;
    let search = query.clone();
    let id = f.account_id.to_string();
    let (typed, errors) = retry.unwrap_or_default();
    let open = !errors.is_empty();
    view! {
        <li class="application family">
            <p class="application-title">{f.parent_name}</p>
            <p class="family-email">
                "Почта аккаунта: " <strong>{f.email}</strong>
                {(!f.email_confirmed).then_some(" (не подтверждена)")}
            </p>
            <p>{format!("Телефон: {} · {}", f.phone, f.municipality)}</p>
            <ul class="family-children">
                {f.children
                    .into_iter()
                    .map(|c| view! {
                        <li>
                            <p>
                                <strong>{c.name}</strong>
                                {format!(", {}", c.birth_date)}
                                {c.matched.map(|m| view! { " " <span class="tag">{m}</span> })}
                            </p>
                            <p>{c.confirmation}{c.under_review.then_some(" · на проверке как возможный дубль")}</p>
                            {c.applications.into_iter().map(|a| view! { <p class="application-reason">{a}</p> }).collect_view()}
                            {can_confirm.then(|| view! {
                                <a class="link-button" href=format!("/operator/corrections/edit?child={}", c.id)>"Исправить данные"</a>
                            })}
                            {(can_confirm && !c.confirmed).then(|| view! {
                                <form method="post" action="/operator/families" class="inline-form" on:submit=on_confirm.clone()>
                                    <input type="hidden" name="confirm_child" value=c.id.to_string() />
                                    <SearchFields query=search.clone() />
                                    <button type="submit" class="button button-secondary">"Документы проверены: подтвердить данные"</button>
                                </form>
                            })}
                        </li>
                    })
                    .collect_view()}
            </ul>
            {can_confirm.then(|| view! {
            <details class="request-more" open=open>
                <summary>"Заменить почту"</summary>
                <form method="post" action="/operator/families" on:submit=on_submit>
                    <input type="hidden" name="account_id" value=id.clone() />
                    <SearchFields query />
                    <div class="field">
                        <label for=format!("field-email-{id}")>"Новая почта"</label>
                        <input id=format!("field-email-{id}") name="email" type="email" value=typed.email autocomplete="off" aria-invalid=error_for(&errors, "email").is_some().then_some("true") />
                        {error_for(&errors, "email").map(|m| view! { <p class="field-error">{m}</p> })}
                    </div>
                    <div class="field">
                        <label for=format!("field-reason-{id}")>"Основание: какой документ проверен"</label>
                        <input id=format!("field-reason-{id}") name="reason" type="text" value=typed.reason autocomplete="off" aria-invalid=error_for(&errors, "reason").is_some().then_some("true") />
                        {error_for(&errors, "reason").map(|m| view! { <p class="field-error">{m}</p> })}
                    </div>
                    <button type="submit" class="button button-primary">"Заменить почту"</button>
                </form>
            </details>
            })}
        </li>
    }
    .into_any()
}

/// The search, carried along by the forms of a family, so that after a change the page shows the
/// family again (without JavaScript the page answers the post with the search run anew).
#[component]
fn SearchFields(query: FamilyQuery) -> impl IntoView {
    view! {
        <input type="hidden" name="surname" value=query.surname />
        <input type="hidden" name="given_name" value=query.given_name />
        <input type="hidden" name="birth_date" value=query.birth_date />
        <input type="hidden" name="phone" value=query.phone />
    }
}
