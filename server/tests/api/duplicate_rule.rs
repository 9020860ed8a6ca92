//! One rule for the check and the scan, one verdict before and at saving (issue 20), over random
//! registers of near-duplicates that proptest generates from a fixed seed, on both backends: each
//! register is written to the real database, the check runs its real search there, the scan
//! reads the register back.

use crate::helpers::{spawn_seeded_app, Backend, TestApp};
use crate::on_both_backends;
use app::domain::identity::birth_certificate::BirthCertificate;
use app::domain::identity::snils::Snils;
use app::domain::identity::verdict::{ChildIdentity, Sex, Verdict};
use app::server::db::children::{self, Blocking, Decision, NewChild};
use app::server::db::{Database, DbError};
use app::server::services::child_identity::{strongest, verdicts};
use app::server::services::children::{blocking_dates, candidates_of};
use app::server::services::scan::scan;
use chrono::NaiveDate;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use std::collections::BTreeSet;

on_both_backends!(
    every_pair_the_check_flags_the_scan_lists,
    the_check_and_the_saving_transaction_agree_and_the_index_never_contradicts,
    one_child_saved_twice_at_once_under_years_a_digit_apart_is_flagged_once,
);

/// Names, dates and documents from small pools, so that a register of forty holds many near pairs:
/// typos, forms of a name, transliterations, look-alikes, swapped names, twins, other sexes.
const SURNAMES: [&str; 6] = [
    "Смирнова",
    "Смирнва",
    "Smirnova",
    "Мария",
    "Петрова-Смирнова",
    "Иванова",
];
const GIVEN: [&str; 9] = [
    "Мария",
    "Маша",
    "Мариа",
    "Mariya",
    "Алина",
    "Арина",
    "Смирнова",
    "Bepa",
    "Вера",
];
const PATRONYMICS: [&str; 3] = ["", "Алексеевна", "Алексевна"];
const DATES: [(i32, u32, u32); 6] = [
    (2015, 3, 12),
    (2015, 3, 13),
    (2015, 12, 3),
    (2015, 3, 21),
    (2018, 3, 12),
    (2016, 3, 12),
];
const SNILS: [&str; 3] = ["112-233-445 95", "123-456-789 64", "987-654-321 83"];
const CERTIFICATES: [&str; 2] = ["II-ФО 123456", "II-ФО 654321"];

#[derive(Debug, Clone)]
struct Typed {
    surname: &'static str,
    given: &'static str,
    patronymic: &'static str,
    sex: Sex,
    birth: NaiveDate,
    snils: Option<&'static str>,
    certificate: Option<&'static str>,
}

impl Typed {
    fn identity(&self) -> (ChildIdentity, Option<String>) {
        let mut id = ChildIdentity::new(
            self.surname,
            self.given,
            self.patronymic,
            self.sex,
            self.birth,
        );
        id.snils = self.snils.map(|s| Snils::parse(s).unwrap());
        let certificate = self
            .certificate
            .map(|c| BirthCertificate::parse(c).unwrap());
        let key = certificate.as_ref().map(BirthCertificate::key);
        id.certificate = certificate;
        (id, key)
    }
}

fn typed() -> impl Strategy<Value = Typed> {
    (
        0..SURNAMES.len(),
        0..GIVEN.len(),
        0..PATRONYMICS.len(),
        // Mostly girls: a pair of another sex is probable only with everything else the same.
        prop_oneof![5 => Just(true), 1 => Just(false)],
        0..DATES.len(),
        // Documents on a few children only, as in the register.
        prop_oneof![6 => Just(None), 1 => (0..SNILS.len()).prop_map(Some)],
        prop_oneof![6 => Just(None), 1 => (0..CERTIFICATES.len()).prop_map(Some)],
    )
        .prop_map(|(s, g, p, female, d, snils, cert)| {
            let (y, m, day) = DATES[d];
            Typed {
                surname: SURNAMES[s],
                given: GIVEN[g],
                patronymic: PATRONYMICS[p],
                sex: if female { Sex::Female } else { Sex::Male },
                birth: NaiveDate::from_ymd_opt(y, m, day).unwrap(),
                snils: snils.map(|i| SNILS[i]),
                certificate: cert.map(|i| CERTIFICATES[i]),
            }
        })
}

