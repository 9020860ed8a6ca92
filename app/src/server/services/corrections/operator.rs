//! The institution operator's side of a correction (R4): the inbox of requests, the draft to
//! correct from, the correction itself with the duplicate rules run again, and a refusal.

use super::{changed, facts_of, form_of, id_of, record, DOCUMENT_CHARS, INBOX};
use crate::contract::corrections::{
    CorrectionCard, CorrectionDraft, CorrectionForm, CorrectionOutcome, RejectForm,
};
use crate::domain::dates::format_ru;
use crate::domain::field_error::FieldError;
use crate::domain::identity::correction::CorrectionStatus;
use crate::domain::identity::person_name::full_name;
use crate::domain::identity::review::compare_records;
use crate::domain::identity::verdict::Verdict;
use crate::domain::scope::Power;
use crate::error::AppError;
use crate::server::db::children::{self, Correction, CorrectionStop, Decision};
use crate::server::db::corrections::{self as db, RequestRow};
use crate::server::db::duplicates as pairs;
use crate::server::services::child_identity::{flag_reason, parse, sex_column, strongest, Stored};
use crate::server::services::roles::{audit, institution_operator, InstitutionOperator};
use crate::server::services::tell::tell;
use crate::server::state::moscow_time;
use crate::server::state::AppState;
use chrono::Utc;
use std::sync::Mutex;

fn request_form(q: &RequestRow) -> CorrectionForm {
    CorrectionForm {
        child: q.child_id.to_string(),
        request: q.id.to_string(),
        surname: q.surname.clone(),
        given_name: q.given_name.clone(),
        patronymic: q.patronymic.clone().unwrap_or_default(),
        sex: q.sex.clone(),
        birth_date: format_ru(q.birth_date),
        snils: q.snils.clone().unwrap_or_default(),
        birth_certificate: q.birth_certificate.clone().unwrap_or_default(),
        ..CorrectionForm::default()
    }
}

fn now_form(q: &RequestRow) -> CorrectionForm {
    CorrectionForm {
        surname: q.now_surname.clone(),
        given_name: q.now_given_name.clone(),
        patronymic: q.now_patronymic.clone().unwrap_or_default(),
        sex: q.now_sex.clone(),
        birth_date: format_ru(q.now_birth_date),
        snils: q.now_snils.clone().unwrap_or_default(),
        birth_certificate: q.now_birth_certificate.clone().unwrap_or_default(),
        ..CorrectionForm::default()
    }
}

pub async fn inbox(state: &AppState) -> Result<Vec<CorrectionCard>, AppError> {
    let operator = institution_operator(state).await?;
    let rows = db::inbox(&state.db, operator.organization_id, INBOX).await?;
    let children: Vec<String> = rows.iter().map(|q| q.child_id.to_string()).collect();
    let subject = if children.is_empty() {
        "children:none".to_owned()
    } else {
        format!("children:{}", children.join(","))
    };
    audit(state, &operator.acting, "view_corrections", &subject, None).await?;
    Ok(rows
        .into_iter()
        .map(|q| CorrectionCard {
            id: q.id,
            child_id: q.child_id,
            child_name: full_name(
                &q.now_surname,
                &q.now_given_name,
                q.now_patronymic.as_deref(),
            ),
            sent: moscow_time(q.created_at),
            status: CorrectionStatus::from_code(&q.status)
                .map_or_else(|| q.status.clone(), |s| s.label().to_owned()),
            waiting: q.status == CorrectionStatus::New.code(),
            fields: compare_records(&facts_of(&now_form(&q)), &facts_of(&request_form(&q))),
            parent_email: q.parent_email,
            parent_phone: q.parent_phone,
            comment: q.comment,
            answer: q.answer,
        })
        .collect())
}

/// A waiting request of the operator's organization.
async fn waiting_request(
    state: &AppState,
    operator: &InstitutionOperator,
    request: &str,
) -> Result<RequestRow, AppError> {
    let q = db::one(&state.db, id_of(request)?)
        .await?
        .filter(|q| q.organization_id == operator.organization_id)
        .ok_or(AppError::NotFound)?;
    let status = CorrectionStatus::from_code(&q.status).ok_or(AppError::NotFound)?;
    status
        .answer(true)
        .map_err(|m| AppError::Conflict(m.to_owned()))?;
    Ok(q)
}

