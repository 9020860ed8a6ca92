//! `kruzhok duplicates scan`: probable duplicate pairs across the whole register, found through the
//! blocking keys of the check at registration, in memory, never comparing every pair. Two keys are
//! narrowed so that a million children scan in seconds: children of one birth date are compared
//! only where an initial is shared, and a date typo under the same first name only where the
//! surnames start alike.

use crate::domain::identity::date_typos::{plausible_variants, DateRelation};
use crate::domain::identity::person_name::full_name;
use crate::domain::identity::snils::Snils;
use crate::domain::identity::translit::latin_skeleton;
use crate::domain::identity::verdict::{
    compare_prepared, ChildIdentity, ExactReason, Prepared, Sex, Verdict,
};
use crate::error::AppError;
use crate::server::db::children::{self, Candidate};
use crate::server::db::Database;
use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use serde::Serialize;

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

struct Entry<'a> {
    id: i64,
    prepared: Prepared,
    certificate_key: Option<&'a str>,
    initials: [char; 2],
}

/// The first letter of a name's Latin skeleton: three letters are enough for the skeleton's
/// digraphs (`shch`, `kh`, `ts`) to settle its first letter, so whole names are not transliterated.
fn initial(name: &str) -> char {
    let head: String = name.chars().take(3).collect();
    latin_skeleton(&head).chars().next().unwrap_or(' ')
}

fn entry(row: &Candidate) -> Option<Entry<'_>> {
    let mut identity = ChildIdentity::from_exact_key(&row.exact_key)?;
    identity.snils = row.snils.as_deref().and_then(|s| Snils::parse(s).ok());
    let initials = [initial(&identity.surname), initial(&identity.given_name)];
    Some(Entry {
        id: row.id,
        prepared: Prepared::new(identity),
        certificate_key: row.certificate_key.as_deref(),
        initials,
    })
}

fn name(e: &Entry<'_>) -> String {
    let i = &e.prepared.identity;
    full_name(&i.surname, &i.given_name, i.patronymic.as_deref())
}

type Buckets<K> = FxHashMap<K, Vec<usize>>;

/// The blocking keys over the whole register, shared read-only by the scanning threads.
struct Maps<'a> {
    by_date_sex: Buckets<(NaiveDate, Sex)>,
    by_part_date: Buckets<(&'a str, NaiveDate, Sex)>,
    by_snils: Buckets<&'a str>,
    by_certificate: Buckets<&'a str>,
    /// The register's earliest and latest birth dates: a typo variant outside them finds no one.
    dates: (NaiveDate, NaiveDate),
}

impl<'a> Maps<'a> {
    fn of(entries: &'a [Entry<'a>]) -> Self {
        let mut maps = Maps {
            by_date_sex: Buckets::default(),
            by_part_date: Buckets::default(),
            by_snils: Buckets::default(),
            by_certificate: Buckets::default(),
            dates: (NaiveDate::MAX, NaiveDate::MIN),
        };
        for (i, e) in entries.iter().enumerate() {
            let id = &e.prepared.identity;
            maps.dates = (
                maps.dates.0.min(id.birth_date),
                maps.dates.1.max(id.birth_date),
            );
            maps.by_date_sex
                .entry((id.birth_date, id.sex))
                .or_default()
                .push(i);
            maps.by_part_date
                .entry((id.surname.as_str(), id.birth_date, id.sex))
                .or_default()
                .push(i);
            if id.given_name != id.surname {
                maps.by_part_date
                    .entry((id.given_name.as_str(), id.birth_date, id.sex))
                    .or_default()
                    .push(i);
            }
            if let Some(s) = &id.snils {
                maps.by_snils.entry(s.digits()).or_default().push(i);
            }
            if let Some(k) = e.certificate_key {
                maps.by_certificate.entry(k).or_default().push(i);
            }
        }
        maps
    }
}

