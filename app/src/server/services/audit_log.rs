//! The audit log viewer and its CSV export (SPEC §4.4): administrators read every entry, a МОЦ
//! operator what the operators of its municipality did. Reading the log is itself recorded.

use super::roles::{acting, audit, Acting};
use crate::contract::audit::{AuditEntry, AuditPage};
use crate::contract::choice::Choice;
use crate::domain::audit::{action_label, AuditFilter, AuditQuery, ACTIONS};
use crate::domain::role::Role;
use crate::error::AppError;
use crate::server::db::audit::{self as db, Filter, Row};
use crate::server::db::{roles, Database};
use crate::server::state::moscow_time;
use crate::server::state::{moscow_midnight, AppState};
use std::collections::HashMap;

const PAGE_SIZE: i64 = 50;

/// Who may read the log, and over whom: administrators all (`None`), МОЦ its municipality.
pub fn viewer(acting: &Acting) -> Result<Option<i64>, AppError> {
    match &acting.role {
        Some((Role::Admin, _)) => Ok(None),
        Some((Role::MocOperator, row)) => row.municipality_id.map(Some).ok_or(AppError::Forbidden),
        _ => Err(AppError::Forbidden),
    }
}

pub fn filter_of(f: &AuditFilter, municipality: Option<i64>) -> Filter {
    Filter {
        municipality,
        operator_email: f.operator.clone(),
        subject: f.subject.as_ref().map(|s| (s.exact.clone(), s.in_list)),
        action: f.action.clone(),
        from: f.from.map(moscow_midnight),
        before: f.to.and_then(|d| d.succ_opt()).map(moscow_midnight),
    }
}

/// The filter in words, for the viewer's own audit entry.
pub fn described(q: &AuditQuery) -> String {
    let parts = [
        ("operator", &q.operator),
        ("subject", &q.subject),
        ("action", &q.action),
        ("from", &q.from),
        ("to", &q.to),
    ];
    parts
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| format!("{k}={}", v.trim()))
        .collect::<Vec<_>>()
        .join("; ")
}

fn actions() -> Vec<Choice> {
    ACTIONS
        .iter()
        .map(|(code, label)| Choice {
            value: (*code).to_owned(),
            label: (*label).to_owned(),
        })
        .collect()
}

/// How the log's role tags read: the role, and its organization or municipality by name.
pub struct Names {
    organizations: HashMap<i64, String>,
    municipalities: HashMap<i64, String>,
}

impl Names {
    pub async fn load(state: &AppState) -> Result<Self, AppError> {
        Ok(Self {
            organizations: roles::first_organizations(&state.db, i64::MAX)
                .await?
                .into_iter()
                .collect(),
            municipalities: super::registration::municipalities(state)
                .await?
                .into_iter()
                .map(|m| (m.id, m.name))
                .collect(),
        })
    }

    pub fn role(&self, tag: &str) -> String {
        let (code, place) = tag.split_once(':').unwrap_or((tag, ""));
        let Some(role) = Role::from_code(code) else {
            return tag.to_owned();
        };
        let id = place.parse::<i64>().ok();
        let name = match role {
            Role::InstitutionOperator => id.and_then(|i| self.organizations.get(&i)),
            Role::MocOperator => id.and_then(|i| self.municipalities.get(&i)),
            _ => None,
        };
        match name {
            Some(n) => format!("{}: {n}", role.label()),
            None => role.label().to_owned(),
        }
    }

    pub fn entry(&self, r: Row) -> AuditEntry {
        AuditEntry {
            id: r.id,
            at: moscow_time(r.created_at),
            operator: r.operator_email,
            role: self.role(&r.actor_role),
            action: action_label(&r.action),
            subject: r.subject,
            details: r.details,
            address: r.address,
        }
    }
}

pub async fn page(state: &AppState, query: AuditQuery) -> Result<AuditPage, AppError> {
    let acting = acting(state).await?.ok_or(AppError::Unauthorized)?;
    let municipality = viewer(&acting)?;
    let parsed = match query.parse() {
        Ok(p) => p,
        Err(errors) => {
            return Ok(AuditPage {
                errors,
                actions: actions(),
                page: 1,
                pages: 1,
                ..AuditPage::default()
            })
        }
    };
    let offset = i64::from(parsed.page - 1) * PAGE_SIZE;
    let (rows, total) = db::search(
        &state.db,
        &filter_of(&parsed, municipality),
        PAGE_SIZE,
        offset,
    )
    .await?;
    audit(
        state,
        &acting,
        "view_audit",
        "audit_log",
        Some(&described(&query)),
    )
    .await?;
    let names = Names::load(state).await?;
    Ok(AuditPage {
        errors: Vec::new(),
        rows: rows.into_iter().map(|r| names.entry(r)).collect(),
        total,
        page: parsed.page,
        pages: u32::try_from((total + PAGE_SIZE - 1) / PAGE_SIZE)
            .unwrap_or(1)
            .max(1),
        actions: actions(),
    })
}

/// The export's next entries after `after_id`, oldest first.
pub async fn export_chunk(
    db: &Database,
    filter: &Filter,
    after_id: i64,
) -> Result<Vec<Row>, AppError> {
    Ok(db::chunk(db, filter, after_id, 1000).await?)
}