/// The scope rule on the child a correction reaches.
async fn within_scope(
    state: &AppState,
    operator: &InstitutionOperator,
    power: Power,
    child_id: i64,
) -> Result<(), AppError> {
    crate::server::services::scope::child(state, &operator.acting, power, child_id).await
}

pub async fn draft(
    state: &AppState,
    child: &str,
    request: &str,
) -> Result<CorrectionDraft, AppError> {
    let operator = institution_operator(state).await?;
    let (form, comment) = if request.trim().is_empty() {
        let child_id = id_of(child)?;
        within_scope(state, &operator, Power::CorrectChild, child_id).await?;
        (form_of(&record(state, child_id).await?), None)
    } else {
        let q = waiting_request(state, &operator, request).await?;
        within_scope(state, &operator, Power::AnswerCorrection, q.child_id).await?;
        (request_form(&q), q.comment.clone())
    };
    let current = record(state, id_of(&form.child)?).await?;
    audit(
        state,
        &operator.acting,
        "view_child",
        &format!("child:{}", current.id),
        None,
    )
    .await?;
    Ok(CorrectionDraft {
        child_name: full_name(
            &current.surname,
            &current.given_name,
            current.patronymic.as_deref(),
        ),
        form,
        comment,
    })
}

fn invalid(field: &str, message: &str) -> CorrectionOutcome {
    CorrectionOutcome::Invalid {
        errors: vec![FieldError::new(field, message)],
    }
}

#[tracing::instrument(skip_all, err(Debug))]
pub async fn correct(
    state: &AppState,
    form: CorrectionForm,
) -> Result<CorrectionOutcome, AppError> {
    let operator = institution_operator(state).await?;
    let child_id = id_of(&form.child)?;
    let request = if form.request.trim().is_empty() {
        within_scope(state, &operator, Power::CorrectChild, child_id).await?;
        None
    } else {
        let q = waiting_request(state, &operator, &form.request).await?;
        if q.child_id != child_id {
            return Err(AppError::NotFound);
        }
        within_scope(state, &operator, Power::AnswerCorrection, child_id).await?;
        Some(q)
    };
    let current = record(state, child_id).await?;
    let mut errors = Vec::new();
    let parsed = parse(&form.child_form()).map_err(|e| errors.extend(e)).ok();
    let document = form.note.trim();
    if !DOCUMENT_CHARS.contains(&document.chars().count()) {
        errors.push(FieldError::new(
            "note",
            "Укажите, какой документ проверен (от 5 до 500 знаков)",
        ));
    }
    let fields = changed(&form_of(&current), &form);
    if parsed.is_some() && fields.is_empty() {
        errors.push(FieldError::new(
            "surname",
            "Данные не изменились: исправьте то, что указано с ошибкой",
        ));
    }
    let Some(parsed) = parsed.filter(|_| errors.is_empty()) else {
        return Ok(CorrectionOutcome::Invalid { errors });
    };
    let stored = Stored::of(&parsed);
    let identity = &stored.identity;
    let dates = crate::server::services::children::blocking_dates(identity.birth_date);
    let blocking = children::Blocking {
        birth_date: identity.birth_date,
        sex: sex_column(identity.sex),
        date_variants: &dates,
        name_parts: [&identity.surname, &identity.given_name],
        snils: identity.snils.as_ref().map(|s| s.digits()),
        certificate_key: stored.certificate_key.as_deref(),
    };
    let seen = Mutex::new((Verdict::Distinct, None));
    let decide = |rows: &[children::Candidate]| {
        let found = strongest(identity, stored.certificate_key.as_deref(), rows);
        let decision = match &found {
            (Verdict::Exact(_), _) => Decision::Stop,
            (verdict, Some(matched)) => Decision::Insert {
                flag: flag_reason(verdict).map(|why| (*matched, why)),
            },
            _ => Decision::Insert { flag: None },
        };
        if let Ok(mut s) = seen.lock() {
            *s = found;
        }
        decision
    };
    let now = Utc::now();
    let correction = Correction {
        child_id: current.id,
        data: &stored.row(&parsed),
        confirmed_by_organization_id: operator.organization_id,
        request: request
            .as_ref()
            .map(|q| (q.id, document, operator.acting.account_id)),
        at: now,
    };
    let found = || {
        seen.lock()
            .map(|s| s.clone())
            .unwrap_or((Verdict::Distinct, None))
    };
    match children::update_checked(&state.db, &correction, &blocking, decide).await {
        Ok(()) => {}
        Err(CorrectionStop::Decided) => return refuse_exact(state, current.id, found().1).await,
        Err(CorrectionStop::Db(crate::server::db::DbError::UniqueViolation)) => {
            return refuse_exact(state, current.id, None).await
        }
        Err(CorrectionStop::Gone) => return Err(AppError::NotFound),
        Err(CorrectionStop::Db(e)) => return Err(e.into()),
    }
    let flagged = matches!(found().0, Verdict::Probable { .. });
    let fields = fields.join(", ");
    let request_part = request
        .as_ref()
        .map(|q| format!("; request:{}", q.id))
        .unwrap_or_default();
    audit(
        state,
        &operator.acting,
        "correct_child",
        &format!("child:{}", current.id),
        Some(&format!(
            "fields: {fields}{request_part}; document: {document}"
        )),
    )
    .await?;
    let organization = operator_organization(&operator);
    let name = full_name(parsed.surname.as_str(), parsed.given_name.as_str(), None);
    for (account, _) in children::guardians(&state.db, current.id).await? {
        tell(
            state,
            account,
            "Данные ребенка исправлены",
            &format!("Учреждение «{organization}» сверило документы и исправило данные ребенка {name}: {fields}. Данные отмечены как подтвержденные."),
            "/cabinet",
        )
        .await;
    }
    let mut message =
        format!("Данные исправлены ({fields}) и отмечены как подтвержденные; родитель уведомлен.");
    if flagged {
        message.push_str(" Новые данные похожи на другую запись: пара передана в очередь дублей.");
    }
    Ok(CorrectionOutcome::Done { message })
}

