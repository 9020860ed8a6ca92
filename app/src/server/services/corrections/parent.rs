//! The parent's side of a correction (R4): the form from the cabinet, the request sent to an
//! institution, and the cabinet's line about it.

use super::{changed, form_of, id_of, record, NOTE_CHARS};
use crate::contract::corrections::{CorrectionForm, CorrectionOutcome, CorrectionStart};
use crate::domain::field_error::FieldError;
use crate::domain::identity::correction::CorrectionStatus;
use crate::domain::identity::person_name::full_name;
use crate::error::AppError;
use crate::server::auth::session::current_account_id;
use crate::server::db::children;
use crate::server::db::corrections::{self as db, NewRequest, RequestRow};
use crate::server::db::duplicates::RecordRow;
use crate::server::db::help as institutions;
use crate::server::services::child_identity::{parse, Stored};
use crate::server::state::moscow_time;
use crate::server::state::AppState;

/// The signed-in account, if it holds the child in its cabinet; otherwise the child is not found.
async fn guardian_of(state: &AppState, child: &str) -> Result<(i64, RecordRow), AppError> {
    let account_id = current_account_id(state)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let child_id = id_of(child)?;
    let guardians = children::guardians(&state.db, child_id).await?;
    if !guardians.iter().any(|(a, _)| *a == account_id) {
        return Err(AppError::NotFound);
    }
    Ok((account_id, record(state, child_id).await?))
}

pub async fn start(state: &AppState, child: &str) -> Result<CorrectionStart, AppError> {
    let (account_id, r) = guardian_of(state, child).await?;
    let (mine, others) =
        crate::server::services::help_requests::institution_choices(state, account_id).await?;
    let waiting = db::latest_of_account(&state.db, account_id)
        .await?
        .into_iter()
        .find(|q| q.child_id == r.id && q.status == CorrectionStatus::New.code())
        .map(|q| waiting_line(&q));
    Ok(CorrectionStart {
        child_name: full_name(&r.surname, &r.given_name, r.patronymic.as_deref()),
        form: form_of(&r),
        mine,
        others,
        waiting,
    })
}

fn waiting_line(q: &RequestRow) -> String {
    format!(
        "Запрос на исправление от {} ждет ответа учреждения «{}». Возьмите документы и обратитесь туда.",
        moscow_time(q.created_at),
        q.organization_name
    )
}

/// The cabinet's line about a child's latest request.
pub fn state_line(q: &RequestRow) -> String {
    match CorrectionStatus::from_code(&q.status) {
        Some(CorrectionStatus::New) | None => waiting_line(q),
        Some(CorrectionStatus::Corrected) => format!(
            "Данные исправлены учреждением «{}» по вашему запросу",
            q.organization_name
        ),
        Some(CorrectionStatus::Rejected) => format!(
            "Учреждение «{}» отклонило запрос на исправление: {}",
            q.organization_name,
            q.answer.as_deref().unwrap_or_default()
        ),
    }
}

#[tracing::instrument(skip_all, err(Debug))]
pub async fn request(
    state: &AppState,
    form: CorrectionForm,
) -> Result<CorrectionOutcome, AppError> {
    let (account_id, current) = guardian_of(state, &form.child).await?;
    let mut errors = Vec::new();
    let organization = match form.organization.trim().parse::<i64>() {
        Ok(id) => institutions::institution(&state.db, id).await?,
        Err(_) => None,
    };
    if organization.is_none() {
        errors.push(FieldError::new(
            "organization",
            "Выберите учреждение, куда вы принесете документы",
        ));
    }
    let parsed = parse(&form.child_form()).map_err(|e| errors.extend(e)).ok();
    let note = form.note.trim();
    if note.chars().count() > NOTE_CHARS {
        errors.push(FieldError::new(
            "note",
            "Комментарий — не длиннее 1000 знаков",
        ));
    }
    if parsed.is_some() && changed(&form_of(&current), &form).is_empty() {
        errors.push(FieldError::new(
            "surname",
            "Данные совпадают с внесенными: исправьте то, что указано с ошибкой",
        ));
    }
    let (Some(parsed), Some(organization)) = (parsed, organization) else {
        return Ok(CorrectionOutcome::Invalid { errors });
    };
    if !errors.is_empty() {
        return Ok(CorrectionOutcome::Invalid { errors });
    }
    let stored = Stored::of(&parsed);
    let row = stored.row(&parsed);
    let inserted = db::insert(
        &state.db,
        &NewRequest {
            child_id: current.id,
            account_id,
            organization_id: organization.id,
            surname: row.surname,
            given_name: row.given_name,
            patronymic: row.patronymic,
            sex: row.sex,
            birth_date: row.birth_date,
            snils: row.snils,
            birth_certificate: row.birth_certificate,
            comment: (!note.is_empty()).then_some(note),
        },
    )
    .await?;
    if inserted.is_none() {
        return Ok(CorrectionOutcome::Invalid {
            errors: vec![FieldError::new(
                "organization",
                "По этому ребенку уже есть запрос на исправление: дождитесь ответа учреждения",
            )],
        });
    }
    Ok(CorrectionOutcome::Done {
        message: format!(
            "Запрос отправлен в «{}». Возьмите с собой документы ребенка: оператор сверит их и исправит данные.",
            organization.short_name
        ),
    })
}
