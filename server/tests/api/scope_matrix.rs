//! The scope axis of the authorization matrix: every server function and export that an operator
//! role can call, called by that role on a family in its scope, of another municipality,
//! concerning another institution, holding a role, and on the operator's own account. One table
//! says what each cell must do; every server function the application registers is either in it
//! or named below as one that reaches no family's data, so a new function without a row fails.

use crate::helpers::{spawn_seeded_app, Backend};
use crate::on_both_backends;
use crate::scope_probes::{self as daily, Probe};
use crate::scope_probes_corrections as corrections;
use crate::scope_probes_oversight as oversight;
use crate::scope_probes_workspace as workspace;
use crate::scope_world::{cell, Caller, TARGETS};

on_both_backends!(
    every_operator_power_stays_within_its_scope;
    sqlite: every_server_function_has_a_row_or_reaches_no_family
);

/// What a cell must do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// Reaches the family's data or makes the change.
    A,
    /// Refused by the scope rule: a 403 with the rule's Russian message, the attempt audited.
    F,
    /// Refused inside a bulk move: the answer lists the application as refused, audited.
    Fb,
    /// Out of sight: the family's data are not in the operator's lists (or not found).
    H,
    /// The target means nothing for this function; why is said in `NOT_APPLICABLE`.
    N,
}
use Expect::*;

struct Row {
    /// `METHOD path` and, where one path has two rows, what the row probes.
    name: &'static str,
    caller: Caller,
    /// In scope, another municipality, another institution, a role holder, its own account.
    expect: [Expect; 5],
    probe: Probe,
}

const fn row(name: &'static str, caller: Caller, expect: [Expect; 5], probe: Probe) -> Row {
    Row {
        name,
        caller,
        expect,
        probe,
    }
}

use Caller::{Admin, Institution, Moc, Regional};

#[rustfmt::skip]
const MATRIX: &[Row] = &[
    row("GET /api/operator/applications", Institution, [A, A, H, A, A], daily::list_applications),
    row("POST /api/operator/applications/move", Institution, [A, A, H, A, Fb], daily::move_application),
    row("GET /operator/applications/export.csv", Institution, [A, A, H, A, A], daily::export_csv),
    row("GET /operator/applications/export.xlsx", Institution, [A, A, H, A, A], daily::export_xlsx),
    row("GET /api/help/inbox", Institution, [A, A, H, A, A], daily::help_inbox),
    row("POST /api/help/requests/move", Institution, [A, A, H, A, F], daily::take_request),
    row("POST /api/operator/families", Institution, [A, H, A, A, A], daily::find_family),
    row("POST /api/operator/families/replace-email", Institution, [A, F, A, F, F], daily::replace_email),
    row("POST /api/operator/families/confirm-child", Institution, [A, F, A, A, F], daily::confirm_child),
    row("POST /api/operator/families/link-guardian (to the family's child)", Institution, [A, F, A, A, F], daily::link_guardian_to_child),
    row("POST /api/operator/families/link-guardian (the family's account)", Institution, [A, F, A, F, F], daily::link_account_as_guardian),
    row("GET /api/operator/corrections", Institution, [A, A, H, A, A], corrections::correction_inbox),
    row("GET /api/operator/corrections/draft", Institution, [A, F, A, A, F], corrections::correction_draft),
    row("POST /api/operator/corrections/apply (directly)", Institution, [A, F, A, A, F], corrections::correct_directly),
    row("POST /api/operator/corrections/apply (on request)", Institution, [A, A, H, A, F], corrections::correct_on_request),
    row("POST /api/operator/corrections/reject", Institution, [A, A, H, A, F], corrections::reject_correction),
    row("GET /api/operator/duplicates", Institution, [A, A, H, A, A], workspace::duplicate_queue),
    row("POST /api/operator/duplicates/resolve", Institution, [A, A, H, A, F], workspace::retire_child),
    row("POST /api/operator/duplicates/resolve (accounts)", Institution, [A, F, H, F, F], workspace::retire_account),
    row("POST /api/operator/duplicates/flag-accounts", Institution, [A, F, A, F, F], workspace::flag_accounts),
    row("POST /api/operator/municipality-changes/record", Institution, [A, F, A, F, F], workspace::record_change),
    row("GET /api/operator/municipality-changes", Institution, [A, N, H, N, N], workspace::list_changes),
    row("GET /operator/municipality-changes/document", Institution, [A, N, H, N, N], workspace::change_document),
    row("POST /api/operator/families", Moc, [A, H, A, A, A], daily::find_family),
    row("GET /api/help/inbox", Moc, [A, H, A, A, A], oversight::moc_inbox),
    row("POST /api/help/requests/move", Moc, [A, H, A, A, F], oversight::moc_take),
    row("GET /api/operator/duplicates", Moc, [A, H, A, A, A], workspace::duplicate_queue),
    row("POST /api/operator/duplicates/resolve", Moc, [A, H, A, A, F], workspace::retire_child),
    row("POST /api/operator/duplicates/resolve (accounts)", Moc, [A, H, A, F, F], workspace::retire_account),
    row("POST /api/operator/duplicates/flag-accounts", Moc, [A, F, A, F, F], workspace::flag_accounts),
    row("GET /api/operator/municipality-changes", Moc, [A, H, A, A, A], workspace::list_changes),
    row("GET /operator/municipality-changes/document", Moc, [A, H, A, A, A], workspace::change_document),
    row("GET /api/admin/audit", Moc, [A, H, A, N, A], oversight::audit_log),
    row("GET /admin/audit/export.csv", Moc, [A, H, A, N, A], oversight::audit_export),
    row("GET /api/operator/municipality-changes", Regional, [A, A, A, A, A], workspace::list_changes),
    row("GET /operator/municipality-changes/document", Regional, [A, A, A, A, A], workspace::change_document),
    row("POST /api/operator/municipality-changes/decide", Regional, [A, A, A, F, F], workspace::decide_change),
    row("GET /api/admin/audit", Admin, [A, A, A, N, A], oversight::audit_log),
    row("POST /api/admin/operators/grant", Admin, [A, A, N, A, F], oversight::grant_role),
    row("POST /api/admin/operators/revoke", Admin, [A, A, N, A, F], oversight::revoke_role),
];

