//! Programs and groups from an institution's file: `kruzhok import programs FILE.csv` and the upload
//! in the «Программы» workspace. Each row goes through the form's checks; a row is saved whole or
//! not at all (a new program with its group in one transaction), and the report says, per line,
//! what became of it. New programs wait for МОЦ like those typed in the form.

use super::programs::{data_of, draft_of};
use super::roles::{audit, institution_operator};
use crate::contract::programs::{ImportLine, ImportReport};
use crate::domain::programs::group_draft::GroupDraft;
use crate::domain::programs::program_row::ProgramRow;
use crate::error::AppError;
use crate::server::db::programs as db;
use crate::server::db::study_groups::{self as groups, GroupData};
use crate::server::db::DbError;
use crate::server::state::AppState;
use chrono::Utc;
use serde::Serialize;

/// The most rows one file may have; an institution has tens of programs, not thousands.
pub const MAX_ROWS: usize = 2000;

/// What became of one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum RowReport {
    Imported {
        program_id: i64,
        /// The row created the program (it waits for МОЦ); otherwise it added to one before it.
        program_created: bool,
        group_id: Option<i64>,
    },
    Invalid {
        reason: String,
    },
}

impl std::fmt::Display for RowReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RowReport::Imported {
                program_id,
                program_created,
                group_id,
            } => {
                if *program_created {
                    write!(f, "программа #{program_id} создана и отправлена в МОЦ")?;
                } else {
                    write!(f, "программа #{program_id} уже есть")?;
                }
                match group_id {
                    Some(g) => write!(f, ", группа #{g} добавлена"),
                    None => Ok(()),
                }
            }
            RowReport::Invalid { reason } => write!(f, "ошибка: {reason}"),
        }
    }
}

fn invalid(reason: impl Into<String>) -> RowReport {
    RowReport::Invalid {
        reason: reason.into(),
    }
}

/// The rows of a file with their line numbers (the header is line 1). A spreadsheet saved as CSV
/// in a Russian locale separates fields with `;`: the header tells which.
pub fn read_rows(text: &str) -> Vec<(usize, Result<ProgramRow, String>)> {
    let text = text.trim_start_matches('\u{feff}');
    let header = text.lines().next().unwrap_or_default();
    let delimiter = if header.contains(';') && !header.contains(',') {
        b';'
    } else {
        b','
    };
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes())
        .deserialize::<ProgramRow>()
        .enumerate()
        .map(|(i, r)| (i + 2, r.map_err(|e| format!("строка не читается: {e}"))))
        .collect()
}

/// Imports the rows in order. `only`: the institution an operator uploads for (a row naming
/// another is refused); `None` on the command line, where each row names its institution.
pub async fn import_rows(
    state: &AppState,
    only: Option<i64>,
    actor: Option<i64>,
    rows: Vec<(usize, Result<ProgramRow, String>)>,
) -> Result<Vec<(usize, RowReport)>, AppError> {
    let mut reports = Vec::with_capacity(rows.len());
    for (line, row) in rows {
        let report = match row {
            Ok(row) => import_row(state, only, actor, &row).await?,
            Err(reason) => invalid(reason),
        };
        reports.push((line, report));
    }
    Ok(reports)
}

