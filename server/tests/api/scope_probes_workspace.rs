//! The scope matrix's probes of the operator workspace beyond the daily work: the duplicate queue,
//! municipality changes, МОЦ's inbox and audit log, the regional decision, administrators' roles.

use crate::helpers::{execute, scalar};
use crate::scope_probes::{get, outcome, post, Outcome};
use crate::scope_world::Cell;
use app::domain::identity::verdict::Sex;
use futures_util::future::BoxFuture;

const SCAN: &[u8] = b"%PDF-1.4 the parent's application";

/// A probable pair in the duplicate queue: the family's child, flagged against a namesake entered
/// by a neighbour and confirmed by the concerned institution. The flag's id and the namesake.
async fn child_pair(c: &Cell<'_>) -> (i64, i64) {
    let (_, neighbour) = c.neighbour(c.n + 3).await;
    let record = app::server::db::duplicates::records(&c.app.db, &[c.family.child])
        .await
        .unwrap();
    let namesake = crate::applications_support::insert_child(
        c.app,
        neighbour,
        (&format!("Тестова{}", c.n), &format!("Ребенок{}", c.n)),
        Sex::Male,
        record[0].birth_date,
    )
    .await;
    execute(
        c.app,
        "UPDATE children SET confirmed_by_organization_id = $1 WHERE id = $2",
        &[c.concerned_org(), namesake],
    )
    .await;
    let flag = scalar(
        c.app,
        "INSERT INTO duplicate_flags (child_id, matched_child_id, source, reason) \
         VALUES ($1, $2, 'scan', 'Equal') RETURNING id",
        &[c.family.child, namesake],
    )
    .await;
    (flag, namesake)
}

/// The family's account and a neighbour's, flagged as one family's two accounts; the family's
/// child confirmed by the concerned institution, so that the pair is the institution's concern.
async fn account_pair(c: &Cell<'_>) -> (i64, i64) {
    let (_, neighbour) = c.neighbour(c.n + 4).await;
    execute(
        c.app,
        "UPDATE children SET confirmed_by_organization_id = $1 WHERE id = $2",
        &[c.concerned_org(), c.family.child],
    )
    .await;
    let flag = scalar(
        c.app,
        "INSERT INTO account_duplicate_flags (account_id, matched_account_id, noted_by_account_id, reason) \
         VALUES ($1, $2, $2, 'Один родитель, два аккаунта') RETURNING id",
        &[c.family.account, neighbour],
    )
    .await;
    (flag, neighbour)
}

pub fn duplicate_queue<'a>(c: &'a Cell<'a>) -> BoxFuture<'a, Outcome> {
    Box::pin(async move {
        let (flag, _) = child_pair(c).await;
        let (s, body) = get(c, "/api/operator/duplicates").await;
        outcome(s, body.contains(&format!("\"flag_id\":{flag}")))
    })
}

pub fn retire_child<'a>(c: &'a Cell<'a>) -> BoxFuture<'a, Outcome> {
    Box::pin(async move {
        let (flag, namesake) = child_pair(c).await;
        let (flag, keep) = (flag.to_string(), format!("keep:{namesake}"));
        let (s, body) = post(
            c,
            "/api/operator/duplicates/resolve",
            &[
                ("flag", &flag),
                ("decision", &keep),
                ("reason", "Одно свидетельство о рождении"),
            ],
        )
        .await;
        outcome(s, body.contains("Resolved"))
    })
}

pub fn retire_account<'a>(c: &'a Cell<'a>) -> BoxFuture<'a, Outcome> {
    Box::pin(async move {
        let (flag, neighbour) = account_pair(c).await;
        let (flag, keep) = (flag.to_string(), format!("keep:{neighbour}"));
        let (s, body) = post(
            c,
            "/api/operator/duplicates/resolve",
            &[
                ("kind", "account"),
                ("flag", &flag),
                ("decision", &keep),
                ("reason", "Один родитель, два аккаунта"),
            ],
        )
        .await;
        outcome(s, body.contains("Resolved"))
    })
}

pub fn flag_accounts<'a>(c: &'a Cell<'a>) -> BoxFuture<'a, Outcome> {
    Box::pin(async move {
        let (_, neighbour) = c.neighbour(c.n + 4).await;
        let (first, second) = (c.family.account.to_string(), neighbour.to_string());
        let (s, body) = post(
            c,
            "/api/operator/duplicates/flag-accounts",
            &[
                ("flag_account", &first),
                ("flag_other", &second),
                ("flag_reason", "Один родитель, два аккаунта"),
            ],
        )
        .await;
        outcome(s, body.contains("Flagged"))
    })
}

pub fn record_change<'a>(c: &'a Cell<'a>) -> BoxFuture<'a, Outcome> {
    Box::pin(async move {
        let (account, to) = (
            c.family.account.to_string(),
            crate::municipality_changes::municipality(c.app, 2)
                .await
                .to_string(),
        );
        let (s, body) = post(
            c,
            "/api/operator/municipality-changes/record",
            &[
                ("change_account", &account),
                ("change_to", &to),
                ("change_reason", "Переезд семьи"),
            ],
        )
        .await;
        outcome(s, body.contains("Recorded"))
    })
}

/// The family's pending application to move to a third municipality, recorded by the concerned
/// institution with its scan.
async fn change(c: &Cell<'_>) -> i64 {
    let from = scalar(
        c.app,
        "SELECT municipality_id FROM accounts WHERE id = $1",
        &[c.family.account],
    )
    .await;
    let to = crate::municipality_changes::municipality(c.app, 2).await;
    const SQL: &str = "INSERT INTO municipality_changes (account_id, from_municipality_id, \
        to_municipality_id, reason, document_name, document_type, document, recorded_by_account_id, \
        recorded_by_organization_id) VALUES ($1, $2, $3, 'Переезд семьи', 'scan.pdf', \
        'application/pdf', $4, $5, $6) RETURNING id";
    macro_rules! run {
        ($pool:expr) => {
            sqlx::query_scalar(SQL)
                .bind(c.family.account)
                .bind(from)
                .bind(to)
                .bind(SCAN.to_vec())
                .bind(c.operator_account)
                .bind(c.concerned_org())
                .fetch_one($pool)
                .await
                .unwrap()
        };
    }
    match &c.app.db {
        app::server::db::Database::Sqlite(p) => run!(p),
        app::server::db::Database::Postgres(p) => run!(p),
    }
}

pub fn list_changes<'a>(c: &'a Cell<'a>) -> BoxFuture<'a, Outcome> {
    Box::pin(async move {
        let id = change(c).await;
        let (s, body) = get(c, "/api/operator/municipality-changes").await;
        outcome(s, body.contains(&format!("\"id\":{id},")))
    })
}

pub fn change_document<'a>(c: &'a Cell<'a>) -> BoxFuture<'a, Outcome> {
    Box::pin(async move {
        let id = change(c).await;
        let response = c
            .operator
            .get(format!(
                "{}/operator/municipality-changes/document?id={id}",
                c.app.base
            ))
            .send()
            .await
            .unwrap();
        let s = response.status().as_u16();
        outcome(s, response.bytes().await.unwrap().as_ref() == SCAN)
    })
}

pub fn decide_change<'a>(c: &'a Cell<'a>) -> BoxFuture<'a, Outcome> {
    Box::pin(async move {
        let id = change(c).await.to_string();
        let (s, body) = post(
            c,
            "/api/operator/municipality-changes/decide",
            &[
                ("change", &id),
                ("decision", "reject"),
                ("decision_reason", "Нет документа о переезде"),
            ],
        )
        .await;
        outcome(s, body.contains("Decided"))
    })
}
