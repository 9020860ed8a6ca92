use crate::api::catalog::get_program;
use crate::contract::catalog::ProgramDetails;
use crate::domain::money::format_rub;
use crate::error::AppError;
use crate::ui::components::group_card::GroupCard;
use crate::ui::pages::not_found::NotFound;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// A program: what it is, who runs it and where, and its groups.
#[component]
pub fn ProgramPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok());
    let program = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_program(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Transition fallback=|| view! { <p class="loading">"Загружаем программу…"</p> }>
            {move || Suspend::new(async move {
                match program.await {
                    Ok(program) => view! { <ProgramView program /> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFound /> }.into_any(),
                    Err(e) => view! { <p class="notice notice-error" role="alert">{e.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn ProgramView(program: ProgramDetails) -> impl IntoView {
    let org = program.organization;
    let cost = program.price_rub.map_or_else(
        || "Бесплатно".to_owned(),
        |p| format!("{} в месяц", format_rub(p)),
    );
    view! {
        <Title text=program.title.clone() />
        <nav class="breadcrumbs" aria-label="Вы здесь">
            <a href="/programs">"Программы"</a>
        </nav>
        <article class="program">
            <h1>{program.title}</h1>
            <ul class="tags" aria-label="Кратко о программе">
                <li class="tag">{program.direction.label()}</li>
                <li class="tag">{format!("уровень: {}", program.level.label())}</li>
                <li class="tag">{format!("{}–{} лет", program.age_min, program.age_max)}</li>
                <li class="tag">{cost}</li>
            </ul>
            <p class="program-description">{program.description}</p>
            <section class="organization-card" aria-labelledby="org-heading">
                <h2 id="org-heading">"Где проходят занятия"</h2>
                <p class="organization-name">{org.name}</p>
                <dl class="facts">
                    <dt>"Адрес"</dt>
                    <dd>{org.address}</dd>
                    {org.district.map(|d| view! { <dt>"Район"</dt><dd>{d}</dd> })}
                    <dt>"Телефон"</dt>
                    <dd>
                        <a href=format!("tel:{}", org.phone.replace([' ', '(', ')', '-'], ""))>
                            {org.phone.clone()}
                        </a>
                    </dd>
                    <dt>"Часы работы"</dt>
                    <dd>{org.opening_hours}</dd>
                    {org.email.map(|e| view! { <dt>"Эл. почта"</dt><dd><a href=format!("mailto:{e}")>{e.clone()}</a></dd> })}
                </dl>
            </section>
            <section aria-labelledby="groups-heading">
                <h2 id="groups-heading">"Группы"</h2>
                {if program.groups.is_empty() {
                    view! { <p class="notice">"Набор в группы пока не объявлен."</p> }.into_any()
                } else {
                    view! {
                        <ul class="group-list">
                            {program.groups.into_iter().map(|group| view! { <GroupCard group /> }).collect_view()}
                        </ul>
                    }
                        .into_any()
                }}
            </section>
        </article>
    }
}
