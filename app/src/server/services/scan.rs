//! `kruzhok duplicates scan`: probable duplicate pairs across the whole register, found through the
//! same blocking keys as the check at registration, in memory, never comparing every pair.

use crate::domain::identity::date_typos::typo_variants;
use crate::domain::identity::snils::Snils;
use crate::domain::identity::translit::latin_skeleton;
use crate::domain::identity::verdict::{compare, ChildIdentity, Sex, Verdict};
use crate::error::AppError;
use crate::server::db::children::{self, ChildRow};
use crate::server::db::Database;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScanPair {
    pub a: i64,
    pub b: i64,
    pub a_name: String,
    pub b_name: String,
    pub a_birth_date: NaiveDate,
    pub b_birth_date: NaiveDate,
    /// 1.0 for an exact duplicate; lower the more the pair had to be forgiven.
    pub score: f32,
    pub verdict: String,
}

struct Entry {
    id: i64,
    identity: ChildIdentity,
    initials: [char; 2],
}

fn entry(row: &ChildRow) -> Entry {
    let sex = if row.sex == "female" {
        Sex::Female
    } else {
        Sex::Male
    };
    let mut identity = ChildIdentity::new(
        &row.surname,
        &row.given_name,
        row.patronymic.as_deref().unwrap_or(""),
        sex,
        row.birth_date,
    );
    identity.snils = row.snils.as_deref().and_then(|s| Snils::parse(s).ok());
    let initial = |s: &str| latin_skeleton(s).chars().next().unwrap_or(' ');
    let initials = [initial(&identity.surname), initial(&identity.given_name)];
    Entry {
        id: row.id,
        identity,
        initials,
    }
}

fn name(e: &Entry) -> String {
    let i = &e.identity;
    [
        Some(i.surname.as_str()),
        Some(i.given_name.as_str()),
        i.patronymic.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ")
}

/// Every exact or probable pair among `rows`, each once, `a < b`.
pub fn scan(rows: &[ChildRow]) -> Vec<ScanPair> {
    let entries: Vec<Entry> = rows.iter().map(entry).collect();
    let mut by_date: HashMap<NaiveDate, Vec<usize>> = HashMap::new();
    let mut by_part_date: HashMap<(&str, NaiveDate), Vec<usize>> = HashMap::new();
    let mut by_names: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_snils: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        let id = &e.identity;
        by_date.entry(id.birth_date).or_default().push(i);
        by_part_date
            .entry((id.surname.as_str(), id.birth_date))
            .or_default()
            .push(i);
        if id.given_name != id.surname {
            by_part_date
                .entry((id.given_name.as_str(), id.birth_date))
                .or_default()
                .push(i);
        }
        by_names.entry(id.name_key()).or_default().push(i);
        if let Some(s) = &id.snils {
            by_snils.entry(s.digits()).or_default().push(i);
        }
    }
    let maps = Maps {
        by_date,
        by_part_date,
        by_names,
        by_snils,
    };
    // Each thread takes every n-th child; the maps are shared read-only.
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let mut pairs: Vec<ScanPair> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let (entries, maps) = (&entries, &maps);
                scope.spawn(move || {
                    (t..entries.len())
                        .step_by(threads)
                        .flat_map(|i| pairs_of(i, entries, maps))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    pairs.sort_by_key(|p| (p.a, p.b));
    pairs
}

struct Maps<'a> {
    by_date: HashMap<NaiveDate, Vec<usize>>,
    by_part_date: HashMap<(&'a str, NaiveDate), Vec<usize>>,
    by_names: HashMap<String, Vec<usize>>,
    by_snils: HashMap<&'a str, Vec<usize>>,
}

/// The pairs of child `i` with the children after it that share a blocking key.
fn pairs_of(i: usize, entries: &[Entry], maps: &Maps<'_>) -> Vec<ScanPair> {
    let e = &entries[i];
    let id = &e.identity;
    let mut candidates: Vec<usize> = Vec::new();
    // The same birth date: only where an initial is shared, so that the hundred-odd children born
    // on one day are not compared pair by pair.
    for &j in maps.by_date.get(&id.birth_date).into_iter().flatten() {
        let other = &entries[j].initials;
        if j > i && e.initials.iter().any(|c| other.contains(c)) {
            candidates.push(j);
        }
    }
    for variant in typo_variants(id.birth_date).into_iter().skip(1) {
        for part in [id.surname.as_str(), id.given_name.as_str()] {
            candidates.extend(
                maps.by_part_date
                    .get(&(part, variant))
                    .into_iter()
                    .flatten(),
            );
        }
    }
    for key in [id.name_key(), format!("{}|{}", id.given_name, id.surname)] {
        candidates.extend(maps.by_names.get(&key).into_iter().flatten());
    }
    if let Some(s) = &id.snils {
        candidates.extend(maps.by_snils.get(s.digits()).into_iter().flatten());
    }
    candidates.retain(|&j| j > i);
    candidates.sort_unstable();
    candidates.dedup();
    let mut pairs = Vec::new();
    for &j in &candidates {
        let other = &entries[j];
        let (score, verdict) = match compare(id, &other.identity) {
            Verdict::Exact(reason) => (1.0, format!("exact: {reason:?}")),
            Verdict::Probable {
                date,
                names_swapped,
            } => {
                let mut score: f32 =
                    if date == crate::domain::identity::date_typos::DateRelation::Equal {
                        0.9
                    } else {
                        0.8
                    };
                if names_swapped {
                    score -= 0.1;
                }
                (
                    score,
                    format!(
                        "probable: {date:?}{}",
                        if names_swapped { ", names swapped" } else { "" }
                    ),
                )
            }
            Verdict::Distinct => continue,
        };
        pairs.push(ScanPair {
            a: e.id,
            b: other.id,
            a_name: name(e),
            b_name: name(other),
            a_birth_date: id.birth_date,
            b_birth_date: other.identity.birth_date,
            score,
            verdict,
        });
    }
    pairs
}

pub async fn scan_register(db: &Database) -> Result<Vec<ScanPair>, AppError> {
    let rows = children::all(db).await?;
    tokio::task::spawn_blocking(move || scan(&rows))
        .await
        .map_err(|_| AppError::Internal)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64, surname: &str, given: &str, sex: &str, date: (i32, u32, u32)) -> ChildRow {
        ChildRow {
            id,
            surname: surname.into(),
            given_name: given.into(),
            patronymic: None,
            sex: sex.into(),
            birth_date: NaiveDate::from_ymd_opt(date.0, date.1, date.2).unwrap(),
            snils: None,
            certificate_key: None,
            confirmed_at: None,
            confirmed_by: None,
            flagged: false,
        }
    }

    #[test]
    fn the_scan_finds_typos_and_leaves_twins_and_strangers_alone() {
        let rows = vec![
            row(1, "Смирнова", "Мария", "female", (2015, 3, 12)),
            row(2, "Смирнва", "Мария", "female", (2015, 3, 13)),
            row(3, "Смирнова", "Дарья", "female", (2015, 3, 12)),
            row(4, "Кузнецов", "Егор", "male", (2016, 1, 1)),
            row(5, "Егор", "Кузнецов", "male", (2016, 1, 1)),
            row(6, "Smirnova", "Mariya", "female", (2015, 3, 12)),
        ];
        let found: Vec<(i64, i64)> = scan(&rows).iter().map(|p| (p.a, p.b)).collect();
        assert_eq!(found, [(1, 2), (1, 6), (4, 5)]);
    }
}
