use crate::contract::catalog::ProgramSummary;
use crate::domain::money::format_rub;
use crate::domain::plural::count_with_noun;
use leptos::prelude::*;

/// One program in the list; the whole title is the link to its page.
#[component]
pub fn ProgramCard(program: ProgramSummary) -> impl IntoView {
    let seats = if program.free_seats == 0 {
        "Мест нет — можно встать в очередь".to_owned()
    } else {
        format!(
            "Свободно {}",
            count_with_noun(program.free_seats.into(), "место", "места", "мест")
        )
    };
    let cost = program.price_rub.map_or_else(
        || "Бесплатно".to_owned(),
        |p| format!("{} в месяц", format_rub(p)),
    );
    let place = match &program.district_name {
        Some(d) => format!("{}, {} район", program.organization_name, d),
        None => program.organization_name.clone(),
    };
    view! {
        <li class="program-card">
            <h2 class="program-card-title">
                <a href=format!("/programs/{}", program.id)>{program.title}</a>
            </h2>
            <p class="program-card-place">{place}</p>
            <ul class="tags" aria-label="Кратко о программе">
                <li class="tag">{program.direction.label()}</li>
                <li class="tag">{format!("{}–{} лет", program.age_min, program.age_max)}</li>
                <li class="tag">{cost}</li>
            </ul>
            <p class=if program.free_seats == 0 { "seats seats-none" } else { "seats" }>
                {seats}
                {format!(
                    " · {}",
                    count_with_noun(program.group_count.into(), "группа", "группы", "групп"),
                )}
            </p>
        </li>
    }
}
