//! The forms an operator opens under a found family: a second guardian linked to a child, the
//! parent's written application to change the municipality (R5), and two accounts of one family
//! sent to the duplicate queue.

use crate::contract::choice::Choice;
use crate::contract::duplicates::FlagAccountsForm;
use crate::contract::families::{FamilyQuery, LinkGuardianForm};
use crate::contract::municipality_changes::ChangeForm;
use crate::domain::field_error::FieldError;
use crate::ui::components::field::error_for;
use leptos::prelude::*;

/// «Привязать второго родителя»: the other parent's account instead of the child entered again.
#[component]
pub(super) fn LinkGuardianFields(
    child: i64,
    retry: Option<(LinkGuardianForm, Vec<FieldError>)>,
    query: FamilyQuery,
) -> impl IntoView {
    let (typed, errors) = retry.unwrap_or_default();
    let open = !errors.is_empty();
    let field = |name: &str| format!("field-{name}-{child}");
    view! {
        <details class="request-more" open=open>
            <summary>"Привязать второго родителя"</summary>
            <form method="post" action="/operator/families">
                <input type="hidden" name="link_child" value=child.to_string() />
                <SearchFields query />
                <div class="field">
                    <label for=field("guardian")>"Почта или телефон аккаунта второго родителя"</label>
                    <input id=field("guardian") name="guardian" type="text" value=typed.guardian autocomplete="off" aria-invalid=error_for(&errors, "guardian").is_some().then_some("true") />
                    {error_for(&errors, "guardian").map(|m| view! { <p class="field-error">{m}</p> })}
                </div>
                <div class="field">
                    <label for=field("guardian_reason")>"Какой документ проверен"</label>
                    <input id=field("guardian_reason") name="guardian_reason" type="text" value=typed.guardian_reason autocomplete="off" aria-invalid=error_for(&errors, "guardian_reason").is_some().then_some("true") />
                    {error_for(&errors, "guardian_reason").map(|m| view! { <p class="field-error">{m}</p> })}
                </div>
                <button type="submit" class="button button-secondary">"Привязать"</button>
            </form>
        </details>
    }
    .into_any()
}

/// «Заявление на смену муниципалитета» (R5): the parent's written application, recorded with its
/// scan for the regional operator. Always a full multipart post, so the scan goes with it.
#[component]
pub(super) fn ChangeFields(
    account: i64,
    current: i64,
    municipalities: Vec<Choice>,
    retry: Option<(ChangeForm, Vec<FieldError>)>,
    query: FamilyQuery,
) -> impl IntoView {
    let (typed, errors) = retry.unwrap_or_default();
    let open = !errors.is_empty();
    let field = |name: &str| format!("field-{name}-{account}");
    let choices = municipalities
        .into_iter()
        .filter(|m| m.value != current.to_string())
        .map(|m| {
            let selected = m.value == typed.change_to;
            view! { <option value=m.value selected=selected>{m.label}</option> }
        })
        .collect_view();
    view! {
        <details class="request-more" open=open>
            <summary>"Заявление на смену муниципалитета"</summary>
            <form method="post" action="/operator/families" enctype="multipart/form-data" class="resolve-form">
                <input type="hidden" name="change_account" value=account.to_string() />
                <SearchFields query />
                <div class="field">
                    <label for=field("change_to")>"Новый муниципалитет"</label>
                    <select id=field("change_to") name="change_to" aria-invalid=error_for(&errors, "change_to").is_some().then_some("true")>
                        <option value="">"Выберите"</option>
                        {choices}
                    </select>
                    {error_for(&errors, "change_to").map(|m| view! { <p class="field-error">{m}</p> })}
                </div>
                <div class="field">
                    <label for=field("change_reason")>"Причина из заявления"</label>
                    <input id=field("change_reason") name="change_reason" type="text" value=typed.change_reason autocomplete="off" aria-invalid=error_for(&errors, "change_reason").is_some().then_some("true") />
                    {error_for(&errors, "change_reason").map(|m| view! { <p class="field-error">{m}</p> })}
                </div>
                <div class="field">
                    <label for=field("change_document")>"Скан заявления (PDF, JPEG или PNG, до 5 МБ, необязательно)"</label>
                    <input id=field("change_document") name="change_document" type="file" accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png" />
                    {error_for(&errors, "change_document").map(|m| view! { <p class="field-error">{m}</p> })}
                </div>
                <button type="submit" class="button button-secondary">"Передать региональному оператору"</button>
            </form>
        </details>
    }
    .into_any()
}

/// «Возможный дубль аккаунта»: two accounts found for one family go to the duplicate queue.
#[component]
pub(super) fn FlagFields(
    account: i64,
    others: Vec<(i64, String)>,
    retry: Option<(FlagAccountsForm, Vec<FieldError>)>,
    query: FamilyQuery,
) -> impl IntoView {
    let (typed, errors) = retry.unwrap_or_default();
    let open = !errors.is_empty();
    let field = |name: &str| format!("field-{name}-{account}");
    let options = others
        .into_iter()
        .map(|(id, email)| {
            let selected = typed.flag_other == id.to_string();
            view! { <option value=id.to_string() selected=selected>{email}</option> }
        })
        .collect_view();
    view! {
        <details class="request-more" open=open>
            <summary>"Возможный дубль аккаунта"</summary>
            <form method="post" action="/operator/families" class="resolve-form">
                <input type="hidden" name="flag_account" value=account.to_string() />
                <SearchFields query />
                <div class="field">
                    <label for=field("flag_other")>"Аккаунт той же семьи"</label>
                    <select id=field("flag_other") name="flag_other" aria-invalid=error_for(&errors, "flag_other").is_some().then_some("true")>
                        {options}
                    </select>
                    {error_for(&errors, "flag_other").map(|m| view! { <p class="field-error">{m}</p> })}
                </div>
                <div class="field">
                    <label for=field("flag_reason")>"Почему это одна семья"</label>
                    <input id=field("flag_reason") name="flag_reason" type="text" value=typed.flag_reason autocomplete="off" aria-invalid=error_for(&errors, "flag_reason").is_some().then_some("true") />
                    {error_for(&errors, "flag_reason").map(|m| view! { <p class="field-error">{m}</p> })}
                </div>
                <button type="submit" class="button button-secondary">"Передать в очередь дублей"</button>
            </form>
        </details>
    }
    .into_any()
}

/// The search, carried along by the forms of a family, so that after a change the page shows the
/// family again (the page answers the post with the search run anew).
#[component]
pub(super) fn SearchFields(query: FamilyQuery) -> impl IntoView {
    view! {
        <input type="hidden" name="surname" value=query.surname />
        <input type="hidden" name="given_name" value=query.given_name />
        <input type="hidden" name="birth_date" value=query.birth_date />
        <input type="hidden" name="phone" value=query.phone />
        <input type="hidden" name="parent_surname" value=query.parent_surname />
        <input type="hidden" name="parent_given_name" value=query.parent_given_name />
    }
}
