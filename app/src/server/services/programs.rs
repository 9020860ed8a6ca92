//! The institution operator's programs and groups (issue 23). An operator keeps only its own
//! organization's programs: another's is refused, and the attempt is audited. A new program, or a
//! change of what parents read about a published one, goes to МОЦ; groups change at once, within
//! the rules that protect families (capacity never below the seats taken, freed seats offered to
//! the waiting list, closing cancels active applications with a reason and tells the parents).

pub(super) use super::catalog::count;
use super::notifications::notify;
use super::operator::{reason_choices, reason_of};
use super::roles::{audit, institution_operator, InstitutionOperator};
use crate::contract::programs::{
    CloseForm, Closed, GroupLine, ProgramForm, ProgramItem, ProgramList, ProgramSaved, ProgramSheet,
};
use crate::domain::dates::format_ru;
use crate::domain::direction::Direction;
use crate::domain::field_error::FieldError;
use crate::domain::level::Level;
use crate::domain::programs::group_draft::{a_year_later, school_year_of};
use crate::domain::programs::moderation::{ModerationError, ProgramState, Revision};
use crate::domain::programs::program_draft::{Cost, ProgramDraft, ProgramInput};
use crate::error::AppError;
use crate::server::db::programs::{self as db, ProgramData, ProgramRecord};
use crate::server::db::study_groups::{self as groups, GroupData};
use crate::server::db::DbError;
use crate::server::state::{today_in_moscow, AppState};
use chrono::Utc;

const TITLE_TAKEN: &str = "У учреждения уже есть программа с таким названием";

pub async fn list(state: &AppState) -> Result<ProgramList, AppError> {
    let operator = institution_operator(state).await?;
    let rows = db::list_of_organization(&state.db, operator.organization_id).await?;
    let items = rows
        .into_iter()
        .map(|r| ProgramItem {
            id: r.id,
            title: r.title,
            state: state_of(r.published, r.archived, r.revision_state.as_deref())
                .label()
                .to_owned(),
            comment: r
                .comment
                .filter(|_| r.revision_state.as_deref() == Some("returned")),
            archived: r.archived,
            groups: u32::try_from(r.groups).unwrap_or(0),
        })
        .collect();
    Ok(ProgramList {
        organization_name: organization_name(state, operator.organization_id).await?,
        items,
    })
}

/// One program to edit, with its groups; `None` gives the empty form of a new one.
pub async fn sheet(state: &AppState, id: Option<i64>) -> Result<ProgramSheet, AppError> {
    let operator = institution_operator(state).await?;
    let organization_address = db::organization(&state.db, operator.organization_id)
        .await?
        .map(|(_, address)| address)
        .unwrap_or_default();
    let reasons = closing_reasons(state).await?;
    let Some(id) = id else {
        return Ok(ProgramSheet {
            id: 0,
            state: String::new(),
            comment: None,
            archived: false,
            form: ProgramInput {
                cost: "free".into(),
                ..ProgramInput::default()
            },
            groups: Vec::new(),
            active: 0,
            reasons,
            organization_address,
        });
    };
    let program = own_program(state, &operator, id).await?;
    let pending = db::pending_revision(&state.db, id).await?;
    let program_state = state_of(
        program.published,
        program.archived,
        pending.as_ref().map(|r| r.state.as_str()),
    );
    let data = pending.as_ref().map_or(&program.data, |r| &r.data);
    let groups = groups::groups_of(&state.db, id)
        .await?
        .into_iter()
        .map(group_line)
        .collect();
    Ok(ProgramSheet {
        id,
        state: program_state.label().to_owned(),
        comment: pending.as_ref().and_then(|r| r.comment.clone()),
        archived: program.archived,
        form: ProgramInput::of(&draft_of(data)?),
        groups,
        active: count(db::active_in_program(&state.db, id).await?),
        reasons,
        organization_address,
    })
}

