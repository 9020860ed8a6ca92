//! Requests (обращения): a parent writes to an institution; its operators take and answer it;
//! an answer that did not help, or an institution that cannot, sends it on to МОЦ. Every message
//! and move is kept; operators' access is audited; the parent hears of answers in the cabinet and
//! by e-mail.

use super::rate_limit;
use super::roles::{acting, audit, Acting};
use crate::contract::choice::Choice;
use crate::contract::help::{
    Inbox, NewRequestChoices, RequestCard, RequestForm, RequestLine, RequestMoveChoice,
    RequestMoveForm, RequestMoveOutcome, SendOutcome,
};
use crate::domain::field_error::FieldError;
use crate::domain::help::request::{
    waited, Level, RequestAction, RequestState, RequestStatus, Side,
};
use crate::domain::help::situation::Situation;
use crate::domain::role::Role;
use crate::domain::scope::Power;
use crate::error::AppError;
use crate::server::db::help::{self as db, EventRow, NewRequest, RequestMove, RequestRow};
use crate::server::db::{accounts, children};
use crate::server::state::moscow_time;
use crate::server::state::AppState;
use chrono::Utc;

/// A request's words: enough to act on, short enough to read.
const BODY_CHARS: std::ops::RangeInclusive<usize> = 10..=2000;
/// Requests one account may send in an hour.
const SENDS_PER_HOUR: i64 = 10;

async fn parent(state: &AppState) -> Result<i64, AppError> {
    crate::server::auth::session::current_account_id(state)
        .await?
        .ok_or(AppError::Unauthorized)
}

fn choice(id: i64, label: String) -> Choice {
    Choice {
        value: id.to_string(),
        label,
    }
}

/// Institutions to turn to: the family's own (from applications and confirmations), then every
/// other one.
pub async fn institution_choices(
    state: &AppState,
    account_id: i64,
) -> Result<(Vec<Choice>, Vec<Choice>), AppError> {
    let mine = db::institutions_of(&state.db, account_id).await?;
    let all = db::search_institutions(&state.db, "", i64::MAX).await?;
    let others = all
        .into_iter()
        .filter(|o| mine.iter().all(|m| m.id != o.id))
        .map(|o| choice(o.id, o.short_name))
        .collect();
    let mine = mine
        .into_iter()
        .map(|o| choice(o.id, o.short_name))
        .collect();
    Ok((mine, others))
}

pub async fn choices(state: &AppState) -> Result<NewRequestChoices, AppError> {
    let account_id = parent(state).await?;
    let kids = children::of_account(&state.db, account_id).await?;
    let (mine, others) = institution_choices(state, account_id).await?;
    Ok(NewRequestChoices {
        children: kids
            .into_iter()
            .map(|c| choice(c.id, format!("{} {}", c.surname, c.given_name)))
            .collect(),
        mine,
        others,
    })
}

