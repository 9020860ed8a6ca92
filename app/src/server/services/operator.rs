//! The institution operator's applications (SPEC §4.3, §4.4): the filtered list, moves on a
//! selection along the state machine, each audited and notified.

use super::applications::run_move;
use super::notifications::notify;
use super::roles::{audit, institution_operator, InstitutionOperator};
use crate::contract::choice::Choice;
use crate::contract::operator::{BulkMoveForm, BulkOutcome, OperatorPage, OperatorRow};
use crate::domain::account::email::Email;
use crate::domain::application::operator_query::OperatorQuery;
use crate::domain::application::operator_query::ParsedQuery;
use crate::domain::application::status::{Action, Actor, Status};
use crate::domain::dates::format_ru;
use crate::domain::field_error::FieldError;
use crate::domain::identity::person_name::full_name;
use crate::domain::scope::Power;
use crate::error::AppError;
use crate::server::db::operator_applications::{self as db, Filter, Row};
use crate::server::state::moscow_time;
use crate::server::state::{moscow_midnight, AppState};

pub const PAGE_SIZE: i64 = 50;

/// The operator's own actions, in the order of the form's choices.
const ACTIONS: [Action; 5] = [
    Action::Confirm,
    Action::Enrol,
    Action::Offer,
    Action::Cancel,
    Action::Expel,
];

pub fn filter_of(organization_id: i64, q: &ParsedQuery) -> Filter {
    Filter {
        organization_id,
        program_id: q.program,
        group_id: q.group,
        status: q.status.map(Status::code),
        created_from: q.from.map(moscow_midnight),
        created_before: q.to.and_then(|d| d.succ_opt()).map(moscow_midnight),
        child: q.child.clone(),
    }
}

/// What the audit log says about a list: the filter's shape, never a child's name.
pub fn described(q: &ParsedQuery) -> String {
    format!(
        "program={:?} group={:?} status={:?} from={:?} to={:?} child_filter={} page={}",
        q.program,
        q.group,
        q.status.map(Status::code),
        q.from,
        q.to,
        q.child.is_some(),
        q.page
    )
}

pub fn row_of(r: Row) -> OperatorRow {
    OperatorRow {
        id: r.id,
        child_name: full_name(
            &r.child_surname,
            &r.child_given_name,
            r.child_patronymic.as_deref(),
        ),
        child_birth_date: format_ru(r.child_birth_date),
        program_title: r.program_title,
        group_name: r.group_name,
        status: Status::from_code(&r.status).map_or(r.status.clone(), |s| s.label().to_owned()),
        reason: r.reason,
        created_at: moscow_time(r.created_at),
        position: r.position,
        parent_name: r.parent_name,
        parent_phone: r.parent_phone,
        parent_email: r.parent_email,
    }
}

pub async fn list(state: &AppState, query: OperatorQuery) -> Result<OperatorPage, AppError> {
    let operator = institution_operator(state).await?;
    let organization_name = operator
        .acting
        .role
        .as_ref()
        .and_then(|(_, r)| r.organization_name.clone())
        .unwrap_or_default();
    let groups = db::groups_of(&state.db, operator.organization_id).await?;
    let mut programs: Vec<Choice> = Vec::new();
    for (id, title, _, _) in &groups {
        if !programs.iter().any(|c| c.value == id.to_string()) {
            programs.push(Choice {
                value: id.to_string(),
                label: title.clone(),
            });
        }
    }
    let group_choices = groups
        .iter()
        .map(|(_, title, id, name)| Choice {
            value: id.to_string(),
            label: format!("{title} — {name}"),
        })
        .collect();
    let reasons = reason_choices(state).await?;
    let mut page = OperatorPage {
        organization_name,
        rows: Vec::new(),
        total: 0,
        page: 1,
        pages: 1,
        programs,
        groups: group_choices,
        statuses: Status::ALL
            .into_iter()
            .map(|s| Choice {
                value: s.code().to_owned(),
                label: s.label().to_owned(),
            })
            .collect(),
        actions: ACTIONS
            .into_iter()
            .map(|a| Choice {
                value: a.code().to_owned(),
                label: a.label().to_owned(),
            })
            .collect(),
        reasons,
        errors: Vec::new(),
    };
    let parsed = match query.parse() {
        Ok(p) => p,
        Err(errors) => {
            page.errors = errors;
            return Ok(page);
        }
    };
    let filter = filter_of(operator.organization_id, &parsed);
    let offset = i64::from(parsed.page - 1) * PAGE_SIZE;
    let (rows, total) = db::page(&state.db, &filter, offset, PAGE_SIZE).await?;
    audit(
        state,
        &operator.acting,
        "view_applications",
        &format!("organization:{}", operator.organization_id),
        Some(&described(&parsed)),
    )
    .await?;
    page.total = total;
    page.page = parsed.page;
    page.pages = u32::try_from((total + PAGE_SIZE - 1) / PAGE_SIZE)
        .unwrap_or(1)
        .max(1);
    page.rows = rows.into_iter().map(row_of).collect();
    Ok(page)
}

