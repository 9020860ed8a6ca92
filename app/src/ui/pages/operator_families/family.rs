//! One family found by the search: the account's e-mail in full, its children with their
//! applications, and the operator's forms for the family.

use super::family_forms::{ChangeFields, FlagFields, LinkGuardianFields, SearchFields};
use crate::contract::choice::Choice;
use crate::contract::duplicates::FlagAccountsForm;
use crate::contract::families::{FamilyCard, FamilyQuery, LinkGuardianForm, ReplaceEmailForm};
use crate::contract::municipality_changes::ChangeForm;
use crate::domain::field_error::FieldError;
use crate::ui::components::field::error_for;
use leptos::prelude::*;

#[component]
pub(super) fn Family(
    family: FamilyCard,
    retry: Option<(ReplaceEmailForm, Vec<FieldError>)>,
    link_retry: Option<(LinkGuardianForm, Vec<FieldError>)>,
    change_retry: Option<(ChangeForm, Vec<FieldError>)>,
    flag_retry: Option<(FlagAccountsForm, Vec<FieldError>)>,
    /// The other families found by the same search, `(account, e-mail)`.
    others: Vec<(i64, String)>,
    municipalities: Vec<Choice>,
    query: FamilyQuery,
    can_confirm: bool,
) -> impl IntoView {
    let f = family;
    let search = query.clone();
    let id = f.account_id.to_string();
    let (typed, errors) = retry.unwrap_or_default();
    let open = !errors.is_empty();
    // Accounts holding a role, and the operator's own, are changed by an administrator only.
    let changes_account = can_confirm && !f.protected;
    view! {
        <li class="application family">
            <p class="application-title">{f.parent_name}</p>
            <p class="family-email">
                "Почта аккаунта: " <strong>{f.email}</strong>
                {(!f.email_confirmed).then_some(" (не подтверждена)")}
            </p>
            <p>{format!("Телефон: {} · {}", f.phone, f.municipality)}</p>
            {f.municipality_change.clone().map(|line| view! { <p class="state state-review">{line}</p> })}
            {(can_confirm && f.protected).then_some(view! {
                <p class="state state-review">"Аккаунт с ролью оператора или ваш собственный: почту и муниципалитет этого аккаунта меняет только администратор"</p>
            })}
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
                            {can_confirm.then(|| {
                                let retry = link_retry.clone().filter(|(f, _)| f.link_child == c.id.to_string());
                                view! {
                                    <a class="link-button" href=format!("/operator/corrections/edit?child={}", c.id)>"Исправить данные"</a>
                                    <LinkGuardianFields child=c.id retry query=search.clone() />
                                }
                                .into_any()
                            })}
                            {(can_confirm && !c.confirmed).then(|| view! {
                                <form method="post" action="/operator/families" class="inline-form">
                                    <input type="hidden" name="confirm_child" value=c.id.to_string() />
                                    <SearchFields query=search.clone() />
                                    <button type="submit" class="button button-secondary">"Документы проверены: подтвердить данные"</button>
                                </form>
                            }
                            .into_any())}
                        </li>
                    }
                    .into_any())
                    .collect_view()}
            </ul>
            {changes_account.then(|| view! {
            <details class="request-more" open=open>
                <summary>"Заменить почту"</summary>
                <form method="post" action="/operator/families">
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
            }
            .into_any())}
            {(!others.is_empty()).then(|| view! {
                <FlagFields account=f.account_id others retry=flag_retry query=search.clone() />
            }
            .into_any())}
            {(changes_account && f.municipality_change.is_none()).then(|| view! {
                <ChangeFields account=f.account_id current=f.municipality_id municipalities retry=change_retry query=search.clone() />
            }
            .into_any())}
        </li>
    }
    .into_any()
}
