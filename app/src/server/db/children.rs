//! Children, their guardians and duplicate flags.

use super::params::{bind_params, Param, Params};
use super::{on_pool, BeginWrite, Database, DbError};
use chrono::{Datelike, NaiveDate};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ChildRow {
    pub id: i64,
    pub surname: String,
    pub given_name: String,
    pub patronymic: Option<String>,
    pub sex: String,
    pub birth_date: NaiveDate,
    pub snils: Option<String>,
    pub certificate_key: Option<String>,
    pub confirmed_at: Option<chrono::DateTime<chrono::Utc>>,
    pub confirmed_by: Option<String>,
    pub flagged: bool,
}

const COLUMNS: &str = "c.id, c.surname, c.given_name, c.patronymic, c.sex, c.birth_date, c.snils, \
    c.certificate_key, c.confirmed_at, o.short_name AS confirmed_by, \
    EXISTS (SELECT 1 FROM duplicate_flags f WHERE f.child_id = c.id AND f.resolved_at IS NULL) AS flagged";

/// A child to insert; keys come from the domain's normalisation.
pub struct NewChild<'a> {
    pub surname: &'a str,
    pub given_name: &'a str,
    pub patronymic: Option<&'a str>,
    pub sex: &'a str,
    pub birth_date: NaiveDate,
    pub snils: Option<&'a str>,
    pub birth_certificate: Option<&'a str>,
    pub certificate_key: Option<&'a str>,
    pub exact_key: &'a str,
    pub name_key: &'a str,
    pub surname_norm: &'a str,
    pub given_name_norm: &'a str,
}

/// A registered child as the duplicate check needs it: the normalised names, sex and birth date
/// travel in `exact_key`, so nothing is normalised again.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Candidate {
    pub id: i64,
    pub exact_key: String,
    pub snils: Option<String>,
    pub certificate_key: Option<String>,
}

/// Where to look for candidates: the blocking keys. A probable duplicate has the same sex, a close
/// birth date and close names, so a candidate shares the exact birth date, or a typo variant of it
/// together with the exact surname, or with the exact name and the surname's first letter (either
/// way round); the same СНИЛС or certificate finds a child whatever else differs.
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

/// What the caller decided after seeing the candidates, inside the transaction.
pub enum Decision {
    Insert { flag: Option<(i64, String)> },
    Stop,
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
        let text: String = bind_params!(sqlx::query_scalar($sql), $params)
            .fetch_one($executor)
            .await?;
        parse_candidates($db, &text)?
    }};
}

/// Reads the text `candidates_sql` returns on `db`.
fn parse_candidates(db: &Database, text: &str) -> Result<Vec<Candidate>, sqlx::Error> {
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
        of_children(format!("birth_date = {date} AND sex = {sex}")),
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

/// On PostgreSQL, takes the transaction locks of the birth years a probable duplicate of a child
/// born on `$date` can have, so that two writers of close children run one after the other
/// (SQLite's `BEGIN IMMEDIATE` already serialises writers).
macro_rules! lock_birth_years {
    ($db:expr, $tx:ident, $date:expr) => {
        if let Database::Postgres(_) = $db {
            let year = $date.year();
            for y in [year - 1, year, year + 1] {
                sqlx::query("SELECT pg_advisory_xact_lock(7301, $1)")
                    .bind(y)
                    .execute(&mut *$tx)
                    .await?;
            }
        }
    };
}

/// Checks the candidates again and inserts in one write transaction, so that two submissions of one
/// child cannot both pass: SQLite serialises writers (`BEGIN IMMEDIATE`); PostgreSQL takes
/// transaction locks on the birth years a probable duplicate can have; the unique indexes stop
/// exact duplicates on both. Returns the new id, or `None` when `decide` stopped.
pub async fn insert_checked(
    db: &Database,
    child: &NewChild<'_>,
    blocking: &Blocking<'_>,
    account_id: i64,
    relation: &str,
    source: &str,
    decide: impl Fn(&[Candidate]) -> Decision,
) -> Result<Option<i64>, DbError> {
    let (sql, params) = candidates_sql(db, blocking);
    on_pool!(db, pool => async {
        let mut tx = pool.begin_write().await?;
        lock_birth_years!(db, tx, child.birth_date);
        let rows = fetch_candidates!(db, &mut *tx, &sql, params);
        let Decision::Insert { flag } = decide(&rows) else {
            return Ok(None);
        };
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO children (surname, given_name, patronymic, sex, birth_date, snils, \
             birth_certificate, certificate_key, exact_key, name_key, created_by_account_id, \
             surname_norm, given_name_norm) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
        )
        .bind(child.surname)
        .bind(child.given_name)
        .bind(child.patronymic)
        .bind(child.sex)
        .bind(child.birth_date)
        .bind(child.snils)
        .bind(child.birth_certificate)
        .bind(child.certificate_key)
        .bind(child.exact_key)
        .bind(child.name_key)
        .bind(account_id)
        .bind(child.surname_norm)
        .bind(child.given_name_norm)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query("INSERT INTO child_guardians (child_id, account_id, relation) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(account_id)
            .bind(relation)
            .execute(&mut *tx)
            .await?;
        if let Some((matched, reason)) = flag {
            sqlx::query("INSERT INTO duplicate_flags (child_id, matched_child_id, source, reason) VALUES ($1, $2, $3, $4)")
                .bind(id)
                .bind(matched)
                .bind(source)
                .bind(reason)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok::<_, sqlx::Error>(Some(id))
    }
    .await
    .map_err(DbError::from_sqlx))
}

/// The accounts that hold `child_id`, with their relation.
pub async fn guardians(db: &Database, child_id: i64) -> Result<Vec<(i64, String)>, DbError> {
    on_pool!(db, pool => sqlx::query_as("SELECT account_id, relation FROM child_guardians WHERE child_id = $1")
        .bind(child_id)
        .fetch_all(pool)
        .await
        .map_err(DbError::from_sqlx))
}

/// The children in an account's cabinet.
pub async fn of_account(db: &Database, account_id: i64) -> Result<Vec<ChildRow>, DbError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM children c JOIN child_guardians g ON g.child_id = c.id \
         LEFT JOIN organizations o ON o.id = c.confirmed_by_organization_id \
         WHERE g.account_id = $1 AND c.retired_at IS NULL ORDER BY c.birth_date, c.id"
    );
    on_pool!(db, pool => sqlx::query_as::<_, ChildRow>(&sql)
        .bind(account_id)
        .fetch_all(pool)
        .await
        .map_err(DbError::from_sqlx))
}

