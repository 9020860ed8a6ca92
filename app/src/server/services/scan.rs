//! `kruzhok duplicates scan`: probable duplicate pairs across the whole register, in memory,
//! never comparing every pair: a child is compared with its candidates by the domain's blocking
//! rule (`domain::identity::blocking`), the same rule the check at registration follows, found
//! through maps of the register by birth date, by name and date, and by document.

use crate::domain::identity::blocking::{is_candidate, Keys};
use crate::domain::identity::date_typos::{plausible_variants, DateRelation};
use crate::domain::identity::person_name::full_name;
use crate::domain::identity::verdict::{compare_prepared, Prepared, Sex, Verdict};
use crate::error::AppError;
use crate::server::db::children::{self, Candidate};
use crate::server::db::Database;
use crate::server::services::child_identity::candidate_identity;
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
}

impl Entry<'_> {
    fn keys(&self) -> Keys<'_> {
        Keys::of(&self.prepared.identity, self.certificate_key)
    }
}

fn entry(row: &Candidate) -> Option<Entry<'_>> {
    Some(Entry {
        id: row.id,
        prepared: Prepared::new(candidate_identity(row)?),
        certificate_key: row.certificate_key.as_deref(),
    })
}

fn name(e: &Entry<'_>) -> String {
    let i = &e.prepared.identity;
    full_name(&i.surname, &i.given_name, i.patronymic.as_deref())
}

type Buckets<K> = FxHashMap<K, Vec<usize>>;

/// The register by each key of the blocking rule, shared read-only by the scanning threads.
struct Maps<'a> {
    by_date: Buckets<NaiveDate>,
    /// By surname and by first name, each under the birth date and sex.
    by_part_date: Buckets<(&'a str, NaiveDate, Sex)>,
    by_snils: Buckets<&'a str>,
    by_certificate: Buckets<&'a str>,
    /// The register's earliest and latest birth dates: a typo variant outside them finds no one.
    dates: (NaiveDate, NaiveDate),
}

impl<'a> Maps<'a> {
    fn of(entries: &'a [Entry<'a>]) -> Self {
        let mut maps = Maps {
            by_date: Buckets::default(),
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
            maps.by_date.entry(id.birth_date).or_default().push(i);
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

/// Every exact or probable pair among `rows`, each once, `a` the earlier of the two in `rows`.
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
    // A pair whose rule holds both ways was found from each side.
    pairs.sort_by_key(|p| (p.a, p.b));
    pairs.dedup_by_key(|p| (p.a, p.b));
    pairs
}

/// The candidates of child `i` by the blocking rule, as `i` the new child. The rule's parts that
/// hold both ways (the same date or document) look only after `i`; a name under a typo of the
/// date looks everywhere, since the rule may hold from one side only.
fn candidates_of(i: usize, entries: &[Entry<'_>], maps: &Maps<'_>) -> Vec<usize> {
    let e = &entries[i];
    let id = &e.prepared.identity;
    let later = |bucket: Option<&'_ Vec<usize>>| -> Vec<usize> {
        bucket
            .into_iter()
            .flatten()
            .copied()
            .filter(|&j| j > i)
            .collect()
    };
    let mut candidates = later(maps.by_date.get(&id.birth_date));
    if let Some(s) = &id.snils {
        candidates.extend(later(maps.by_snils.get(s.digits())));
    }
    if let Some(k) = e.certificate_key {
        candidates.extend(later(maps.by_certificate.get(k)));
    }
    let keys = e.keys();
    let (earliest, latest) = maps.dates;
    for variant in plausible_variants(id.birth_date, earliest, latest)
        .into_iter()
        .skip(1)
    {
        for part in keys.name_parts() {
            candidates.extend(
                maps.by_part_date
                    .get(&(part, variant, id.sex))
                    .into_iter()
                    .flatten()
                    .filter(|&&j| j != i && is_candidate(&keys, &entries[j].keys())),
            );
        }
    }
    candidates.sort_unstable();
    candidates.dedup();
    candidates
}

/// How sure the scan is of a pair, and the verdict in words; `None` for two children.
fn judge(a: &Entry<'_>, b: &Entry<'_>) -> Option<(f32, String)> {
    let verdict = compare_prepared(&a.prepared, &b.prepared);
    match &verdict {
        Verdict::Exact(reason) => Some((1.0, format!("exact: {reason:?}"))),
        Verdict::Probable {
            date,
            names_swapped,
            clue,
        } => {
            let mut score: f32 = if *date == DateRelation::Equal {
                0.9
            } else {
                0.8
            };
            if *names_swapped {
                score -= 0.1;
            }
            if clue.stored().is_some() {
                score -= 0.05;
            }
            let why = verdict.flag_reason().unwrap_or_default();
            Some((score, format!("probable: {why}")))
        }
        Verdict::Distinct => None,
    }
}

/// The pairs of child `i` with its candidates, each as (earlier, later).
fn pairs_of(i: usize, entries: &[Entry<'_>], maps: &Maps<'_>) -> Vec<ScanPair> {
    candidates_of(i, entries, maps)
        .into_iter()
        .filter_map(|j| {
            let (first, second) = (&entries[i.min(j)], &entries[i.max(j)]);
            let (score, verdict) = judge(first, second)?;
            Some(ScanPair {
                a: first.id,
                b: second.id,
                a_name: name(first),
                b_name: name(second),
                a_birth_date: first.prepared.identity.birth_date,
                b_birth_date: second.prepared.identity.birth_date,
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
    use crate::domain::identity::verdict::ChildIdentity;

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
    fn the_scan_finds_name_forms_and_a_mis_clicked_sex() {
        let rows = vec![
            row(1, "Медведев", "Александр", Sex::Male, (2013, 4, 4)),
            row(2, "Медведев", "Саша", Sex::Male, (2013, 4, 4)),
            row(3, "Орлова", "Вера", Sex::Female, (2017, 7, 7)),
            row(4, "Орлова", "Вера", Sex::Male, (2017, 7, 7)),
            row(5, "Медведева", "Алина", Sex::Female, (2013, 4, 4)),
            row(6, "Медведева", "Арина", Sex::Female, (2013, 4, 4)),
        ];
        let found: Vec<(i64, i64, String)> = scan(&rows)
            .into_iter()
            .map(|p| (p.a, p.b, p.verdict))
            .collect();
        assert_eq!(
            found,
            [
                (1, 2, "probable: Equal, given name form".to_owned()),
                (3, 4, "probable: Equal, sex differs".to_owned())
            ]
        );
    }

    #[test]
    fn the_same_certificate_or_snils_is_an_exact_pair_whatever_the_names() {
        let mut a = row(1, "Смирнова", "Мария", Sex::Female, (2015, 3, 12));
        let mut b = row(2, "Кузнецов", "Егор", Sex::Male, (2012, 7, 1));
        a.certificate_key = Some("II-ФО123456".into());
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