/// Why a cell marked `N` means nothing.
const NOT_APPLICABLE: &[(&str, &str)] = &[
    ("GET /api/operator/municipality-changes", "an institution lists the applications it recorded itself, and it records none beyond its scope (see «record»)"),
    ("GET /operator/municipality-changes/document", "as the list: an institution opens only the scans it recorded"),
    ("GET /api/admin/audit", "the log is scoped by who acted, not by whose data: a role holder's family is read like any other"),
    ("GET /admin/audit/export.csv", "as the viewer"),
    ("POST /api/admin/operators/grant", "administrators act region-wide: no institution to be another of"),
    ("POST /api/admin/operators/revoke", "as granting"),
];

/// Server functions that reach no family but the caller's own, or no personal data at all; they
/// are in the role matrix (`authorization`), and a parent's own are tested in their areas.
const NO_FAMILY_IN_REACH: &[&str] = &[
    "/api/accounts/change-password",
    "/api/accounts/confirm-email",
    "/api/accounts/current-user",
    "/api/accounts/login",
    "/api/accounts/logout",
    "/api/accounts/register",
    "/api/accounts/request-password-reset",
    "/api/accounts/reset-password",
    "/api/accounts/switch-role",
    "/api/admin/cancel-reasons",
    "/api/admin/cancel-reasons/save",
    "/api/admin/hotline",
    "/api/admin/hotline/save",
    "/api/admin/operators",
    "/api/applications/apply",
    "/api/applications/children",
    "/api/applications/group",
    "/api/applications/mine",
    "/api/applications/move",
    "/api/catalog/options",
    "/api/catalog/overview",
    "/api/catalog/program",
    "/api/catalog/programs",
    "/api/children/add",
    "/api/children/check",
    "/api/children/mine",
    "/api/corrections/request",
    "/api/corrections/start",
    "/api/dev/outbox",
    "/api/help/contacts",
    "/api/help/hotline",
    "/api/help/requests/choices",
    "/api/help/requests/mine",
    "/api/help/requests/send",
    "/api/moc/programs",
    "/api/moc/programs/decide",
    "/api/notifications/mine",
    "/api/notifications/unread",
    // Programs and groups: bounded by the institution's own programs and МОЦ's municipality, and
    // crossed in `programs.rs` (closing a group cancels applications addressed to the institution,
    // as its moves of applications do, whatever the family's municipality).
    "/api/operator/groups/close",
    "/api/operator/groups/one",
    "/api/operator/groups/save",
    "/api/operator/programs",
    "/api/operator/programs/archive",
    "/api/operator/programs/copy",
    "/api/operator/programs/import",
    "/api/operator/programs/one",
    "/api/operator/programs/save",
    "/api/reference/municipalities",
];

fn path_of(name: &str) -> &str {
    name.split(' ').nth(1).unwrap_or_default()
}

async fn every_server_function_has_a_row_or_reaches_no_family() {
    let in_matrix: std::collections::BTreeSet<&str> =
        MATRIX.iter().map(|r| path_of(r.name)).collect();
    let unclassified: Vec<&str> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path)
        .filter(|p| !in_matrix.contains(p) && !NO_FAMILY_IN_REACH.contains(p))
        .collect();
    assert!(
        unclassified.is_empty(),
        "server functions with no row in the scope matrix: {unclassified:?}"
    );
    for r in MATRIX {
        if r.expect.contains(&N) {
            assert!(
                NOT_APPLICABLE.iter().any(|(n, _)| *n == r.name),
                "{}: say why a cell does not apply",
                r.name
            );
        }
    }
}

async fn every_operator_power_stays_within_its_scope(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let mut checked = 0;
    for (r, row) in MATRIX.iter().enumerate() {
        for (t, target) in TARGETS.into_iter().enumerate() {
            let expected = row.expect[t];
            if expected == N {
                continue;
            }
            let n = 20_000 + r * 100 + t * 10;
            let c = cell(&app, row.caller, target, n).await;
            let got = (row.probe)(&c).await;
            let name = format!("{} as {:?} on {target:?}", row.name, row.caller);
            assert_eq!(
                got.reached,
                expected == A,
                "{name}: answered {}",
                got.status
            );
            assert_ne!(got.status, 500, "{name}: a refusal is never a server error");
            match expected {
                F => {
                    assert_eq!(got.status, 403, "{name}: a scope refusal is a 403");
                    assert!(
                        c.refusals_logged().await > 0,
                        "{name}: the attempt is audited"
                    );
                }
                Fb => assert!(
                    c.refusals_logged().await > 0,
                    "{name}: the attempt is audited"
                ),
                _ => {}
            }
            checked += 1;
        }
    }
    assert!(checked > MATRIX.len() * 4);
    app.finish().await;
}
