//! Asks the scope rule (`domain::scope`) before an operator's power reaches an account or a child.
//! A refusal is a 403 with the rule's Russian message, and the attempt goes to the audit log.

use super::roles::{audit, Acting};
use crate::domain::scope::{self, Actor, Denial, Holder, Power};
use crate::error::AppError;
use crate::server::db::scope as db;
use crate::server::state::AppState;

/// The acting operator as the rule sees it; a parent has no operator's power.
pub fn actor(acting: &Acting) -> Result<Actor, AppError> {
    let (role, row) = acting.role.as_ref().ok_or(AppError::Forbidden)?;
    Ok(Actor {
        account_id: acting.account_id,
        role: *role,
        municipality_id: match role {
            crate::domain::role::Role::InstitutionOperator
            | crate::domain::role::Role::MocOperator => {
                Some(row.home_municipality_id.ok_or(AppError::Forbidden)?)
            }
            _ => None,
        },
    })
}

/// Passes the rule's answer on; a refusal is recorded with the attempt and becomes the error the
/// operator reads.
async fn enforce(
    state: &AppState,
    acting: &Acting,
    power: Power,
    subject: String,
    answer: Result<(), Denial>,
) -> Result<(), AppError> {
    let Err(denial) = answer else {
        return Ok(());
    };
    let details = format!("{}: {}", power.code(), denial.code());
    audit(state, acting, "denied", &subject, Some(&details)).await?;
    tracing::warn!(
        account_id = acting.account_id,
        power = power.code(),
        denial = denial.code(),
        "operator's power refused"
    );
    Err(match denial {
        Denial::NotThisRole => AppError::Forbidden,
        other => AppError::Denied(other.message().to_owned()),
    })
}

async fn holder(state: &AppState, account_id: i64) -> Result<Holder, AppError> {
    db::accounts(&state.db, &[account_id])
        .await?
        .into_iter()
        .next()
        .ok_or(AppError::NotFound)
}

/// Lets `power` reach the account, or refuses it (audited). An unknown account is not found.
pub async fn account(
    state: &AppState,
    acting: &Acting,
    power: Power,
    account_id: i64,
) -> Result<(), AppError> {
    let target = holder(state, account_id).await?;
    let answer = scope::on_account(&actor(acting)?, power, &target);
    enforce(
        state,
        acting,
        power,
        format!("account:{account_id}"),
        answer,
    )
    .await
}

/// Lets `power` reach both accounts of a pair, or refuses it (audited).
pub async fn account_pair(
    state: &AppState,
    acting: &Acting,
    power: Power,
    (first, second): (i64, i64),
) -> Result<(), AppError> {
    let (a, b) = (holder(state, first).await?, holder(state, second).await?);
    let answer = scope::on_account_pair(&actor(acting)?, power, &a, &b);
    enforce(
        state,
        acting,
        power,
        format!("accounts:{first},{second}"),
        answer,
    )
    .await
}

/// Lets `power` reach the child, or refuses it (audited). A child without guardians is not found.
pub async fn child(
    state: &AppState,
    acting: &Acting,
    power: Power,
    child_id: i64,
) -> Result<(), AppError> {
    let guardians = db::guardians(&state.db, child_id).await?;
    if guardians.is_empty() {
        return Err(AppError::NotFound);
    }
    let answer = scope::on_child(&actor(acting)?, power, &guardians);
    enforce(state, acting, power, format!("child:{child_id}"), answer).await
}

/// Lets `power` reach what a family sent from the account (a request), or refuses it (audited):
/// the family of the account is judged as a child's guardians are.
pub async fn family(
    state: &AppState,
    acting: &Acting,
    power: Power,
    account_id: i64,
) -> Result<(), AppError> {
    let family = [holder(state, account_id).await?];
    let answer = scope::on_child(&actor(acting)?, power, &family);
    enforce(
        state,
        acting,
        power,
        format!("account:{account_id}"),
        answer,
    )
    .await
}

/// The accounts among `ids` the operator may read, in the order given — a look-up never shows a
/// family of another municipality — each with whether it is protected: it holds a role or is the
/// operator's own, so the family card offers no change of it.
pub async fn readable(
    state: &AppState,
    acting: &Acting,
    ids: &[i64],
) -> Result<Vec<(i64, bool)>, AppError> {
    let actor = actor(acting)?;
    let holders = db::accounts(&state.db, ids).await?;
    Ok(ids
        .iter()
        .filter_map(|id| holders.iter().find(|h| h.account_id == *id))
        .filter(|h| scope::on_account(&actor, Power::ReadFamily, h).is_ok())
        .map(|h| {
            let protected = matches!(
                scope::on_account(&actor, Power::ReplaceEmail, h),
                Err(Denial::RoleHolder | Denial::OwnAccount)
            );
            (h.account_id, protected)
        })
        .collect())
}
