//! «Поиск семьи»: an operator finds a family by a child (ФИО and birth date, typos tolerated) or by
//! the parent's phone, reads the account's e-mail in full to tell the parent (R1, R3), and replaces
//! the e-mail after checking identity in person. The search is a POST: a child's data never go
//! into an address.

use crate::api::duplicates::flag_accounts;
use crate::api::families::{confirm_child, find_families, link_guardian, replace_email};
use crate::api::municipality_changes::record_municipality_change;
use crate::contract::duplicates::{FlagAccountsForm, FlagOutcome};
use crate::contract::families::{
    ConfirmChildForm, FamilyAnswer, FamilyQuery, LinkGuardianForm, LinkGuardianOutcome,
    ReplaceEmailForm, ReplaceEmailOutcome,
};
use crate::contract::municipality_changes::{ChangeForm, ChangeOutcome};
use crate::error::AppError;
use crate::ui::components::error_summary::ErrorSummary;
use crate::ui::components::field::{error_for, TextField};
use crate::ui::components::row_answer::{row_answer, RowAnswer};
use crate::ui::forms::{answer_posted, posted};
use leptos::prelude::*;
use leptos_router::components::Redirect;

mod family;
mod family_forms;

use family::Family;

#[component]
pub fn OperatorFamiliesPage() -> impl IntoView {
    let replace_posted = posted::<ReplaceEmailForm>().filter(|f| !f.account_id.is_empty());
    let query = RwSignal::new(posted::<FamilyQuery>());
    let confirm_posted = posted::<ConfirmChildForm>().filter(|f| !f.confirm_child.is_empty());
    let link_posted = posted::<LinkGuardianForm>().filter(|f| !f.link_child.is_empty());
    let from_post = answer_posted(replace_posted, replace_email);
    let confirmed_post = answer_posted(confirm_posted, confirm_child);
    let linked_post = answer_posted(link_posted, link_guardian);
    // Posted as multipart, with the scan.
    let change_posted = posted::<ChangeForm>().filter(|f| !f.change_account.is_empty());
    let changed_post = answer_posted(change_posted, record_municipality_change);
    // A plain post too: rare, and its answer comes with the page.
    let flag_posted = posted::<FlagAccountsForm>().filter(|f| !f.flag_account.is_empty());
    let flagged_post = answer_posted(flag_posted, flag_accounts);
    let answer = Resource::new(
        move || query.get(),
        move |q| async move {
            // A change posted is made before the family is read again.
            let _ = from_post.await;
            let _ = confirmed_post.await;
            let _ = linked_post.await;
            let _ = changed_post.await;
            let _ = flagged_post.await;
            match q {
                Some(q) => find_families(q).await.map(Some),
                None => Ok(None),
            }
        },
    );
    view! {
        <h1>"Поиск семьи"</h1>
        <Transition fallback=|| view! { <p class="loading">"Ищем…"</p> }>
            {move || {
                Suspend::new(async move {
                let replaced = from_post.await;
                let confirmed = confirmed_post.await;
                let linked = linked_post.await;
                let changed = changed_post.await;
                let flagged = flagged_post.await;
                let typed = query.get_untracked().unwrap_or_default();
                match answer.await {
                    Err(AppError::Unauthorized) => view! { <Redirect path="/login" /> }.into_any(),
                    Err(e) => view! { <p class="notice notice-error" role="alert">{e.to_string()}</p> }.into_any(),
                    Ok(answer) => view! {
                        <SearchForm typed answer=answer.clone().unwrap_or_default() />
                        {confirmed.map(|c| match c {
                            Ok(m) => view! { <p class="notice notice-ok" role="status">{m}</p> }.into_any(),
                            Err(e) => view! { <p class="notice notice-error" role="alert">{e.to_string()}</p> }.into_any(),
                        })}
                        <Results answer=answer.unwrap_or_default() replaced linked changed flagged query=query.get_untracked().unwrap_or_default() />
                    }
                        .into_any(),
                }
            })
            }}
        </Transition>
    }
}

