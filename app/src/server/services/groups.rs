//! The institution operator's study groups (issue 23): changed at once, without moderation, within
//! the rules that protect families — capacity never below the seats taken, seats a raise frees
//! offered to the waiting list in order, closing cancels active applications with a reason and
//! tells the parents. Only the operator's own institution's groups are reached.

use super::notifications::notify;
use super::programs::{
    ages_of, cancelled_message, closing_reason, closing_reasons, count, own_program,
};
use super::roles::{audit, institution_operator};
use crate::contract::programs::{CloseForm, Closed, GroupForm, GroupSaved, GroupSheet};
use crate::domain::dates::format_ru;
use crate::domain::field_error::FieldError;
use crate::domain::programs::group_draft::{below_taken_message, GroupDraft, GroupInput};
use crate::domain::programs::moderation::ModerationError;
use crate::error::AppError;
use crate::server::db::programs::ProgramRecord;
use crate::server::db::study_groups::{self as groups, GroupData, GroupError};
use crate::server::db::DbError;
use crate::server::state::AppState;
use chrono::Utc;

/// One group to edit (`id` `None` for a new one) of the program.
pub async fn group_sheet(
    state: &AppState,
    program_id: i64,
    id: Option<i64>,
) -> Result<GroupSheet, AppError> {
    let operator = institution_operator(state).await?;
    let program = own_program(state, &operator, program_id).await?;
    let ages = ages_of(&program.data);
    let reasons = closing_reasons(state).await?;
    let mut sheet = GroupSheet {
        program_id,
        program_title: program.data.title.clone(),
        program_ages: ages,
        id,
        form: GroupInput {
            age_min: ages.0.to_string(),
            age_max: ages.1.to_string(),
            ..GroupInput::default()
        },
        taken: 0,
        waiting: 0,
        active: 0,
        closed: false,
        reasons,
    };
    if let Some(id) = id {
        let g = own_group(&program, groups::group(&state.db, id).await?)?;
        sheet.form = group_input(&g);
        sheet.taken = count(g.occupied.into());
        sheet.waiting = count(g.waiting);
        sheet.active = count(g.active);
        sheet.closed = g.closed;
    }
    Ok(sheet)
}

#[tracing::instrument(skip_all, err(Debug))]
pub async fn save_group(state: &AppState, form: GroupForm) -> Result<GroupSaved, AppError> {
    let operator = institution_operator(state).await?;
    let program_id = form
        .program
        .trim()
        .parse::<i64>()
        .map_err(|_| AppError::NotFound)?;
    let program = own_program(state, &operator, program_id).await?;
    if program.archived {
        return Err(AppError::Conflict(
            ModerationError::Archived.message().into(),
        ));
    }
    let draft = form
        .input
        .check(ages_of(&program.data))
        .map_err(AppError::Validation)?;
    let schedule = draft.schedule.text();
    let data = group_data(&draft, &schedule);
    let id = form.id.trim();
    if id.is_empty() {
        let group_id = groups::insert_group(&state.db, program_id, &data)
            .await
            .map_err(name_clash)?;
        audit(
            state,
            &operator.acting,
            "group_create",
            &format!("group:{group_id}"),
            Some(&format!("program:{program_id} capacity={}", draft.capacity)),
        )
        .await?;
        return Ok(GroupSaved {
            program_id,
            group_id,
            message: format!("Группа «{}» добавлена", draft.name),
        });
    }
    let group_id = id.parse::<i64>().map_err(|_| AppError::NotFound)?;
    let before = own_group(&program, groups::group(&state.db, group_id).await?)?;
    if before.closed {
        return Err(AppError::Conflict(
            "Группа закрыта: ее нельзя менять".into(),
        ));
    }
    let changes = match groups::update_group(
        &state.db,
        group_id,
        &data,
        Utc::now(),
        state.settings.offer_for,
    )
    .await
    {
        Ok(changes) => changes,
        Err(GroupError::BelowTaken(taken)) => {
            return Err(AppError::Validation(vec![FieldError::new(
                "capacity",
                &below_taken_message(count(taken.into())),
            )]))
        }
        Err(GroupError::NotFound) => {
            return Err(AppError::Conflict(
                "Группа закрыта: ее нельзя менять".into(),
            ))
        }
        Err(GroupError::Db(e)) => return Err(name_clash(e)),
    };
    audit(
        state,
        &operator.acting,
        "group_change",
        &format!("group:{group_id}"),
        Some(&format!(
            "capacity {} → {}; schedule {} → {}; window {}–{} → {}–{}; offered={}",
            before.capacity,
            draft.capacity,
            before.schedule,
            schedule,
            before.enrolment_opens,
            before.enrolment_closes,
            draft.enrolment_opens,
            draft.enrolment_closes,
            changes.len()
        )),
    )
    .await?;
    notify(state, &changes).await;
    let mut message = format!("Группа «{}» сохранена", draft.name);
    if !changes.is_empty() {
        message.push_str(&format!(
            ". Освободившиеся места предложены первым в очереди: {}",
            changes.len()
        ));
    }
    Ok(GroupSaved {
        program_id,
        group_id,
        message,
    })
}