/// The active cancel reasons, as a select offers them.
pub async fn reason_choices(state: &AppState) -> Result<Vec<Choice>, AppError> {
    Ok(db::cancel_reasons(&state.db)
        .await?
        .into_iter()
        .filter(|r| r.is_active)
        .map(|r| Choice {
            value: r.id.to_string(),
            label: r.title,
        })
        .collect())
}

/// The reason a cancellation or expulsion carries, from the dictionary and the comment.
pub async fn reason_of(
    state: &AppState,
    reason: &str,
    comment: &str,
) -> Result<String, Vec<FieldError>> {
    let reasons = db::cancel_reasons(&state.db).await.map_err(|_| {
        vec![FieldError::new(
            "reason",
            "Не удалось прочитать справочник причин",
        )]
    })?;
    let Some(reason) = reason
        .trim()
        .parse::<i64>()
        .ok()
        .and_then(|id| reasons.into_iter().find(|r| r.id == id && r.is_active))
    else {
        return Err(vec![FieldError::new(
            "reason",
            "Выберите причину из справочника",
        )]);
    };
    let comment = comment.trim();
    if reason.code == "duplicate_account" {
        // R6: the message names the confirmed account, masked.
        return match Email::parse(comment) {
            Ok(email) => Ok(reason.message.replace("{account}", &email.masked())),
            Err(_) => Err(vec![FieldError::new(
                "comment",
                "Укажите почту подтвержденного аккаунта: она войдет в сообщение в скрытом виде",
            )]),
        };
    }
    if reason.needs_comment {
        if comment.chars().count() < 5 {
            return Err(vec![FieldError::new(
                "comment",
                "Опишите причину: родитель прочитает ее в уведомлении",
            )]);
        }
        return Ok(comment.to_owned());
    }
    Ok(if comment.is_empty() {
        reason.message
    } else {
        format!("{} {comment}", reason.message)
    })
}

#[tracing::instrument(skip_all, err(Debug))]
pub async fn bulk_move(state: &AppState, form: BulkMoveForm) -> Result<BulkOutcome, AppError> {
    let operator = institution_operator(state).await?;
    let Some(action) = Action::from_code(form.action.trim()).filter(|a| ACTIONS.contains(a)) else {
        return Ok(BulkOutcome::Invalid {
            errors: vec![FieldError::new("action", "Выберите действие")],
        });
    };
    let ids: Vec<i64> = form
        .ids
        .iter()
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    if ids.is_empty() {
        return Ok(BulkOutcome::Invalid {
            errors: vec![FieldError::new(
                "ids",
                "Отметьте заявки, к которым применить действие",
            )],
        });
    }
    let reason = if action.needs_reason() {
        match reason_of(state, &form.reason, &form.comment).await {
            Ok(r) => Some(r),
            Err(errors) => return Ok(BulkOutcome::Invalid { errors }),
        }
    } else {
        let c = form.comment.trim();
        (!c.is_empty())
            .then(|| c.to_owned())
            .or(action.own_reason().map(str::to_owned))
    };
    let (mut changed, mut refused) = (0, Vec::new());
    for id in ids {
        match move_one(state, &operator, id, action, reason.as_deref()).await {
            Ok(()) => changed += 1,
            Err(AppError::Conflict(m) | AppError::Denied(m)) => {
                refused.push(format!("Заявка № {id}: {m}"))
            }
            Err(AppError::NotFound) => {
                refused.push(format!("Заявка № {id}: не найдена среди заявок учреждения"))
            }
            Err(e) => return Err(e),
        }
    }
    Ok(BulkOutcome::Done { changed, refused })
}

async fn move_one(
    state: &AppState,
    operator: &InstitutionOperator,
    id: i64,
    action: Action,
    reason: Option<&str>,
) -> Result<(), AppError> {
    // Another organization's application is, for this operator, one that does not exist.
    let child = db::child_of(&state.db, operator.organization_id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    super::scope::child(state, &operator.acting, Power::MoveApplication, child).await?;
    let changes = run_move(
        state,
        id,
        action,
        Actor::Operator,
        Some(operator.acting.account_id),
        reason,
    )
    .await?;
    audit(
        state,
        &operator.acting,
        action.code(),
        &format!("application:{id}"),
        reason,
    )
    .await?;
    notify(state, &changes).await;
    Ok(())
}

/// The export's next rows after `after_id`, in id order.
pub async fn export_chunk(
    state: &AppState,
    filter: &Filter,
    after_id: i64,
) -> Result<Vec<OperatorRow>, AppError> {
    Ok(db::chunk(&state.db, filter, after_id, 1000)
        .await?
        .into_iter()
        .map(row_of)
        .collect())
}