/// `count` registers of up to `size` children each, the same for every run.
fn registers(count: usize, size: usize) -> Vec<Vec<Typed>> {
    let mut runner = TestRunner::deterministic();
    let strategy = proptest::collection::vec(typed(), size / 2..=size);
    (0..count)
        .map(|_| strategy.new_tree(&mut runner).unwrap().current())
        .collect()
}

/// Retires every child, so that the next register starts alone.
async fn retire_all(app: &TestApp) {
    crate::helpers::execute(
        app,
        "UPDATE children SET retired_at = CURRENT_TIMESTAMP WHERE retired_at IS NULL",
        &[],
    )
    .await;
}

/// Saves `child` for `account` through the saving path; `decide` sees the candidates inside the
/// write transaction.
async fn save(
    db: &Database,
    account: i64,
    child: &Typed,
    decide: impl Fn(&[children::Candidate]) -> Decision,
) -> Result<Option<i64>, DbError> {
    let (identity, certificate_key) = child.identity();
    let dates = blocking_dates(identity.birth_date);
    let sex = match child.sex {
        Sex::Male => "male",
        Sex::Female => "female",
    };
    let snils = identity.snils.as_ref().map(Snils::digits);
    let blocking = Blocking {
        birth_date: identity.birth_date,
        sex,
        date_variants: &dates,
        name_parts: [&identity.surname, &identity.given_name],
        snils,
        certificate_key: certificate_key.as_deref(),
    };
    let certificate = identity.certificate.as_ref().map(ToString::to_string);
    let row = NewChild {
        surname: child.surname,
        given_name: child.given,
        patronymic: (!child.patronymic.is_empty()).then_some(child.patronymic),
        sex,
        birth_date: child.birth,
        snils,
        birth_certificate: certificate.as_deref(),
        certificate_key: certificate_key.as_deref(),
        exact_key: &identity.exact_key(),
        name_key: &identity.name_key(),
        surname_norm: &identity.surname,
        given_name_norm: &identity.given_name,
    };
    children::insert_checked(db, &row, &blocking, account, "parent", "import", decide).await
}

/// Writes a register as an import would, each child after the check: exact duplicates are
/// refused, probable ones saved flagged. Returns what was saved, by id.
async fn write_register(app: &TestApp, account: i64, register: &[Typed]) -> Vec<(i64, Typed)> {
    let mut saved = Vec::new();
    for child in register {
        let (identity, key) = child.identity();
        let decide = |rows: &[children::Candidate]| match strongest(&identity, key.as_deref(), rows)
        {
            (Verdict::Exact(_), _) => Decision::Stop,
            (verdict, matched) => Decision::Insert {
                flag: matched.zip(verdict.flag_reason()),
            },
        };
        if let Some(id) = save(&app.db, account, child, decide).await.unwrap() {
            saved.push((id, child.clone()));
        }
    }
    saved
}

async fn every_pair_the_check_flags_the_scan_lists(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let (_, account) = app.confirmed_parent(1).await;
    let mut flagged_in_all = 0;
    for (n, register) in registers(20, 50).into_iter().enumerate() {
        // Each register on its own: the previous one is retired.
        retire_all(&app).await;
        let saved = write_register(&app, account, &register).await;
        let mut by_check = BTreeSet::new();
        for (id, child) in &saved {
            let (identity, key) = child.identity();
            let rows = candidates_of(&app.db, &identity, key.as_deref())
                .await
                .unwrap();
            let others: Vec<_> = rows.into_iter().filter(|r| r.id != *id).collect();
            for (_, other) in verdicts(&identity, key.as_deref(), &others) {
                by_check.insert((*id.min(&other), *id.max(&other)));
            }
        }
        let all = children::all_candidates(&app.db).await.unwrap();
        let by_scan: BTreeSet<(i64, i64)> = scan(&all).iter().map(|p| (p.a, p.b)).collect();
        let missed: Vec<_> = by_check.difference(&by_scan).collect();
        assert!(
            missed.is_empty(),
            "register {n}: the scan missed {missed:?} of {saved:?}"
        );
        flagged_in_all += by_check.len();
    }
    // The registers are made of near pairs: a test that found none would prove nothing.
    assert!(flagged_in_all > 100, "only {flagged_in_all} pairs flagged");
    app.finish().await;
}

