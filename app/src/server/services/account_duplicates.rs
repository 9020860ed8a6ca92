//! Accounts suspected to be one family's two accounts (R2, R6): an institution or МОЦ operator who
//! finds a family twice puts the pair into the duplicate queue; an operator with the permission
//! resolves it as «не дубль», or «дубль» keeping one account — the other is marked, its active
//! applications cancelled with the R6 message naming the kept account masked, and the parent told.

use super::duplicate_decisions::{cancel_decided, r6_message, reviewer};
use super::roles::audit;
use super::tell::tell;
use crate::contract::duplicates::{
    AccountPairCard, AccountRecord, FlagAccountsForm, FlagOutcome, ResolveForm, ResolveOutcome,
};
use crate::domain::account::email::Email;
use crate::domain::application::status::Status;
use crate::domain::dates::format_ru;
use crate::domain::field_error::FieldError;
use crate::domain::identity::person_name::full_name;
use crate::domain::identity::review::{compare_accounts, parse_decision, AccountFacts, Decision};
use crate::domain::scope::Power;
use crate::error::AppError;
use crate::server::db::account_duplicates::{self as db, AccountRow, Resolution};
use crate::server::db::duplicates::{Cancellable, Scope};
use crate::server::db::families;
use crate::server::state::AppState;
use chrono::Utc;

const REASON_CHARS: std::ops::RangeInclusive<usize> = 5..=500;

fn id_of(s: &str) -> Result<i64, AppError> {
    s.trim().parse::<i64>().map_err(|_| AppError::NotFound)
}

#[tracing::instrument(skip_all, err(Debug))]
pub async fn flag(state: &AppState, form: FlagAccountsForm) -> Result<FlagOutcome, AppError> {
    let (acting, _, _) = reviewer(state).await?;
    let (account, other) = (id_of(&form.flag_account)?, id_of(&form.flag_other)?);
    let invalid = |form: FlagAccountsForm, field: &str, message: &str| {
        Ok(FlagOutcome::Invalid {
            errors: vec![FieldError::new(field, message)],
            form,
        })
    };
    if account == other {
        return invalid(form, "flag_other", "Выберите другой аккаунт этой семьи");
    }
    let reason = form.flag_reason.trim().to_owned();
    if !REASON_CHARS.contains(&reason.chars().count()) {
        return invalid(
            form,
            "flag_reason",
            "Напишите, почему это похоже на одну и ту же семью: например, тот же ребенок в обоих (от 5 до 500 знаков)",
        );
    }
    super::scope::account_pair(state, &acting, Power::FlagAccounts, (account, other)).await?;
    if !db::flag(&state.db, account, other, acting.account_id, &reason).await? {
        return invalid(
            form,
            "flag_other",
            "Эта пара аккаунтов уже была в очереди дублей",
        );
    }
    audit(
        state,
        &acting,
        "flag_accounts",
        &format!("accounts:{account},{other}"),
        Some(&reason),
    )
    .await?;
    Ok(FlagOutcome::Flagged {
        message: "Аккаунты переданы в очередь дублей: там их сравнят и решат, какой оставить"
            .to_owned(),
    })
}

/// The open pairs of accounts in the operator's queue.
pub async fn cards(
    state: &AppState,
    scope: Scope,
    limit: i64,
) -> Result<(Vec<AccountPairCard>, i64, Vec<i64>), AppError> {
    let (flags, total) = db::open_pairs(&state.db, scope, limit).await?;
    let ids: Vec<i64> = flags
        .iter()
        .flat_map(|f| [f.account_id, f.matched_account_id])
        .collect();
    let accounts = db::accounts(&state.db, &ids).await?;
    let kids = families::children_of(&state.db, &ids).await?;
    let applications = db::applications_from(&state.db, &ids).await?;
    let record = |a: &AccountRow| AccountRecord {
        account_id: a.id,
        email: a.email.clone(),
        registered: format_ru(a.created_at.date_naive()),
        children: kids
            .iter()
            .filter(|c| c.account_id == a.id)
            .map(|c| {
                format!(
                    "{} {}, {}",
                    c.surname,
                    c.given_name,
                    format_ru(c.birth_date)
                )
            })
            .collect(),
        applications: applications
            .iter()
            .filter(|(account, _, _)| *account == a.id)
            .map(|(_, title, status)| match Status::from_code(status) {
                Some(s) => format!("{title} — {}", s.label()),
                None => format!("{title} — {status}"),
            })
            .collect(),
    };
    let facts = |a: &AccountRow| AccountFacts {
        full_name: full_name(&a.surname, &a.given_name, a.patronymic.as_deref()),
        phone: a.phone.clone(),
        email: a.email.clone(),
        municipality: a.municipality.clone(),
    };
    let cards = flags
        .into_iter()
        .filter_map(|f| {
            let first = accounts.iter().find(|a| a.id == f.account_id)?;
            let second = accounts.iter().find(|a| a.id == f.matched_account_id)?;
            Some(AccountPairCard {
                flag_id: f.id,
                reason: f.reason,
                noted_by: f.noted_by,
                fields: compare_accounts(&facts(first), &facts(second)),
                first: record(first),
                second: record(second),
            })
        })
        .collect();
    Ok((cards, total, ids))
}