#[tracing::instrument(skip_all, err(Debug))]
pub async fn close_group(state: &AppState, form: CloseForm) -> Result<Closed, AppError> {
    let operator = institution_operator(state).await?;
    let group_id = form
        .id
        .trim()
        .parse::<i64>()
        .map_err(|_| AppError::NotFound)?;
    let group = groups::group(&state.db, group_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let program = own_program(state, &operator, group.program_id).await?;
    let group = own_group(&program, Some(group))?;
    let reason = closing_reason(state, &form, group.active).await?;
    let changes = groups::close_group(
        &state.db,
        group_id,
        &reason,
        operator.acting.account_id,
        Utc::now(),
    )
    .await?
    .ok_or_else(|| AppError::Conflict("Группа уже закрыта".into()))?;
    audit(
        state,
        &operator.acting,
        "group_close",
        &format!("group:{group_id}"),
        Some(&format!("cancelled={} reason={reason}", changes.len())),
    )
    .await?;
    notify(state, &changes).await;
    Ok(Closed {
        program_id: program.id,
        cancelled: count(changes.len() as i64),
        message: cancelled_message(&format!("Группа «{}» закрыта", group.name), changes.len()),
    })
}

fn own_group(
    program: &ProgramRecord,
    group: Option<groups::GroupRecord>,
) -> Result<groups::GroupRecord, AppError> {
    group
        .filter(|g| g.program_id == program.id)
        .ok_or(AppError::NotFound)
}

fn group_data<'a>(d: &'a GroupDraft, schedule: &'a str) -> GroupData<'a> {
    GroupData {
        name: &d.name,
        teacher: &d.teacher,
        schedule,
        age_min: d.age_min.into(),
        age_max: d.age_max.into(),
        capacity: i32::try_from(d.capacity).unwrap_or(i32::MAX),
        starts_on: d.starts_on,
        enrolment_opens: d.enrolment_opens,
        enrolment_closes: d.enrolment_closes,
    }
}

/// The form of a stored group; a timetable the form cannot show (typed in by hand before) leaves
/// the days and times empty for the operator to set.
fn group_input(g: &groups::GroupRecord) -> GroupInput {
    let schedule = crate::domain::programs::schedule::Schedule::parse(&g.schedule).ok();
    GroupInput {
        name: g.name.clone(),
        teacher: g.teacher.clone(),
        days: schedule
            .map(|s| {
                (0..7)
                    .filter(|i| s.days[*i])
                    .map(|i| i.to_string())
                    .collect()
            })
            .unwrap_or_default(),
        time_from: schedule
            .map(|s| s.from.format("%H:%M").to_string())
            .unwrap_or_default(),
        time_to: schedule
            .map(|s| s.to.format("%H:%M").to_string())
            .unwrap_or_default(),
        age_min: g.age_min.to_string(),
        age_max: g.age_max.to_string(),
        capacity: g.capacity.to_string(),
        starts_on: format_ru(g.starts_on),
        enrolment_opens: format_ru(g.enrolment_opens),
        enrolment_closes: format_ru(g.enrolment_closes),
    }
}

fn name_clash(e: DbError) -> AppError {
    match e {
        DbError::UniqueViolation => AppError::Validation(vec![FieldError::new(
            "name",
            "В программе уже есть группа с таким названием",
        )]),
        other => other.into(),
    }
}