/// The verdict of the check before submitting is the verdict inside the saving transaction, and
/// the unique indexes refuse nothing the verdict lets through: a child the check does not call
/// exact is saved (flagged when probable), one it calls exact is stopped by the check itself.
async fn the_check_and_the_saving_transaction_agree_and_the_index_never_contradicts(
    backend: Backend,
) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let (_, account) = app.confirmed_parent(1).await;
    let (mut exact, mut probable, mut distinct) = (0, 0, 0);
    for register in registers(10, 30) {
        retire_all(&app).await;
        for child in &register {
            let (identity, key) = child.identity();
            let rows = candidates_of(&app.db, &identity, key.as_deref())
                .await
                .unwrap();
            let before = strongest(&identity, key.as_deref(), &rows).0;
            let during = std::sync::Mutex::new(None);
            let decide = |rows: &[children::Candidate]| {
                let (verdict, matched) = strongest(&identity, key.as_deref(), rows);
                let decision = match &verdict {
                    Verdict::Exact(_) => Decision::Stop,
                    v => Decision::Insert {
                        flag: matched.zip(v.flag_reason()),
                    },
                };
                *during.lock().unwrap() = Some(verdict);
                decision
            };
            let saved = save(&app.db, account, child, decide).await;
            let during = during.into_inner().unwrap();
            assert_eq!(during.as_ref(), Some(&before), "{child:?}");
            match (&before, saved) {
                (Verdict::Exact(_), Ok(None)) => exact += 1,
                (Verdict::Probable { .. }, Ok(Some(_))) => probable += 1,
                (Verdict::Distinct, Ok(Some(_))) => distinct += 1,
                (verdict, other) => panic!("{child:?}: {verdict:?} but saving gave {other:?}"),
            }
        }
    }
    assert!(
        exact > 5 && probable > 20 && distinct > 20,
        "every verdict must be tried: {exact} exact, {probable} probable, {distinct} distinct"
    );
    app.finish().await;
}

/// Two parents save one child at the same moment, one typing 2015, the other 2018, each saying it
/// is another child: whichever comes second must see the first and be flagged. On PostgreSQL the
/// writers lock every year a typo of the date can reach, so they run one after the other.
async fn one_child_saved_twice_at_once_under_years_a_digit_apart_is_flagged_once(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let (x, _) = app.confirmed_parent(1).await;
    let (y, _) = app.confirmed_parent(2).await;
    let surnames = [
        "Акимов",
        "Белов",
        "Волков",
        "Глебов",
        "Дёмин",
        "Ершов",
        "Жуков",
        "Зуев",
        "Исаев",
        "Козлов",
        "Лебедев",
        "Морозов",
    ];
    for surname in surnames {
        let fields = |birth: &'static str| {
            vec![
                ("surname", surname),
                ("given_name", "Тимофей"),
                ("patronymic", "Андреевич"),
                ("sex", "male"),
                ("birth_date", birth),
                ("snils", ""),
                ("birth_certificate", ""),
                ("another_child", "1"),
            ]
        };
        let (a, b) = (fields("01.06.2015"), fields("01.06.2018"));
        let ((sa, ba), (sb, bb)) = tokio::join!(
            app.post_with(&x, "/api/children/add", &a),
            app.post_with(&y, "/api/children/add", &b)
        );
        assert_eq!((sa, sb), (200, 200), "{ba} {bb}");
        let flagged = [ba, bb]
            .iter()
            .filter(|body| body.contains("\"flagged\":true"))
            .count();
        assert_eq!(flagged, 1, "{surname}: exactly the second save is flagged");
    }
    app.finish().await;
}
