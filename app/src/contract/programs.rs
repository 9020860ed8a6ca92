//! Programs as institutions keep them and МОЦ moderates them: the institution's list, one program
//! with its groups, the forms, and МОЦ's queue.

use crate::contract::choice::Choice;
use crate::domain::programs::group_draft::GroupInput;
use crate::domain::programs::program_draft::ProgramInput;
use serde::{Deserialize, Serialize};

/// One program in the institution's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgramItem {
    pub id: i64,
    pub title: String,
    /// «На модерации», «Опубликована», …
    pub state: String,
    /// МОЦ's comment on a returned version.
    pub comment: Option<String>,
    pub archived: bool,
    pub groups: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgramList {
    pub organization_name: String,
    pub items: Vec<ProgramItem>,
}

/// A group as the institution's program page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupLine {
    pub id: i64,
    pub name: String,
    pub schedule: String,
    pub teacher: String,
    pub ages: String,
    pub capacity: u32,
    /// Enrolled children and open offers.
    pub taken: u32,
    pub waiting: u32,
    /// Applications not yet finished (new, confirmed, enrolled, queued, offered).
    pub active: u32,
    pub starts_on: String,
    pub window: String,
    pub closed: bool,
}

/// One program to edit: the version the institution works on, and its groups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgramSheet {
    pub id: i64,
    pub state: String,
    pub comment: Option<String>,
    pub archived: bool,
    /// The version sent to МОЦ if one is pending, otherwise the stored one.
    pub form: ProgramInput,
    pub groups: Vec<GroupLine>,
    /// Active applications across the program's groups: archiving cancels them.
    pub active: u32,
    pub reasons: Vec<Choice>,
    pub organization_address: String,
}

/// A new program (`id` empty) or a change of one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgramForm {
    #[serde(default)]
    pub id: String,
    #[serde(flatten)]
    pub input: ProgramInput,
}

/// What happened to a saved program, as the notice above the form says it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgramSaved {
    pub id: i64,
    pub message: String,
}

/// One group to edit (`id` empty for a new one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupSheet {
    pub program_id: i64,
    pub program_title: String,
    pub program_ages: (u8, u8),
    pub id: Option<i64>,
    pub form: GroupInput,
    pub taken: u32,
    pub waiting: u32,
    pub active: u32,
    pub closed: bool,
    pub reasons: Vec<Choice>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupForm {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub program: String,
    #[serde(flatten)]
    pub input: GroupInput,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupSaved {
    pub program_id: i64,
    pub group_id: i64,
    pub message: String,
}

/// Closing a group or archiving a program: the reason its active applications are cancelled with.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CloseForm {
    #[serde(default)]
    pub id: String,
    /// A cancel reason's id from the dictionary.
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Closed {
    pub program_id: i64,
    pub cancelled: u32,
    pub message: String,
}

/// One field of a version waiting for МОЦ, beside what parents read now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComparedField {
    pub label: String,
    pub proposed: String,
    /// What the published version says, when it says something else.
    pub published: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModerationItem {
    pub revision_id: i64,
    pub program_id: i64,
    pub title: String,
    pub organization_name: String,
    pub state: String,
    pub submitted_at: String,
    pub fields: Vec<ComparedField>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModerationQueue {
    pub municipality_name: String,
    pub items: Vec<ModerationItem>,
}

/// МОЦ's decision on a waiting version.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecideForm {
    #[serde(default)]
    pub revision: String,
    /// `publish` or `return`.
    #[serde(default)]
    pub decision: String,
    #[serde(default)]
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decided {
    pub revision_id: i64,
    pub message: String,
}

/// What became of an uploaded file, line by line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    pub programs: u32,
    pub groups: u32,
    pub invalid: u32,
    pub lines: Vec<ImportLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportLine {
    /// The file's line (the header is line 1).
    pub line: usize,
    pub ok: bool,
    pub text: String,
}
