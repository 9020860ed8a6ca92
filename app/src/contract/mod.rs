//! The contract between the browser and the server: the forms that server functions take and the
//! answers they give, one file per area. `api/` (the server functions), `ui/` (the pages) and
//! `server/services/` all import them; this module imports only `domain` and the error type.

pub mod accounts;
pub mod admin;
pub mod applications;
pub mod audit;
pub mod catalog;
pub mod children;
pub mod choice;
pub mod corrections;
pub mod dev;
pub mod duplicates;
pub mod families;
pub mod help;
pub mod municipality_changes;
pub mod operator;
pub mod operators;
pub mod programs;
pub mod upload;
