//! The registration wizard (R2, SPEC 4.1): one step at a time, each checked on the server; the
//! e-mail and phone are checked for an existing account before the last step, and again — by the
//! unique indexes — when the account is inserted.

use crate::contract::accounts::{Municipality, RegistrationForm, RegistrationOutcome, WizardStep};
use crate::domain::account::email::Email;
use crate::domain::account::password::check_password;
use crate::domain::account::phone::Phone;
use crate::domain::field_error::FieldError;
use crate::domain::identity::person_name::{GivenName, Patronymic, Surname};
use crate::error::AppError;
use crate::server::auth::passwords::hash_password;
use crate::server::auth::session::client_address;
use crate::server::auth::tokens::{random_token, token_hash};
use crate::server::db::accounts::{self, NewAccount, Taken};
use crate::server::mail::letters;
use crate::server::state::AppState;
use chrono::{Duration, Utc};

/// The R2 guidance shown when the e-mail or phone already has an account.
pub const ACCOUNT_EXISTS: &str = "Аккаунт с такими данными уже зарегистрирован. Не создавайте новый аккаунт — войдите в существующий или восстановите пароль. Если не помните почту, обратитесь в образовательное учреждение (школа/дет. сад/УДО): оператор подскажет вашу почту";
pub const CONSENT_REQUIRED: &str =
    "Чтобы зарегистрироваться, дайте согласие на обработку персональных данных";
const MUNICIPALITY_REQUIRED: &str = "Выберите муниципалитет из списка";
pub const CONFIRM_HOURS: i64 = 48;

pub async fn municipalities(state: &AppState) -> Result<Vec<Municipality>, AppError> {
    Ok(crate::server::db::municipalities::all(&state.db)
        .await?
        .into_iter()
        .map(|(id, name)| Municipality { id, name })
        .collect())
}

async fn municipality_exists(state: &AppState, id: i64) -> Result<bool, AppError> {
    Ok(crate::server::db::municipalities::exists(&state.db, id).await?)
}

fn step(
    step: WizardStep,
    mut form: RegistrationForm,
    errors: Vec<FieldError>,
) -> RegistrationOutcome {
    let gmail_warning =
        step == WizardStep::Contacts && Email::parse(&form.email).is_ok_and(|e| e.is_gmail());
    // A refused password is typed again; otherwise what was typed travels with the form, so that
    // «Назад» and «Далее» never lose it.
    if errors.iter().any(|e| e.field == "password") {
        form.password.clear();
    }
    form.step = step.code().to_owned();
    form.go.clear();
    RegistrationOutcome::Step {
        step,
        form: Box::new(form),
        errors,
        gmail_warning,
        account_exists: false,
    }
}

async fn person_errors(
    state: &AppState,
    form: &RegistrationForm,
) -> Result<Vec<FieldError>, AppError> {
    let mut errors = Vec::new();
    if let Err(m) = Surname::parse(&form.surname) {
        errors.push(FieldError::new("surname", m));
    }
    if let Err(m) = GivenName::parse(&form.given_name) {
        errors.push(FieldError::new("given_name", m));
    }
    if let Err(m) = Patronymic::parse_optional(&form.patronymic) {
        errors.push(FieldError::new("patronymic", m));
    }
    let municipality_ok = match form.municipality.trim().parse::<i64>() {
        Ok(id) => municipality_exists(state, id).await?,
        Err(_) => false,
    };
    if !municipality_ok {
        errors.push(FieldError::new("municipality", MUNICIPALITY_REQUIRED));
    }
    Ok(errors)
}

fn contact_errors(form: &RegistrationForm) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if let Err(m) = Phone::parse(&form.phone) {
        errors.push(FieldError::new("phone", m));
    }
    if let Err(m) = Email::parse(&form.email) {
        errors.push(FieldError::new("email", m));
    }
    errors
}

