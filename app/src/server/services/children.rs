//! Adding children (R1, R7, SPEC §5) and listing a family's children.

use super::child_identity::{flag_reason, parse, sex_column, strongest, Stored};
use crate::contract::children::{ChildCard, ChildForm, ChildOutcome, Refusal};
use crate::domain::dates::format_ru;
use crate::domain::field_error::FieldError;
use crate::domain::identity::birth_date::age_on;
use crate::domain::identity::date_typos::{earliest_registered_birth, plausible_variants};
use crate::domain::identity::person_name::full_name;
use crate::domain::identity::snils::Snils;
use crate::domain::identity::verdict::{ChildIdentity, Verdict};
use crate::error::AppError;
use crate::server::auth::session::{client_address, current_account_id};
use crate::server::db::children::{self, Blocking, Candidate, Decision};
use crate::server::db::{accounts, DbError};
use crate::server::state::{today_in_moscow, AppState};
use std::sync::Mutex;

/// How a child arrives, which decides what a probable duplicate does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The check before submitting: nothing is saved.
    Check,
    /// From the cabinet: a probable duplicate is saved only once the parent says it is another child.
    Cabinet,
    /// From an institution's file: a probable duplicate is saved and flagged for review.
    Import,
}

/// Checks (and, unless `Check`, adds) a child for the signed-in account.
#[tracing::instrument(skip_all, fields(save), err(Debug))]
pub async fn submit(
    state: &AppState,
    form: ChildForm,
    save: bool,
) -> Result<ChildOutcome, AppError> {
    let account_id = current_account_id(state)
        .await?
        .ok_or(AppError::Unauthorized)?;
    // The check reveals whether a child is registered: bounded per account and per address.
    super::rate_limit::check(state, &format!("child-check-account:{account_id}"), 60, 600).await?;
    super::rate_limit::check(
        state,
        &format!("child-check-ip:{}", client_address(state)),
        state.settings.child_checks_per_address,
        600,
    )
    .await?;
    let account = accounts::find(&state.db, account_id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    add_for(
        state,
        &account,
        form,
        if save { Mode::Cabinet } else { Mode::Check },
    )
    .await
    .map(|r| r.outcome)
}

/// The outcome with the ids behind it, for operators' tools; parents see only `outcome`.
#[derive(Debug, Clone)]
pub struct AddResult {
    pub outcome: ChildOutcome,
    /// The registered child the new one matched (exactly or probably).
    pub matched: Option<i64>,
    pub child_id: Option<i64>,
}

fn only(outcome: ChildOutcome) -> AddResult {
    AddResult {
        outcome,
        matched: None,
        child_id: None,
    }
}

/// What `submit` and the CSV import share: the rules of SPEC §5 for one child of `account`.
pub async fn add_for(
    state: &AppState,
    account: &accounts::AccountRow,
    form: ChildForm,
    mode: Mode,
) -> Result<AddResult, AppError> {
    let account_id = account.id;
    let parsed = match parse(&form) {
        Ok(p) => p,
        Err(errors) => return Ok(only(ChildOutcome::Invalid { errors })),
    };
    let is_teen = account.kind == "teen";
    if is_teen && age_on(parsed.birth_date.date(), today_in_moscow()) < 14 {
        return Ok(only(ChildOutcome::Invalid {
            errors: vec![FieldError::new("birth_date", "Зарегистрироваться самостоятельно можно с 14 лет. Младшего ребенка добавляет родитель из своего кабинета")],
        }));
    }
    let stored = Stored::of(&parsed);
    let identity = &stored.identity;
    let certificate_key = stored.certificate_key.clone();
    let dates = blocking_dates(identity.birth_date);
    let blocking = blocking_of(identity, &dates, certificate_key.as_deref());
    let another_child = form.another_child == "1" || mode == Mode::Import;
    if mode == Mode::Check {
        let found = find_duplicate(&state.db, identity, certificate_key.as_deref()).await?;
        let matched = found.1;
        let outcome = decide_message(state, account_id, is_teen, found, another_child).await?;
        return Ok(AddResult {
            outcome,
            matched,
            child_id: None,
        });
    }
    let new = stored.row(&parsed);
    let seen = Mutex::new((Verdict::Distinct, None));
    let decide = |rows: &[Candidate]| {
        let found = strongest(identity, certificate_key.as_deref(), rows);
        let decision = match &found {
            (Verdict::Exact(_), _) => Decision::Stop,
            (verdict @ Verdict::Probable { .. }, Some(matched)) if another_child => {
                Decision::Insert {
                    flag: flag_reason(verdict).map(|why| (*matched, why)),
                }
            }
            (Verdict::Probable { .. }, _) => Decision::Stop,
            _ => Decision::Insert { flag: None },
        };
        if let Ok(mut s) = seen.lock() {
            *s = found;
        }
        decision
    };
    let relation = if is_teen { "self" } else { "parent" };
    let source = if mode == Mode::Import {
        "import"
    } else {
        "registration"
    };
    match children::insert_checked(
        &state.db, &new, &blocking, account_id, relation, source, decide,
    )
    .await
    {
        Ok(Some(child_id)) => {
            let flagged = matches!(
                seen.lock().map(|s| s.0.clone()),
                Ok(Verdict::Probable { .. })
            );
            tracing::info!(child_id, flagged, "child added");
            let matched = seen.lock().ok().and_then(|s| s.1);
            Ok(AddResult {
                outcome: ChildOutcome::Added {
                    name: format!("{} {}", parsed.given_name, parsed.surname),
                    flagged,
                },
                matched: matched.filter(|_| flagged),
                child_id: Some(child_id),
            })
        }
        Ok(None) => {
            let found = seen
                .lock()
                .map(|s| s.clone())
                .unwrap_or((Verdict::Distinct, None));
            let matched = found.1;
            let outcome = decide_message(state, account_id, is_teen, found, another_child).await?;
            Ok(AddResult {
                outcome,
                matched,
                child_id: None,
            })
        }
        // Another submission of the same child won the race: the unique index refused this one.
        Err(DbError::UniqueViolation) => Ok(only(ChildOutcome::Refused(if is_teen {
            Refusal::InParentCabinet
        } else {
            Refusal::AlreadyRegistered
        }))),
        Err(other) => Err(other.into()),
    }
}

/// The duplicate check itself: candidates by the blocking keys, then the domain's verdict on each;
/// the strongest verdict and the child it points at.
pub async fn find_duplicate(
    db: &crate::server::db::Database,
    identity: &ChildIdentity,
    certificate_key: Option<&str>,
) -> Result<(Verdict, Option<i64>), AppError> {
    let rows = candidates_of(db, identity, certificate_key).await?;
    Ok(strongest(identity, certificate_key, &rows))
}

/// The registered children that share a blocking key with `identity`.
pub async fn candidates_of(
    db: &crate::server::db::Database,
    identity: &ChildIdentity,
    certificate_key: Option<&str>,
) -> Result<Vec<children::Candidate>, AppError> {
    let dates = blocking_dates(identity.birth_date);
    let blocking = blocking_of(identity, &dates, certificate_key);
    Ok(children::candidates(db, &blocking).await?)
}

/// The birth date and the typo variants a registered child can have, as of today in Moscow.
pub fn blocking_dates(birth_date: chrono::NaiveDate) -> Vec<chrono::NaiveDate> {
    let today = today_in_moscow();
    plausible_variants(birth_date, earliest_registered_birth(today), today)
}

/// The blocking keys of a child: where its candidates are looked up.
fn blocking_of<'a>(
    identity: &'a ChildIdentity,
    date_variants: &'a [chrono::NaiveDate],
    certificate_key: Option<&'a str>,
) -> Blocking<'a> {
    Blocking {
        birth_date: identity.birth_date,
        sex: sex_column(identity.sex),
        date_variants,
        name_parts: [&identity.surname, &identity.given_name],
        snils: identity.snils.as_ref().map(Snils::digits),
        certificate_key,
    }
}

