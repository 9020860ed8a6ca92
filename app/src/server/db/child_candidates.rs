//! The duplicate check's candidates: the registered children that share a blocking key with a
//! new one, found by index searches and handed over as one text per check.

use super::params::{Param, Params};
use super::{on_pool, Database, DbError};
use chrono::NaiveDate;

/// A registered child as the duplicate check needs it: the normalised names, sex and birth date
/// travel in `exact_key`, so nothing is normalised again.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Candidate {
    pub id: i64,
    pub exact_key: String,
    pub snils: Option<String>,
    pub certificate_key: Option<String>,
}

/// Where to look for candidates: the keys of the domain's blocking rule
/// (`domain::identity::blocking`): the exact birth date whatever the sex, a typo variant of it
/// under the same sex together with the exact surname, or with the exact name and the surname's
/// first letter (either way round); the same СНИЛС or certificate whatever else differs.
pub struct Blocking<'a> {
    pub birth_date: NaiveDate,
    /// `male` or `female`, as stored.
    pub sex: &'a str,
    pub date_variants: &'a [NaiveDate],
    /// The normalised surname and name of the new child.
    pub name_parts: [&'a str; 2],
    pub snils: Option<&'a str>,
    pub certificate_key: Option<&'a str>,
}

/// One indexed branch per blocking key, joined by `UNION ALL` (a child found by two keys comes twice;
/// the verdict does not mind, and no temporary index is built to drop it): each branch is an index search
/// (`children_birth_date_sex`, the key of `child_name_tokens`, the СНИЛС and certificate indexes),
/// so the cost follows the candidates, not the register. The date and name branches read their
/// indexes alone: those carry the sex and the keys, and the surname's initial is the first
/// character of `exact_key` (the normalised surname comes first).
///
/// The candidates come back as one text in one row: a register of a million children gives
/// about a hundred candidates per check, and handing each over as a row of its own (on SQLite from
/// the driver's worker thread, one message per row) cost twice what finding them did. Each backend
/// writes the text the way it writes fastest: SQLite a JSON array (its JSON functions run faster
/// than its string concatenation), PostgreSQL fields and rows joined by the ASCII unit and record
/// separators (`json_build_array` is a variadic call that looks up its arguments' types for every
/// row: on a hundred rows 0.05–0.09 ms more than `concat_ws`). Neither separator can occur in a
/// field: names hold only letters, spaces, dashes and apostrophes, and the other fields digits,
/// letters and dashes.
pub(super) fn candidates_sql(db: &Database, blocking: &Blocking<'_>) -> (String, Params) {
    let (union, params) = candidates_union(db, blocking);
    let sql = match db {
        Database::Sqlite(_) => format!(
            "SELECT json_group_array(json_array(id, exact_key, snils, certificate_key)) \
             FROM ({union})"
        ),
        Database::Postgres(_) => format!(
            "SELECT coalesce(string_agg(concat_ws(chr(31), id, exact_key, coalesce(snils, ''), \
             coalesce(certificate_key, '')), chr(30)), '') FROM ({union}) c"
        ),
    };
    (sql, params)
}

/// Runs `candidates_sql` on a pool or a transaction of `$db` and reads its text; expands inside
/// `on_pool!` so that it works for each driver.
macro_rules! fetch_candidates {
    ($db:expr, $executor:expr, $sql:expr, $params:expr) => {{
        let text: String =
            $crate::server::db::params::bind_params!(sqlx::query_scalar($sql), $params)
                .fetch_one($executor)
                .await?;
        $crate::server::db::child_candidates::parse_candidates($db, &text)?
    }};
}
pub(super) use fetch_candidates;

/// Reads the text `candidates_sql` returns on `db`.
pub(super) fn parse_candidates(db: &Database, text: &str) -> Result<Vec<Candidate>, sqlx::Error> {
    match db {
        Database::Sqlite(_) => parse_json_candidates(text),
        Database::Postgres(_) => parse_separated_candidates(text),
    }
}

fn parse_json_candidates(json: &str) -> Result<Vec<Candidate>, sqlx::Error> {
    type Row = (i64, String, Option<String>, Option<String>);
    let rows: Vec<Row> =
        serde_json::from_str(json).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
    Ok(rows
        .into_iter()
        .map(|(id, exact_key, snils, certificate_key)| Candidate {
            id,
            exact_key,
            snils,
            certificate_key,
        })
        .collect())
}

/// Rows split by the record separator, fields by the unit separator; an empty field is none.
fn parse_separated_candidates(text: &str) -> Result<Vec<Candidate>, sqlx::Error> {
    // The text holds children's names: it never goes into the error, which may be logged.
    let malformed = || sqlx::Error::Decode("malformed candidate row".into());
    let optional = |f: &str| (!f.is_empty()).then(|| f.to_owned());
    text.split('\u{1e}')
        .filter(|row| !row.is_empty())
        .map(|row| {
            let mut fields = row.split('\u{1f}');
            let mut next = || fields.next().ok_or_else(malformed);
            let candidate = Candidate {
                id: next()?.parse().map_err(|_| malformed())?,
                exact_key: next()?.to_owned(),
                snils: optional(next()?),
                certificate_key: optional(next()?),
            };
            match fields.next() {
                None => Ok(candidate),
                Some(_) => Err(malformed()),
            }
        })
        .collect()
}

