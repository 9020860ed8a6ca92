//! An institution with what a parent needs to reach it: address, phone, e-mail and hours.

use crate::contract::help::Contact;
use leptos::prelude::*;

#[component]
pub fn ContactCard(contact: Contact) -> impl IntoView {
    let phone_href = format!(
        "tel:{}",
        contact
            .phone
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect::<String>()
    );
    view! {
        <li class="organization-card contact">
            <p class="organization-name">{contact.short_name}</p>
            <p class="contact-full-name">{contact.name}</p>
            <p>{format!("Адрес: {}", contact.address)}</p>
            <p>"Телефон: "<a href=phone_href>{contact.phone}</a></p>
            {contact.email.map(|e| view! { <p>"Почта: "<a href=format!("mailto:{e}")>{e.clone()}</a></p> })}
            <p>{format!("Часы работы: {}", contact.opening_hours)}</p>
        </li>
    }
}