#[tracing::instrument(skip_all, err(Debug))]
pub async fn save(state: &AppState, form: ProgramForm) -> Result<ProgramSaved, AppError> {
    let operator = institution_operator(state).await?;
    let draft = form.input.check().map_err(AppError::Validation)?;
    let data = data_of(&draft);
    let now = Utc::now();
    let actor = Some(operator.acting.account_id);
    let id = form.id.trim();
    if id.is_empty() {
        let id = db::create(&state.db, operator.organization_id, &data, &[], actor, now)
            .await
            .map_err(title_clash)?;
        audit(
            state,
            &operator.acting,
            "program_create",
            &format!("program:{id}"),
            Some(&described(None, &data)),
        )
        .await?;
        return Ok(ProgramSaved {
            id,
            message: "Программа отправлена в МОЦ на модерацию. Родители увидят ее после публикации"
                .into(),
        });
    }
    let id = id.parse::<i64>().map_err(|_| AppError::NotFound)?;
    let program = own_program(state, &operator, id).await?;
    if program.archived {
        return Err(AppError::Conflict(
            ModerationError::Archived.message().into(),
        ));
    }
    if db::title_taken(&state.db, operator.organization_id, &data.title, id).await? {
        return Err(AppError::Validation(vec![FieldError::new(
            "title",
            TITLE_TAKEN,
        )]));
    }
    let before = described(Some(&program.data), &data);
    let message = if program.published && !draft_of(&program.data)?.needs_moderation(&draft) {
        db::update_teachers(&state.db, id, &data.teachers, now).await?;
        audit(
            state,
            &operator.acting,
            "program_teachers",
            &format!("program:{id}"),
            Some(&before),
        )
        .await?;
        "Сохранено. Педагоги меняются без модерации"
    } else {
        db::submit_change(&state.db, id, &data, program.published, actor, now)
            .await
            .map_err(title_clash)?;
        audit(
            state,
            &operator.acting,
            "program_submit",
            &format!("program:{id}"),
            Some(&before),
        )
        .await?;
        if program.published {
            "Изменения отправлены в МОЦ на модерацию. Пока их не примут, родители видят прежнюю версию"
        } else {
            "Программа отправлена в МОЦ на модерацию. Родители увидят ее после публикации"
        }
    };
    Ok(ProgramSaved {
        id,
        message: message.into(),
    })
}

/// A copy of the program for the next school year: the same description, its open groups with
/// every date a year later and no applications, waiting for МОЦ.
#[tracing::instrument(skip_all, err(Debug))]
pub async fn copy(state: &AppState, id: i64) -> Result<ProgramSaved, AppError> {
    let operator = institution_operator(state).await?;
    let program = own_program(state, &operator, id).await?;
    let groups: Vec<_> = groups::groups_of(&state.db, id)
        .await?
        .into_iter()
        .filter(|g| !g.closed)
        .collect();
    let year = groups
        .iter()
        .map(|g| school_year_of(g.starts_on))
        .max()
        .unwrap_or_else(|| school_year_of(today_in_moscow()))
        + 1;
    let draft = draft_of(&program.data)?;
    let data = ProgramData {
        title: draft.next_year_title(year),
        ..program.data.clone()
    };
    let copies: Vec<GroupData> = groups
        .iter()
        .map(|g| GroupData {
            name: &g.name,
            teacher: &g.teacher,
            schedule: &g.schedule,
            age_min: g.age_min,
            age_max: g.age_max,
            capacity: g.capacity,
            starts_on: a_year_later(g.starts_on),
            enrolment_opens: a_year_later(g.enrolment_opens),
            enrolment_closes: a_year_later(g.enrolment_closes),
        })
        .collect();
    let new_id = db::create(
        &state.db,
        operator.organization_id,
        &data,
        &copies,
        Some(operator.acting.account_id),
        Utc::now(),
    )
    .await
    .map_err(|e| match e {
        DbError::UniqueViolation => AppError::Conflict(format!("Копия уже есть: «{}»", data.title)),
        other => other.into(),
    })?;
    audit(
        state,
        &operator.acting,
        "program_copy",
        &format!("program:{new_id}"),
        Some(&format!("from program:{id}")),
    )
    .await?;
    Ok(ProgramSaved {
        id: new_id,
        message: format!("Создана копия «{}» с группами на {year}/{} учебный год. Она отправлена в МОЦ на модерацию", data.title, year + 1),
    })
}