/// Records of the account's cabinet retired as duplicates that have applications, which stay
/// readable: `(id, surname, given name, patronymic)`.
pub async fn retired_with_applications(
    db: &Database,
    account_id: i64,
) -> Result<Vec<(i64, String, String, Option<String>)>, DbError> {
    on_pool!(db, pool => sqlx::query_as(
        "SELECT c.id, c.surname, c.given_name, c.patronymic FROM children c \
         JOIN child_guardians g ON g.child_id = c.id \
         WHERE g.account_id = $1 AND c.retired_at IS NOT NULL \
         AND EXISTS (SELECT 1 FROM applications a WHERE a.child_id = c.id) ORDER BY c.id",
    )
    .bind(account_id)
    .fetch_all(pool)
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

/// A correction of a registered child: the data, and what else the same transaction records.
pub struct Correction<'a> {
    pub child_id: i64,
    pub data: &'a NewChild<'a>,
    /// The organization whose operator saw the documents: the data are confirmed by it.
    pub confirmed_by_organization_id: i64,
    /// The parent's request it answers: `(request, answer, operator)`.
    pub request: Option<(i64, &'a str, i64)>,
    pub at: chrono::DateTime<chrono::Utc>,
}

/// Why a correction was not written.
#[derive(Debug)]
pub enum CorrectionStop {
    /// `decide` stopped it after seeing the candidates.
    Decided,
    /// The child, or the request it answers, is not (or no longer) there to correct.
    Gone,
    Db(DbError),
}

impl From<sqlx::Error> for CorrectionStop {
    fn from(e: sqlx::Error) -> Self {
        CorrectionStop::Db(DbError::from_sqlx(e))
    }
}

/// Corrects a child under the same rules as an insert: the candidates (other than the child
/// itself) are read again inside the write transaction, `decide` may stop it or flag a probable
/// duplicate, and the unique indexes refuse an exact one. The request it answers is closed in the
/// same transaction, so nothing is half-saved.
pub async fn update_checked(
    db: &Database,
    c: &Correction<'_>,
    blocking: &Blocking<'_>,
    decide: impl Fn(&[Candidate]) -> Decision,
) -> Result<(), CorrectionStop> {
    let (sql, params) = candidates_sql(db, blocking);
    let child = c.data;
    on_pool!(db, pool => async {
        let mut tx = pool.begin_write().await?;
        lock_birth_years!(db, tx, child.birth_date);
        let mut rows = fetch_candidates!(db, &mut *tx, &sql, params);
        rows.retain(|r| r.id != c.child_id);
        let Decision::Insert { flag } = decide(&rows) else {
            return Err(CorrectionStop::Decided);
        };
        let updated = sqlx::query(
            "UPDATE children SET surname = $1, given_name = $2, patronymic = $3, sex = $4, birth_date = $5, \
             snils = $6, birth_certificate = $7, certificate_key = $8, exact_key = $9, name_key = $10, \
             surname_norm = $11, given_name_norm = $12, confirmed_by_organization_id = $13, confirmed_at = $14, \
             updated_at = $14 WHERE id = $15 AND retired_at IS NULL",
        )
        .bind(child.surname)
        .bind(child.given_name)
        .bind(child.patronymic)
        .bind(child.sex)
        .bind(child.birth_date)
        .bind(child.snils)
        .bind(child.birth_certificate)
        .bind(child.certificate_key)
        .bind(child.exact_key)
        .bind(child.name_key)
        .bind(child.surname_norm)
        .bind(child.given_name_norm)
        .bind(c.confirmed_by_organization_id)
        .bind(c.at)
        .bind(c.child_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if updated == 0 {
            return Err(CorrectionStop::Gone);
        }
        if let Some((matched, reason)) = flag {
            sqlx::query(
                "INSERT INTO duplicate_flags (child_id, matched_child_id, source, reason) \
                 SELECT $1, $2, 'correction', $3 WHERE NOT EXISTS (SELECT 1 FROM duplicate_flags \
                 WHERE (child_id = $1 AND matched_child_id = $2) OR (child_id = $2 AND matched_child_id = $1))",
            )
            .bind(c.child_id)
            .bind(matched)
            .bind(reason)
            .execute(&mut *tx)
            .await?;
        }
        if let Some((request, answer, by)) = c.request {
            let closed = sqlx::query(
                "UPDATE correction_requests SET status = 'corrected', answer = $1, decided_by_account_id = $2, \
                 decided_at = $3, updated_at = $3 WHERE id = $4 AND child_id = $5 AND status = 'new'",
            )
            .bind(answer)
            .bind(by)
            .bind(c.at)
            .bind(request)
            .bind(c.child_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if closed == 0 {
                return Err(CorrectionStop::Gone);
            }
        }
        tx.commit().await?;
        Ok(())
    }
    .await)
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