#[component]
fn SearchForm(typed: FamilyQuery, answer: FamilyAnswer) -> impl IntoView {
    let errors = answer.errors;
    view! {
        {(!errors.is_empty()).then(|| view! { <ErrorSummary errors=errors.clone() /> })}
        <form method="post" action="/operator/families" class="card">
            <h2>"По ребенку"</h2>
            <TextField name="surname" label="Фамилия ребенка" value=typed.surname error=error_for(&errors, "surname") autocomplete="off" />
            <TextField name="given_name" label="Имя ребенка" value=typed.given_name error=error_for(&errors, "given_name") autocomplete="off" />
            <TextField name="birth_date" label="Дата рождения (ДД.ММ.ГГГГ)" value=typed.birth_date error=error_for(&errors, "birth_date") inputmode="numeric" autocomplete="off" />
            <h2>"Или по родителю"</h2>
            <TextField name="phone" label="Телефон родителя" value=typed.phone error=error_for(&errors, "phone") kind="tel" autocomplete="off" hint="Если указан телефон, поиск идет по нему" />
            <TextField name="parent_surname" label="Фамилия родителя" value=typed.parent_surname error=error_for(&errors, "parent_surname") autocomplete="off" />
            <TextField name="parent_given_name" label="Имя родителя" value=typed.parent_given_name error=error_for(&errors, "parent_given_name") autocomplete="off" hint="Поиск по фамилии и имени родителя — если не заполнены поля ребенка и телефон" />
            <button type="submit" class="button button-primary">"Найти"</button>
        </form>
    }
    .into_any()
}

#[component]
fn Results(
    answer: FamilyAnswer,
    replaced: Option<Result<ReplaceEmailOutcome, AppError>>,
    linked: Option<Result<LinkGuardianOutcome, AppError>>,
    changed: Option<Result<ChangeOutcome, AppError>>,
    flagged: Option<Result<FlagOutcome, AppError>>,
    query: FamilyQuery,
) -> impl IntoView {
    let can_confirm = answer.can_confirm;
    let (link_notice, link_retry) = row_answer(linked, |f| f.link_child.clone());
    let (notice, retry) = row_answer(replaced, |f| f.account_id.clone());
    let nothing = answer.searched && answer.families.is_empty();
    let (change_notice, change_retry) = row_answer(changed, |f| f.change_account.clone());
    let municipalities = answer.municipalities.clone();
    let (flag_notice, flag_retry) = row_answer(flagged, |f| f.flag_account.clone());
    // With two or more families found, one may be the other's duplicate account.
    let shown: Vec<(i64, String)> = if answer.families.len() > 1 {
        answer
            .families
            .iter()
            .map(|f| (f.account_id, f.email.clone()))
            .collect()
    } else {
        Vec::new()
    };
    view! {
        {notice}
        {link_notice}
        {change_notice}
        {flag_notice}
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
                        let change_retry = change_retry.clone().filter(|(f, _)| f.change_account == family.account_id.to_string());
                        let flag_retry = flag_retry.clone().filter(|(f, _)| f.flag_account == family.account_id.to_string());
                        let others: Vec<(i64, String)> = shown.iter().filter(|(id, _)| *id != family.account_id).cloned().collect();
                        view! { <Family family retry link_retry=link_retry.clone() change_retry flag_retry others municipalities=municipalities.clone() query=query.clone() can_confirm /> }
                    })
                    .collect_view()}
            </ul>
        })}
    }
    .into_any()
}

impl From<LinkGuardianOutcome> for RowAnswer<LinkGuardianForm> {
    fn from(outcome: LinkGuardianOutcome) -> Self {
        match outcome {
            LinkGuardianOutcome::Linked { message } => RowAnswer::Done(message),
            LinkGuardianOutcome::Invalid { form, errors } => RowAnswer::Invalid(form, errors),
        }
    }
}

impl From<ReplaceEmailOutcome> for RowAnswer<ReplaceEmailForm> {
    fn from(outcome: ReplaceEmailOutcome) -> Self {
        match outcome {
            ReplaceEmailOutcome::Replaced { email } => RowAnswer::Done(format!("Почта заменена на {email}. Входы в аккаунт завершены; на новую почту ушла ссылка для подтверждения, на прежнюю — уведомление.")),
            ReplaceEmailOutcome::Invalid { form, errors } => RowAnswer::Invalid(form, errors),
        }
    }
}

impl From<ChangeOutcome> for RowAnswer<ChangeForm> {
    fn from(outcome: ChangeOutcome) -> Self {
        match outcome {
            ChangeOutcome::Recorded { message } => RowAnswer::Done(message),
            ChangeOutcome::Invalid { form, errors } => RowAnswer::Invalid(form, errors),
        }
    }
}

impl From<FlagOutcome> for RowAnswer<FlagAccountsForm> {
    fn from(outcome: FlagOutcome) -> Self {
        match outcome {
            FlagOutcome::Flagged { message } => RowAnswer::Done(message),
            FlagOutcome::Invalid { form, errors } => RowAnswer::Invalid(form, errors),
        }
    }
}