#[tracing::instrument(skip_all, err(Debug))]
pub async fn send(state: &AppState, form: RequestForm) -> Result<SendOutcome, AppError> {
    let account_id = parent(state).await?;
    let mut errors = Vec::new();
    let situation = Situation::from_slug(form.situation.trim());
    if situation.is_none() {
        errors.push(FieldError::new("situation", "Выберите, что случилось"));
    }
    let organization = match form.organization.trim().parse::<i64>() {
        Ok(id) => db::institution(&state.db, id).await?,
        Err(_) => None,
    };
    if organization.is_none() {
        errors.push(FieldError::new("organization", "Выберите учреждение"));
    }
    let child_id = match form.child.trim() {
        "" => None,
        id => {
            let kids = children::of_account(&state.db, account_id).await?;
            let found = id
                .parse::<i64>()
                .ok()
                .filter(|id| kids.iter().any(|c| c.id == *id));
            if found.is_none() {
                errors.push(FieldError::new("child", "Выберите ребенка из списка"));
            }
            found
        }
    };
    let body = form.body.trim();
    if !BODY_CHARS.contains(&body.chars().count()) {
        errors.push(FieldError::new(
            "body",
            "Опишите, что случилось: от 10 до 2000 знаков",
        ));
    }
    let (Some(situation), Some(organization), true) = (situation, organization, errors.is_empty())
    else {
        return Ok(SendOutcome::Invalid(errors));
    };
    rate_limit::check(
        state,
        &format!("help_request:{account_id}"),
        SENDS_PER_HOUR,
        3600,
    )
    .await?;
    let account = accounts::find(&state.db, account_id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    db::insert_request(
        &state.db,
        &NewRequest {
            account_id,
            organization_id: organization.id,
            municipality_id: account.municipality_id,
            child_id,
            situation: situation.slug(),
            body,
            now: Utc::now(),
        },
    )
    .await?;
    Ok(SendOutcome::Sent {
        organization: organization.short_name,
    })
}

/// Where the acting person stands towards a request: its parent, or an operator of the level
/// that holds it.
fn side_of(acting: &Acting, r: &RequestRow) -> Result<(Side, &'static str), AppError> {
    match &acting.role {
        None if r.account_id == acting.account_id => Ok((Side::Parent, "parent")),
        None => Err(AppError::NotFound),
        Some((Role::InstitutionOperator, row))
            if row.organization_id == Some(r.organization_id) && r.level == "institution" =>
        {
            Ok((Side::Operator, "institution"))
        }
        Some((Role::MocOperator, row))
            if row.municipality_id == Some(r.municipality_id) && r.level == "moc" =>
        {
            Ok((Side::Operator, "moc"))
        }
        Some(_) => Err(AppError::Forbidden),
    }
}

fn state_of(r: &RequestRow) -> Option<RequestState> {
    Some(RequestState {
        level: Level::from_code(&r.level)?,
        status: RequestStatus::from_code(&r.status)?,
    })
}

fn topic(code: &str) -> String {
    Situation::from_slug(code)
        .map(|s| s.topic().to_owned())
        .unwrap_or_else(|| code.to_owned())
}

fn line(e: &EventRow, r: &RequestRow, for_operator: bool) -> RequestLine {
    let who = match e.author_side.as_str() {
        "parent" if for_operator => format!("Родитель: {}", e.author_name),
        "parent" => "Вы".to_owned(),
        "institution" => format!("Учреждение: {}", r.organization_name),
        _ => "МОЦ".to_owned(),
    };
    let what = match e.action.as_str() {
        "send" => "Обращение отправлено",
        "take" => "Взято в работу",
        "answer" => "Ответ",
        "not_resolved" => "Вопрос не решен",
        "escalate" => "Передано в МОЦ",
        other => other,
    };
    RequestLine {
        at: moscow_time(e.created_at),
        who,
        what: what.to_owned(),
        body: e.body.clone(),
    }
}

fn card(r: &RequestRow, events: &[EventRow], side: Side) -> RequestCard {
    let for_operator = side == Side::Operator;
    let state = state_of(r);
    let awaits = state.is_some_and(|s| s.status.awaits_operator());
    RequestCard {
        id: r.id,
        topic: topic(&r.situation),
        organization: r.organization_name.clone(),
        child: r.child_name.clone(),
        level: Level::from_code(&r.level)
            .map(Level::label)
            .unwrap_or_default()
            .to_owned(),
        status: RequestStatus::from_code(&r.status)
            .map(RequestStatus::label)
            .unwrap_or_default()
            .to_owned(),
        status_code: r.status.clone(),
        waiting: awaits.then(|| waited((Utc::now() - r.waiting_since).num_minutes())),
        created_at: moscow_time(r.created_at),
        parent: for_operator.then(|| {
            format!(
                "{} · {} · {}",
                r.parent_name, r.parent_phone, r.parent_email
            )
        }),
        history: events
            .iter()
            .filter(|e| e.request_id == r.id)
            .map(|e| line(e, r, for_operator))
            .collect(),
        moves: state
            .map(|s| s.moves(side))
            .unwrap_or_default()
            .into_iter()
            .map(|a| RequestMoveChoice {
                action: a.code().to_owned(),
                label: a.label(side).to_owned(),
                needs_text: a.needs_text(),
            })
            .collect(),
    }
}

async fn cards(
    state: &AppState,
    rows: &[RequestRow],
    side: Side,
) -> Result<Vec<RequestCard>, AppError> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let events = db::events(&state.db, &ids).await?;
    Ok(rows.iter().map(|r| card(r, &events, side)).collect())
}

pub async fn mine(state: &AppState) -> Result<Vec<RequestCard>, AppError> {
    let account_id = parent(state).await?;
    let rows = db::of_account(&state.db, account_id).await?;
    cards(state, &rows, Side::Parent).await
}

