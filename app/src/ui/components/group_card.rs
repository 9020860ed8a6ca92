use crate::contract::catalog::GroupCard as Group;
use crate::domain::dates::format_ru;
use crate::domain::plural::count_with_noun;
use leptos::prelude::*;

/// One study group on a program's page.
#[component]
pub fn GroupCard(group: Group) -> impl IntoView {
    let seats = if group.free_seats == 0 {
        format!("Мест нет (всего {})", group.capacity)
    } else {
        format!(
            "Свободно {} из {}",
            count_with_noun(group.free_seats.into(), "место", "места", "мест"),
            group.capacity
        )
    };
    let open = group.enrolment.is_open();
    let apply_href = format!("/apply?group={}", group.id);
    let apply_label = if group.free_seats == 0 {
        "Встать в очередь"
    } else {
        "Подать заявку"
    };
    view! {
        <li class="group-card">
            <h3>{group.name}</h3>
            <dl class="facts">
                <dt>"Расписание"</dt>
                <dd>{group.schedule}</dd>
                <dt>"Педагог"</dt>
                <dd>{group.teacher}</dd>
                <dt>"Возраст"</dt>
                <dd>{format!("{}–{} лет", group.age_min, group.age_max)}</dd>
                <dt>"Места"</dt>
                <dd class=if group.free_seats == 0 { "seats-none" } else { "" }>{seats}</dd>
                <dt>"Начало занятий"</dt>
                <dd>{format_ru(group.starts_on)}</dd>
                <dt>"Приём заявок"</dt>
                <dd>
                    {format!(
                        "с {} по {}",
                        format_ru(group.enrolment_opens),
                        format_ru(group.enrolment_closes),
                    )}
                </dd>
            </dl>
            <p class=if open { "enrolment enrolment-open" } else { "enrolment" }>
                {group.enrolment.describe()}
            </p>
            {open.then(|| view! { <a class="button button-primary" href=apply_href>{apply_label}</a> })}
        </li>
    }
}
