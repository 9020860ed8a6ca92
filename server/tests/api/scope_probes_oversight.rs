//! The scope matrix's probes of oversight: МОЦ's inbox of climbed requests and the audit log, and
//! administrators keeping roles.

use crate::helpers::{execute, scalar};
use crate::scope_probes::{get, help_request, outcome, post, Outcome};
use crate::scope_world::Cell;
use futures_util::future::BoxFuture;

/// The family's request, climbed to МОЦ.
async fn escalated_request(c: &Cell<'_>) -> i64 {
    let id = help_request(c).await;
    execute(
        c.app,
        "UPDATE help_requests SET level = 'moc', status = 'new' WHERE id = $1",
        &[id],
    )
    .await;
    id
}

pub fn moc_inbox<'a>(c: &'a Cell<'a>) -> BoxFuture<'a, Outcome> {
    Box::pin(async move {
        let id = escalated_request(c).await;
        let (s, body) = get(c, "/api/help/inbox").await;
        outcome(s, body.contains(&format!("\"id\":{id},")))
    })
}

pub fn moc_take<'a>(c: &'a Cell<'a>) -> BoxFuture<'a, Outcome> {
    Box::pin(async move {
        let id = escalated_request(c).await.to_string();
        let (s, body) = post(
            c,
            "/api/help/requests/move",
            &[("id", &id), ("action", "take"), ("body", "")],
        )
        .await;
        outcome(s, body.contains("Moved"))
    })
}

/// An operator's look-up of the family, as the audit log records it: by an operator of the
/// concerned institution, or by МОЦ of another municipality for a family living there.
async fn looked_up(c: &Cell<'_>) {
    let looker = match c.target {
        crate::scope_world::Target::OtherMunicipality => {
            let (client, _, _) = c
                .app
                .operator_account(c.n + 5, "moc_operator", None, Some(c.away), false)
                .await;
            client
        }
        _ => {
            c.app
                .in_role(c.n + 5, "institution_operator", Some(c.concerned_org()))
                .await
                .0
        }
    };
    let (s, body) = c
        .app
        .post_with(
            &looker,
            "/api/operator/families",
            &[("phone", &c.family.phone)],
        )
        .await;
    assert_eq!(s, 200, "{:?}: {body}", c.target);
}

pub fn audit_log<'a>(c: &'a Cell<'a>) -> BoxFuture<'a, Outcome> {
    Box::pin(async move {
        looked_up(c).await;
        let path = format!("/api/admin/audit?subject=account:{}", c.family.account);
        let (s, body) = get(c, &path).await;
        outcome(s, body.contains("\"rows\":[{"))
    })
}

pub fn audit_export<'a>(c: &'a Cell<'a>) -> BoxFuture<'a, Outcome> {
    Box::pin(async move {
        looked_up(c).await;
        let path = format!(
            "/admin/audit/export.csv?subject=account:{}",
            c.family.account
        );
        let (s, body) = get(c, &path).await;
        outcome(s, body.lines().count() > 1)
    })
}

pub fn grant_role<'a>(c: &'a Cell<'a>) -> BoxFuture<'a, Outcome> {
    Box::pin(async move {
        let (s, body) = post(
            c,
            "/api/admin/operators/grant",
            &[
                ("email", &c.family.email),
                ("role", "regional_operator"),
                ("admin_password", crate::helpers::ACCOUNT_PASSWORD),
            ],
        )
        .await;
        outcome(s, body.contains("Done"))
    })
}

pub fn revoke_role<'a>(c: &'a Cell<'a>) -> BoxFuture<'a, Outcome> {
    Box::pin(async move {
        // The family's role; for the administrator's own account, a second role it holds (the
        // one it works in may not be revoked at all).
        app::server::db::roles::grant(
            &c.app.db,
            c.family.account,
            "regional_operator",
            None,
            None,
            false,
        )
        .await
        .unwrap();
        let role = scalar(
            c.app,
            "SELECT id FROM account_roles WHERE account_id = $1 AND role = 'regional_operator'",
            &[c.family.account],
        )
        .await
        .to_string();
        let (s, body) = post(c, "/api/admin/operators/revoke", &[("revoke", &role)]).await;
        outcome(s, body.contains("Done"))
    })
}
