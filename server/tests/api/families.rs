//! The operators' family look-up and e-mail replacement (R1, R3): by a child, typos tolerated, or
//! by the parent's phone; the e-mail in full to operators only; every look-up audited; a replaced
//! e-mail ends the account's sessions and is confirmed from the new address.

use crate::accounts_support::{letters_to, link_in, register, Parent, PASSWORD};
use crate::applications_support::{child, insert_child};
use crate::helpers::{spawn_seeded_app, Backend, TestApp};
use crate::on_both_backends;
use app::contract::accounts::SignedIn;
use app::contract::families::{FamilyAnswer, ReplaceEmailOutcome};
use app::domain::identity::verdict::Sex;
use app::server::db::Database;
use chrono::NaiveDate;

on_both_backends!(
    an_operator_finds_a_family_by_a_child_or_a_phone_and_reads_the_email,
    only_operators_in_role_look_families_up,
    an_operator_replaces_the_email_and_the_parent_logs_in_with_the_new_one,
    an_institution_operator_confirms_a_childs_data_after_seeing_documents,
    an_operator_finds_a_family_by_the_parents_name,
);

const EMAIL: &str = "olga.ivanova@mail.ru";
const PHONE: &str = "+79123450011";

async fn scalar<T>(app: &TestApp, sql: &str, bind: i64) -> T
where
    T: Send + Unpin + for<'r> sqlx::Decode<'r, sqlx::Sqlite> + sqlx::Type<sqlx::Sqlite>,
    T: for<'r> sqlx::Decode<'r, sqlx::Postgres> + sqlx::Type<sqlx::Postgres>,
{
    match &app.db {
        Database::Sqlite(p) => sqlx::query_scalar(sql).bind(bind).fetch_one(p).await,
        Database::Postgres(p) => sqlx::query_scalar(sql).bind(bind).fetch_one(p).await,
    }
    .unwrap()
}

/// A registered parent (e-mail confirmed) with one child; the account and the child's birth date.
async fn family(app: &TestApp) -> (i64, NaiveDate) {
    register(
        app,
        &TestApp::new_client(),
        &Parent {
            email: EMAIL,
            phone: PHONE,
        },
    )
    .await;
    let account: i64 = {
        let sql = "SELECT id FROM accounts WHERE email = 'olga.ivanova@mail.ru' AND $1 = 1";
        scalar(app, sql, 1).await
    };
    app::server::db::accounts::confirm_email(&app.db, account, chrono::Utc::now())
        .await
        .unwrap();
    let kid = child(app, account, 7, 9).await;
    let birth: NaiveDate = scalar(app, "SELECT birth_date FROM children WHERE id = $1", kid).await;
    (account, birth)
}

async fn look_up(
    app: &TestApp,
    client: &reqwest::Client,
    fields: &[(&str, &str)],
) -> (u16, Option<FamilyAnswer>) {
    let (status, body) = app
        .post_with(client, "/api/operator/families", fields)
        .await;
    (
        status,
        (status == 200).then(|| serde_json::from_str(&body).unwrap()),
    )
}

