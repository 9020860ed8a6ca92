//! Two versions of a child's data side by side, what differs marked in colour and in words.

use crate::domain::identity::review::ComparedField;
use leptos::prelude::*;

#[component]
pub fn ComparedTable(
    first_title: String,
    second_title: String,
    fields: Vec<ComparedField>,
    /// Further rows (`label`, first, second) that are not compared.
    #[prop(optional)]
    more: Vec<(&'static str, String, String)>,
) -> impl IntoView {
    view! {
        <table class="pair-table">
            <thead>
                <tr>
                    <th scope="col">"Данные"</th>
                    <th scope="col">{first_title}</th>
                    <th scope="col">{second_title}</th>
                </tr>
            </thead>
            <tbody>
                {fields
                    .into_iter()
                    .map(|f| view! {
                        <tr class=if f.differs { "differs" } else { "" }>
                            <th scope="row">
                                {f.label}
                                {f.differs.then(|| view! { <span class="differs-mark">" (отличается)"</span> })}
                            </th>
                            <td>{f.first}</td>
                            <td>{f.second}</td>
                        </tr>
                    })
                    .collect_view()}
                {more
                    .into_iter()
                    .map(|(label, a, b)| view! {
                        <tr>
                            <th scope="row">{label}</th>
                            <td>{a}</td>
                            <td>{b}</td>
                        </tr>
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
