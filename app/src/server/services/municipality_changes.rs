//! Municipality changes (R5, SPEC §4.4): an institution operator records the parent's written
//! application (from, to, reason, optionally its scan); the regional operator approves or rejects
//! it with a reason; on approval the account — and with it the children — moves. МОЦ operators
//! see the applications of their municipality but cannot decide them. Everything is audited and
//! the parent is told at each step.

use super::roles::{acting, audit, Acting};
use super::tell::tell;
use crate::contract::municipality_changes::{
    ChangeCard, ChangeForm, ChangeList, ChangeOutcome, DecideForm, DecideOutcome,
};
use crate::contract::upload::PostedFile;
use crate::domain::account::municipality_change::{
    check_application, parse_decision, ChangeStatus, Decision,
};
use crate::domain::field_error::FieldError;
use crate::domain::role::Role;
use crate::domain::scope::Power;
use crate::error::AppError;
use crate::server::db::municipality_changes::{self as db, ChangeRow, Decided, NewChange, Scope};
use crate::server::db::{accounts, roles::RoleRow};
use crate::server::state::moscow_time;
use crate::server::state::AppState;
use chrono::Utc;

/// Applications a list shows at once.
const LIST: i64 = 100;
/// A scan's size, at most.
const DOCUMENT_BYTES: usize = 5 * 1024 * 1024;
/// What a scan may be: what a phone's camera or a scanner makes.
const DOCUMENT_TYPES: [&str; 3] = ["application/pdf", "image/jpeg", "image/png"];

/// Whose applications the acting role sees: the regional operator all, МОЦ its municipality's, an
/// institution those it recorded.
pub fn scope_of(acting: &Acting) -> Result<Scope, AppError> {
    match &acting.role {
        Some((Role::RegionalOperator, _)) => Ok(Scope::All),
        Some((
            Role::MocOperator,
            RoleRow {
                municipality_id: Some(m),
                ..
            },
        )) => Ok(Scope::Municipality(*m)),
        Some((
            Role::InstitutionOperator,
            RoleRow {
                organization_id: Some(o),
                ..
            },
        )) => Ok(Scope::Organization(*o)),
        _ => Err(AppError::Forbidden),
    }
}

async fn signed_in(state: &AppState) -> Result<Acting, AppError> {
    acting(state).await?.ok_or(AppError::Unauthorized)
}

fn invalid(form: ChangeForm, field: &str, message: &str) -> Result<ChangeOutcome, AppError> {
    Ok(ChangeOutcome::Invalid {
        form,
        errors: vec![FieldError::new(field, message)],
    })
}

#[tracing::instrument(skip_all, err(Debug))]
pub async fn record(
    state: &AppState,
    form: ChangeForm,
    file: Option<PostedFile>,
) -> Result<ChangeOutcome, AppError> {
    let operator = super::roles::institution_operator(state).await?;
    let account_id = form
        .change_account
        .trim()
        .parse::<i64>()
        .map_err(|_| AppError::NotFound)?;
    super::scope::account(
        state,
        &operator.acting,
        Power::RecordMunicipalityChange,
        account_id,
    )
    .await?;
    let account = accounts::find(&state.db, account_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let municipalities = super::registration::municipalities(state).await?;
    let to = form
        .change_to
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|id| municipalities.iter().any(|m| m.id == *id));
    let (to, reason) = match check_application(account.municipality_id, to, &form.change_reason) {
        Ok(checked) => checked,
        Err(errors) => return Ok(ChangeOutcome::Invalid { form, errors }),
    };
    if let Some(f) = &file {
        if f.bytes.len() > DOCUMENT_BYTES {
            return invalid(
                form,
                "change_document",
                "Файл больше 5 МБ: отсканируйте заявление с меньшим разрешением",
            );
        }
        if !DOCUMENT_TYPES.contains(&f.content_type.as_str()) {
            return invalid(
                form,
                "change_document",
                "Приложите скан в формате PDF, JPEG или PNG",
            );
        }
    }
    let name = |id: i64| {
        municipalities
            .iter()
            .find(|m| m.id == id)
            .map(|m| m.name.clone())
            .unwrap_or_default()
    };
    let inserted = db::insert(
        &state.db,
        &NewChange {
            account_id,
            from_municipality_id: account.municipality_id,
            to_municipality_id: to,
            reason: &reason,
            document: file.as_ref().map(|f| {
                (
                    f.file_name.as_str(),
                    f.content_type.as_str(),
                    f.bytes.as_slice(),
                )
            }),
            recorded_by_account_id: operator.acting.account_id,
            recorded_by_organization_id: operator.organization_id,
        },
    )
    .await?;
    let Some(id) = inserted else {
        return invalid(
            form,
            "change_to",
            "Заявление этой семьи уже на рассмотрении у регионального оператора",
        );
    };
    audit(
        state,
        &operator.acting,
        "record_municipality_change",
        &format!("account:{account_id}"),
        Some(&format!("change:{id}; to municipality:{to}")),
    )
    .await?;
    let (from, to) = (name(account.municipality_id), name(to));
    tell(
        state,
        account_id,
        "Заявление на смену муниципалитета принято",
        &format!("Учреждение приняло ваше заявление на смену муниципалитета: {from} → {to}. Его рассмотрит региональный оператор; о решении придет уведомление. Создавать новый аккаунт не нужно."),
        "/cabinet",
    )
    .await;
    Ok(ChangeOutcome::Recorded {
        message: format!("Заявление на смену муниципалитета ({from} → {to}) передано региональному оператору; родитель уведомлен."),
    })
}