/// Handles one submission of the wizard.
#[tracing::instrument(skip_all, fields(step = %form.step, go = %form.go), err(Debug))]
pub async fn submit(
    state: &AppState,
    form: RegistrationForm,
) -> Result<RegistrationOutcome, AppError> {
    super::rate_limit::check(
        state,
        &format!("register:{}", client_address(state)),
        state.settings.registrations_per_address,
        600,
    )
    .await?;
    let current = WizardStep::from_code(&form.step);
    if form.go == "back" {
        let previous = match current {
            WizardStep::Password => WizardStep::Contacts,
            _ => WizardStep::Person,
        };
        return Ok(step(previous, form, Vec::new()));
    }
    // Every earlier step is checked again: the form travels through the browser.
    let errors = person_errors(state, &form).await?;
    if !errors.is_empty() || current == WizardStep::Person {
        let next = if errors.is_empty() {
            WizardStep::Contacts
        } else {
            WizardStep::Person
        };
        return Ok(step(next, form, errors));
    }
    let errors = contact_errors(&form);
    if !errors.is_empty() {
        return Ok(step(WizardStep::Contacts, form, errors));
    }
    let (Ok(email), Ok(phone)) = (Email::parse(&form.email), Phone::parse(&form.phone)) else {
        return Err(AppError::Internal);
    };
    if let Some(taken) = accounts::taken(&state.db, &email.canonical(), phone.e164()).await? {
        return account_exists(state, form, taken, &email).await;
    }
    if email.is_gmail() && form.gmail_ok != "1" && current == WizardStep::Contacts {
        return Ok(step(WizardStep::Contacts, form, Vec::new()));
    }
    if current == WizardStep::Contacts {
        return Ok(step(WizardStep::Password, form, Vec::new()));
    }
    let mut errors = Vec::new();
    if let Err(m) = check_password(&form.password) {
        errors.push(FieldError::new("password", m));
    }
    if form.consent != "1" {
        errors.push(FieldError::new("consent", CONSENT_REQUIRED));
    }
    if !errors.is_empty() {
        return Ok(step(WizardStep::Password, form, errors));
    }
    create_account(state, form, &email, &phone).await
}

async fn account_exists(
    state: &AppState,
    form: RegistrationForm,
    taken: Taken,
    email: &Email,
) -> Result<RegistrationOutcome, AppError> {
    let field = match taken {
        Taken::Email => "email",
        Taken::Phone => "phone",
    };
    if taken == Taken::Email {
        // At most one such letter an hour to one address, whoever asks.
        let bucket = format!("exists-letter:{}", email.canonical());
        if super::rate_limit::check(state, &bucket, 1, 3600)
            .await
            .is_ok()
        {
            // To the registered address: the mailbox the parent already uses for Kruzhok.
            if let Some(existing) = accounts::find_by_email(&state.db, &email.canonical()).await? {
                let letter = letters::account_exists(
                    &existing.email,
                    &state.link("/login"),
                    &state.link("/reset-password"),
                );
                super::accounts::deliver(state, existing.id, &letter).await;
            }
        }
    }
    let mut outcome = step(
        WizardStep::Contacts,
        form,
        vec![FieldError::new(field, ACCOUNT_EXISTS)],
    );
    if let RegistrationOutcome::Step { account_exists, .. } = &mut outcome {
        *account_exists = true;
    }
    Ok(outcome)
}

/// The link of a confirmation letter: the token signed with its expiry.
pub fn confirm_link(state: &AppState, token: &str, expires: chrono::DateTime<Utc>) -> String {
    state.link(&format!(
        "/confirm-email?token={}",
        state.signer.sign(token, expires.timestamp())
    ))
}

async fn create_account(
    state: &AppState,
    form: RegistrationForm,
    email: &Email,
    phone: &Phone,
) -> Result<RegistrationOutcome, AppError> {
    let surname = Surname::parse(&form.surname).map_err(|_| AppError::Internal)?;
    let given_name = GivenName::parse(&form.given_name).map_err(|_| AppError::Internal)?;
    let patronymic =
        Patronymic::parse_optional(&form.patronymic).map_err(|_| AppError::Internal)?;
    let municipality_id = form
        .municipality
        .trim()
        .parse::<i64>()
        .map_err(|_| AppError::Internal)?;
    let password_hash = hash_password(form.password.clone()).await?;
    let token = random_token();
    let expires = Utc::now() + Duration::hours(CONFIRM_HOURS);
    let canonical = email.canonical();
    let new = NewAccount {
        kind: if form.kind == "teen" {
            "teen"
        } else {
            "parent"
        },
        surname: surname.as_str(),
        given_name: given_name.as_str(),
        patronymic: patronymic.as_ref().map(Patronymic::as_str),
        phone: phone.e164(),
        email: email.as_str(),
        email_canonical: &canonical,
        password_hash: &password_hash,
        municipality_id,
        pd_consent_at: Utc::now(),
    };
    match accounts::insert_with_token(&state.db, &new, &token_hash(&token), expires).await? {
        Ok(account_id) => {
            tracing::info!(account_id, "account registered");
            let link = confirm_link(state, &token, expires);
            super::accounts::deliver(
                state,
                account_id,
                &letters::confirm_email(email.as_str(), &link),
            )
            .await;
            Ok(RegistrationOutcome::Registered {
                email: email.as_str().to_owned(),
            })
        }
        Err(taken) => account_exists(state, form, taken, email).await,
    }
}
