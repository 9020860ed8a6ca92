//! Applications from the parent's side (SPEC §4.3): the rules of applying, the seat or the
//! waiting list, a parent's moves, and a notification for every change.

use super::notifications::notify;
use crate::contract::applications::{
    ApplicationCard, ApplyForm, ApplyOutcome, ApplyTarget, ChildApplications, ChildChoice,
    HistoryLine, MoveForm, MoveOutcome, ParentMove,
};
use crate::domain::account::email::Email;
use crate::domain::application::eligibility::{self, ApplyRefusal, GroupTerms};
use crate::domain::application::status::{next, submitted_reason, Action, Actor, Status};
use crate::domain::field_error::FieldError;
use crate::domain::identity::person_name::full_name;
use crate::domain::ids::ProgramId;
use crate::error::AppError;
use crate::server::auth::session::current_account_id;
use crate::server::db::applications::{self as db, Change, Move, MoveError, NewApplication};
use crate::server::db::{accounts, children, DbError};
use crate::server::state::moscow_time;
use crate::server::state::{today_in_moscow, AppState};
use chrono::Utc;

async fn signed_in(state: &AppState) -> Result<i64, AppError> {
    current_account_id(state)
        .await?
        .ok_or(AppError::Unauthorized)
}

fn refused(r: &ApplyRefusal) -> ApplyOutcome {
    ApplyOutcome::Invalid {
        errors: vec![FieldError::new(r.field(), &r.message())],
    }
}