fn date(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

async fn an_operator_finds_a_family_by_a_child_or_a_phone_and_reads_the_email(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let (account, birth) = family(&app).await;
    let (operator, _) = app.in_role(1, "institution_operator", Some(1)).await;
    let by_child = |surname: &'static str, given: &'static str, d: String| {
        let (app, operator) = (&app, &operator);
        async move {
            look_up(
                app,
                operator,
                &[
                    ("surname", surname),
                    ("given_name", given),
                    ("birth_date", &d),
                ],
            )
            .await
            .1
            .unwrap()
        }
    };
    // The child exactly: the family, its e-mail in full, the child marked as the exact match.
    let found = by_child("Тестов7", "Ребенок7", date(birth)).await;
    assert!(found.searched && found.errors.is_empty());
    assert_eq!(found.families.len(), 1);
    let f = &found.families[0];
    assert_eq!(
        (f.account_id, f.email.as_str(), f.phone.as_str()),
        (account, EMAIL, PHONE)
    );
    assert!(f.email_confirmed);
    assert_eq!(f.children[0].matched.as_deref(), Some("точное совпадение"));
    assert_eq!(f.children[0].confirmation, "Данные не подтверждены");
    // A girl found exactly stays an exact match, though as a boy she would only be similar.
    insert_child(&app, account, ("Соколова", "Мария"), Sex::Female, birth).await;
    let found = by_child("Соколова", "Мария", date(birth)).await;
    let girl = found.families[0]
        .children
        .iter()
        .find(|c| c.name == "Соколова Мария");
    assert_eq!(
        girl.and_then(|c| c.matched.as_deref()),
        Some("точное совпадение")
    );
    // Typed with a typo, in capitals, the date a day off: still found, as similar data.
    let found = by_child(
        "ТЕСТОВ7",
        "Ребёнок7",
        date(birth + chrono::Duration::days(1)),
    )
    .await;
    assert_eq!(found.families.len(), 1);
    assert_eq!(
        found.families[0].children[0].matched.as_deref(),
        Some("похожие данные")
    );
    let found = by_child("Тетсов7", "Ребенок7", date(birth)).await;
    assert_eq!(found.families.len(), 1, "a transposition is tolerated");
    // Someone else: nobody.
    let found = by_child("Петров", "Иван", date(birth)).await;
    assert!(found.searched && found.families.is_empty());
    // By the phone, typed as people type it.
    let (_, found) = look_up(&app, &operator, &[("phone", "8 (912) 345-00-11")]).await;
    assert_eq!(found.unwrap().families[0].email, EMAIL);
    // A bad date comes back at its field and nothing is searched.
    let (_, found) = look_up(
        &app,
        &operator,
        &[
            ("surname", "Тестов7"),
            ("given_name", "Ребенок7"),
            ("birth_date", "31.02.2015"),
        ],
    )
    .await;
    let found = found.unwrap();
    assert!(!found.searched);
    assert_eq!(found.errors[0].field, "birth_date");
    let (_, found) = look_up(&app, &operator, &[("phone", "+7 (700) 123-45-67")]).await;
    assert_eq!(found.unwrap().errors[0].field, "phone");
    // Every search that ran is in the audit log, naming the accounts shown, never what was typed.
    let rows: i64 = scalar(
        &app,
        "SELECT COUNT(*) FROM audit_log WHERE action = 'family_lookup' AND $1 = 1",
        1,
    )
    .await;
    assert_eq!(rows, 6);
    let shown: i64 = scalar(
        &app,
        "SELECT COUNT(*) FROM audit_log WHERE action = 'family_lookup' AND subject = 'accounts:' || $1",
        account,
    )
    .await;
    assert_eq!(shown, 5);
    let typed: i64 = scalar(&app, "SELECT COUNT(*) FROM audit_log WHERE (subject LIKE '%Тестов%' OR details LIKE '%Тестов%') AND $1 = 1", 1).await;
    assert_eq!(typed, 0);
    app.finish().await;
}

async fn only_operators_in_role_look_families_up(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let (_, birth) = family(&app).await;
    let fields = [
        ("surname", "Тестов7".to_owned()),
        ("given_name", "Ребенок7".to_owned()),
        ("birth_date", date(birth)),
    ];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let anonymous = TestApp::new_client();
    assert_eq!(look_up(&app, &anonymous, &fields).await.0, 401);
    let (parent, _) = app.confirmed_parent(2).await;
    assert_eq!(look_up(&app, &parent, &fields).await.0, 403);
    let (admin, _) = app.in_role(3, "admin", None).await;
    assert_eq!(look_up(&app, &admin, &fields).await.0, 403);
    let (status, _) = app
        .post_with(
            &parent,
            "/api/operator/families/replace-email",
            &[
                ("account_id", "1"),
                ("email", "x@mail.ru"),
                ("reason", "паспорт"),
            ],
        )
        .await;
    assert_eq!(status, 403);
    // An operator of any institution serves the family that comes in.
    let (operator, _) = app.in_role(4, "institution_operator", Some(5)).await;
    let (status, found) = look_up(&app, &operator, &fields).await;
    assert_eq!(status, 200);
    assert_eq!(found.unwrap().families.len(), 1);
    app.finish().await;
}

async fn an_operator_replaces_the_email_and_the_parent_logs_in_with_the_new_one(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let (account, _) = family(&app).await;
    let parent = TestApp::new_client();
    let (status, _) = app
        .post_with(
            &parent,
            "/api/accounts/login",
            &[("email", EMAIL), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(status, 200);
    let (operator, _) = app.in_role(1, "institution_operator", Some(1)).await;
    let replace = |email: &'static str, reason: &'static str| {
        let (app, operator) = (&app, &operator);
        async move {
            let id = account.to_string();
            let (status, body) = app
                .post_with(
                    operator,
                    "/api/operator/families/replace-email",
                    &[
                        ("account_id", id.as_str()),
                        ("email", email),
                        ("reason", reason),
                    ],
                )
                .await;
            assert_eq!(status, 200, "{body}");
            serde_json::from_str::<ReplaceEmailOutcome>(&body).unwrap()
        }
    };
    // No reason, a bad address, another account's address: refused at the field, nothing changes.
    let refused = replace("new.olga@yandex.ru", "").await;
    assert!(
        matches!(refused, ReplaceEmailOutcome::Invalid { ref errors, ref form } if errors[0].field == "reason" && form.email == "new.olga@yandex.ru")
    );
    let refused = replace("not-an-email", "паспорт проверен").await;
    assert!(
        matches!(refused, ReplaceEmailOutcome::Invalid { ref errors, .. } if errors[0].field == "email")
    );
    let (_, other) = app.confirmed_parent(9).await;
    let taken = app::server::db::accounts::find(&app.db, other)
        .await
        .unwrap()
        .unwrap()
        .email;
    let taken: &'static str = Box::leak(taken.into_boxed_str());
    let refused = replace(taken, "паспорт проверен").await;
    assert!(
        matches!(refused, ReplaceEmailOutcome::Invalid { ref errors, .. } if errors[0].field == "email")
    );
    let me: Option<SignedIn> = app
        .get_json_with(&parent, "/api/accounts/current-user")
        .await;
    assert_eq!(me.unwrap().email, EMAIL, "nothing changed yet");

    let done = replace("New.Olga@yandex.ru", "Паспорт 2415 123456 проверен").await;
    assert_eq!(
        done,
        ReplaceEmailOutcome::Replaced {
            email: "New.Olga@yandex.ru".into()
        }
    );
    // The parent's sessions ended.
    let me: Option<SignedIn> = app
        .get_json_with(&parent, "/api/accounts/current-user")
        .await;
    assert!(me.is_none());
    // The old address is told, without the new one in full; the new one gets a confirmation link.
    let old = letters_to(&app, EMAIL).await;
    let told = old
        .iter()
        .find(|l| l.subject.contains("заменена"))
        .expect("a letter to the old address");
    assert!(told.body.contains("Ne***@yandex.ru") && !told.body.contains("New.Olga"));
    let new = letters_to(&app, "New.Olga@yandex.ru").await;
    let link = link_in(&new[0], &format!("{}/confirm-email?token=", app.base));
    let path = link.trim_start_matches(&app.base).to_owned();
    // The old address no longer logs in; the new one does, once confirmed.
    let login = |email: &'static str| {
        let app = &app;
        async move {
            app.post_with(
                &TestApp::new_client(),
                "/api/accounts/login",
                &[("email", email), ("password", PASSWORD)],
            )
            .await
            .0
        }
    };
    assert_eq!(login(EMAIL).await, 422);
    let token = path.split_once("token=").unwrap().1.to_owned();
    let (status, body) = app
        .post_with(
            &TestApp::new_client(),
            "/api/accounts/confirm-email",
            &[("token", token.as_str())],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(login("new.olga@yandex.ru").await, 200);
    let audited: i64 = scalar(
        &app,
        "SELECT COUNT(*) FROM audit_log WHERE action = 'replace_email' AND subject = 'account:' || $1",
        account,
    )
    .await;
    assert_eq!(audited, 1);
    app.finish().await;
}

async fn an_institution_operator_confirms_a_childs_data_after_seeing_documents(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let (_, birth) = family(&app).await;
    let (operator, _) = app.in_role(1, "institution_operator", Some(3)).await;
    let found = look_up(
        &app,
        &operator,
        &[
            ("surname", "Тестов7"),
            ("given_name", "Ребенок7"),
            ("birth_date", &date(birth)),
        ],
    )
    .await
    .1
    .unwrap();
    assert!(found.can_confirm);
    let kid = &found.families[0].children[0];
    assert!(!kid.confirmed);
    let id = kid.id.to_string();
    // МОЦ and parents may not confirm; nor may anyone confirm a child that does not exist.
    let moc = app.moc_operator(2, 0).await;
    let confirm = |client: reqwest::Client, id: String| {
        let app = &app;
        async move {
            app.post_with(
                &client,
                "/api/operator/families/confirm-child",
                &[("confirm_child", id.as_str())],
            )
            .await
            .0
        }
    };
    assert_eq!(confirm(moc.clone(), id.clone()).await, 403);
    let (parent, _) = app.confirmed_parent(3).await;
    assert_eq!(confirm(parent, id.clone()).await, 403);
    assert_eq!(confirm(operator.clone(), "999999".into()).await, 404);
    assert_eq!(confirm(operator.clone(), id.clone()).await, 200);
    let found = look_up(&app, &operator, &[("phone", PHONE)])
        .await
        .1
        .unwrap();
    let kid = &found.families[0].children[0];
    assert!(kid.confirmed);
    assert!(
        kid.confirmation.starts_with("Данные подтверждены: "),
        "{}",
        kid.confirmation
    );
    let moc_view = look_up(&app, &moc, &[("phone", PHONE)]).await.1.unwrap();
    assert!(!moc_view.can_confirm);
    let audited: i64 = scalar(
        &app,
        "SELECT COUNT(*) FROM audit_log WHERE action = 'confirm_child' AND subject = 'child:' || $1",
        kid.id,
    )
    .await;
    assert_eq!(audited, 1);
    app.finish().await;
}

async fn an_operator_finds_a_family_by_the_parents_name(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let (account, _) = family(&app).await;
    let org = app.organization(0).await;
    let (operator, _) = app.in_role(1, "institution_operator", Some(org)).await;
    // Typed in capitals, with a Latin «О» inside the Cyrillic name.
    let (status, answer) = look_up(
        &app,
        &operator,
        &[
            ("parent_surname", "ИВАНОВА"),
            ("parent_given_name", "Oльга"),
        ],
    )
    .await;
    assert_eq!(status, 200);
    let answer = answer.unwrap();
    assert_eq!(answer.families.len(), 1);
    assert_eq!(answer.families[0].account_id, account);
    assert_eq!(answer.families[0].email, EMAIL);
    let (_, answer) = look_up(&app, &operator, &[("parent_surname", "Иванова")]).await;
    assert_eq!(answer.unwrap().errors[0].field, "parent_given_name");
    let (_, answer) = look_up(
        &app,
        &operator,
        &[
            ("parent_surname", "Петрова"),
            ("parent_given_name", "Ольга"),
        ],
    )
    .await;
    let answer = answer.unwrap();
    assert!(answer.searched && answer.families.is_empty());
    // An account from before the name keys gets its key at the next start.
    const FORGET: &str = "UPDATE accounts SET name_key = NULL WHERE id = $1";
    match &app.db {
        Database::Sqlite(p) => sqlx::query(FORGET)
            .bind(account)
            .execute(p)
            .await
            .map(|_| ()),
        Database::Postgres(p) => sqlx::query(FORGET)
            .bind(account)
            .execute(p)
            .await
            .map(|_| ()),
    }
    .unwrap();
    let filled = app::server::services::accounts::backfill_name_keys(&app.db)
        .await
        .unwrap();
    assert_eq!(filled, 1);
    let (_, answer) = look_up(
        &app,
        &operator,
        &[
            ("parent_surname", "Иванова"),
            ("parent_given_name", "Ольга"),
        ],
    )
    .await;
    assert_eq!(answer.unwrap().families.len(), 1);
    app.finish().await;
}
