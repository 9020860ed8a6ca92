use crate::contract::catalog::FilterChoices;
use crate::domain::catalog_filter::{CatalogQuery, FieldError, MAX_AGE};
use crate::domain::direction::Direction;
use leptos::prelude::*;
use leptos_router::components::Form;

/// The catalogue's filters: a GET form, so the filtered list has a URL that can be shared.
#[component]
pub fn CatalogFilters(
    query: CatalogQuery,
    options: FilterChoices,
    errors: Vec<FieldError>,
) -> impl IntoView {
    let message = move |field: &str| {
        errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.clone())
    };
    let age_error = message("age");
    let q_error = message("q");
    let selected = |current: &str, value: &str| current.trim() == value;
    let active = query.active_filters();
    // Collapsed on a phone so that results come first; open when a filter needs fixing.
    let open_filters = age_error.is_some();
    let summary = if active == 0 {
        "Фильтры".to_owned()
    } else {
        format!("Фильтры · выбрано: {active}")
    };
    view! {
        <Form method="get" action="/programs">
            <div class="filters">
                <div class="field field-wide">
                    <label for="field-q">"Поиск по названию или учреждению"</label>
                    <input
                        id="field-q"
                        name="q"
                        type="search"
                        value=query.q.clone()
                        maxlength="100"
                        aria-invalid=q_error.is_some().then_some("true")
                        aria-describedby=q_error.is_some().then_some("error-q")
                    />
                    {q_error.map(|m| view! { <p class="field-error" id="error-q">{m}</p> })}
                </div>
                <details class="more-filters" open=open_filters>
                    <summary>{summary}</summary>
                    <div class="more-filters-body">
                    <div class="field">
                        <label for="field-direction">"Направленность"</label>
                        <select id="field-direction" name="direction">
                            <option value="">"Все"</option>
                            {Direction::ALL
                                .into_iter()
                                .map(|d| {
                                    view! {
                                        <option value=d.code() selected=selected(&query.direction, d.code())>
                                            {d.label()}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="field-age">"Возраст ребенка, лет"</label>
                        <input
                            id="field-age"
                            name="age"
                            type="text"
                            inputmode="numeric"
                            autocomplete="off"
                            value=query.age.clone()
                            aria-invalid=age_error.is_some().then_some("true")
                            aria-describedby=if age_error.is_some() { "error-age" } else { "hint-age" }
                        />
                        <p class="field-hint" id="hint-age">{format!("От 0 до {MAX_AGE}")}</p>
                        {age_error.map(|m| view! { <p class="field-error" id="error-age">{m}</p> })}
                    </div>
                    <div class="field">
                        <label for="field-organization">"Учреждение"</label>
                        <select id="field-organization" name="organization">
                            <option value="">"Все"</option>
                            {options
                                .organizations
                                .into_iter()
                                .map(|o| {
                                    let value = o.id.to_string();
                                    let is_selected = selected(&query.organization, &value);
                                    view! {
                                        <option value=value selected=is_selected>
                                            {o.name}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="field-district">"Район города"</label>
                        <select id="field-district" name="district">
                            <option value="">"Все"</option>
                            {options
                                .districts
                                .into_iter()
                                .map(|d| {
                                    let value = d.id.to_string();
                                    let is_selected = selected(&query.district, &value);
                                    view! {
                                        <option value=value selected=is_selected>
                                            {d.name}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="field-cost">"Стоимость"</label>
                        <select id="field-cost" name="cost">
                            <option value="">"Любая"</option>
                            <option value="free" selected=selected(&query.cost, "free")>
                                "Бесплатно"
                            </option>
                            <option value="paid" selected=selected(&query.cost, "paid")>
                                "Платно"
                            </option>
                        </select>
                    </div>
                    <div class="field field-check">
                        <input
                            id="field-seats"
                            name="seats"
                            type="checkbox"
                            value="1"
                            checked=!query.seats.trim().is_empty()
                        />
                        <label for="field-seats">"Есть свободные места"</label>
                    </div>
                    </div>
                </details>
                <div class="filter-actions">
                    <button type="submit" class="button button-primary">
                        "Найти"
                    </button>
                    <a class="button button-secondary" href="/programs">
                        "Сбросить"
                    </a>
                </div>
            </div>
        </Form>
    }
}