/// Archives the program: open groups close and their active applications are cancelled with the
/// reason chosen (required when there are any), the parents told.
#[tracing::instrument(skip_all, err(Debug))]
pub async fn archive(state: &AppState, form: CloseForm) -> Result<Closed, AppError> {
    let operator = institution_operator(state).await?;
    let id = form
        .id
        .trim()
        .parse::<i64>()
        .map_err(|_| AppError::NotFound)?;
    let program = own_program(state, &operator, id).await?;
    if program.archived {
        return Err(AppError::Conflict(
            ModerationError::AlreadyArchived.message().into(),
        ));
    }
    let active = db::active_in_program(&state.db, id).await?;
    let reason = closing_reason(state, &form, active).await?;
    let changes = db::archive(
        &state.db,
        id,
        &reason,
        operator.acting.account_id,
        Utc::now(),
    )
    .await?
    .ok_or_else(|| AppError::Conflict(ModerationError::AlreadyArchived.message().into()))?;
    audit(
        state,
        &operator.acting,
        "program_archive",
        &format!("program:{id}"),
        Some(&format!("cancelled={} reason={reason}", changes.len())),
    )
    .await?;
    notify(state, &changes).await;
    Ok(Closed {
        program_id: id,
        cancelled: count(changes.len() as i64),
        message: cancelled_message("Программа перенесена в архив", changes.len()),
    })
}

/// The program, if it is the operator's organization's; another's is refused and audited, as any
/// attempt to cross a scope is.
pub(super) async fn own_program(
    state: &AppState,
    operator: &InstitutionOperator,
    id: i64,
) -> Result<ProgramRecord, AppError> {
    let program = db::find(&state.db, id).await?.ok_or(AppError::NotFound)?;
    if program.organization_id != operator.organization_id {
        audit(
            state,
            &operator.acting,
            "denied",
            &format!("program:{id}"),
            Some("keep_program: other_organization"),
        )
        .await?;
        tracing::warn!(
            account_id = operator.acting.account_id,
            program_id = id,
            "another organization's program refused"
        );
        return Err(AppError::Denied(
            "Это программа другого учреждения: менять ее может только оно".into(),
        ));
    }
    Ok(program)
}

/// The cancel reasons a closure may give: the R6 reason is about accounts, not groups.
pub(super) async fn closing_reasons(
    state: &AppState,
) -> Result<Vec<crate::contract::choice::Choice>, AppError> {
    let r6 = crate::server::db::operator_applications::cancel_reasons(&state.db)
        .await?
        .into_iter()
        .find(|r| r.code == "duplicate_account")
        .map(|r| r.id.to_string());
    Ok(reason_choices(state)
        .await?
        .into_iter()
        .filter(|c| Some(&c.value) != r6.as_ref())
        .collect())
}

/// The reason active applications are cancelled with; required only when there are some.
pub(super) async fn closing_reason(
    state: &AppState,
    form: &CloseForm,
    active: i64,
) -> Result<String, AppError> {
    if active == 0 && form.reason.trim().is_empty() {
        return Ok(String::new());
    }
    let allowed = closing_reasons(state).await?;
    if !allowed.iter().any(|c| c.value == form.reason.trim()) {
        return Err(AppError::Validation(vec![FieldError::new(
            "reason",
            "Выберите причину отмены заявок: родители прочитают ее в уведомлении",
        )]));
    }
    reason_of(state, &form.reason, &form.comment)
        .await
        .map_err(AppError::Validation)
}

pub(super) fn cancelled_message(done: &str, cancelled: usize) -> String {
    if cancelled == 0 {
        done.to_owned()
    } else {
        format!("{done}. Отменено заявок: {cancelled}; родители получили уведомления")
    }
}

fn state_of(published: bool, archived: bool, revision: Option<&str>) -> ProgramState {
    ProgramState {
        published,
        archived,
        revision: match revision {
            Some("waiting") => Some(Revision::Waiting),
            Some("returned") => Some(Revision::Returned),
            _ => None,
        },
    }
}

