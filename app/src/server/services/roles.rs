//! Who the request acts as: the signed-in account and its active role, checked on the server for
//! every operator's function; the role switch; and the audit trail of operators' access.

use crate::contract::accounts::RoleChoice;
use crate::domain::role::Role;
use crate::error::AppError;
use crate::server::auth::session::{client_address, live_session, session_token};
use crate::server::auth::tokens::token_hash;
use crate::server::db::{audit, roles, roles::RoleRow, Database};
use crate::server::state::AppState;
use chrono::Utc;

/// The signed-in account and the role it acts in; `role` is `None` in the parent's own cabinet.
#[derive(Debug, Clone)]
pub struct Acting {
    pub account_id: i64,
    pub role: Option<(Role, RoleRow)>,
}

impl Acting {
    /// How the audit log names the role, e.g. `institution_operator:12`.
    pub fn role_tag(&self) -> String {
        match &self.role {
            None => "parent".to_owned(),
            Some((role, row)) => match (row.organization_id, row.municipality_id) {
                (Some(o), _) => format!("{}:{o}", role.code()),
                (_, Some(m)) => format!("{}:{m}", role.code()),
                _ => role.code().to_owned(),
            },
        }
    }
}

/// Who a session token acts as, if it is a live session.
pub async fn acting_with_token(state: &AppState, token: &str) -> Result<Option<Acting>, AppError> {
    let Some(session) = live_session(state, token).await? else {
        return Ok(None);
    };
    let row = match session.active_role_id {
        Some(id) => roles::one(&state.db, id, session.account_id).await?,
        None => None,
    };
    Ok(Some(Acting {
        account_id: session.account_id,
        role: row.and_then(|r| Role::from_code(&r.role).map(|role| (role, r))),
    }))
}

pub async fn acting(state: &AppState) -> Result<Option<Acting>, AppError> {
    match session_token() {
        Some(token) => acting_with_token(state, &token).await,
        None => Ok(None),
    }
}

/// An institution operator at work: the account and the organization it serves.
#[derive(Debug, Clone)]
pub struct InstitutionOperator {
    pub acting: Acting,
    pub organization_id: i64,
}

/// Refuses anyone but an institution operator acting in that role.
pub fn as_institution_operator(acting: Option<Acting>) -> Result<InstitutionOperator, AppError> {
    let acting = acting.ok_or(AppError::Unauthorized)?;
    let organization_id = match &acting.role {
        Some((role, row)) if role.manages_applications() => row.organization_id,
        _ => None,
    }
    .ok_or(AppError::Forbidden)?;
    Ok(InstitutionOperator {
        acting,
        organization_id,
    })
}

pub async fn institution_operator(state: &AppState) -> Result<InstitutionOperator, AppError> {
    as_institution_operator(acting(state).await?)
}

/// Refuses anyone but an administrator acting in that role.
pub async fn administrator(state: &AppState) -> Result<Acting, AppError> {
    let acting = acting(state).await?.ok_or(AppError::Unauthorized)?;
    match &acting.role {
        Some((role, _)) if role.manages_dictionaries() => Ok(acting),
        _ => Err(AppError::Forbidden),
    }
}

/// How a role reads in the switch.
pub fn choice(row: &RoleRow) -> Option<RoleChoice> {
    let role = Role::from_code(&row.role)?;
    let place = row
        .organization_name
        .as_deref()
        .or(row.municipality_name.as_deref());
    Some(RoleChoice {
        id: row.id,
        label: match place {
            Some(p) => format!("{}: {p}", role.label()),
            None => role.label().to_owned(),
        },
    })
}

/// Switches the session to one of the account's roles (`parent` for the own cabinet) and says
/// where that role's work starts.
#[tracing::instrument(skip_all, err(Debug))]
pub async fn switch(state: &AppState, role: &str) -> Result<String, AppError> {
    let token = session_token().ok_or(AppError::Unauthorized)?;
    let acting = acting_with_token(state, &token)
        .await?
        .ok_or(AppError::Unauthorized)?;
    if role == "parent" {
        roles::set_active(&state.db, &token_hash(&token), None).await?;
        return Ok("/cabinet".to_owned());
    }
    let id = role.parse::<i64>().map_err(|_| AppError::Forbidden)?;
    let row = roles::of_account(&state.db, acting.account_id)
        .await?
        .into_iter()
        .find(|r| r.id == id)
        .ok_or(AppError::Forbidden)?;
    let home = Role::from_code(&row.role)
        .ok_or(AppError::Forbidden)?
        .home();
    roles::set_active(&state.db, &token_hash(&token), Some(id)).await?;
    Ok(home.to_owned())
}

/// Records an operator's access or change in the audit log. A failure to record stops the action:
/// no access to families' data goes unrecorded.
pub async fn audit(
    state: &AppState,
    acting: &Acting,
    action: &str,
    subject: &str,
    details: Option<&str>,
) -> Result<(), AppError> {
    audit_from(
        &state.db,
        acting,
        action,
        subject,
        details,
        &client_address(state),
    )
    .await
}

/// `audit` for a handler outside a page render, which knows the client's address itself.
pub async fn audit_from(
    db: &Database,
    acting: &Acting,
    action: &str,
    subject: &str,
    details: Option<&str>,
    address: &str,
) -> Result<(), AppError> {
    audit::append(
        db,
        &audit::Entry {
            actor_account_id: acting.account_id,
            actor_role: &acting.role_tag(),
            action,
            subject,
            details,
            address,
            at: Utc::now(),
        },
    )
    .await?;
    Ok(())
}
