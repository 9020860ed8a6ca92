//! The duplicate queue (R6, SPEC §4.4): institution operators see the pairs their institution is
//! concerned with, МОЦ the pairs of its municipality; an operator whose role carries the permission
//! resolves a pair as «не дубль» or «дубль», keeping one record. A duplicate record is retired, its
//! active applications cancelled with the R6 message naming the kept account masked, and the
//! parent told. Every view and every decision is audited.

use super::duplicate_decisions::{cancel_decided, r6_message, reviewer};
use super::roles::audit;
use super::tell::tell;
use crate::contract::duplicates::{
    DuplicateQueue, PairCard, PairRecord, ResolveForm, ResolveOutcome,
};
use crate::domain::account::email::Email;
use crate::domain::application::status::Status;
use crate::domain::dates::format_ru;
use crate::domain::identity::person_name::full_name;
use crate::domain::identity::review::{
    compare_records, flag_reason_label, parse_decision, Decision, RecordFacts,
};
use crate::domain::scope::Power;
use crate::error::AppError;
use crate::server::db::duplicates::{self as db, Cancellable, FlagRow, RecordRow, Resolution};
use crate::server::db::{children, families};
use crate::server::state::AppState;
use chrono::Utc;

/// Pairs shown at once: the oldest first, the rest after these are resolved.
const PAGE: i64 = 20;

pub async fn queue(state: &AppState) -> Result<DuplicateQueue, AppError> {
    let (acting, scope, can_resolve) = reviewer(state).await?;
    let (flags, total) = db::open_pairs(&state.db, scope, PAGE).await?;
    let ids: Vec<i64> = flags
        .iter()
        .flat_map(|f| [f.child_id, f.matched_child_id])
        .collect();
    let records = db::records(&state.db, &ids).await?;
    let applications = families::applications_of(&state.db, &ids).await?;
    let pairs: Vec<PairCard> = flags
        .iter()
        .filter_map(|f| card(f, &records, &applications))
        .collect();
    let (account_pairs, accounts_total, account_ids) =
        super::account_duplicates::cards(state, scope, PAGE).await?;
    audit(
        state,
        &acting,
        "view_duplicates",
        &children_subject(&ids),
        (!account_ids.is_empty())
            .then(|| {
                let list: Vec<String> = account_ids.iter().map(i64::to_string).collect();
                format!("accounts:{}", list.join(","))
            })
            .as_deref(),
    )
    .await?;
    Ok(DuplicateQueue {
        pairs,
        total,
        account_pairs,
        accounts_total,
        can_resolve,
    })
}

fn children_subject(ids: &[i64]) -> String {
    if ids.is_empty() {
        return "children:none".to_owned();
    }
    let list: Vec<String> = ids.iter().map(i64::to_string).collect();
    format!("children:{}", list.join(","))
}

fn card(
    flag: &FlagRow,
    records: &[RecordRow],
    applications: &[(i64, String, String)],
) -> Option<PairCard> {
    let find = |id: i64| records.iter().find(|r| r.id == id);
    let (first, second) = (find(flag.child_id)?, find(flag.matched_child_id)?);
    Some(PairCard {
        flag_id: flag.id,
        source: source_label(&flag.source).to_owned(),
        reason: flag_reason_label(&flag.reason),
        fields: compare_records(&facts(first), &facts(second)),
        first: record(first, applications),
        second: record(second, applications),
    })
}

fn source_label(source: &str) -> &'static str {
    match source {
        "registration" => "добавлен родителем после предупреждения о возможном дубле",
        "correction" => "данные исправлены оператором",
        "import" => "загружен из файла учреждения",
        _ => "найден проверкой реестра",
    }
}

fn facts(r: &RecordRow) -> RecordFacts {
    RecordFacts {
        surname: r.surname.clone(),
        given_name: r.given_name.clone(),
        patronymic: r.patronymic.clone().unwrap_or_default(),
        sex: match r.sex.as_str() {
            "male" => "мужской",
            _ => "женский",
        }
        .to_owned(),
        birth_date: format_ru(r.birth_date),
        snils: r.snils.clone().unwrap_or_default(),
        birth_certificate: r.birth_certificate.clone().unwrap_or_default(),
    }
}

