use crate::api::children::{add_child, AddChild, CheckChild};
use crate::contract::children::{
    ChildForm, ChildOutcome, Refusal, ANOTHER_CHILD_LABEL, PROBABLE_WARNING,
};
use crate::error::AppError;
use crate::ui::components::error_summary::ErrorSummary;
use crate::ui::components::field::{error_for, CheckField, TextField};
use crate::ui::components::leave::Leave;
use crate::ui::forms::{answer_posted, posted};
use leptos::form::FromFormData;
use leptos::prelude::*;

/// «Добавить ребенка»: the duplicate check runs when the birth date is entered (with JavaScript)
/// and again, race-free, when the form is sent.
#[component]
pub fn AddChildPage() -> impl IntoView {
    let submitted = posted::<ChildForm>();
    let from_post = answer_posted(submitted.clone(), add_child);
    view! {
        <h1>"Добавить ребенка"</h1>
        <Suspense fallback=|| ()>
            {move || {
                let typed = submitted.clone().unwrap_or_default();
                Suspend::new(async move {
                    let outcome = from_post.await;
                    view! { <AddChildForm outcome typed /> }
                })
            }}
        </Suspense>
    }
}

/// The child's form: one of the parent's two islands. Hydrated, it asks the server whether the child
/// is already registered as soon as the birth date is typed, and sends the form without a reload.
#[island]
fn AddChildForm(
    /// The server's answer to the form posted with this page, if any.
    outcome: Option<Result<ChildOutcome, AppError>>,
    /// The form as posted with this page (empty on a first visit).
    typed: ChildForm,
) -> impl IntoView {
    let typed = RwSignal::new(typed);
    let add = ServerAction::<AddChild>::new();
    let check = ServerAction::<CheckChild>::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        if let Ok(args) = AddChild::from_event(&ev) {
            ev.prevent_default();
            typed.set(args.form.clone());
            add.dispatch(args);
        }
    };
    let on_change = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        if input.name() != "birth_date" || input.value().trim().len() < 10 {
            return;
        }
        if let Some(form) = input.form() {
            if let Ok(data) = web_sys::FormData::new_with_form(&form) {
                if let Ok(args) = CheckChild::from_form_data(&data) {
                    check.dispatch(args);
                }
            }
        }
    };
    move || {
        let outcome = add.value().get().or_else(|| outcome.clone());
        let early = check.value().get();
        render(
            outcome,
            early,
            typed.get(),
            add.pending().get(),
            on_submit,
            on_change,
        )
    }
}

