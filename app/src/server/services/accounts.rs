//! Signing in and out, confirming the e-mail, resetting the password.

use crate::contract::accounts::{LoginForm, SignedIn};
use crate::domain::account::email::Email;
use crate::domain::account::password::{check_password, DEMO_PASSWORD};
use crate::domain::field_error::FieldError;
use crate::error::AppError;
use crate::server::auth::passwords::{hash_password, verify_password};
use crate::server::auth::session::{
    client_address, end_session, live_session, session_token, start_session,
};
use crate::server::auth::tokens::{random_token, token_hash};
use crate::server::db::{accounts, email_tokens};
use crate::server::mail::{letters, Letter};
use crate::server::state::AppState;
use chrono::{Duration, Utc};

pub const WRONG_CREDENTIALS: &str = "Неверная почта или пароль";
pub const DEMO_PASSWORD_REFUSED: &str = "Этот пароль опубликован в описании демо-версии и здесь не действует. Задайте новый пароль через «Забыли пароль?»";
pub const LINK_INVALID: &str =
    "Ссылка недействительна: она устарела или уже использована. Запросите новую";
const RESET_HOURS: i64 = 2;
/// Wrong passwords one e-mail may take in 15 minutes, from wherever they come.
pub const LOGIN_GUESSES_PER_EMAIL: i64 = 10;

/// Sends a letter; a failure is logged and recorded on the account (SPEC 4.6), never shown as an
/// error of the action that caused the letter.
pub async fn deliver(state: &AppState, account_id: i64, letter: &Letter) {
    if let Err(error) = state.mailer.send(&state.db, letter).await {
        tracing::warn!(account_id, %error, "letter not delivered");
        if let Err(error) = accounts::mark_undeliverable(&state.db, account_id, Utc::now()).await {
            tracing::error!(
                account_id,
                ?error,
                "could not record the undelivered letter"
            );
        }
    }
}

