use crate::api::catalog::catalog_overview;
use crate::contract::catalog::CatalogSummary;
use crate::domain::plural::count_with_noun;
use leptos::prelude::*;

/// The home page: a quick search, the направленности with their program counts, the main rule.
#[component]
pub fn HomePage() -> impl IntoView {
    let overview = Resource::new(|| (), |_| catalog_overview());
    view! {
        <section class="hero">
            <h1>"Кружки и секции для детей Иванова"</h1>
            <p>"Бесплатные и платные программы дополнительного образования школ, детских садов и центров творчества."</p>
            <form class="quick-search" method="get" action="/programs" role="search">
                <div class="field field-wide">
                    <label for="home-q">"Что ищем?"</label>
                    <input id="home-q" name="q" type="search" placeholder="Например, робототехника" />
                </div>
                <div class="field">
                    <label for="home-age">"Возраст ребенка, лет"</label>
                    <input id="home-age" name="age" type="text" inputmode="numeric" autocomplete="off" />
                </div>
                <button type="submit" class="button button-primary">"Найти программы"</button>
            </form>
        </section>
        <aside class="notice notice-important" aria-labelledby="rule-heading">
            <h2 id="rule-heading">"Ребенок добавляется в систему только один раз"</h2>
            <p>
                "Если вы уже регистрировались — не создавайте новый аккаунт. Не помните почту или данные ребенка указаны с ошибкой — обратитесь в образовательное учреждение (школа/дет. сад/УДО)."
            </p>
        </aside>
        <Suspense fallback=|| view! { <p class="loading">"Загружаем каталог…"</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(overview) => view! { <Directions overview /> }.into_any(),
                    Err(e) => view! { <p class="notice notice-error" role="alert">{e.to_string()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Directions(overview: CatalogSummary) -> impl IntoView {
    view! {
        <section aria-labelledby="directions-heading">
            <h2 id="directions-heading">"Направленности"</h2>
            <ul class="direction-grid">
                {overview
                    .directions
                    .into_iter()
                    .map(|(direction, count)| {
                        view! {
                            <li>
                                <a class="direction-tile" href=format!("/programs?direction={}", direction.code())>
                                    <span class="direction-name">{direction.label()}</span>
                                    <span class="direction-count">
                                        {count_with_noun(count, "программа", "программы", "программ")}
                                    </span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <p class="totals">
                {format!(
                    "{} · свободно {}",
                    count_with_noun(overview.organizations, "учреждение", "учреждения", "учреждений"),
                    count_with_noun(overview.free_seats, "место", "места", "мест"),
                )}
            </p>
        </section>
    }
}
