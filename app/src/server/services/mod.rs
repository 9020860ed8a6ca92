//! Services: the rules of each area over the database. The catalogue is public, so its services
//! take no actor; later areas take the actor and check what it may do.

pub mod account_duplicates;
pub mod accounts;
pub mod admin;
pub mod application_letters;
pub mod applications;
pub mod audit_log;
pub mod catalog;
pub mod child_identity;
pub mod children;
pub mod corrections;
pub mod duplicate_decisions;
pub mod duplicates;
pub mod families;
pub mod family_changes;
pub mod groups;
pub mod help;
pub mod help_requests;
pub mod import;
pub mod moderation;
pub mod municipality_changes;
pub mod notifications;
pub mod operator;
pub mod operator_admin;
pub mod operators;
pub mod program_import;
pub mod programs;
pub mod rate_limit;
pub mod registration;
pub mod roles;
pub mod scan;
pub mod scope;
pub mod seed;
pub mod tell;
