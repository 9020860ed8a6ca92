//! The МОЦ hotline card: the number, the hours, the VK page, and whether it is open right now.

use crate::contract::help::HotlineCard;
use crate::domain::help::{MOC_NAME, MOC_PHONE, MOC_PHONE_HREF, MOC_VK};
use leptos::prelude::*;

#[component]
pub fn MocCard(card: HotlineCard) -> impl IntoView {
    view! {
        <section class="card hotline" aria-labelledby="hotline-title">
            <h2 id="hotline-title">"Горячая линия МОЦ"</h2>
            <p>{MOC_NAME}</p>
            <p class="hotline-phone">
                <a href=MOC_PHONE_HREF>{MOC_PHONE}</a>
            </p>
            <p>{format!("Часы работы (время московское): {}", card.hours)}</p>
            <p class=if card.open { "hotline-state hotline-open" } else { "hotline-state hotline-closed" } role="status">
                {card.state}
            </p>
            <p>
                <a href=MOC_VK rel="noopener">"МОЦ Иваново во ВКонтакте"</a>
            </p>
        </section>
    }
}