pub(crate) fn data_of(d: &ProgramDraft) -> ProgramData {
    let (is_free, price_rub) = match d.cost {
        Cost::Free => (true, None),
        Cost::Paid(p) => (false, i32::try_from(p).ok()),
    };
    ProgramData {
        title: d.title.clone(),
        description: d.description.clone(),
        direction: d.direction.code().to_owned(),
        level: d.level.code().to_owned(),
        age_min: d.age_min.into(),
        age_max: d.age_max.into(),
        is_free,
        price_rub,
        address: d.address.clone(),
        teachers: d.teachers.join("\n"),
    }
}

/// A stored version as the domain compares it. The schema's CHECKs keep codes and ages valid.
pub(crate) fn draft_of(d: &ProgramData) -> Result<ProgramDraft, AppError> {
    let corrupt = || {
        tracing::error!(title = %d.title, "unknown code stored in a program");
        AppError::Internal
    };
    Ok(ProgramDraft {
        title: d.title.clone(),
        description: d.description.clone(),
        direction: Direction::from_code(&d.direction).ok_or_else(corrupt)?,
        level: Level::from_code(&d.level).ok_or_else(corrupt)?,
        age_min: u8::try_from(d.age_min).map_err(|_| corrupt())?,
        age_max: u8::try_from(d.age_max).map_err(|_| corrupt())?,
        cost: match (d.is_free, d.price_rub) {
            (false, Some(p)) => Cost::Paid(u32::try_from(p).map_err(|_| corrupt())?),
            _ => Cost::Free,
        },
        address: d.address.clone(),
        teachers: d
            .teachers
            .lines()
            .map(str::to_owned)
            .filter(|t| !t.is_empty())
            .collect(),
    })
}

pub(super) fn ages_of(d: &ProgramData) -> (u8, u8) {
    (
        u8::try_from(d.age_min).unwrap_or(0),
        u8::try_from(d.age_max).unwrap_or(18),
    )
}

/// What the audit log keeps of a change: each field that changed, before → after.
fn described(before: Option<&ProgramData>, after: &ProgramData) -> String {
    let fields = |d: &ProgramData| {
        [
            ("title", d.title.clone()),
            ("description", d.description.clone()),
            ("direction", d.direction.clone()),
            ("level", d.level.clone()),
            ("ages", format!("{}-{}", d.age_min, d.age_max)),
            (
                "price",
                d.price_rub.map_or("free".into(), |p| p.to_string()),
            ),
            ("address", d.address.clone().unwrap_or_default()),
            ("teachers", d.teachers.replace('\n', "; ")),
        ]
    };
    let after_fields = fields(after);
    match before {
        None => after_fields
            .iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect::<Vec<_>>()
            .join("\n"),
        Some(before) => fields(before)
            .iter()
            .zip(after_fields.iter())
            .filter(|(b, a)| b.1 != a.1)
            .map(|((k, b), (_, a))| format!("{k}: {b} → {a}"))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

fn title_clash(e: DbError) -> AppError {
    match e {
        DbError::UniqueViolation => {
            AppError::Validation(vec![FieldError::new("title", TITLE_TAKEN)])
        }
        other => other.into(),
    }
}

async fn organization_name(state: &AppState, id: i64) -> Result<String, AppError> {
    Ok(db::organization(&state.db, id)
        .await?
        .map(|(name, _)| name)
        .unwrap_or_default())
}

fn group_line(g: groups::GroupRecord) -> GroupLine {
    GroupLine {
        id: g.id,
        ages: format!("{}–{} лет", g.age_min, g.age_max),
        capacity: count(g.capacity.into()),
        taken: count(g.occupied.into()),
        waiting: count(g.waiting),
        active: count(g.active),
        starts_on: format_ru(g.starts_on),
        window: format!(
            "{} — {}",
            format_ru(g.enrolment_opens),
            format_ru(g.enrolment_closes)
        ),
        closed: g.closed,
        name: g.name,
        schedule: g.schedule,
        teacher: g.teacher,
    }
}
