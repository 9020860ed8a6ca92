use crate::api::accounts::{list_municipalities, register, Register};
use crate::contract::accounts::{Municipality, RegistrationForm, RegistrationOutcome, WizardStep};
use crate::error::AppError;
use crate::ui::components::error_summary::ErrorSummary;
use crate::ui::components::steps::StepIndicator;
use crate::ui::forms::{answer_posted, posted};
use crate::ui::pages::register_steps::{ContactsStep, PasswordStep, PersonStep, Registered};
use leptos::form::FromFormData;
use leptos::prelude::*;

/// Steps 2–5 of the registration. Each step is a form posting to this page; the server answers a
/// post by rendering the next step (or the same one with its errors) into the wizard island.
#[component]
pub fn RegisterWizardPage() -> impl IntoView {
    let submitted = posted::<RegistrationForm>();
    let from_post = answer_posted(submitted.clone(), register);
    let municipalities = Resource::new(|| (), |_| list_municipalities());
    view! {
        <h1>"Регистрация"</h1>
        <Suspense fallback=|| view! { <p class="loading">"Загружаем…"</p> }>
            {move || {
                let submitted = submitted.clone();
                Suspend::new(async move {
                    let municipalities = municipalities.await.unwrap_or_default();
                    let outcome = from_post.await;
                    view! { <RegisterWizard outcome last_form=submitted municipalities /> }
                })
            }}
        </Suspense>
    }
}

/// The wizard's form: one of the parent's two islands. Once its WebAssembly has arrived, «Далее»
/// and «Назад» go through the server function and the next step replaces this one without a
/// reload; before that (or without JavaScript) the same form posts to the page.
#[island]
fn RegisterWizard(
    /// The server's answer to the form posted with this page, if any.
    outcome: Option<Result<RegistrationOutcome, AppError>>,
    /// The form as posted with this page, shown again if the answer is a failure.
    last_form: Option<RegistrationForm>,
    municipalities: Vec<Municipality>,
) -> impl IntoView {
    let last_form = RwSignal::new(last_form);
    let action = ServerAction::<Register>::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        if let Ok(args) = Register::from_event(&ev) {
            ev.prevent_default();
            last_form.set(Some(args.form.clone()));
            action.dispatch(args);
        }
    };
    move || {
        let outcome = action.value().get().or_else(|| outcome.clone());
        render(
            outcome,
            last_form.get(),
            municipalities.clone(),
            action.pending().get(),
            on_submit,
        )
    }
}

fn render(
    outcome: Option<Result<RegistrationOutcome, AppError>>,
    last_form: Option<RegistrationForm>,
    municipalities: Vec<Municipality>,
    pending: bool,
    on_submit: impl Fn(leptos::ev::SubmitEvent) + Clone + Send + 'static,
) -> AnyView {
    let (step, form, errors, gmail_warning, account_exists, failure) = match outcome {
        None => (
            WizardStep::Person,
            Box::new(RegistrationForm {
                kind: "parent".into(),
                ..Default::default()
            }),
            Vec::new(),
            false,
            false,
            None,
        ),
        Some(Ok(RegistrationOutcome::Registered { email })) => {
            return view! { <Registered email /> }.into_any()
        }
        Some(Ok(RegistrationOutcome::Step {
            step,
            form,
            errors,
            gmail_warning,
            account_exists,
        })) => (step, form, errors, gmail_warning, account_exists, None),
        Some(Err(e)) => {
            let form = last_form.unwrap_or_default();
            (
                WizardStep::from_code(&form.step),
                Box::new(form),
                Vec::new(),
                false,
                false,
                Some(e.to_string()),
            )
        }
    };
    let form = *form;
    view! {
        <StepIndicator current=step.number() />
        {failure.map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })}
        {(!errors.is_empty()).then(|| view! { <ErrorSummary errors=errors.clone() /> })}
        <form method="post" action="/register/new" novalidate on:submit=on_submit class="card wizard">
            <input type="hidden" name="step" value=step.code() />
            {hidden_except(&form, step)}
            {match step {
                WizardStep::Person => view! { <PersonStep form errors municipalities /> }.into_any(),
                WizardStep::Contacts => view! { <ContactsStep form errors gmail_warning account_exists /> }.into_any(),
                WizardStep::Password => view! { <PasswordStep form errors /> }.into_any(),
            }}
            <div class="wizard-actions">
                {(step != WizardStep::Person)
                    .then(|| {
                        view! {
                            <button type="submit" name="go" value="back" class="button button-secondary" disabled=pending>
                                "Назад"
                            </button>
                        }
                    })}
                <button type="submit" name="go" value="next" class="button button-primary" disabled=pending>
                    {if step == WizardStep::Password { "Зарегистрироваться" } else { "Далее" }}
                </button>
            </div>
        </form>
    }
    .into_any()
}

/// Fields of the other steps travel as hidden inputs, so «Назад» and «Далее» lose nothing.
fn hidden_except(form: &RegistrationForm, step: WizardStep) -> impl IntoView {
    let mut fields: Vec<(&'static str, String)> = Vec::new();
    if step != WizardStep::Person {
        fields.extend([
            ("kind", form.kind.clone()),
            ("surname", form.surname.clone()),
            ("given_name", form.given_name.clone()),
            ("patronymic", form.patronymic.clone()),
            ("municipality", form.municipality.clone()),
        ]);
    }
    if step != WizardStep::Contacts {
        fields.extend([
            ("phone", form.phone.clone()),
            ("email", form.email.clone()),
            ("gmail_ok", form.gmail_ok.clone()),
        ]);
    }
    if step != WizardStep::Password {
        fields.extend([
            ("password", form.password.clone()),
            ("consent", form.consent.clone()),
        ]);
    }
    fields
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(name, value)| view! { <input type="hidden" name=name value=value /> })
        .collect_view()
}