fn record(r: &RecordRow, applications: &[(i64, String, String)]) -> PairRecord {
    PairRecord {
        child_id: r.id,
        account_email: r.account_email.clone(),
        account_phone: r.account_phone.clone(),
        municipality: r.municipality.clone(),
        entered: format_ru(r.created_at.date_naive()),
        confirmation: match (&r.confirmed_by, r.confirmed_at) {
            (Some(o), Some(at)) => {
                format!("Данные подтверждены: {o}, {}", format_ru(at.date_naive()))
            }
            _ => "Данные не подтверждены".to_owned(),
        },
        applications: applications
            .iter()
            .filter(|(child, _, _)| *child == r.id)
            .map(|(_, title, status)| match Status::from_code(status) {
                Some(s) => format!("{title} — {}", s.label()),
                None => format!("{title} — {status}"),
            })
            .collect(),
    }
}

#[tracing::instrument(skip_all, err(Debug))]
pub async fn resolve(state: &AppState, form: ResolveForm) -> Result<ResolveOutcome, AppError> {
    if form.kind == "account" {
        return super::account_duplicates::resolve(state, form).await;
    }
    let (acting, scope, can_resolve) = reviewer(state).await?;
    if !can_resolve {
        return Err(AppError::Forbidden);
    }
    let flag_id = form
        .flag
        .trim()
        .parse::<i64>()
        .map_err(|_| AppError::NotFound)?;
    // A pair resolved by another operator, or outside this operator's queue, is not found here.
    let flag = db::open_pair(&state.db, scope, flag_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let pair = (flag.child_id, flag.matched_child_id);
    let (decision, reason) = match parse_decision(&form.decision, &form.reason, pair) {
        Ok(d) => d,
        Err(errors) => return Ok(ResolveOutcome::Invalid { form, errors }),
    };
    let records = db::records(&state.db, &[pair.0, pair.1]).await?;
    let find = |id: i64| {
        records
            .iter()
            .find(|r| r.id == id)
            .ok_or(AppError::NotFound)
    };
    let now = Utc::now();
    let message = match decision {
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
            let flagged = find(flag.child_id)?;
            let name = full_name(&flagged.surname, &flagged.given_name, None);
            for (account, _) in children::guardians(&state.db, flagged.id).await? {
                tell(
                    state,
                    account,
                    "Проверка данных ребенка завершена",
                    &format!("Оператор проверил данные ребенка {name}: это не дубль другой записи. Подавать заявки на программы теперь можно."),
                    "/cabinet",
                )
                .await;
            }
            "Пара отмечена как разные дети и больше не попадет в очередь".to_owned()
        }
        Decision::Duplicate { keep } => {
            let retire = if keep == pair.0 { pair.1 } else { pair.0 };
            // Neither record may be the operator's own family's: a colleague decides that pair.
            for child in [retire, keep] {
                super::scope::child(state, &acting, Power::RetireChild, child).await?;
            }
            let (kept, retired) = (find(keep)?, find(retire)?);
            let masked = Email::parse(&kept.account_email)
                .map(|e| e.masked())
                .unwrap_or_else(|_| kept.account_email.clone());
            let r6 = r6_message(state, &masked).await?;
            let guardians = children::guardians(&state.db, retire).await?;
            let resolution = Resolution {
                flag_id,
                by_account_id: acting.account_id,
                reason: &reason,
                at: now,
                duplicate: Some((keep, retire, &r6)),
            };
            if !db::resolve(&state.db, &resolution).await? {
                return Err(AppError::NotFound);
            }
            let cancelled =
                cancel_decided(state, Cancellable::Child(retire), acting.account_id).await?;
            let kept_note = cancelled.parent_note();
            let name = full_name(&retired.surname, &retired.given_name, None);
            for (account, _) in guardians.iter().filter(|(a, _)| *a != kept.account_id) {
                tell(
                    state,
                    *account,
                    "Запись о ребенке закрыта как дубль",
                    &format!("Ребенок {name} уже зарегистрирован в системе в аккаунте {masked}. Запись в вашем кабинете закрыта, заявки с нее отменены{kept_note}. Если обучение по программе актуально, подайте заявку с аккаунта {masked}. Если доступа к указанному аккаунту нет, то обратитесь в тех. поддержку по номеру телефона 48-28-08 (вт, чт с 13.00 до 16.30)."),
                    "/cabinet/applications",
                )
                .await;
            }
            format!(
                "Запись № {retire} закрыта как дубль записи № {keep}; {}. Родитель уведомлен",
                cancelled.report()
            )
        }
    };
    let details = match decision {
        Decision::NotDuplicate => format!("not_duplicate: {reason}"),
        Decision::Duplicate { keep } => format!("duplicate, kept child:{keep}: {reason}"),
    };
    audit(
        state,
        &acting,
        "resolve_duplicate",
        &format!("duplicate_flag:{flag_id}"),
        Some(&details),
    )
    .await?;
    Ok(ResolveOutcome::Resolved { message })
}
