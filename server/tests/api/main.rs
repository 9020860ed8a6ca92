//! Integration tests: the real server on port 0 with a fresh database, called over HTTP at its
//! stable `/api/…` endpoints, once on SQLite and once on PostgreSQL.

mod accounts_support;
mod applications_support;
mod authorization_workspace;
mod harness;
mod helpers;
mod html_forms;

mod account_duplicates;
mod accounts_hardening;
mod accounts_registration;
mod accounts_sessions;
mod applications;
mod audit_log;
mod authorization;
mod catalog_filters;
mod catalog_list;
mod catalog_program;
mod children;
mod children_variants;
mod corrections;
mod duplicate_rule;
mod duplicates;
mod families;
mod forms_answered;
mod guardians;
mod health;
mod help;
mod import_and_scan;
mod login_burst;
mod municipality_changes;
mod operator;
mod pages;
mod program_import;
mod programs;
mod query_plans;
mod scope_matrix;
mod scope_probes;
mod scope_probes_corrections;
mod scope_probes_oversight;
mod scope_probes_workspace;
mod scope_world;
mod security_headers;
mod seed;
mod smtp;

fn main() {
    let tests = [
        account_duplicates::tests(),
        accounts_hardening::tests(),
        accounts_registration::tests(),
        accounts_sessions::tests(),
        applications::tests(),
        audit_log::tests(),
        authorization::tests(),
        catalog_filters::tests(),
        catalog_list::tests(),
        catalog_program::tests(),
        children::tests(),
        children_variants::tests(),
        corrections::tests(),
        duplicate_rule::tests(),
        duplicates::tests(),
        families::tests(),
        forms_answered::tests(),
        guardians::tests(),
        health::tests(),
        help::tests(),
        import_and_scan::tests(),
        login_burst::tests(),
        municipality_changes::tests(),
        operator::tests(),
        pages::tests(),
        program_import::tests(),
        programs::tests(),
        query_plans::tests(),
        scope_matrix::tests(),
        security_headers::tests(),
        seed::tests(),
        smtp::tests(),
    ];
    harness::run(tests.into_iter().flatten().collect())
}
