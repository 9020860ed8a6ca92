//! Pure types and rules shared by the browser and the server. No I/O lives here.

pub mod account;
pub mod application;
pub mod audit;
pub mod catalog_filter;
pub mod dates;
pub mod direction;
pub mod enrolment;
pub mod field_error;
pub mod help;
pub mod identity;
pub mod ids;
pub mod level;
pub mod money;
pub mod municipality_name;
pub mod organization_kind;
pub mod plural;
pub mod programs;
pub mod query_string;
pub mod role;
pub mod scope;
pub mod search;
