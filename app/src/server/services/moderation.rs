//! МОЦ's moderation of programs (issue 23): the queue of versions waiting in its municipality, each
//! beside what parents read now, and the decision — publish, or return with a comment the
//! institution reads. A version of another municipality's institution is refused and audited.

use super::roles::{acting, audit, Acting};
use crate::contract::programs::{
    ComparedField, DecideForm, Decided, ModerationItem, ModerationQueue,
};
use crate::domain::direction::Direction;
use crate::domain::field_error::FieldError;
use crate::domain::level::Level;
use crate::domain::money::format_rub;
use crate::domain::programs::moderation::{ModerationError, ProgramState, Revision};
use crate::domain::role::Role;
use crate::error::AppError;
use crate::server::db::programs::{self as db, ProgramData};
use crate::server::db::{municipalities, DbError};
use crate::server::state::{moscow_time, AppState};
use chrono::Utc;

/// A МОЦ operator at work and its municipality.
async fn moc(state: &AppState) -> Result<(Acting, i64), AppError> {
    let acting = acting(state).await?.ok_or(AppError::Unauthorized)?;
    let municipality = match &acting.role {
        Some((Role::MocOperator, row)) => row.municipality_id,
        _ => None,
    }
    .ok_or(AppError::Forbidden)?;
    Ok((acting, municipality))
}

pub async fn queue(state: &AppState) -> Result<ModerationQueue, AppError> {
    let (acting, municipality) = moc(state).await?;
    let rows = db::moderation_queue(&state.db, municipality).await?;
    audit(
        state,
        &acting,
        "view_moderation",
        &format!("municipality:{municipality}"),
        None,
    )
    .await?;
    let municipality_name = municipalities::all(&state.db)
        .await?
        .into_iter()
        .find(|(id, _)| *id == municipality)
        .map(|(_, name)| name)
        .unwrap_or_default();
    let items = rows
        .into_iter()
        .map(|row| {
            let state = ProgramState {
                published: row.published.is_some(),
                revision: Some(Revision::Waiting),
                archived: false,
            };
            ModerationItem {
                revision_id: row.revision.id,
                program_id: row.revision.program_id,
                title: row.revision.data.title.clone(),
                organization_name: row.organization_name,
                state: state.label().to_owned(),
                submitted_at: moscow_time(row.revision.submitted_at),
                fields: compared(&row.revision.data, row.published.as_ref()),
            }
        })
        .collect();
    Ok(ModerationQueue {
        municipality_name,
        items,
    })
}

#[tracing::instrument(skip_all, err(Debug))]
pub async fn decide(state: &AppState, form: DecideForm) -> Result<Decided, AppError> {
    let (acting, municipality) = moc(state).await?;
    let revision_id = form
        .revision
        .trim()
        .parse::<i64>()
        .map_err(|_| AppError::NotFound)?;
    let (program_id, program_municipality, revision_state) =
        db::revision_place(&state.db, revision_id)
            .await?
            .ok_or(AppError::NotFound)?;
    let subject = format!("program:{program_id}");
    if program_municipality != municipality {
        audit(
            state,
            &acting,
            "denied",
            &subject,
            Some("moderate_program: other_municipality"),
        )
        .await?;
        tracing::warn!(
            account_id = acting.account_id,
            program_id,
            "another municipality's program refused"
        );
        return Err(AppError::Denied(
            "Программа учреждения другого муниципалитета: ее проверяет МОЦ того муниципалитета"
                .into(),
        ));
    }
    if revision_state != "waiting" {
        return Err(AppError::Conflict(
            ModerationError::NothingWaiting.message().into(),
        ));
    }
    let now = Utc::now();
    let waiting = ProgramState {
        published: false,
        revision: Some(Revision::Waiting),
        archived: false,
    };
    let message = match form.decision.trim() {
        "publish" => {
            let published = db::publish(&state.db, revision_id, acting.account_id, now)
                .await
                .map_err(|e| match e {
                    DbError::UniqueViolation => AppError::Conflict(
                        "У учреждения уже есть программа с таким названием: верните программу с комментарием".into(),
                    ),
                    other => other.into(),
                })?;
            if !published {
                return Err(AppError::Conflict(
                    ModerationError::NothingWaiting.message().into(),
                ));
            }
            audit(
                state,
                &acting,
                "program_publish",
                &subject,
                Some(&format!("revision:{revision_id}")),
            )
            .await?;
            "Программа опубликована: родители видят ее в каталоге"
        }
        "return" => {
            let (_, comment) = waiting
                .return_with(&form.comment)
                .map_err(|e| AppError::Validation(vec![FieldError::new("comment", e.message())]))?;
            if !db::return_revision(&state.db, revision_id, &comment, acting.account_id, now)
                .await?
            {
                return Err(AppError::Conflict(
                    ModerationError::NothingWaiting.message().into(),
                ));
            }
            audit(
                state,
                &acting,
                "program_return",
                &subject,
                Some(&format!("revision:{revision_id} comment: {comment}")),
            )
            .await?;
            "Программа возвращена учреждению с комментарием"
        }
        _ => {
            return Err(AppError::Validation(vec![FieldError::new(
                "decision",
                "Выберите: опубликовать или вернуть на доработку",
            )]))
        }
    };
    Ok(Decided {
        revision_id,
        message: message.into(),
    })
}

/// The waiting version field by field, each with the published text where it differs.
fn compared(proposed: &ProgramData, published: Option<&ProgramData>) -> Vec<ComparedField> {
    let texts = |d: &ProgramData| -> [(&'static str, String); 8] {
        [
            ("Название", d.title.clone()),
            ("Описание", d.description.clone()),
            (
                "Направленность",
                Direction::from_code(&d.direction)
                    .map_or_else(String::new, |x| x.label().to_owned()),
            ),
            (
                "Уровень",
                Level::from_code(&d.level).map_or_else(String::new, |x| x.label().to_owned()),
            ),
            ("Возраст", format!("{}–{} лет", d.age_min, d.age_max)),
            (
                "Стоимость",
                match d.price_rub.and_then(|p| u32::try_from(p).ok()) {
                    Some(p) if !d.is_free => format!("{} в месяц", format_rub(p)),
                    _ => "Бесплатно".to_owned(),
                },
            ),
            (
                "Адрес",
                d.address
                    .clone()
                    .unwrap_or_else(|| "По адресу учреждения".to_owned()),
            ),
            ("Педагоги", d.teachers.replace('\n', ", ")),
        ]
    };
    let before = published.map(texts);
    texts(proposed)
        .into_iter()
        .enumerate()
        .map(|(i, (label, text))| ComparedField {
            label: label.to_owned(),
            published: before
                .as_ref()
                .map(|b| b[i].1.clone())
                .filter(|old| *old != text),
            proposed: text,
        })
        .collect()
}
