//! Integration tests: the real server on port 0 with a fresh database, called over HTTP at its
//! stable `/api/…` endpoints, once on SQLite and once on PostgreSQL.

mod accounts_support;
mod applications_support;
mod helpers;

mod account_duplicates;
mod accounts_registration;
mod accounts_sessions;
mod applications;
mod audit_log;
mod authorization;
mod authorization_workspace;
mod catalog_filters;
mod catalog_list;
mod catalog_program;
mod children;
mod corrections;
mod duplicates;
mod families;
mod guardians;
mod health;
mod help;
mod import_and_scan;
mod municipality_changes;
mod operator;
mod pages;
mod query_plans;
mod seed;
mod smtp;