/// Turns a verdict into what the parent reads; whose cabinet holds the matched child decides the refusal.
async fn decide_message(
    state: &AppState,
    account_id: i64,
    is_teen: bool,
    (verdict, matched): (Verdict, Option<i64>),
    another_child: bool,
) -> Result<ChildOutcome, AppError> {
    match (verdict, matched) {
        (Verdict::Exact(_), Some(child)) => {
            let guardians = children::guardians(&state.db, child).await?;
            let refusal = if guardians.iter().any(|(a, _)| *a == account_id) {
                Refusal::AlreadyYours
            } else if is_teen && guardians.iter().any(|(_, r)| r == "parent") {
                Refusal::InParentCabinet
            } else {
                Refusal::AlreadyRegistered
            };
            Ok(ChildOutcome::Refused(refusal))
        }
        (Verdict::Probable { .. }, _) if !another_child => Ok(ChildOutcome::Probable),
        _ => Ok(ChildOutcome::Clear),
    }
}

pub async fn mine(state: &AppState) -> Result<Vec<ChildCard>, AppError> {
    let account_id = current_account_id(state)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let corrections =
        crate::server::db::corrections::latest_of_account(&state.db, account_id).await?;
    Ok(children::of_account(&state.db, account_id)
        .await?
        .into_iter()
        .map(|c| ChildCard {
            correction: corrections
                .iter()
                .find(|q| q.child_id == c.id)
                .map(super::corrections::state_line),
            id: c.id,
            full_name: full_name(&c.surname, &c.given_name, c.patronymic.as_deref()),
            birth_date: format_ru(c.birth_date),
            confirmation: match (&c.confirmed_at, &c.confirmed_by) {
                (Some(at), Some(org)) => format!(
                    "Данные подтверждены учреждением {org} {}",
                    format_ru(at.date_naive())
                ),
                _ => "Не подтверждены: обратитесь в учреждение с документами".to_owned(),
            },
            confirmed: c.confirmed_at.is_some(),
            under_review: c.flagged,
        })
        .collect())
}
