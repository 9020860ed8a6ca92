//! What the application and operator tests share: a group accepting applications today, a child
//! in a cabinet, applying, and reading the family's applications.

use crate::helpers::TestApp;
use app::contract::applications::{ApplyOutcome, ChildApplications};
use app::domain::identity::verdict::{ChildIdentity, Sex};
use app::server::db::Database;
use chrono::{Duration, NaiveDate, Utc};

static PROGRAMS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

fn today() -> NaiveDate {
    Utc::now().date_naive()
}

/// A program with one group of `capacity` seats for ages `ages`, accepting applications today.
pub async fn group(app: &TestApp, capacity: i32, ages: (i32, i32)) -> i64 {
    group_with_window(app, capacity, ages, (-5, 30)).await
}

pub async fn group_with_window(
    app: &TestApp,
    capacity: i32,
    ages: (i32, i32),
    window: (i64, i64),
) -> i64 {
    let first = app.organization(0).await;
    group_of(app, first, capacity, ages, window).await
}

/// `group_with_window` in a program of organization `org`.
pub async fn group_of(
    app: &TestApp,
    org: i64,
    capacity: i32,
    ages: (i32, i32),
    window: (i64, i64),
) -> i64 {
    let n = PROGRAMS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let (opens, closes) = (
        today() + Duration::days(window.0),
        today() + Duration::days(window.1),
    );
    let starts = today() + Duration::days(40);
    macro_rules! run {
        ($pool:expr) => {{
            let program: i64 = sqlx::query_scalar(
                "INSERT INTO programs (organization_id, title, direction, level, age_min, age_max, \
                 is_free, description) VALUES ($1, $2, 'art', 'starting', 0, 18, TRUE, 'Тест') RETURNING id",
            )
            .bind(org)
            .bind(format!("Тестовая студия {n}"))
            .fetch_one($pool)
            .await
            .unwrap();
            sqlx::query_scalar(
                "INSERT INTO study_groups (program_id, name, schedule, teacher, age_min, age_max, \
                 capacity, starts_on, enrolment_opens, enrolment_closes) \
                 VALUES ($1, 'Группа 1', 'Пн 16:00', 'Иванова И. И.', $2, $3, $4, $5, $6, $7) RETURNING id",
            )
            .bind(program)
            .bind(ages.0)
            .bind(ages.1)
            .bind(capacity)
            .bind(starts)
            .bind(opens)
            .bind(closes)
            .fetch_one($pool)
            .await
            .unwrap()
        }};
    }
    match &app.db {
        Database::Sqlite(pool) => run!(pool),
        Database::Postgres(pool) => run!(pool),
    }
}

/// A child in `account`'s cabinet, `age` years old at the group's start (40 days from now).
pub async fn child(app: &TestApp, account: i64, n: usize, age: i32) -> i64 {
    let birth = today() + Duration::days(40) - Duration::days(365 * i64::from(age) + 100);
    let (surname, given) = (format!("Тестов{n}"), format!("Ребенок{n}"));
    insert_child(app, account, (&surname, &given), Sex::Male, birth).await
}

/// A child written straight into the register and `account`'s cabinet, without the checks of the
/// cabinet's form (as an institution's old file would have left it).
pub async fn insert_child(
    app: &TestApp,
    account: i64,
    (surname, given): (&str, &str),
    sex: Sex,
    birth: NaiveDate,
) -> i64 {
    let identity = ChildIdentity::new(surname, given, "", sex, birth);
    let sex = match sex {
        Sex::Male => "male",
        Sex::Female => "female",
    };
    macro_rules! run {
        ($pool:expr) => {{
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO children (surname, given_name, sex, birth_date, exact_key, name_key, \
                 surname_norm, given_name_norm, created_by_account_id) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
            )
            .bind(surname)
            .bind(given)
            .bind(sex)
            .bind(birth)
            .bind(identity.exact_key())
            .bind(identity.name_key())
            .bind(&identity.surname)
            .bind(&identity.given_name)
            .bind(account)
            .fetch_one($pool)
            .await
            .unwrap();
            sqlx::query("INSERT INTO child_guardians (child_id, account_id, relation) VALUES ($1, $2, 'parent')")
                .bind(id)
                .bind(account)
                .execute($pool)
                .await
                .unwrap();
            id
        }};
    }
    match &app.db {
        Database::Sqlite(pool) => run!(pool),
        Database::Postgres(pool) => run!(pool),
    }
}

pub async fn apply(
    app: &TestApp,
    client: &reqwest::Client,
    child: i64,
    group: i64,
) -> ApplyOutcome {
    let (status, body) = app
        .post_with(
            client,
            "/api/applications/apply",
            &[
                ("child_id", &child.to_string()),
                ("group_id", &group.to_string()),
            ],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

pub async fn mine(app: &TestApp, client: &reqwest::Client) -> Vec<ChildApplications> {
    let response = client
        .get(format!("{}/api/applications/mine", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

pub async fn occupied(app: &TestApp, group: i64) -> i64 {
    const SQL: &str = "SELECT CAST(occupied AS BIGINT) FROM study_groups WHERE id = $1";
    match &app.db {
        Database::Sqlite(pool) => sqlx::query_scalar(SQL).bind(group).fetch_one(pool).await,
        Database::Postgres(pool) => sqlx::query_scalar(SQL).bind(group).fetch_one(pool).await,
    }
    .unwrap()
}
