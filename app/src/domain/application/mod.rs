//! Applications to study groups: their statuses and the moves between them (SPEC §4.3), and who
//! may apply to which group.

pub mod eligibility;
pub mod operator_query;
pub mod status;
