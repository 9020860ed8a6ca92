//! `cargo bench -p server --bench duplicate_quality`: how well the duplicate check tells second
//! registrations from new children, and how fast an institution's file goes in. A register of
//! 100 000 children (1.5 % of them twins) and 2 000 re-submissions of its children — 400 retyped
//! exactly, 1 600 damaged the ways parents damage them — is generated from a fixed seed, written as
//! an institution's CSV file and imported with the real `kruzhok import children --json`, on SQLite
//! and then on PostgreSQL. From the per-row report it prints what was refused, flagged and let
//! through, by kind of damage, and exits non-zero when an exact re-submission got through, fewer
//! than 95 % of the damaged ones were flagged against their child, a twin was flagged or refused
//! against its twin, fewer than 90 % of the flags point at the true child, or the import took
//! over three minutes. `KRUZHOK_QUALITY_CHILDREN` makes the register smaller for a quick look.

use app::domain::identity::verdict::compare;
use damage::{damaged, retyped, Typed, EXACT, PROBABLE};
use register::{child, twin_of, Rng};
use std::collections::HashMap;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;

mod damage;
// Each bench takes what it needs of the shared modules.
#[allow(dead_code)]
#[path = "../duplicate_check/register.rs"]
mod register;
#[allow(dead_code, unused_macros, unused_imports)]
#[path = "../support/mod.rs"]
mod support;

const RESUBMISSIONS: usize = 2_000;
/// One child in 132 gets a twin: 1.5 % of the register's children are twins.
const TWIN_EVERY: u64 = 132;
const IMPORT_BUDGET_SECS: f64 = 180.0;

/// What a row of the file is, by construction.
#[derive(Debug, Clone, Copy)]
enum Truth {
    Child,
    /// The first or second of twins; the second knows the first's row.
    Twin(Option<usize>),
    /// Retyped exactly: the row of the child it copies, and how.
    Exact(usize, usize),
    /// Damaged: the row of the child it copies, and the damage.
    Probable(usize, usize),
}

struct File {
    path: std::path::PathBuf,
    truth: Vec<Truth>,
    /// Each row as typed, to tell why a wrong flag was raised.
    typed: Vec<Typed>,
}

fn record(t: &Typed, email: &str, phone: &str) -> [String; 10] {
    [
        t.surname.clone(),
        t.given.clone(),
        t.patronymic.clone(),
        if t.male { "м" } else { "ж" }.into(),
        t.birth.clone(),
        String::new(),
        String::new(),
        email.into(),
        phone.into(),
        "г.о. Иваново".into(),
    ]
}

/// The register, then the re-submissions, each by a family of its own, as one CSV file.
fn generate(children: usize, dir: &std::path::Path) -> File {
    let path = dir.join("register.csv");
    let mut csv = csv::Writer::from_path(&path).unwrap();
    csv.write_record([
        "surname",
        "name",
        "patronymic",
        "sex",
        "birth_date",
        "snils",
        "birth_certificate",
        "parent_email",
        "parent_phone",
        "municipality",
    ])
    .unwrap();
    let mut rng = Rng(0x5EED_2026_1204_0020);
    let mut truth = Vec::new();
    let mut typed_rows = Vec::new();
    let mut singles = Vec::new();
    let mut family = 0;
    while truth.len() < children {
        let c = child(&mut rng);
        family += 1;
        let (email, phone) = (
            format!("family{family}@kruzhok-test.ru"),
            format!("+79{family:09}"),
        );
        csv.write_record(record(&Typed::of(&c), &email, &phone))
            .unwrap();
        typed_rows.push(Typed::of(&c));
        if rng.next().is_multiple_of(TWIN_EVERY) && truth.len() + 2 <= children {
            let first = truth.len();
            truth.push(Truth::Twin(None));
            let twin = twin_of(&c, &mut rng);
            csv.write_record(record(&Typed::of(&twin), &email, &phone))
                .unwrap();
            typed_rows.push(Typed::of(&twin));
            truth.push(Truth::Twin(Some(first)));
        } else {
            singles.push((truth.len(), c));
            truth.push(Truth::Child);
        }
    }
    // Each re-submission copies another child: a second copy of one child would be matched, rightly,
    // with the first copy rather than with the child, and blur the figures.
    for k in 0..RESUBMISSIONS {
        let (of, c) = singles.swap_remove((rng.next() as usize) % singles.len());
        let (of, c) = (&of, &c);
        let (email, phone) = (format!("again{k}@kruzhok-test.ru"), format!("+795{k:08}"));
        let (typed, kind) = if k % 5 == 0 {
            let how = (k / 5) % EXACT.len();
            (retyped(how, c), Truth::Exact(*of, how))
        } else {
            loop {
                let damage = (rng.next() as usize) % PROBABLE.len();
                if let Some(t) = damaged(damage, c, &mut rng) {
                    break (t, Truth::Probable(*of, damage));
                }
            }
        };
        csv.write_record(record(&typed, &email, &phone)).unwrap();
        typed_rows.push(typed);
        truth.push(kind);
    }
    csv.flush().unwrap();
    File {
        path,
        truth,
        typed: typed_rows,
    }
}

