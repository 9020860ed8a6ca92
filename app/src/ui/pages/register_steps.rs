//! The screens of the registration wizard.

use crate::contract::accounts::{Municipality, RegistrationForm};
use crate::domain::account::email::GMAIL_WARNING;
use crate::domain::field_error::FieldError;
use crate::ui::components::field::{error_for, CheckField, TextField};
use crate::ui::components::steps::StepIndicator;
use leptos::prelude::*;

pub const CONSENT_LABEL: &str = "Я даю согласие на обработку моих персональных данных и персональных данных моего ребенка в соответствии с Федеральным законом от 27.07.2006 № 152-ФЗ «О персональных данных»";

#[component]
pub fn PersonStep(
    form: RegistrationForm,
    errors: Vec<FieldError>,
    municipalities: Vec<Municipality>,
) -> impl IntoView {
    let municipality_error = error_for(&errors, "municipality");
    let teen = form.kind == "teen";
    view! {
        <h2 id="wizard-heading" tabindex="-1">"О вас"</h2>
        <fieldset class="field">
            <legend>"Кто регистрируется"</legend>
            <div class="field-check">
                <input id="kind-parent" type="radio" name="kind" value="parent" checked=!teen />
                <label for="kind-parent">"Родитель (законный представитель)"</label>
            </div>
            <div class="field-check">
                <input id="kind-teen" type="radio" name="kind" value="teen" checked=teen />
                <label for="kind-teen">"Я сам(а), мне 14 лет или больше"</label>
            </div>
        </fieldset>
        <TextField name="surname" label="Фамилия" value=form.surname error=error_for(&errors, "surname") autocomplete="family-name" />
        <TextField name="given_name" label="Имя" value=form.given_name error=error_for(&errors, "given_name") autocomplete="given-name" />
        <TextField
            name="patronymic"
            label="Отчество (если есть)"
            value=form.patronymic
            error=error_for(&errors, "patronymic")
            autocomplete="additional-name"
        />
        <div class="field">
            <label for="field-municipality">"Муниципалитет"</label>
            <select
                id="field-municipality"
                name="municipality"
                aria-invalid=municipality_error.is_some().then_some("true")
                aria-describedby=if municipality_error.is_some() { "error-municipality" } else { "hint-municipality" }
            >
                <option value="">"— выберите —"</option>
                {municipalities
                    .into_iter()
                    .map(|m| {
                        let value = m.id.to_string();
                        let selected = value == form.municipality.trim();
                        view! { <option value=value selected=selected>{m.name}</option> }
                    })
                    .collect_view()}
            </select>
            <p class="field-hint" id="hint-municipality">"Где живет ребенок. Изменить его потом можно только по заявлению в учреждении."</p>
            {municipality_error.map(|m| view! { <p class="field-error" id="error-municipality">{m}</p> })}
        </div>
    }
}

#[component]
pub fn ContactsStep(
    form: RegistrationForm,
    errors: Vec<FieldError>,
    gmail_warning: bool,
    account_exists: bool,
) -> impl IntoView {
    view! {
        <h2 id="wizard-heading" tabindex="-1">"Контакты"</h2>
        {account_exists.then(|| view! { <AccountExists /> })}
        <TextField
            name="phone"
            label="Мобильный телефон"
            value=form.phone
            error=error_for(&errors, "phone")
            hint="Например, +7 912 345-67-89"
            kind="tel"
            autocomplete="tel"
            inputmode="tel"
        />
        <TextField
            name="email"
            label="Электронная почта"
            value=form.email
            error=error_for(&errors, "email")
            hint="На нее придет ссылка для подтверждения, а потом — ответы по заявкам"
            kind="email"
            autocomplete="email"
            inputmode="email"
        />
        {gmail_warning
            .then(|| {
                view! {
                    <div class="notice notice-important" role="status">
                        <p>{GMAIL_WARNING}</p>
                        <CheckField name="gmail_ok" label="Всё равно использовать эту почту" checked=form.gmail_ok == "1" />
                    </div>
                }
            })}
    }
}

/// The R2 guidance: no second account; log in, reset the password, or ask the institution.
#[component]
fn AccountExists() -> impl IntoView {
    view! {
        <div class="notice notice-important" role="alert">
            <p>"Аккаунт с такими данными уже есть. Второй аккаунт создать нельзя."</p>
            <ul class="link-list">
                <li>
                    <a href="/login">"Войти"</a>
                </li>
                <li>
                    <a href="/reset-password">"Восстановить пароль"</a>
                </li>
                <li>
                    <a href="/register/already#forgot-email">"Не помню почту"</a>
                </li>
            </ul>
        </div>
    }
}

#[component]
pub fn PasswordStep(form: RegistrationForm, errors: Vec<FieldError>) -> impl IntoView {
    view! {
        <h2 id="wizard-heading" tabindex="-1">"Пароль и согласие"</h2>
        <TextField
            name="password"
            label="Пароль"
            value=form.password
            error=error_for(&errors, "password")
            hint="Не короче 8 символов. Удобно взять фразу из нескольких слов"
            kind="password"
            autocomplete="new-password"
        />
        <CheckField name="consent" label=CONSENT_LABEL checked=form.consent == "1" error=error_for(&errors, "consent") />
    }
}

#[component]
pub fn Registered(email: String) -> impl IntoView {
    view! {
        <StepIndicator current=5 />
        <section class="card" aria-labelledby="done-heading">
            <h2 id="done-heading" tabindex="-1">"Проверьте почту"</h2>
            <p>
                "Мы отправили письмо на " <strong>{email}</strong>
                ". Откройте ссылку из письма, чтобы подтвердить адрес. Ссылка действует 48 часов."
            </p>
            <p>"Письмо может прийти через несколько минут. Если его нет, проверьте папку «Спам»."</p>
            <a class="button button-primary" href="/login">"Войти"</a>
        </section>
    }
}