/// The inbox of the acting operator: the institution's, or МОЦ's.
pub async fn inbox(state: &AppState, status: &str) -> Result<Inbox, AppError> {
    let acting = acting(state).await?.ok_or(AppError::Unauthorized)?;
    let (which, title) = match &acting.role {
        Some((Role::InstitutionOperator, row)) => (
            db::Inbox::Institution(row.organization_id.ok_or(AppError::Forbidden)?),
            format!(
                "Обращения в учреждение: {}",
                row.organization_name.clone().unwrap_or_default()
            ),
        ),
        Some((Role::MocOperator, row)) => (
            db::Inbox::Moc(row.municipality_id.ok_or(AppError::Forbidden)?),
            format!(
                "Обращения в МОЦ: {}",
                row.municipality_name.clone().unwrap_or_default()
            ),
        ),
        _ => return Err(AppError::Forbidden),
    };
    let status = RequestStatus::from_code(status).map(RequestStatus::code);
    let rows = db::inbox(&state.db, which, status).await?;
    let subject = match which {
        db::Inbox::Institution(id) => format!("help_inbox:institution:{id}"),
        db::Inbox::Moc(id) => format!("help_inbox:moc:{id}"),
    };
    audit(state, &acting, "view_help_requests", &subject, status).await?;
    Ok(Inbox {
        title,
        requests: cards(state, &rows, Side::Operator).await?,
    })
}

#[tracing::instrument(skip_all, err(Debug))]
pub async fn act(state: &AppState, form: RequestMoveForm) -> Result<RequestMoveOutcome, AppError> {
    let acting = acting(state).await?.ok_or(AppError::Unauthorized)?;
    let id = form
        .id
        .trim()
        .parse::<i64>()
        .map_err(|_| AppError::NotFound)?;
    let request = db::request(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (side, author_side) = side_of(&acting, &request)?;
    if side == Side::Operator {
        super::scope::family(state, &acting, Power::AnswerRequest, request.account_id).await?;
    }
    let action = RequestAction::from_code(form.action.trim()).ok_or(AppError::NotFound)?;
    let from = state_of(&request).ok_or(AppError::NotFound)?;
    let moved_on = || AppError::Conflict("Обращение уже изменилось: обновите страницу".into());
    let to = from.next(side, action).ok_or_else(moved_on)?;
    let body = form.body.trim();
    let words = body.chars().count();
    if (action.needs_text() && words == 0) || words > 2000 {
        let message = if words > 2000 {
            "Не длиннее 2000 знаков"
        } else if action == RequestAction::Answer {
            "Напишите ответ"
        } else {
            "Напишите, почему обращение передается в МОЦ"
        };
        return Ok(RequestMoveOutcome::Invalid {
            form,
            error: message.to_owned(),
        });
    }
    let moved = db::move_request(
        &state.db,
        &RequestMove {
            id,
            from_level: from.level.code(),
            from_status: from.status.code(),
            to_level: to.level.code(),
            to_status: to.status.code(),
            author_account_id: acting.account_id,
            author_side,
            action: action.code(),
            body: (!body.is_empty()).then_some(body),
            restart_wait: matches!(to.status, RequestStatus::New | RequestStatus::Unresolved),
            now: Utc::now(),
        },
    )
    .await?;
    if !moved {
        return Err(moved_on());
    }
    if side == Side::Operator {
        audit(
            state,
            &acting,
            &format!("help_request_{}", action.code()),
            &format!("help_request:{id}"),
            None,
        )
        .await?;
        notify_parent(state, &request, action, body).await;
    }
    let message = match (action, side) {
        (RequestAction::Take, _) => "Обращение взято в работу",
        (RequestAction::Answer, _) => "Ответ отправлен родителю",
        (RequestAction::NotResolved, _) => "Учреждение увидит, что вопрос не решен",
        (RequestAction::Escalate, Side::Parent) => "Обращение передано в МОЦ",
        (RequestAction::Escalate, Side::Operator) => "Обращение передано в МОЦ, родитель уведомлен",
    };
    Ok(RequestMoveOutcome::Moved {
        id,
        message: message.to_owned(),
    })
}

/// Tells the parent of an answer or of the climb to МОЦ, in the cabinet and by e-mail; a failure
/// to tell is logged, never undoes the move.
async fn notify_parent(state: &AppState, r: &RequestRow, action: RequestAction, body: &str) {
    let topic = topic(&r.situation);
    let (subject, text) = match action {
        RequestAction::Answer => (
            format!("Ответ на обращение: {topic}"),
            format!(
                "Ответ на ваше обращение «{topic}» от {}:\n{body}\nЕсли вопрос не решен, откройте «Мои обращения» и передайте обращение в МОЦ.",
                match r.level.as_str() {
                    "moc" => "МОЦ".to_owned(),
                    _ => format!("учреждения «{}»", r.organization_name),
                }
            ),
        ),
        RequestAction::Escalate => (
            format!("Обращение передано в МОЦ: {topic}"),
            format!(
                "Учреждение «{}» передало ваше обращение «{topic}» в МОЦ:\n{body}\nОтвет МОЦ придет в личный кабинет и на почту.",
                r.organization_name
            ),
        ),
        RequestAction::Take | RequestAction::NotResolved => return,
    };
    super::tell::tell(state, r.account_id, &subject, &text, "/cabinet/requests").await;
}