/// Every exact or probable pair among `rows`, each once, `a < b`.
pub fn scan(rows: &[Candidate]) -> Vec<ScanPair> {
    let entries: Vec<Entry<'_>> = rows.iter().filter_map(entry).collect();
    let maps = Maps::of(&entries);
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

/// The children after `i` that share a blocking key with it.
fn candidates_of(i: usize, entries: &[Entry<'_>], maps: &Maps<'_>) -> Vec<usize> {
    let e = &entries[i];
    let id = &e.prepared.identity;
    let mut candidates: Vec<usize> = Vec::new();
    // The same birth date and sex: only where an initial is shared, so that the children born on
    // one day are not compared pair by pair.
    for &j in maps
        .by_date_sex
        .get(&(id.birth_date, id.sex))
        .into_iter()
        .flatten()
    {
        let other = &entries[j].initials;
        if j > i && e.initials.iter().any(|c| other.contains(c)) {
            candidates.push(j);
        }
    }
    // A date typo with the same surname; or with the same name, where the surnames start alike
    // (a common name on a date typo otherwise brings hundreds of strangers per child).
    let surname_initial = e.initials[0];
    let (earliest, latest) = maps.dates;
    for variant in plausible_variants(id.birth_date, earliest, latest)
        .into_iter()
        .skip(1)
    {
        candidates.extend(
            maps.by_part_date
                .get(&(id.surname.as_str(), variant, id.sex))
                .into_iter()
                .flatten(),
        );
        candidates.extend(
            maps.by_part_date
                .get(&(id.given_name.as_str(), variant, id.sex))
                .into_iter()
                .flatten()
                .filter(|&&j| entries[j].initials.contains(&surname_initial)),
        );
    }
    if let Some(s) = &id.snils {
        candidates.extend(maps.by_snils.get(s.digits()).into_iter().flatten());
    }
    if let Some(k) = e.certificate_key {
        candidates.extend(maps.by_certificate.get(k).into_iter().flatten());
    }
    candidates.retain(|&j| j > i);
    candidates.sort_unstable();
    candidates.dedup();
    candidates
}

/// How sure the scan is of a pair, and the verdict in words; `None` for two children.
fn judge(a: &Entry<'_>, b: &Entry<'_>) -> Option<(f32, String)> {
    if a.certificate_key.is_some() && a.certificate_key == b.certificate_key {
        return Some((1.0, format!("exact: {:?}", ExactReason::SameCertificate)));
    }
    match compare_prepared(&a.prepared, &b.prepared) {
        Verdict::Exact(reason) => Some((1.0, format!("exact: {reason:?}"))),
        Verdict::Probable {
            date,
            names_swapped,
        } => {
            let mut score: f32 = if date == DateRelation::Equal {
                0.9
            } else {
                0.8
            };
            if names_swapped {
                score -= 0.1;
            }
            Some((
                score,
                format!(
                    "probable: {date:?}{}",
                    if names_swapped { ", names swapped" } else { "" }
                ),
            ))
        }
        Verdict::Distinct => None,
    }
}

/// The pairs of child `i` with the children after it that share a blocking key.
fn pairs_of(i: usize, entries: &[Entry<'_>], maps: &Maps<'_>) -> Vec<ScanPair> {
    let e = &entries[i];
    candidates_of(i, entries, maps)
        .into_iter()
        .filter_map(|j| {
            let other = &entries[j];
            let (score, verdict) = judge(e, other)?;
            Some(ScanPair {
                a: e.id,
                b: other.id,
                a_name: name(e),
                b_name: name(other),
                a_birth_date: e.prepared.identity.birth_date,
                b_birth_date: other.prepared.identity.birth_date,
                score,
                verdict,
            })
        })
        .collect()
}

pub async fn scan_register(db: &Database) -> Result<Vec<ScanPair>, AppError> {
    let rows = children::all_candidates(db).await?;
    tokio::task::spawn_blocking(move || scan(&rows))
        .await
        .map_err(|_| AppError::Internal)
}

/// Puts the pairs into the operators' duplicate queue, the newer record of each under review, as
/// the check at registration does; pairs flagged before or resolved as two children stay as they
/// are. Returns how many pairs were added.
pub async fn flag_found(db: &Database, pairs: &[ScanPair]) -> Result<u64, AppError> {
    let rows: Vec<(i64, i64, String)> = pairs
        .iter()
        .map(|p| {
            let (older, newer) = if p.a < p.b { (p.a, p.b) } else { (p.b, p.a) };
            let why = p
                .verdict
                .split_once(": ")
                .map_or(p.verdict.as_str(), |(_, why)| why);
            (newer, older, why.to_owned())
        })
        .collect();
    Ok(crate::server::db::duplicates::flag_pairs(db, "scan", &rows).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64, surname: &str, given: &str, sex: Sex, date: (i32, u32, u32)) -> Candidate {
        let date = NaiveDate::from_ymd_opt(date.0, date.1, date.2).unwrap();
        Candidate {
            id,
            exact_key: ChildIdentity::new(surname, given, "", sex, date).exact_key(),
            snils: None,
            certificate_key: None,
        }
    }

    #[test]
    fn the_scan_finds_typos_and_leaves_twins_and_strangers_alone() {
        let rows = vec![
            row(1, "Смирнова", "Мария", Sex::Female, (2015, 3, 12)),
            row(2, "Смирнва", "Мария", Sex::Female, (2015, 3, 13)),
            row(3, "Смирнова", "Дарья", Sex::Female, (2015, 3, 12)),
            row(4, "Кузнецов", "Егор", Sex::Male, (2016, 1, 1)),
            row(5, "Егор", "Кузнецов", Sex::Male, (2016, 1, 1)),
            row(6, "Smirnova", "Mariya", Sex::Female, (2015, 3, 12)),
        ];
        let found: Vec<(i64, i64)> = scan(&rows).iter().map(|p| (p.a, p.b)).collect();
        assert_eq!(found, [(1, 2), (1, 6), (4, 5)]);
    }

    #[test]
    fn the_same_certificate_or_snils_is_an_exact_pair_whatever_the_names() {
        let mut a = row(1, "Смирнова", "Мария", Sex::Female, (2015, 3, 12));
        let mut b = row(2, "Кузнецов", "Егор", Sex::Male, (2012, 7, 1));
        a.certificate_key = Some("IIФО123456".into());
        b.certificate_key = a.certificate_key.clone();
        let (mut c, mut d) = (
            row(3, "Орлова", "Анна", Sex::Female, (2010, 1, 5)),
            row(4, "Попов", "Илья", Sex::Male, (2011, 2, 6)),
        );
        c.snils = Some("11223344595".into());
        d.snils = c.snils.clone();
        let found: Vec<(i64, i64, String)> = scan(&[a, b, c, d])
            .into_iter()
            .map(|p| (p.a, p.b, p.verdict))
            .collect();
        assert_eq!(
            found,
            [
                (1, 2, "exact: SameCertificate".to_owned()),
                (3, 4, "exact: SameSnils".to_owned())
            ]
        );
    }
}
