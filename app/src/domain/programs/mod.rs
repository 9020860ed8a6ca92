//! Programs as institutions keep them (issue 23): the form's checks, the timetable of a group, and
//! the moderation by МОЦ that decides what parents see.

pub mod group_draft;
pub mod moderation;
pub mod program_draft;
pub mod program_row;
pub mod schedule;