#[tracing::instrument(skip_all, err(Debug))]
pub async fn resolve(state: &AppState, form: ResolveForm) -> Result<ResolveOutcome, AppError> {
    let (acting, scope, can_resolve) = reviewer(state).await?;
    if !can_resolve {
        return Err(AppError::Forbidden);
    }
    let flag_id = id_of(&form.flag)?;
    let flag = db::open_pair(&state.db, scope, flag_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let pair = (flag.account_id, flag.matched_account_id);
    let (decision, reason) = match parse_decision(&form.decision, &form.reason, pair) {
        Ok(d) => d,
        Err(errors) => return Ok(ResolveOutcome::Invalid { form, errors }),
    };
    let now = Utc::now();
    let (message, details) = match decision {
        Decision::NotDuplicate => {
            let resolution = Resolution {
                flag_id,
                by_account_id: acting.account_id,
                reason: &reason,
                at: now,
                duplicate: None,
            };
            if !db::resolve(&state.db, &resolution).await? {
                return Err(AppError::NotFound);
            }
            (
                "Аккаунты отмечены как разные семьи и больше не попадут в очередь".to_owned(),
                format!("not_duplicate: {reason}"),
            )
        }
        Decision::Duplicate { keep } => {
            let duplicate = if keep == pair.0 { pair.1 } else { pair.0 };
            super::scope::account_pair(state, &acting, Power::RetireAccount, (duplicate, keep))
                .await?;
            let kept = db::accounts(&state.db, &[keep])
                .await?
                .into_iter()
                .next()
                .ok_or(AppError::NotFound)?;
            let masked = Email::parse(&kept.email)
                .map(|e| e.masked())
                .unwrap_or_else(|_| kept.email.clone());
            let r6 = r6_message(state, &masked).await?;
            let resolution = Resolution {
                flag_id,
                by_account_id: acting.account_id,
                reason: &reason,
                at: now,
                duplicate: Some((keep, duplicate, &r6)),
            };
            if !db::resolve(&state.db, &resolution).await? {
                return Err(AppError::NotFound);
            }
            let cancelled =
                cancel_decided(state, Cancellable::Account(duplicate), acting.account_id).await?;
            let kept_note = cancelled.parent_note();
            tell(
                state,
                duplicate,
                "Аккаунт признан дублирующим",
                &format!("Оператор проверил данные: ваша семья уже зарегистрирована в аккаунте {masked}. Заявки с этого аккаунта отменены{kept_note} и больше не принимаются. Если обучение по программе актуально, подайте заявку с аккаунта {masked}. Если доступа к указанному аккаунту нет, то обратитесь в тех. поддержку по номеру телефона 48-28-08 (вт, чт с 13.00 до 16.30)."),
                "/cabinet/applications",
            )
            .await;
            (
                format!(
                    "Аккаунт № {duplicate} отмечен как дубль аккаунта № {keep}; {}. Родитель уведомлен",
                    cancelled.report()
                ),
                format!("duplicate, kept account:{keep}: {reason}"),
            )
        }
    };
    audit(
        state,
        &acting,
        "resolve_account_duplicate",
        &format!("account_duplicate_flag:{flag_id}"),
        Some(&details),
    )
    .await?;
    Ok(ResolveOutcome::Resolved { message })
}