fn candidates_union(db: &Database, blocking: &Blocking<'_>) -> (String, Params) {
    let mut params = Params::default();
    let date = params.push(Param::Date(blocking.birth_date));
    let sex = params.push(Param::Text(blocking.sex.to_owned()));
    let in_dates = dates_condition(db, &params.push(Param::Text(date_list(blocking))));
    let parts: Vec<String> = blocking
        .name_parts
        .iter()
        .map(|p| params.push(Param::Text((*p).to_owned())))
        .collect();
    // A date typo under the same first name counts where the surnames start alike (either way
    // round): a common name otherwise brings every namesake born on some typo of the date.
    let initials: Vec<String> = blocking
        .name_parts
        .iter()
        .map(|p| params.push(Param::Text(p.chars().take(1).collect())))
        .collect();
    let (parts, initials) = (parts.join(", "), initials.join(", "));
    let of_children = |w: String| {
        format!(
            "SELECT id, exact_key, snils, certificate_key FROM children \
             WHERE retired_at IS NULL AND {w}"
        )
    };
    let mut branches = vec![
        // Whatever the sex: the same names and date under the other sex are a mis-click.
        of_children(format!("birth_date = {date}")),
        // Both name branches in one search of `child_name_tokens`: the surname under every typo
        // variant of the date, or the first name there where the surnames start alike.
        format!(
            "SELECT child_id, exact_key, snils, certificate_key FROM child_name_tokens \
             WHERE token IN ({parts}) AND {in_dates} AND sex = {sex} \
             AND (is_surname OR substr(exact_key, 1, 1) IN ({initials}))"
        ),
    ];
    if let Some(s) = blocking.snils {
        let snils = params.push(Param::Text(s.to_owned()));
        branches.push(of_children(format!("snils = {snils}")));
    }
    if let Some(k) = blocking.certificate_key {
        let key = params.push(Param::Text(k.to_owned()));
        branches.push(of_children(format!("certificate_key = {key}")));
    }
    (branches.join(" UNION ALL "), params)
}

/// The typo variants of the birth date as one JSON array of `YYYY-MM-DD` (as both backends store
/// dates). How many variants a date has differs from date to date; bound as one value, the list
/// leaves the statement's text the same for every check, so each connection prepares it once and
/// PostgreSQL keeps one generic plan instead of planning some forty bound values every time. The
/// birth date itself is left out: the date branch already brings every child born on it, whatever
/// the names, and searching the names under it too cost two descents and brought those children twice.
fn date_list(blocking: &Blocking<'_>) -> String {
    let dates: Vec<String> = blocking
        .date_variants
        .iter()
        .filter(|d| **d != blocking.birth_date)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .collect();
    serde_json::Value::from(dates).to_string()
}

/// `birth_date` is one of the dates of the JSON array `$placeholder`; each backend unpacks the
/// array once per statement and searches its index for each date.
fn dates_condition(db: &Database, placeholder: &str) -> String {
    match db {
        Database::Sqlite(_) => {
            format!("birth_date IN (SELECT value FROM json_each({placeholder}))")
        }
        Database::Postgres(_) => format!(
            "birth_date = ANY (ARRAY(SELECT json_array_elements_text({placeholder}::json)::date))"
        ),
    }
}

/// Children that share a blocking key with the new one: never a scan of the register.
pub async fn candidates(db: &Database, blocking: &Blocking<'_>) -> Result<Vec<Candidate>, DbError> {
    let (sql, params) = candidates_sql(db, blocking);
    on_pool!(db, pool => async { Ok::<_, sqlx::Error>(fetch_candidates!(db, pool, &sql, params)) }
        .await
        .map_err(DbError::from_sqlx))
}

/// Every registered child, for the whole-register duplicate scan: only what the check reads.
pub async fn all_candidates(db: &Database) -> Result<Vec<Candidate>, DbError> {
    on_pool!(db, pool => sqlx::query_as::<_, Candidate>(
        "SELECT id, exact_key, snils, certificate_key FROM children WHERE retired_at IS NULL ORDER BY id",
    )
    .fetch_all(pool)
    .await
    .map_err(DbError::from_sqlx))
}

#[cfg(test)]
mod tests {
    use super::parse_separated_candidates;

    #[test]
    fn separated_rows_are_read_back_with_empty_fields_as_none() {
        let text = "7\u{1f}иванов|иван||2015-06-14|m\u{1f}\u{1f}\u{1e}\
                    9\u{1f}петров|петр|петрович|2015-06-14|m\u{1f}11223344595\u{1f}II-ФО123456";
        let rows = parse_separated_candidates(text).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[0].id, rows[0].snils.as_deref()), (7, None));
        assert_eq!(rows[0].exact_key, "иванов|иван||2015-06-14|m");
        assert_eq!(rows[1].snils.as_deref(), Some("11223344595"));
        assert_eq!(rows[1].certificate_key.as_deref(), Some("II-ФО123456"));
    }

    #[test]
    fn no_candidates_is_an_empty_text() {
        assert!(parse_separated_candidates("").unwrap().is_empty());
    }

    #[test]
    fn a_row_with_missing_or_extra_fields_is_refused() {
        assert!(parse_separated_candidates("7\u{1f}key\u{1f}").is_err());
        assert!(parse_separated_candidates("7\u{1f}k\u{1f}\u{1f}\u{1f}x").is_err());
        assert!(parse_separated_candidates("x\u{1f}k\u{1f}\u{1f}").is_err());
    }
}
