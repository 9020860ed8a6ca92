//! The scope matrix's data: for one cell, the calling operator and a family placed where the
//! cell's target says — in the operator's scope, in another municipality, concerning another
//! institution, holding a role, or the operator's own.

use crate::applications_support::{apply, child, group_of};
use crate::helpers::{execute, scalar, TestApp};

/// Where the family a call reaches stands towards the calling operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A family of the operator's municipality, whose data concern the operator's institution.
    InScope,
    /// A family registered in another municipality.
    OtherMunicipality,
    /// A family of the operator's municipality, whose data concern another institution.
    OtherInstitution,
    /// A family whose account holds a role (an operator of another institution).
    RoleHolder,
    /// The operator's own account and child.
    OwnAccount,
}

pub const TARGETS: [Target; 5] = [
    Target::InScope,
    Target::OtherMunicipality,
    Target::OtherInstitution,
    Target::RoleHolder,
    Target::OwnAccount,
];

/// The role a row calls in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caller {
    Institution,
    Moc,
    Regional,
    Admin,
}

/// A family: its own browser, account and one child of eight.
pub struct Family {
    pub client: reqwest::Client,
    pub account: i64,
    pub child: i64,
    pub phone: String,
    pub email: String,
}

/// One cell of the matrix: the operator calling and the family its call reaches.
pub struct Cell<'a> {
    pub app: &'a TestApp,
    pub target: Target,
    /// Unique to the cell, for names and numbers that must not collide.
    pub n: usize,
    pub org: i64,
    pub other_org: i64,
    /// A municipality other than the operators' own (the first).
    pub away: i64,
    pub operator: reqwest::Client,
    pub operator_account: i64,
    pub family: Family,
}

impl Cell<'_> {
    /// The institution the family's data concern: the operator's, or another for that target.
    pub fn concerned_org(&self) -> i64 {
        if self.target == Target::OtherInstitution {
            self.other_org
        } else {
            self.org
        }
    }

    /// A new parent living where the family lives (for pairs and second guardians).
    pub async fn neighbour(&self, n: usize) -> (reqwest::Client, i64) {
        let (client, account) = self.app.confirmed_parent(n).await;
        if self.target == Target::OtherMunicipality {
            move_to(self.app, account, self.away).await;
        }
        (client, account)
    }

    /// The family's child applies to a new group of the concerned institution: the application.
    pub async fn application(&self) -> i64 {
        let group = group_of(self.app, self.concerned_org(), 5, (6, 11), (-5, 30)).await;
        let outcome = apply(self.app, &self.family.client, self.family.child, group).await;
        assert!(
            matches!(
                outcome,
                app::contract::applications::ApplyOutcome::Applied { .. }
            ),
            "{outcome:?}"
        );
        scalar(
            self.app,
            "SELECT id FROM applications WHERE child_id = $1 ORDER BY id DESC LIMIT 1",
            &[self.family.child],
        )
        .await
    }

    /// How many refusals of this operator the audit log holds.
    pub async fn refusals_logged(&self) -> i64 {
        scalar(
            self.app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'denied' AND actor_account_id = $1",
            &[self.operator_account],
        )
        .await
    }
}

async fn move_to(app: &TestApp, account: i64, municipality: i64) {
    execute(
        app,
        "UPDATE accounts SET municipality_id = $1 WHERE id = $2",
        &[municipality, account],
    )
    .await;
}

async fn operator_of(
    app: &TestApp,
    caller: Caller,
    n: usize,
    org: i64,
    home: i64,
) -> (reqwest::Client, i64) {
    let (role, organization, municipality) = match caller {
        Caller::Institution => ("institution_operator", Some(org), None),
        Caller::Moc => ("moc_operator", None, Some(home)),
        Caller::Regional => ("regional_operator", None, None),
        Caller::Admin => ("admin", None, None),
    };
    let (client, account, _) = app
        .operator_account(n, role, organization, municipality, true)
        .await;
    (client, account)
}

/// The operator of `caller` (of `org` for an institution) and a family placed by `target`.
pub async fn cell<'a>(app: &'a TestApp, caller: Caller, target: Target, n: usize) -> Cell<'a> {
    let (org, other_org) = (app.organization(0).await, app.organization(1).await);
    let (home, away) = (
        crate::municipality_changes::municipality(app, 0).await,
        crate::municipality_changes::municipality(app, 1).await,
    );
    let (operator, operator_account) = operator_of(app, caller, n, org, home).await;
    let (client, account) = match target {
        Target::OwnAccount => (operator.clone(), operator_account),
        _ => app.confirmed_parent(n + 1).await,
    };
    match target {
        Target::OtherMunicipality => move_to(app, account, away).await,
        Target::RoleHolder => {
            app::server::db::roles::grant(
                &app.db,
                account,
                "institution_operator",
                Some(other_org),
                None,
                false,
            )
            .await
            .unwrap();
        }
        _ => {}
    }
    let row = app::server::db::accounts::find(&app.db, account)
        .await
        .unwrap()
        .unwrap();
    let kid = child(app, account, n, 8).await;
    Cell {
        app,
        target,
        n,
        org,
        other_org,
        away,
        operator,
        operator_account,
        family: Family {
            client,
            account,
            child: kid,
            phone: row.phone,
            email: row.email,
        },
    }
}
