//! «Помощь»: the wizard «Что случилось?» — one choice per situation of the municipality's
//! document — the document's conclusions with the chain родитель → учреждение → МОЦ, and for each
//! situation what not to do, what to do, and whom to contact, with the МОЦ hotline's state now.

use crate::api::help::{help_contacts, hotline};
use crate::contract::help::{Contact, ContactsAnswer};
use crate::domain::help::situation::{FirstContact, Situation};
use crate::domain::help::{CONCLUSIONS, MOC_WHEN};
use crate::ui::components::contact_card::ContactCard;
use crate::ui::components::hotline_card::MocCard;
use crate::ui::pages::not_found::NotFound;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn HelpPage() -> impl IntoView {
    let card = Resource::new(|| (), |_| hotline());
    view! {
        <h1>"Что случилось?"</h1>
        <p class="lead">"Выберите, что произошло, — подскажем, что делать и куда обратиться."</p>
        <ul class="choice-list situation-list">
            {Situation::ALL
                .into_iter()
                .map(|s| view! { <li><a class="button button-secondary situation" href=s.href()>{s.title()}</a></li> })
                .collect_view()}
        </ul>
        <section class="card" aria-labelledby="conclusions-title">
            <h2 id="conclusions-title">"Выводы"</h2>
            <ol class="conclusions">
                {CONCLUSIONS.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
            </ol>
            <Chain />
        </section>
        <Suspense fallback=|| view! { <p class="loading">"Загружаем…"</p> }>
            {move || Suspend::new(async move {
                card.await.ok().map(|card| view! { <p>{MOC_WHEN}</p><MocCard card /> })
            })}
        </Suspense>
    }
}

/// The order of turning for help, drawn: родитель → учреждение → МОЦ.
#[component]
fn Chain() -> impl IntoView {
    view! {
        <ol class="chain" aria-label="Куда обращаться по порядку">
            <li>"Родитель"</li>
            <li>"Учреждение (школа, детский сад, УДО)"</li>
            <li>"МОЦ"</li>
        </ol>
    }
}

#[component]
pub fn HelpSituationPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let situation = move || {
        params
            .read()
            .get("situation")
            .and_then(|s| Situation::from_slug(&s))
    };
    let q = move || query.read().get("q").unwrap_or_default();
    let contacts = Resource::new(q, |q| help_contacts(Some(q)));
    view! {
        {move || match situation() {
            None => view! { <NotFound /> }.into_any(),
            Some(s) => view! {
                <p><a href="/help">"← Что случилось?"</a></p>
                <h1>{s.title()}</h1>
                {s.notes().iter().map(|n| view! { <p>{*n}</p> }).collect_view()}
                <section class="notice notice-important" aria-labelledby="dont-title">
                    <h2 id="dont-title">"Чего не нужно делать"</h2>
                    <p>{s.dont()}</p>
                </section>
                <section class="card" aria-labelledby="todo-title">
                    <h2 id="todo-title">"Что делать"</h2>
                    <p>{s.todo()}</p>
                </section>
                <h2>"Куда обращаться"</h2>
                <Suspense fallback=|| view! { <p class="loading">"Загружаем контакты…"</p> }>
                    {move || Suspend::new(async move {
                        match contacts.await {
                            Ok(c) => view! { <Contacts situation=s contacts=c query=q() /> }.into_any(),
                            Err(e) => view! { <p class="notice notice-error" role="alert">{e.to_string()}</p> }.into_any(),
                        }
                    })}
                </Suspense>
                <p><a href="/help">"Другая ситуация"</a></p>
            }
                .into_any(),
        }}
    }
}

/// Whom to contact: the family's institutions (or a search for one), then МОЦ — or МОЦ's support
/// line first where the document sends the parent there.
#[component]
fn Contacts(situation: Situation, contacts: ContactsAnswer, query: String) -> impl IntoView {
    let ContactsAnswer {
        signed_in,
        mine,
        found,
        hotline,
    } = contacts;
    let moc = view! {
        <section aria-labelledby="moc-title">
            <h3 id="moc-title">"Если учреждение не помогло — МОЦ"</h3>
            <p>{MOC_WHEN}</p>
            <MocCard card=hotline />
        </section>
    };
    let institutions = view! {
        <section aria-labelledby="institution-title">
            <h3 id="institution-title">"Ваше учреждение"</h3>
            {(!mine.is_empty()).then(|| view! {
                <p>"Учреждения, где ваши заявки или где подтверждали данные ваших детей:"</p>
                <ContactList contacts=mine.clone() />
            })}
            <InstitutionSearch situation query found has_own=!mine.is_empty() />
            {signed_in.then(|| view! {
                <p>
                    <a class="button button-primary" href=format!("/cabinet/requests/new?situation={}", situation.slug())>
                        "Написать обращение в учреждение"
                    </a>
                </p>
            })}
            {(!signed_in).then(|| view! {
                <p>"Войдите в личный кабинет, чтобы написать обращение в учреждение и видеть ответ на сайте. "<a href="/login">"Войти"</a></p>
            })}
        </section>
    };
    match situation.first_contact() {
        FirstContact::MocSupport => view! { {moc}{institutions} }.into_any(),
        FirstContact::Institution => view! { {institutions}{moc} }.into_any(),
    }
}

#[component]
fn InstitutionSearch(
    situation: Situation,
    query: String,
    found: Vec<Contact>,
    has_own: bool,
) -> impl IntoView {
    let searched = query.trim().chars().count() >= 2;
    view! {
        <form method="get" action=situation.href() class="quick-search" role="search">
            <div class="field">
                <label for="field-q">
                    {if has_own { "Другое учреждение: название или номер" } else { "Найдите свое учреждение: название или номер школы, детского сада" }}
                </label>
                <input id="field-q" name="q" type="search" value=query.clone() />
            </div>
            <button type="submit" class="button button-secondary">"Найти"</button>
        </form>
        {searched.then(|| if found.is_empty() {
            view! { <p role="status">"Ничего не нашлось. Попробуйте номер школы или часть названия."</p> }.into_any()
        } else {
            view! { <ContactList contacts=found /> }.into_any()
        })}
    }
}

#[component]
fn ContactList(contacts: Vec<Contact>) -> impl IntoView {
    view! {
        <ul class="program-list contact-list">
            {contacts.into_iter().map(|contact| view! { <ContactCard contact /> }).collect_view()}
        </ul>
    }
}
