//! The fields of a child's data in a correction form, each with its label, hint and error.

use crate::contract::corrections::CorrectionForm;
use crate::domain::field_error::FieldError;
use crate::ui::components::field::{error_for, TextField};
use leptos::prelude::*;

#[component]
pub fn ChildDataFields(form: CorrectionForm, errors: Vec<FieldError>) -> impl IntoView {
    let sex_error = error_for(&errors, "sex");
    let sex_described = sex_error.is_some().then_some("error-sex");
    let (male, female) = (form.sex == "male", form.sex == "female");
    view! {
        <TextField name="surname" label="Фамилия" value=form.surname error=error_for(&errors, "surname") autocomplete="off" />
        <TextField name="given_name" label="Имя" value=form.given_name error=error_for(&errors, "given_name") autocomplete="off" />
        <TextField name="patronymic" label="Отчество (если есть)" value=form.patronymic error=error_for(&errors, "patronymic") autocomplete="off" />
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
        <TextField name="birth_date" label="Дата рождения" value=form.birth_date error=error_for(&errors, "birth_date") hint="ДД.ММ.ГГГГ, например 05.09.2016" inputmode="numeric" autocomplete="off" />
        <TextField name="snils" label="СНИЛС (необязательно)" value=form.snils error=error_for(&errors, "snils") hint="11 цифр, например 112-233-445 95" inputmode="numeric" autocomplete="off" />
        <TextField name="birth_certificate" label="Свидетельство о рождении (необязательно)" value=form.birth_certificate error=error_for(&errors, "birth_certificate") hint="Серия и номер, например II-ФО 123456" autocomplete="off" />
    }
    .into_any()
}
