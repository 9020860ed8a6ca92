//! What an institution operator changes for a family found by the look-up, after seeing the
//! documents in person (SPEC R3, §4.2, §4.4): the account's e-mail replaced, a child's data
//! confirmed, a second guardian linked. Every change goes to the audit log and is told to the
//! accounts concerned.

use super::roles::audit;
use super::tell::tell;
use crate::contract::families::{
    LinkGuardianForm, LinkGuardianOutcome, ReplaceEmailForm, ReplaceEmailOutcome,
};
use crate::domain::account::email::Email;
use crate::domain::account::phone::Phone;
use crate::domain::field_error::FieldError;
use crate::domain::scope::Power;
use crate::error::AppError;
use crate::server::auth::tokens::{random_token, token_hash};
use crate::server::db::children;
use crate::server::db::families as db;
use crate::server::mail::letters;
use crate::server::state::AppState;
use chrono::Utc;

/// A change's reason: what the operator checked.
const REASON_CHARS: std::ops::RangeInclusive<usize> = 5..=500;

#[tracing::instrument(skip_all, err(Debug))]
pub async fn replace_email(
    state: &AppState,
    form: ReplaceEmailForm,
) -> Result<ReplaceEmailOutcome, AppError> {
    // R3: the institution, where the parent shows documents in person, replaces the e-mail.
    let acting = super::roles::institution_operator(state).await?.acting;
    let account_id = form
        .account_id
        .trim()
        .parse::<i64>()
        .map_err(|_| AppError::NotFound)?;
    super::scope::account(state, &acting, Power::ReplaceEmail, account_id).await?;
    let account = crate::server::db::accounts::find(&state.db, account_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut errors = Vec::new();
    let email = Email::parse(&form.email)
        .map_err(|m| errors.push(FieldError::new("email", m)))
        .ok();
    if !REASON_CHARS.contains(&form.reason.trim().chars().count()) {
        errors.push(FieldError::new(
            "reason",
            "Укажите основание: какой документ проверен (от 5 до 500 знаков)",
        ));
    }
    let email = match email {
        Some(e) if errors.is_empty() => e,
        _ => return Ok(ReplaceEmailOutcome::Invalid { form, errors }),
    };
    if email.canonical() == account.email.to_lowercase() {
        return Ok(ReplaceEmailOutcome::Invalid {
            form,
            errors: vec![FieldError::new(
                "email",
                "Это и есть нынешняя почта аккаунта",
            )],
        });
    }
    let token = random_token();
    let expires = Utc::now() + chrono::Duration::hours(super::registration::CONFIRM_HOURS);
    let replaced = db::replace_email(
        &state.db,
        account_id,
        email.as_str(),
        &email.canonical(),
        &token_hash(&token),
        expires,
    )
    .await?;
    if !replaced {
        return Ok(ReplaceEmailOutcome::Invalid {
            form,
            errors: vec![FieldError::new(
                "email",
                "Эта почта уже указана в другом аккаунте. Если это аккаунт той же семьи, он — дубль: передайте его в очередь дублей",
            )],
        });
    }
    audit(
        state,
        &acting,
        "replace_email",
        &format!("account:{account_id}"),
        Some(form.reason.trim()),
    )
    .await?;
    let organization = match &acting.role {
        Some((_, row)) => row.organization_name.clone().unwrap_or_default(),
        None => String::new(),
    };
    // The old address is no longer the account's: a failure there is logged, not recorded on it.
    let old = letters::email_replaced_old(&account.email, &organization, &email.masked());
    if let Err(error) = state.mailer.send(&state.db, &old).await {
        tracing::warn!(account_id, %error, "letter to the replaced address not delivered");
    }
    let link = super::registration::confirm_link(state, &token, expires);
    super::accounts::deliver(
        state,
        account_id,
        &letters::email_replaced_new(email.as_str(), &link),
    )
    .await;
    Ok(ReplaceEmailOutcome::Replaced {
        email: email.as_str().to_owned(),
    })
}

/// «Данные подтверждены» by the acting operator's institution, after seeing the documents.
#[tracing::instrument(skip_all, err(Debug))]
pub async fn confirm_child(state: &AppState, child_id: &str) -> Result<String, AppError> {
    let operator = super::roles::institution_operator(state).await?;
    let child_id = child_id
        .trim()
        .parse::<i64>()
        .map_err(|_| AppError::NotFound)?;
    super::scope::child(state, &operator.acting, Power::ConfirmChild, child_id).await?;
    if !db::confirm_child(&state.db, child_id, operator.organization_id, Utc::now()).await? {
        return Err(AppError::NotFound);
    }
    audit(
        state,
        &operator.acting,
        "confirm_child",
        &format!("child:{child_id}"),
        None,
    )
    .await?;
    Ok("Данные ребенка отмечены как подтвержденные вашим учреждением".to_owned())
}

/// Links a second guardian (SPEC §4.2) after the operator has seen the documents: the other
/// parent's existing account, by its e-mail or phone. Both accounts are told.
#[tracing::instrument(skip_all, err(Debug))]
pub async fn link_guardian(
    state: &AppState,
    form: LinkGuardianForm,
) -> Result<LinkGuardianOutcome, AppError> {
    let operator = super::roles::institution_operator(state).await?;
    let child_id = form
        .link_child
        .trim()
        .parse::<i64>()
        .map_err(|_| AppError::NotFound)?;
    super::scope::child(state, &operator.acting, Power::LinkGuardian, child_id).await?;
    let invalid = |form: LinkGuardianForm, field: &str, message: &str| {
        Ok(LinkGuardianOutcome::Invalid {
            errors: vec![FieldError::new(field, message)],
            form,
        })
    };
    if !REASON_CHARS.contains(&form.guardian_reason.trim().chars().count()) {
        return invalid(
            form,
            "guardian_reason",
            "Укажите, какой документ подтверждает, что это законный представитель (от 5 до 500 знаков)",
        );
    }
    let typed = form.guardian.trim();
    let account = if typed.contains('@') {
        match Email::parse(typed) {
            Ok(email) => crate::server::db::accounts::find_by_email(&state.db, &email.canonical())
                .await?
                .map(|a| a.id),
            Err(m) => return invalid(form, "guardian", m),
        }
    } else {
        match Phone::parse(typed) {
            Ok(phone) => db::accounts_by_phone(&state.db, phone.e164())
                .await?
                .first()
                .copied(),
            Err(_) => {
                return invalid(
                    form,
                    "guardian",
                    "Введите почту или мобильный телефон аккаунта второго родителя",
                )
            }
        }
    };
    let Some(account) = account else {
        return invalid(
            form,
            "guardian",
            "Аккаунт с такой почтой или телефоном не найден: второй родитель сначала регистрируется сам, ребенка при этом не добавляет",
        );
    };
    super::scope::account(state, &operator.acting, Power::LinkGuardian, account).await?;
    let guardians = children::guardians(&state.db, child_id).await?;
    if !db::link_guardian(&state.db, child_id, account).await? {
        return invalid(form, "guardian", "Этот аккаунт уже связан с ребенком");
    }
    audit(
        state,
        &operator.acting,
        "link_guardian",
        &format!("child:{child_id}"),
        Some(&format!(
            "account:{account}; {}",
            form.guardian_reason.trim()
        )),
    )
    .await?;
    let organization = match &operator.acting.role {
        Some((_, row)) => row.organization_name.clone().unwrap_or_default(),
        None => String::new(),
    };
    let kids = db::children_of(&state.db, &[account]).await?;
    let name = kids
        .iter()
        .find(|c| c.id == child_id)
        .map(|c| format!("{} {}", c.given_name, c.surname))
        .unwrap_or_default();
    tell(
        state,
        account,
        "Ребенок добавлен в ваш кабинет",
        &format!("Учреждение «{organization}» проверило документы и связало ваш аккаунт с ребенком {name}. Вы можете подавать заявки на программы для него из своего кабинета."),
        "/cabinet",
    )
    .await;
    for (other, _) in guardians {
        tell(
            state,
            other,
            "Второй законный представитель",
            &format!("Учреждение «{organization}» связало с ребенком {name} аккаунт второго законного представителя. Заявки на программы теперь может подавать и он."),
            "/cabinet",
        )
        .await;
    }
    Ok(LinkGuardianOutcome::Linked {
        message: format!(
            "Второй законный представитель связан с ребенком {name}; оба родителя уведомлены."
        ),
    })
}