/// Applies for a child of the signed-in account to a group.
#[tracing::instrument(skip_all, err(Debug))]
pub async fn apply(state: &AppState, form: ApplyForm) -> Result<ApplyOutcome, AppError> {
    let account_id = signed_in(state).await?;
    super::rate_limit::check(state, &format!("apply-account:{account_id}"), 60, 600).await?;
    let mut errors = Vec::new();
    let child_id = form.child_id.trim().parse::<i64>().ok();
    if child_id.is_none() {
        errors.push(FieldError::new("child_id", "Выберите ребенка"));
    }
    let group_id = form.group_id.trim().parse::<i64>().ok();
    if group_id.is_none() {
        errors.push(FieldError::new("group_id", "Выберите группу"));
    }
    let (Some(child_id), Some(group_id)) = (child_id, group_id) else {
        return Ok(ApplyOutcome::Invalid { errors });
    };
    let account = accounts::find(&state.db, account_id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    if account.email_confirmed_at.is_none() {
        return Ok(refused(&ApplyRefusal::EmailNotConfirmed));
    }
    if let Some(kept) = account.duplicate_of_account_id {
        let email = accounts::find(&state.db, kept)
            .await?
            .map(|a| a.email)
            .unwrap_or_default();
        let confirmed = Email::parse(&email).map_or(email, |e| e.masked());
        return Ok(refused(&ApplyRefusal::DuplicateAccount { confirmed }));
    }
    let Some(group) = db::group_for_apply(&state.db, group_id).await? else {
        return Ok(ApplyOutcome::Invalid {
            errors: vec![FieldError::new("group_id", "Выберите группу")],
        });
    };
    let family = children::of_account(&state.db, account_id).await?;
    let Some(child) = family.into_iter().find(|c| c.id == child_id) else {
        return Ok(refused(&ApplyRefusal::NotYourChild));
    };
    if child.flagged {
        return Ok(refused(&ApplyRefusal::UnderReview));
    }
    let terms = GroupTerms {
        age_min: group.age_min,
        age_max: group.age_max,
        starts_on: group.starts_on,
        enrolment_opens: group.enrolment_opens,
        enrolment_closes: group.enrolment_closes,
    };
    if let Err(r) = eligibility::check(child.birth_date, &terms, today_in_moscow()) {
        return Ok(refused(&r));
    }
    let now = Utc::now();
    let new = NewApplication {
        child_id,
        group_id,
        program_id: group.program_id,
        organization_id: group.organization_id,
        account_id,
        now,
    };
    let (id, status) = match db::apply(&state.db, &new).await {
        Ok(done) => done,
        Err(DbError::UniqueViolation) => return Ok(refused(&ApplyRefusal::AlreadyApplied)),
        Err(DbError::Gone) => {
            return Ok(ApplyOutcome::Invalid {
                errors: vec![FieldError::new("group_id", "Прием в эту группу закрыт")],
            })
        }
        Err(e) => return Err(e.into()),
    };
    tracing::info!(
        application_id = id,
        status = status.code(),
        "application submitted"
    );
    notify(
        state,
        &[Change {
            application_id: id,
            account_id,
            from: None,
            to: status,
            reason: Some(submitted_reason(status).to_owned()),
        }],
    )
    .await;
    let position = match status {
        Status::Queued => db::subject(&state.db, id).await?.and_then(|s| s.position),
        _ => None,
    };
    Ok(ApplyOutcome::Applied {
        child_name: format!("{} {}", child.given_name, child.surname),
        group_name: group.name,
        status: status.label().to_owned(),
        position,
    })
}

/// A group with its program, for the apply page.
pub async fn group_to_apply(state: &AppState, group_id: i64) -> Result<ApplyTarget, AppError> {
    let group = db::group_for_apply(&state.db, group_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let program = super::catalog::get_program(&state.db, ProgramId(group.program_id)).await?;
    let card = program
        .groups
        .into_iter()
        .find(|g| g.id.0 == group_id)
        .ok_or(AppError::NotFound)?;
    Ok(ApplyTarget {
        program_id: group.program_id,
        program_title: program.title,
        organization_name: program.organization.name,
        group: card,
    })
}

/// The children of the signed-in account for the apply form; none for the anonymous.
pub async fn children_to_apply(state: &AppState) -> Result<Vec<ChildChoice>, AppError> {
    let Some(account_id) = current_account_id(state).await? else {
        return Ok(Vec::new());
    };
    Ok(children::of_account(&state.db, account_id)
        .await?
        .into_iter()
        .map(|c| ChildChoice {
            id: c.id,
            name: full_name(&c.surname, &c.given_name, c.patronymic.as_deref()),
        })
        .collect())
}

fn who(actor: &str, organization: &str) -> String {
    match actor {
        "parent" => "Родитель".to_owned(),
        "operator" => format!("Учреждение: {organization}"),
        _ => "Система".to_owned(),
    }
}

fn label_of(code: &str) -> String {
    Status::from_code(code).map_or_else(|| code.to_owned(), |s| s.label().to_owned())
}

/// The parent's moves allowed from a status.
fn parent_moves(status: Status) -> Vec<ParentMove> {
    [
        (ParentMove::Accept, Action::Accept),
        (ParentMove::Decline, Action::Decline),
        (ParentMove::Withdraw, Action::Withdraw),
    ]
    .into_iter()
    .filter(|(_, a)| next(status, *a, Actor::Parent).is_ok())
    .map(|(m, _)| m)
    .collect()
}

/// What the cabinet says of a record retired as a duplicate.
const RETIRED: &str = "Запись закрыта оператором как дубль: ребенок уже зарегистрирован в другом аккаунте. Заявки с этой записи отменены.";

/// The cabinet's applications, child by child, each with its history.
pub async fn mine(state: &AppState) -> Result<Vec<ChildApplications>, AppError> {
    let account_id = signed_in(state).await?;
    let mut family: Vec<(i64, String, Option<String>)> =
        children::of_account(&state.db, account_id)
            .await?
            .into_iter()
            .map(|c| {
                let name = full_name(&c.surname, &c.given_name, c.patronymic.as_deref());
                (c.id, name, None)
            })
            .collect();
    for (id, surname, given, patronymic) in
        children::retired_with_applications(&state.db, account_id).await?
    {
        let name = full_name(&surname, &given, patronymic.as_deref());
        family.push((id, name, Some(RETIRED.to_owned())));
    }
    let rows = db::of_account(&state.db, account_id).await?;
    let events = db::events_of_account(&state.db, account_id).await?;
    Ok(family
        .into_iter()
        .map(|(child_id, child_name, closed)| ChildApplications {
            child_id,
            child_name,
            // A duplicate decision cancels applications, not an enrolment: the child attends.
            closed: closed.map(|line| {
                let enrolled = rows
                    .iter()
                    .any(|a| a.child_id == child_id && a.status == Status::Enrolled.code());
                if enrolled {
                    format!("{line} Зачисление остается в силе.")
                } else {
                    line
                }
            }),
            applications: rows
                .iter()
                .filter(|a| a.child_id == child_id)
                .map(|a| {
                    let status = Status::from_code(&a.status);
                    ApplicationCard {
                        id: a.id,
                        child_id: a.child_id,
                        program_id: a.program_id,
                        program_title: a.program_title.clone(),
                        organization_name: a.organization_name.clone(),
                        group_name: a.group_name.clone(),
                        schedule: a.schedule.clone(),
                        status: label_of(&a.status),
                        reason: a.reason.clone(),
                        position: a.position,
                        offer_until: a.offer_expires_at.map(moscow_time),
                        moves: status.map(parent_moves).unwrap_or_default(),
                        history: events
                            .iter()
                            .filter(|e| e.application_id == a.id)
                            .map(|e| HistoryLine {
                                at: moscow_time(e.created_at),
                                status: label_of(&e.to_status),
                                who: who(&e.actor, &a.organization_name),
                                reason: e.reason.clone(),
                            })
                            .collect(),
                    }
                })
                .collect(),
        })
        .collect())
}

/// Withdraw, accept or decline, by a guardian of the child.
#[tracing::instrument(skip_all, err(Debug))]
pub async fn parent_move(state: &AppState, form: MoveForm) -> Result<MoveOutcome, AppError> {
    let account_id = signed_in(state).await?;
    let action = match form.action.as_str() {
        "withdraw" => Action::Withdraw,
        "accept" => Action::Accept,
        "decline" => Action::Decline,
        _ => {
            return Err(AppError::Validation(vec![FieldError::new(
                "action",
                "Выберите действие с заявкой",
            )]))
        }
    };
    let id = form
        .application_id
        .trim()
        .parse::<i64>()
        .map_err(|_| AppError::NotFound)?;
    // Only a guardian of the child reaches the application; anyone else learns nothing of it.
    if db::of_account_one(&state.db, account_id, id)
        .await?
        .is_none()
    {
        return Err(AppError::NotFound);
    }
    let changes = run_move(
        state,
        id,
        action,
        Actor::Parent,
        Some(account_id),
        action.own_reason(),
    )
    .await?;
    notify(state, &changes).await;
    let to = changes.first().map_or(Status::Cancelled, |c| c.to);
    Ok(MoveOutcome {
        message: match action {
            Action::Accept => "Место принято: заявка подтверждена".to_owned(),
            Action::Decline => "Вы отказались от предложенного места".to_owned(),
            _ => format!("Заявка отозвана. Статус: {}", to.label()),
        },
    })
}

/// Runs one move through the state machine inside the database's transaction.
pub async fn run_move(
    state: &AppState,
    application_id: i64,
    action: Action,
    actor: Actor,
    actor_account_id: Option<i64>,
    reason: Option<&str>,
) -> Result<Vec<Change>, AppError> {
    let m = Move {
        application_id,
        actor,
        actor_account_id,
        reason,
        now: Utc::now(),
        offer_for: state.settings.offer_for,
    };
    match db::move_application(&state.db, &m, |from| {
        next(from, action, actor).map_err(|r| r.0)
    })
    .await
    {
        Ok(changes) => Ok(changes),
        Err(MoveError::NotFound) => Err(AppError::NotFound),
        Err(MoveError::Refused(message)) => Err(AppError::Conflict(message.to_owned())),
        Err(MoveError::NoSeat) => Err(AppError::Conflict(
            "В группе нет свободных мест: все места заняты".to_owned(),
        )),
        Err(MoveError::Db(e)) => Err(e.into()),
    }
}

/// Offers whose time ran out pass to the next in line. Safe to run on every server at once: each
/// offer moves only from «Предложено место», once.
pub async fn expire_offers(state: &AppState) -> Result<usize, AppError> {
    let mut expired = 0;
    for id in db::expired_offers(&state.db, Utc::now()).await? {
        match run_move(
            state,
            id,
            Action::Expire,
            Actor::System,
            None,
            Action::Expire.own_reason(),
        )
        .await
        {
            Ok(changes) => {
                expired += 1;
                notify(state, &changes).await;
            }
            // Another server or the parent got there first.
            Err(AppError::Conflict(_) | AppError::NotFound) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(expired)
}