async fn import_row(
    state: &AppState,
    only: Option<i64>,
    actor: Option<i64>,
    row: &ProgramRow,
) -> Result<RowReport, AppError> {
    let named = row.organization.trim();
    let organization = match (only, named.parse::<i64>()) {
        (Some(own), _) if named.is_empty() || named == own.to_string() => own,
        (Some(_), _) => {
            return Ok(invalid(
                "строка другого учреждения: загрузите ее от его имени",
            ))
        }
        (None, Ok(id)) if db::organization(&state.db, id).await?.is_some() => id,
        (None, _) => {
            return Ok(invalid(format!(
                "нет учреждения с номером «{named}» (столбец organization)"
            )))
        }
    };
    let program = match row.program().check() {
        Ok(p) => p,
        Err(errors) => return Ok(invalid(joined(&errors))),
    };
    let existing = db::find_by_title(&state.db, organization, &program.title).await?;
    let ages = match &existing {
        Some(record) if record.archived => {
            return Ok(invalid(format!("программа «{}» в архиве", program.title)))
        }
        Some(record) => {
            let stored = draft_of(&record.data)?;
            (stored.age_min, stored.age_max)
        }
        None => (program.age_min, program.age_max),
    };
    let group: Option<GroupDraft> = match row.group() {
        None => None,
        Some(Err(message)) => return Ok(invalid(format!("расписание: {message}"))),
        Some(Ok(input)) => match input.check(ages) {
            Ok(g) => Some(g),
            Err(errors) => return Ok(invalid(joined(&errors))),
        },
    };
    let schedule = group
        .as_ref()
        .map(|g| g.schedule.text())
        .unwrap_or_default();
    let group_data = group.as_ref().map(|g| GroupData {
        name: &g.name,
        teacher: &g.teacher,
        schedule: &schedule,
        age_min: g.age_min.into(),
        age_max: g.age_max.into(),
        capacity: i32::try_from(g.capacity).unwrap_or(i32::MAX),
        starts_on: g.starts_on,
        enrolment_opens: g.enrolment_opens,
        enrolment_closes: g.enrolment_closes,
    });
    let clash = |e: DbError| -> Result<RowReport, AppError> {
        match e {
            DbError::UniqueViolation => Ok(invalid(format!(
                "в программе уже есть группа «{}»",
                group.as_ref().map_or("", |g| g.name.as_str())
            ))),
            other => Err(other.into()),
        }
    };
    match existing {
        Some(record) => {
            let Some(g) = &group_data else {
                return Ok(RowReport::Imported {
                    program_id: record.id,
                    program_created: false,
                    group_id: None,
                });
            };
            match groups::insert_group(&state.db, record.id, g).await {
                Ok(group_id) => Ok(RowReport::Imported {
                    program_id: record.id,
                    program_created: false,
                    group_id: Some(group_id),
                }),
                Err(e) => clash(e),
            }
        }
        None => {
            let groups: Vec<GroupData> = group_data.into_iter().collect();
            let data = data_of(&program);
            match db::create(&state.db, organization, &data, &groups, actor, Utc::now()).await {
                Ok(program_id) => {
                    let group_id = match groups.is_empty() {
                        true => None,
                        false => groups::groups_of(&state.db, program_id)
                            .await?
                            .first()
                            .map(|g| g.id),
                    };
                    Ok(RowReport::Imported {
                        program_id,
                        program_created: true,
                        group_id,
                    })
                }
                Err(e) => clash(e),
            }
        }
    }
}

fn joined(errors: &[crate::domain::field_error::FieldError]) -> String {
    errors
        .iter()
        .map(|e| format!("{} ({})", e.message, e.field))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The upload in the workspace: the file's text, for the operator's own institution; audited.
#[tracing::instrument(skip_all, err(Debug))]
pub async fn upload(state: &AppState, csv: &str) -> Result<ImportReport, AppError> {
    let operator = institution_operator(state).await?;
    let rows = read_rows(csv);
    if rows.is_empty() {
        return Err(AppError::Validation(vec![
            crate::domain::field_error::FieldError::new(
                "file",
                "Выберите файл CSV по образцу: первая строка — названия столбцов, дальше строки программ",
            ),
        ]));
    }
    if rows.len() > MAX_ROWS {
        return Err(AppError::Validation(vec![
            crate::domain::field_error::FieldError::new(
                "file",
                "Не больше 2000 строк в одном файле",
            ),
        ]));
    }
    let reports = import_rows(
        state,
        Some(operator.organization_id),
        Some(operator.acting.account_id),
        rows,
    )
    .await?;
    let mut report = ImportReport {
        programs: 0,
        groups: 0,
        invalid: 0,
        lines: Vec::with_capacity(reports.len()),
    };
    for (line, r) in &reports {
        match r {
            RowReport::Imported {
                program_created,
                group_id,
                ..
            } => {
                report.programs += u32::from(*program_created);
                report.groups += u32::from(group_id.is_some());
            }
            RowReport::Invalid { .. } => report.invalid += 1,
        }
        report.lines.push(ImportLine {
            line: *line,
            ok: matches!(r, RowReport::Imported { .. }),
            text: r.to_string(),
        });
    }
    audit(
        state,
        &operator.acting,
        "programs_import",
        &format!("organization:{}", operator.organization_id),
        Some(&format!(
            "programs={} groups={} invalid={}",
            report.programs, report.groups, report.invalid
        )),
    )
    .await?;
    Ok(report)
}