#[tracing::instrument(skip_all, err(Debug))]
pub async fn login(state: &AppState, form: LoginForm) -> Result<(), AppError> {
    let mut errors = Vec::new();
    let email = Email::parse(&form.email)
        .map_err(|m| errors.push(FieldError::new("email", m)))
        .ok();
    if form.password.is_empty() {
        errors.push(FieldError::new("password", "Введите пароль"));
    }
    let Some(email) = email.filter(|_| errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    super::rate_limit::check(
        state,
        &format!("login-ip:{}", client_address(state)),
        state.settings.login_attempts_per_address,
        900,
    )
    .await?;
    let guesses = format!("login-email:{}", email.canonical());
    super::rate_limit::check(state, &guesses, LOGIN_GUESSES_PER_EMAIL, 900).await?;
    let account = accounts::find_by_email(&state.db, &email.canonical()).await?;
    let hash = account.as_ref().map(|a| a.password_hash.clone());
    // The demo password is published: in production it opens no account, whatever its hash.
    let published = form.password == DEMO_PASSWORD;
    if !verify_password(form.password, hash).await? {
        return Err(AppError::Validation(vec![FieldError::new(
            "password",
            WRONG_CREDENTIALS,
        )]));
    }
    if published && state.settings.production {
        tracing::warn!("log-in with the demo password refused in production");
        return Err(AppError::Validation(vec![FieldError::new(
            "password",
            DEMO_PASSWORD_REFUSED,
        )]));
    }
    let account = account.ok_or(AppError::Internal)?;
    // Only wrong passwords count against the account: an operator logs in many times a day.
    super::rate_limit::forgive(state, &guesses, 900).await?;
    start_session(state, account.id).await?;
    tracing::info!(account_id = account.id, "signed in");
    Ok(())
}

pub async fn logout(state: &AppState) -> Result<(), AppError> {
    end_session(state).await
}

pub async fn me(state: &AppState) -> Result<Option<SignedIn>, AppError> {
    // One session lookup gives the account and the role it acts in.
    let Some(acting) = super::roles::acting(state).await? else {
        return Ok(None);
    };
    let id = acting.account_id;
    let unread = crate::server::db::notifications::unread_count(&state.db, id).await?;
    let roles: Vec<_> = crate::server::db::roles::of_account(&state.db, id)
        .await?
        .iter()
        .filter_map(super::roles::choice)
        .collect();
    let workspace = acting
        .role
        .as_ref()
        .map(|(role, _)| role.workspace())
        .unwrap_or_default()
        .iter()
        .map(|(href, name)| ((*href).to_owned(), (*name).to_owned()))
        .collect();
    let active_role = acting.role.map(|(_, row)| row.id);
    Ok(accounts::find(&state.db, id).await?.map(|a| SignedIn {
        display_name: match &a.patronymic {
            Some(p) => format!("{} {}", a.given_name, p),
            None => a.given_name.clone(),
        },
        email: a.email,
        email_confirmed: a.email_confirmed_at.is_some(),
        is_teen: a.kind == "teen",
        unread,
        roles,
        active_role,
        workspace,
    }))
}

#[tracing::instrument(skip_all, err(Debug))]
pub async fn confirm_email(state: &AppState, signed: &str) -> Result<(), AppError> {
    let now = Utc::now();
    let token = state
        .signer
        .verify(signed, now.timestamp())
        .ok_or_else(|| AppError::Conflict(LINK_INVALID.into()))?;
    let account_id = email_tokens::consume(&state.db, "confirm_email", &token_hash(&token), now)
        .await?
        .ok_or_else(|| AppError::Conflict(LINK_INVALID.into()))?;
    accounts::confirm_email(&state.db, account_id, now).await?;
    tracing::info!(account_id, "e-mail confirmed");
    Ok(())
}

/// Always answers the same, so that nobody learns which addresses have accounts.
#[tracing::instrument(skip_all, err(Debug))]
pub async fn request_password_reset(state: &AppState, email: &str) -> Result<(), AppError> {
    let email =
        Email::parse(email).map_err(|m| AppError::Validation(vec![FieldError::new("email", m)]))?;
    super::rate_limit::check(
        state,
        &format!("reset-ip:{}", client_address(state)),
        20,
        3600,
    )
    .await?;
    if super::rate_limit::check(
        state,
        &format!("reset-email:{}", email.canonical()),
        3,
        3600,
    )
    .await
    .is_err()
    {
        return Ok(());
    }
    if let Some(account) = accounts::find_by_email(&state.db, &email.canonical()).await? {
        let token = random_token();
        let expires = Utc::now() + Duration::hours(RESET_HOURS);
        email_tokens::insert(
            &state.db,
            account.id,
            "reset_password",
            &token_hash(&token),
            expires,
        )
        .await?;
        let link = state.link(&format!(
            "/reset-password/new?token={}",
            state.signer.sign(&token, expires.timestamp())
        ));
        deliver(
            state,
            account.id,
            &letters::reset_password(&account.email, &link),
        )
        .await;
    }
    Ok(())
}

#[tracing::instrument(skip_all, err(Debug))]
pub async fn reset_password(
    state: &AppState,
    signed: &str,
    password: String,
) -> Result<(), AppError> {
    check_password(&password)
        .map_err(|m| AppError::Validation(vec![FieldError::new("password", m)]))?;
    let now = Utc::now();
    let token = state
        .signer
        .verify(signed, now.timestamp())
        .ok_or_else(|| AppError::Conflict(LINK_INVALID.into()))?;
    let account_id = email_tokens::consume(&state.db, "reset_password", &token_hash(&token), now)
        .await?
        .ok_or_else(|| AppError::Conflict(LINK_INVALID.into()))?;
    let hash = hash_password(password).await?;
    // The link came by e-mail, so the address works: it counts as confirmed.
    accounts::set_password(&state.db, account_id, &hash, now, None).await?;
    accounts::confirm_email(&state.db, account_id, now).await?;
    tracing::info!(account_id, "password reset; all sessions ended");
    Ok(())
}

/// Whether `typed` is the account's own password, typed again to confirm who acts (a new
/// password, a role granted); a few tries a quarter of an hour, so that a left-open session does
/// not let someone guess it.
pub async fn password_again(
    state: &AppState,
    account_id: i64,
    typed: String,
) -> Result<bool, AppError> {
    let guesses = format!("password-again:{account_id}");
    super::rate_limit::check(state, &guesses, 10, 900).await?;
    let hash = accounts::find(&state.db, account_id)
        .await?
        .map(|a| a.password_hash);
    let right = verify_password(typed, hash).await?;
    if right {
        super::rate_limit::forgive(state, &guesses, 900).await?;
    }
    Ok(right)
}

/// A signed-in person changes the password, typing the current one again. Other sessions and
/// unused reset links end; this browser stays signed in.
#[tracing::instrument(skip_all, err(Debug))]
pub async fn change_password(
    state: &AppState,
    current: String,
    new: String,
) -> Result<(), AppError> {
    let token = session_token().ok_or(AppError::Unauthorized)?;
    let session = live_session(state, &token)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let mut errors = Vec::new();
    if current.is_empty() {
        errors.push(FieldError::new(
            "current_password",
            "Введите нынешний пароль",
        ));
    }
    if let Err(m) = check_password(&new) {
        errors.push(FieldError::new("new_password", m));
    } else if new == current {
        errors.push(FieldError::new(
            "new_password",
            "Новый пароль совпадает с нынешним: придумайте другой",
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    if !password_again(state, session.account_id, current).await? {
        return Err(AppError::Validation(vec![FieldError::new(
            "current_password",
            "Нынешний пароль введен неверно",
        )]));
    }
    let hash = hash_password(new).await?;
    accounts::set_password(
        &state.db,
        session.account_id,
        &hash,
        Utc::now(),
        Some(&token_hash(&token)),
    )
    .await?;
    tracing::info!(
        account_id = session.account_id,
        "password changed; other sessions ended"
    );
    Ok(())
}

/// Works out the name keys of accounts registered before they existed, a thousand at a time; run
/// at start-up after the migrations. Every server may run it at once: each writes the same key.
pub async fn backfill_name_keys(db: &crate::server::db::Database) -> Result<usize, AppError> {
    let mut done = 0;
    loop {
        let rows = accounts::without_name_key(db, 1000).await?;
        if rows.is_empty() {
            return Ok(done);
        }
        for (id, surname, given) in &rows {
            accounts::set_name_key(db, *id, &accounts::name_key(surname, given)).await?;
        }
        done += rows.len();
    }
}