/// One row's report: what became of it, the child saved, the child it matched.
#[derive(Debug, Default, Clone)]
struct Report {
    result: String,
    child_id: Option<i64>,
    of: Option<i64>,
}

fn kruzhok(url: &str, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_kruzhok"))
        .args(args)
        .env("DATABASE_URL", url)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "kruzhok {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn reports(json_lines: &str, rows: usize) -> Vec<Report> {
    let mut reports = vec![Report::default(); rows];
    for line in json_lines.lines().filter(|l| l.starts_with('{')) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let row = v["line"].as_u64().unwrap() as usize - 2;
        reports[row] = Report {
            result: v["result"].as_str().unwrap_or_default().to_owned(),
            child_id: v["child_id"].as_i64(),
            of: v["of"].as_i64(),
        };
    }
    reports
}

/// The flags that point at another child than the one copied, by the verdict's reason, with an
/// example of each: what the precision lost, and why.
fn wrong_flags(file: &File, reports: &[Report]) {
    let row_of: HashMap<i64, usize> = reports
        .iter()
        .enumerate()
        .filter_map(|(row, r)| Some((r.child_id?, row)))
        .collect();
    let mut reasons: HashMap<String, (usize, String)> = HashMap::new();
    for (row, r) in reports.iter().enumerate() {
        let copied = match file.truth[row] {
            Truth::Exact(of, _) | Truth::Probable(of, _) => reports[of].child_id,
            _ => None,
        };
        if r.result != "probable_duplicate" || r.of == copied {
            continue;
        }
        let Some(&other) = r.of.and_then(|of| row_of.get(&of)) else {
            continue;
        };
        let (a, b) = (&file.typed[row], &file.typed[other]);
        let reason = compare(&a.identity(), &b.identity())
            .flag_reason()
            .unwrap_or_default();
        let entry = reasons.entry(reason).or_insert((0, format!("{a} ~ {b}")));
        entry.0 += 1;
    }
    let mut reasons: Vec<_> = reasons.into_iter().collect();
    reasons.sort_by_key(|r| std::cmp::Reverse(r.1 .0));
    for (reason, (n, example)) in reasons.iter().take(8) {
        println!("    wrong flag, {reason}: {n} (e.g. {example})");
    }
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        100.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

/// Prints the figures of one backend's import; whether every threshold holds.
fn judge(file: &File, reports: &[Report], seconds: f64) -> bool {
    let id = |row: usize| reports[row].child_id;
    let mut by_retyping = vec![(0usize, 0usize); EXACT.len()];
    let mut by_damage = vec![(0usize, 0usize, 0usize); PROBABLE.len()];
    let (mut flags, mut right_flags, mut invalid) = (0, 0, 0);
    let (mut twins, mut twin_pairs_caught, mut twins_flagged_elsewhere) = (0, 0, 0);
    for (row, truth) in file.truth.iter().enumerate() {
        let r = &reports[row];
        if r.result == "invalid" || r.result.is_empty() {
            invalid += 1;
        }
        let flagged = r.result == "probable_duplicate";
        flags += usize::from(flagged);
        match *truth {
            Truth::Exact(of, how) => {
                by_retyping[how].0 += 1;
                by_retyping[how].1 += usize::from(r.result == "exact_duplicate" && r.of == id(of));
                right_flags += usize::from(flagged && r.of == id(of));
            }
            Truth::Probable(of, damage) => {
                let counts = &mut by_damage[damage];
                counts.0 += 1;
                let right = flagged && r.of == id(of);
                counts.1 += usize::from(right);
                counts.2 += usize::from(r.result == "exact_duplicate");
                right_flags += usize::from(right);
            }
            Truth::Twin(first) => {
                twins += 1;
                let against_twin = first.is_some_and(|f| r.of.is_some() && r.of == id(f));
                twin_pairs_caught += usize::from(against_twin);
                twins_flagged_elsewhere += usize::from(flagged && !against_twin);
            }
            Truth::Child => {}
        }
    }
    let rows = file.truth.len();
    let exact: usize = by_retyping.iter().map(|c| c.0).sum();
    let refused: usize = by_retyping.iter().map(|c| c.1).sum();
    let probable: usize = by_damage.iter().map(|c| c.0).sum();
    let caught: usize = by_damage.iter().map(|c| c.1).sum();
    let precision = percent(right_flags, flags);
    println!(
        "  import: {rows} rows in {seconds:.1} s ({:.0} rows/s); {invalid} rows not read",
        rows as f64 / seconds
    );
    println!(
        "  exact re-submissions refused as their child: {refused} of {exact} ({:.1} %)",
        percent(refused, exact)
    );
    for (how, (n, right)) in EXACT.iter().zip(&by_retyping) {
        println!("    {how}: {right} of {n}");
    }
    println!(
        "  damaged re-submissions flagged against their child: {caught} of {probable} ({:.1} %)",
        percent(caught, probable)
    );
    for (damage, (n, right, as_exact)) in PROBABLE.iter().zip(&by_damage) {
        println!(
            "    {damage}: {right} of {n}{}",
            if *as_exact > 0 {
                format!(", {as_exact} refused as exact")
            } else {
                String::new()
            }
        );
    }
    println!(
        "  twins: {twins} children; pairs flagged or refused against each other: {twin_pairs_caught}; \
         flagged against another child: {twins_flagged_elsewhere}"
    );
    println!("  flags: {flags}, of which {right_flags} point at the true child ({precision:.1} % precision)");
    wrong_flags(file, reports);
    let checks = [
        (invalid == 0, "every row read"),
        (refused == exact, "every exact re-submission refused"),
        (
            percent(caught, probable) >= 95.0,
            "≥ 95 % of damaged re-submissions flagged",
        ),
        (twin_pairs_caught == 0, "no twin pair flagged or refused"),
        (precision >= 90.0, "flags' precision ≥ 90 %"),
        (seconds <= IMPORT_BUDGET_SECS, "the import within 3 minutes"),
    ];
    let mut held = true;
    for (ok, what) in checks {
        if !ok {
            println!("  FAILED: {what}");
            held = false;
        }
    }
    held
}

#[tokio::main]
async fn main() {
    let children = support::env_number("KRUZHOK_QUALITY_CHILDREN", 100_000);
    // Not `kruzhok-quality-…`: that is the SQLite database's folder, removed after its run.
    let dir = std::env::temp_dir().join(format!("kruzhok-register-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = Arc::new(generate(children, &dir));
    println!(
        "register: {children} children and {RESUBMISSIONS} re-submissions in {}",
        file.path.display()
    );
    let all_held = Arc::new(AtomicBool::new(true));
    support::on_both_backends("kruzhok-quality", false, |name, url| {
        let (file, all_held) = (file.clone(), all_held.clone());
        async move {
            println!("{name}:");
            kruzhok(&url, &["seed"]);
            let started = Instant::now();
            let out = kruzhok(
                &url,
                &["import", "children", file.path.to_str().unwrap(), "--json"],
            );
            let seconds = started.elapsed().as_secs_f64();
            if !judge(&file, &reports(&out, file.truth.len()), seconds) {
                all_held.store(false, Ordering::SeqCst);
            }
        }
    })
    .await;
    let _ = std::fs::remove_dir_all(&dir);
    if !all_held.load(Ordering::SeqCst) {
        std::process::exit(1);
    }
}
