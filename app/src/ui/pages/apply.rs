//! «Подать заявку»: a child of the family and the group chosen on the program's page.

use crate::api::accounts::current_user;
use crate::api::applications::{apply, children_to_apply, group_to_apply};
use crate::contract::applications::{ApplyForm, ApplyOutcome, ApplyTarget, ChildChoice};
use crate::domain::catalog_filter::FieldError;
use crate::error::AppError;
use crate::ui::components::error_summary::ErrorSummary;
use crate::ui::components::field::error_for;
use crate::ui::forms::{answer_posted, posted};
use crate::ui::pages::not_found::NotFound;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ApplyPage() -> impl IntoView {
    let query = use_query_map();
    let submitted = posted::<ApplyForm>();
    let group_id = submitted
        .as_ref()
        .map(|f| f.group_id.clone())
        .or_else(|| query.get_untracked().get("group"))
        .and_then(|g| g.trim().parse::<i64>().ok());
    let chosen = RwSignal::new(submitted.clone().unwrap_or_default().child_id);
    let from_post = answer_posted(submitted, apply);
    let data = Resource::new(
        || (),
        move |_| async move {
            let target = match group_id {
                Some(id) => group_to_apply(id).await,
                None => Err(AppError::NotFound),
            };
            let signed_in = matches!(current_user().await, Ok(Some(_)));
            let children = children_to_apply().await.unwrap_or_default();
            (target, signed_in, children)
        },
    );
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Загружаем…"</p> }>
            {move || Suspend::new(async move {
                let posted_outcome = from_post.await;
                let (target, signed_in, children) = data.await;
                let target = match target {
                    Ok(t) => t,
                    Err(AppError::NotFound) => return view! { <NotFound /> }.into_any(),
                    Err(e) => return view! { <p class="notice notice-error" role="alert">{e.to_string()}</p> }.into_any(),
                };
                view! {
                    <nav class="breadcrumbs" aria-label="Вы здесь">
                        <a href=format!("/programs/{}", target.program_id)>{target.program_title.clone()}</a>
                    </nav>
                    <h1>"Заявка на программу"</h1>
                    <Target target=target.clone() />
                    {move || {
                        let outcome = posted_outcome.clone();
                        body(outcome, &target, signed_in, children.clone(), chosen.get())
                    }}
                }
                    .into_any()
            })}
        </Suspense>
    }
}

#[component]
fn Target(target: ApplyTarget) -> impl IntoView {
    let g = target.group;
    view! {
        <section class="card" aria-label="Группа">
            <p class="program-title">{target.program_title}</p>
            <p>{target.organization_name}</p>
            <dl class="facts">
                <dt>"Группа"</dt>
                <dd>{g.name}</dd>
                <dt>"Расписание"</dt>
                <dd>{g.schedule}</dd>
                <dt>"Возраст"</dt>
                <dd>{format!("{}–{} лет", g.age_min, g.age_max)}</dd>
                <dt>"Свободных мест"</dt>
                <dd>{format!("{} из {}", g.free_seats, g.capacity)}</dd>
            </dl>
            <p class="enrolment">{g.enrolment.describe()}</p>
        </section>
    }
}

fn body(
    outcome: Option<Result<ApplyOutcome, AppError>>,
    target: &ApplyTarget,
    signed_in: bool,
    children: Vec<ChildChoice>,
    chosen: String,
) -> AnyView {
    if !signed_in {
        return view! {
            <div class="notice">
                <p>"Заявку подает родитель из личного кабинета."</p>
                <p>
                    <a class="button button-primary" href="/login">"Войти"</a>
                    " "
                    <a class="button button-secondary" href="/register">"Регистрация"</a>
                </p>
            </div>
        }
        .into_any();
    }
    if children.is_empty() {
        return view! {
            <div class="notice">
                <p>"Сначала добавьте ребенка в личном кабинете — один раз, дальше заявки подаются в пару нажатий."</p>
                <a class="button button-primary" href="/cabinet/children/new">"Добавить ребенка"</a>
            </div>
        }
        .into_any();
    }
    let errors: Vec<FieldError> = match outcome {
        Some(Ok(ApplyOutcome::Applied {
            child_name,
            group_name,
            status,
            position,
        })) => return view! { <Applied child_name group_name status position /> }.into_any(),
        Some(Ok(ApplyOutcome::Invalid { errors })) => errors,
        Some(Err(e)) => vec![FieldError::new("form", &e.to_string())],
        None => Vec::new(),
    };
    let full = target.group.free_seats == 0;
    let child_error = error_for(&errors, "child_id");
    let described = child_error.as_ref().map(|_| "error-child_id");
    let other_errors: Vec<String> = errors
        .iter()
        .filter(|e| e.field != "child_id")
        .map(|e| e.message.clone())
        .collect();
    let summary: Vec<FieldError> = errors
        .iter()
        .filter(|e| e.field == "child_id")
        .cloned()
        .collect();
    let group_id = target.group.id.0.to_string();
    view! {
        {(!summary.is_empty()).then(|| view! { <ErrorSummary errors=summary /> })}
        {other_errors
            .into_iter()
            .map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })
            .collect_view()}
        <form method="post" action="/apply" novalidate class="card">
            <input type="hidden" name="group_id" value=group_id />
            <fieldset class="field" aria-describedby=described>
                <legend>"Для кого заявка"</legend>
                {children
                    .into_iter()
                    .enumerate()
                    .map(|(i, c)| {
                        let id = if i == 0 { "field-child_id".to_owned() } else { format!("child-{}", c.id) };
                        let value = c.id.to_string();
                        let checked = chosen == value;
                        view! {
                            <div class="field-check">
                                <input id=id.clone() type="radio" name="child_id" value=value checked=checked />
                                <label for=id>{c.name}</label>
                            </div>
                        }
                    })
                    .collect_view()}
                {child_error.map(|m| view! { <p class="field-error" id="error-child_id">{m}</p> })}
            </fieldset>
            {full.then(|| view! {
                <p class="notice">"Свободных мест нет: заявка встанет в очередь. Когда место освободится, мы предложим его первому в очереди и сообщим по почте."</p>
            })}
            <button type="submit" class="button button-primary">
                {if full { "Встать в очередь" } else { "Подать заявку" }}
            </button>
        </form>
    }
    .into_any()
}

#[component]
fn Applied(
    child_name: String,
    group_name: String,
    status: String,
    position: Option<i64>,
) -> impl IntoView {
    view! {
        <section class="card" role="status">
            <h2>"Заявка подана"</h2>
            <p>{format!("{child_name}, группа «{group_name}».")}</p>
            <p>
                "Статус: "
                <strong>{status}</strong>
            </p>
            {position.map(|p| view! { <p>{format!("Мест нет — заявка в очереди. Номер в очереди: {p}.")}</p> })}
            <p>"Все изменения статуса придут на почту и в личный кабинет."</p>
            <a class="button button-primary" href="/cabinet/applications">"Мои заявки"</a>
        </section>
    }
}