fn card(r: ChangeRow) -> ChangeCard {
    let status = ChangeStatus::from_code(&r.status);
    ChangeCard {
        id: r.id,
        parent_name: format!("{} {}", r.parent_surname, r.parent_given_name),
        parent_email: r.parent_email,
        from: r.from_name,
        to: r.to_name,
        reason: r.reason,
        document: r.document_name.map(|n| {
            (
                n,
                format!("/operator/municipality-changes/document?id={}", r.id),
            )
        }),
        recorded_by: r.organization_name,
        recorded_at: moscow_time(r.created_at),
        status: status.map_or_else(|| r.status.clone(), |s| s.label().to_owned()),
        pending: status == Some(ChangeStatus::Pending),
        decision_reason: r.decision_reason,
    }
}

pub async fn list(state: &AppState) -> Result<ChangeList, AppError> {
    let acting = signed_in(state).await?;
    let scope = scope_of(&acting)?;
    let rows = db::list(&state.db, scope, LIST).await?;
    let accounts: Vec<String> = rows.iter().map(|r| r.account_id.to_string()).collect();
    let subject = if accounts.is_empty() {
        "accounts:none".to_owned()
    } else {
        format!("accounts:{}", accounts.join(","))
    };
    audit(state, &acting, "view_municipality_changes", &subject, None).await?;
    Ok(ChangeList {
        can_decide: matches!(acting.role, Some((Role::RegionalOperator, _))),
        cards: rows.into_iter().map(card).collect(),
    })
}

#[tracing::instrument(skip_all, err(Debug))]
pub async fn decide(state: &AppState, form: DecideForm) -> Result<DecideOutcome, AppError> {
    let acting = signed_in(state).await?;
    if !matches!(acting.role, Some((Role::RegionalOperator, _))) {
        return Err(AppError::Forbidden);
    }
    let id = form
        .change
        .trim()
        .parse::<i64>()
        .map_err(|_| AppError::NotFound)?;
    let change = db::one(&state.db, Scope::All, id)
        .await?
        .ok_or(AppError::NotFound)?;
    super::scope::account(
        state,
        &acting,
        Power::DecideMunicipalityChange,
        change.account_id,
    )
    .await?;
    let (decision, reason) = match parse_decision(&form.decision, &form.decision_reason) {
        Ok(d) => d,
        Err(errors) => return Ok(DecideOutcome::Invalid { form, errors }),
    };
    let decided = Decided {
        id,
        approve: decision == Decision::Approve,
        reason: reason.as_deref(),
        by_account_id: acting.account_id,
        at: Utc::now(),
    };
    if change.status != ChangeStatus::Pending.code() || !db::decide(&state.db, &decided).await? {
        return Err(AppError::Conflict(
            "Заявление уже рассмотрено, или семья уже в другом муниципалитете".to_owned(),
        ));
    }
    audit(
        state,
        &acting,
        match decision {
            Decision::Approve => "approve_municipality_change",
            Decision::Reject => "reject_municipality_change",
        },
        &format!("account:{}", change.account_id),
        Some(&format!(
            "change:{id}; {}",
            reason.as_deref().unwrap_or_default()
        )),
    )
    .await?;
    let (subject, text, message) = match decision {
        Decision::Approve => (
            "Муниципалитет изменен",
            format!(
                "Региональный оператор одобрил ваше заявление: ваш аккаунт и дети теперь в муниципалитете «{}».",
                change.to_name
            ),
            format!("Одобрено: семья переведена в «{}»", change.to_name),
        ),
        Decision::Reject => (
            "Заявление на смену муниципалитета отклонено",
            format!(
                "Региональный оператор отклонил ваше заявление на смену муниципалитета ({} → {}): {}",
                change.from_name,
                change.to_name,
                reason.as_deref().unwrap_or_default()
            ),
            "Заявление отклонено, родитель уведомлен".to_owned(),
        ),
    };
    tell(state, change.account_id, subject, &text, "/cabinet").await;
    Ok(DecideOutcome::Decided { message })
}

/// The scan of an application, for whoever may see the application; the access is audited.
pub async fn document(
    db: &crate::server::db::Database,
    acting: &Acting,
    id: i64,
    address: &str,
) -> Result<(String, String, Vec<u8>), AppError> {
    let scope = scope_of(acting)?;
    let change = db::one(db, scope, id).await?.ok_or(AppError::NotFound)?;
    let document = db::document(db, id).await?.ok_or(AppError::NotFound)?;
    super::roles::audit_from(
        db,
        acting,
        "view_change_document",
        &format!("account:{}", change.account_id),
        Some(&format!("change:{id}")),
        address,
    )
    .await?;
    Ok(document)
}
