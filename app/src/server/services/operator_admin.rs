//! Administrators keep the operators (SPEC §4.7): give a role to an account — creating the
//! account, whose owner then sets a password through the link sent by e-mail — and take roles
//! away. Every change is audited.

use super::operators::{add, NewOperator};
use super::roles::{administrator, audit};
use crate::contract::choice::Choice;
use crate::contract::operators::{GrantForm, GrantOutcome, OperatorsPage, RevokeForm, RoleLine};
use crate::domain::account::email::Email;
use crate::domain::account::phone::Phone;
use crate::domain::field_error::FieldError;
use crate::domain::identity::person_name::{GivenName, Surname};
use crate::domain::role::Role;
use crate::domain::scope::Power;
use crate::error::AppError;
use crate::server::db::{accounts, roles};
use crate::server::state::AppState;

fn choices(rows: impl IntoIterator<Item = (i64, String)>) -> Vec<Choice> {
    rows.into_iter()
        .map(|(id, label)| Choice {
            value: id.to_string(),
            label,
        })
        .collect()
}

pub async fn page(state: &AppState) -> Result<OperatorsPage, AppError> {
    administrator(state).await?;
    let roles = roles::holders(&state.db)
        .await?
        .into_iter()
        .filter_map(|h| {
            let role = Role::from_code(&h.role)?;
            let place = h.organization_name.or(h.municipality_name);
            Some(RoleLine {
                id: h.id,
                email: h.email,
                name: format!("{} {}", h.surname, h.given_name),
                role: match place {
                    Some(p) => format!("{}: {p}", role.label()),
                    None => role.label().to_owned(),
                },
                resolves_duplicates: h.resolves_duplicates,
            })
        })
        .collect();
    Ok(OperatorsPage {
        roles,
        kinds: Role::ALL
            .into_iter()
            .map(|r| Choice {
                value: r.code().to_owned(),
                label: r.label().to_owned(),
            })
            .collect(),
        organizations: choices(roles::first_organizations(&state.db, i64::MAX).await?),
        municipalities: choices(
            super::registration::municipalities(state)
                .await?
                .into_iter()
                .map(|m| (m.id, m.name)),
        ),
    })
}

/// The id chosen from `choices`, when one is needed.
fn chosen(typed: &str, choices: &[Choice]) -> Option<i64> {
    choices
        .iter()
        .find(|c| c.value == typed.trim())
        .and_then(|c| c.value.parse().ok())
}

#[tracing::instrument(skip_all, err(Debug))]
pub async fn grant(state: &AppState, mut form: GrantForm) -> Result<GrantOutcome, AppError> {
    let admin = administrator(state).await?;
    // Never sent back with the form.
    let typed_password = std::mem::take(&mut form.admin_password);
    let page = page(state).await?;
    let mut errors = Vec::new();
    let email = Email::parse(&form.email)
        .map_err(|m| errors.push(FieldError::new("email", m)))
        .ok();
    let role = Role::from_code(form.role.trim());
    if role.is_none() {
        errors.push(FieldError::new("role", "Выберите роль"));
    }
    let organization = chosen(&form.organization, &page.organizations);
    let municipality = chosen(&form.municipality, &page.municipalities);
    match role {
        Some(Role::InstitutionOperator) if organization.is_none() => errors.push(FieldError::new(
            "organization",
            "Выберите учреждение оператора",
        )),
        Some(Role::MocOperator) if municipality.is_none() => errors.push(FieldError::new(
            "municipality",
            "Выберите муниципалитет оператора МОЦ",
        )),
        _ => {}
    }
    let existing = match &email {
        Some(e) => accounts::find_by_email(&state.db, &e.canonical()).await?,
        None => None,
    };
    if existing.is_none() && email.is_some() {
        if let Err(m) = Surname::parse(&form.surname) {
            errors.push(FieldError::new("surname", m));
        }
        if let Err(m) = GivenName::parse(&form.given_name) {
            errors.push(FieldError::new("given_name", m));
        }
        if let Err(m) = Phone::parse(&form.phone) {
            errors.push(FieldError::new("phone", m));
        }
    }
    // A role opens families' data: the administrator proves again who grants it.
    if !super::accounts::password_again(state, admin.account_id, typed_password).await? {
        errors.push(FieldError::new(
            "admin_password",
            "Неверный пароль. Введите пароль, с которым вы вошли",
        ));
    }
    let (Some(email), Some(role)) = (email, role) else {
        return Ok(GrantOutcome::Invalid {
            form: Box::new(form),
            errors,
        });
    };
    if !errors.is_empty() {
        return Ok(GrantOutcome::Invalid {
            form: Box::new(form),
            errors,
        });
    }
    if let Some(account) = &existing {
        super::scope::account(state, &admin, Power::KeepRoles, account.id).await?;
    }
    let password = crate::server::auth::tokens::random_token();
    let added = add(
        &state.db,
        &NewOperator {
            email: email.as_str(),
            surname: form.surname.trim(),
            given_name: form.given_name.trim(),
            phone: &form.phone,
            password: &password,
            role,
            organization_id: organization,
            municipality_id: municipality,
            resolves_duplicates: form.resolves_duplicates == "1",
        },
    )
    .await;
    let (account_id, created) = match added {
        Ok(a) => a,
        Err(AppError::Conflict(m)) => {
            return Ok(GrantOutcome::Invalid {
                form: Box::new(form),
                errors: vec![FieldError::new("phone", &m)],
            })
        }
        Err(e) => return Err(e),
    };
    audit(
        state,
        &admin,
        "grant_role",
        &format!("account:{account_id}"),
        Some(role.code()),
    )
    .await?;
    if created {
        // The new operator sets the password through the same link as a forgotten one.
        super::accounts::request_password_reset(state, email.as_str()).await?;
    }
    Ok(GrantOutcome::Done {
        message: if created {
            format!("Создан аккаунт {email} с ролью «{}». На почту отправлена ссылка, чтобы задать пароль.", role.label())
        } else {
            format!("Аккаунту {email} выдана роль «{}».", role.label())
        },
    })
}

#[tracing::instrument(skip_all, err(Debug))]
pub async fn revoke(state: &AppState, form: RevokeForm) -> Result<GrantOutcome, AppError> {
    let admin = administrator(state).await?;
    let id = form
        .revoke
        .trim()
        .parse::<i64>()
        .map_err(|_| AppError::NotFound)?;
    if let Some((_, row)) = &admin.role {
        if row.id == id {
            return Err(AppError::Conflict(
                "Нельзя снять роль, в которой вы сейчас работаете".to_owned(),
            ));
        }
    }
    let holder = roles::account_of_role(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    super::scope::account(state, &admin, Power::KeepRoles, holder).await?;
    let account = roles::revoke(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    audit(
        state,
        &admin,
        "revoke_role",
        &format!("account:{account}"),
        Some(&format!("role:{id}")),
    )
    .await?;
    Ok(GrantOutcome::Done {
        message: "Роль снята; входы в этой роли переведены в кабинет родителя".to_owned(),
    })
}