fn render(
    outcome: Option<Result<ChildOutcome, AppError>>,
    early: Option<Result<ChildOutcome, AppError>>,
    form: ChildForm,
    pending: bool,
    on_submit: impl Fn(leptos::ev::SubmitEvent) + Clone + Send + 'static,
    on_change: impl Fn(leptos::ev::Event) + Clone + Send + 'static,
) -> AnyView {
    let mut errors = Vec::new();
    let mut notice: Option<ChildOutcome> = None;
    match outcome {
        Some(Err(AppError::Unauthorized)) => return view! { <Leave path="/login" /> }.into_any(),
        Some(Ok(ChildOutcome::Added { name, flagged })) => {
            return view! { <Added name flagged /> }.into_any()
        }
        Some(Ok(ChildOutcome::Invalid { errors: e })) => errors = e,
        Some(Ok(other)) => notice = Some(other),
        Some(Err(e)) => {
            return view! { <p class="notice notice-error" role="alert">{e.to_string()}</p> }
                .into_any()
        }
        None => {}
    }
    if notice.is_none() {
        if let Some(Ok(early @ (ChildOutcome::Probable | ChildOutcome::Refused(_)))) = early {
            notice = Some(early);
        }
    }
    let probable = matches!(notice, Some(ChildOutcome::Probable));
    let female = form.sex == "female";
    let male = form.sex == "male";
    let sex_error = error_for(&errors, "sex");
    let sex_described = sex_error.is_some().then_some("error-sex");
    view! {
        {(!errors.is_empty()).then(|| view! { <ErrorSummary errors=errors.clone() /> })}
        <form method="post" action="/cabinet/children/new" novalidate on:submit=on_submit on:change=on_change class="card wizard">
            <TextField name="surname" label="Фамилия" value=form.surname error=error_for(&errors, "surname") />
            <TextField name="given_name" label="Имя" value=form.given_name error=error_for(&errors, "given_name") />
            <TextField name="patronymic" label="Отчество (если есть)" value=form.patronymic error=error_for(&errors, "patronymic") />
            <fieldset class="field" aria-describedby=sex_described>
                <legend>"Пол"</legend>
                <div class="field-check">
                    <input id="field-sex" type="radio" name="sex" value="male" checked=male />
                    <label for="field-sex">"Мальчик"</label>
                </div>
                <div class="field-check">
                    <input id="sex-female" type="radio" name="sex" value="female" checked=female />
                    <label for="sex-female">"Девочка"</label>
                </div>
                {sex_error.map(|m| view! { <p class="field-error" id="error-sex">{m}</p> })}
            </fieldset>
            <TextField name="birth_date" label="Дата рождения" value=form.birth_date error=error_for(&errors, "birth_date") hint="ДД.ММ.ГГГГ, например 05.09.2016" inputmode="numeric" />
            <TextField name="snils" label="СНИЛС (необязательно)" value=form.snils error=error_for(&errors, "snils") hint="11 цифр, например 112-233-445 95" inputmode="numeric" />
            <TextField
                name="birth_certificate"
                label="Свидетельство о рождении (необязательно)"
                value=form.birth_certificate
                error=error_for(&errors, "birth_certificate")
                hint="Серия и номер, например II-ФО 123456"
            />
            {notice.map(|n| view! { <DuplicateNotice outcome=n another_child=form.another_child == "1" /> })}
            <div class="wizard-actions">
                <a class="button button-secondary" href="/cabinet">"Отмена"</a>
                <button type="submit" class="button button-primary" disabled=pending>
                    {if probable { "Добавить другого ребенка" } else { "Добавить" }}
                </button>
            </div>
        </form>
    }
    .into_any()
}

#[component]
fn DuplicateNotice(outcome: ChildOutcome, another_child: bool) -> impl IntoView {
    match outcome {
        ChildOutcome::Refused(refusal) => view! { <RefusalNotice refusal /> }.into_any(),
        ChildOutcome::Probable => view! {
            <div class="notice notice-important" role="alert">
                <p>{PROBABLE_WARNING}</p>
                <p>
                    <a href="/help/already-registered">"Что делать и куда обратиться"</a>
                </p>
                <CheckField name="another_child" label=ANOTHER_CHILD_LABEL checked=another_child />
            </div>
        }
        .into_any(),
        _ => ().into_any(),
    }
}

#[component]
fn RefusalNotice(refusal: Refusal) -> impl IntoView {
    view! {
        <div class="notice notice-error" role="alert">
            <p>
                <strong>{refusal.message()}</strong>
            </p>
            <p>{refusal.guidance()}</p>
            <p>
                <a href=refusal.help().href()>"Что делать и куда обратиться"</a>
            </p>
        </div>
    }
}

#[component]
fn Added(name: String, flagged: bool) -> impl IntoView {
    view! {
        <section class="card" role="status">
            <h2>{format!("Ребенок добавлен: {name}")}</h2>
            {flagged
                .then(|| {
                    view! {
                        <p>"Оператор проверит, не зарегистрирован ли этот ребенок раньше. До проверки заявки для него подать нельзя."</p>
                    }
                })}
            <p>"Чтобы данные считались подтвержденными, покажите документы ребенка в образовательном учреждении."</p>
            <a class="button button-primary" href="/cabinet">"В личный кабинет"</a>
        </section>
    }
}