fn operator_organization(operator: &InstitutionOperator) -> String {
    match &operator.acting.role {
        Some((_, row)) => row.organization_name.clone().unwrap_or_default(),
        None => String::new(),
    }
}

/// R1 on correction: the new data are another record's. Nothing is saved; the pair goes to the
/// duplicate queue, where one of the records is closed.
async fn refuse_exact(
    state: &AppState,
    child_id: i64,
    matched: Option<i64>,
) -> Result<CorrectionOutcome, AppError> {
    let Some(matched) = matched else {
        return Ok(invalid(
            "surname",
            "Ребенок с такими данными уже зарегистрирован. Исправление не сохранено.",
        ));
    };
    pairs::flag_pairs(
        &state.db,
        "correction",
        &[(child_id, matched, "SameNamesAndBirthDate".to_owned())],
    )
    .await?;
    Ok(invalid(
        "surname",
        &format!("Ребенок с такими данными уже зарегистрирован (запись № {matched}). Исправление не сохранено; если это один ребенок, пара передана в очередь дублей, где одну из записей закроют."),
    ))
}

#[tracing::instrument(skip_all, err(Debug))]
pub async fn reject(state: &AppState, form: RejectForm) -> Result<CorrectionOutcome, AppError> {
    let operator = institution_operator(state).await?;
    let q = waiting_request(state, &operator, &form.reject).await?;
    within_scope(state, &operator, Power::AnswerCorrection, q.child_id).await?;
    let answer = form.answer.trim();
    if !DOCUMENT_CHARS.contains(&answer.chars().count()) {
        // The refusal's field carries the request: the inbox holds one form per request.
        return Ok(invalid(
            &format!("answer-{}", q.id),
            "Напишите родителю, почему данные не исправлены (от 5 до 500 знаков)",
        ));
    }
    if !db::reject(
        &state.db,
        q.id,
        operator.organization_id,
        answer,
        operator.acting.account_id,
        Utc::now(),
    )
    .await?
    {
        return Err(AppError::Conflict("На этот запрос уже ответили".to_owned()));
    }
    audit(
        state,
        &operator.acting,
        "reject_correction",
        &format!("child:{}", q.child_id),
        Some(&format!("request:{}; {answer}", q.id)),
    )
    .await?;
    tell(
        state,
        q.account_id,
        "Запрос на исправление отклонен",
        &format!(
            "Учреждение «{}» не исправило данные ребенка: {answer}",
            q.organization_name
        ),
        "/cabinet",
    )
    .await;
    Ok(CorrectionOutcome::Done {
        message: "Запрос отклонен, родитель получил ответ".to_owned(),
    })
}
