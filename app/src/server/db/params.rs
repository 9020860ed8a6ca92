//! Building SQL whose conditions depend on the request, with values always bound, never spliced.

/// One bound value.
#[derive(Debug, Clone)]
pub enum Param {
    Text(String),
    Int(i64),
    Bool(bool),
    Date(chrono::NaiveDate),
    Time(chrono::DateTime<chrono::Utc>),
}

/// A growing list of bound values that hands out `$n` placeholders in order.
#[derive(Debug, Default, Clone)]
pub struct Params(Vec<Param>);

impl Params {
    /// Adds a value and returns its placeholder.
    pub fn push(&mut self, value: Param) -> String {
        self.0.push(value);
        format!("${}", self.0.len())
    }

    pub fn iter(&self) -> impl Iterator<Item = &Param> {
        self.0.iter()
    }
}

/// Binds every value of `$params` to `$query` in order; expands inside `on_pool!` so that it works
/// for each driver's query type.
macro_rules! bind_params {
    ($query:expr, $params:expr) => {{
        let mut query = $query;
        for param in $params.iter() {
            query = match param {
                $crate::server::db::params::Param::Text(s) => query.bind(s.clone()),
                $crate::server::db::params::Param::Int(i) => query.bind(*i),
                $crate::server::db::params::Param::Bool(b) => query.bind(*b),
                $crate::server::db::params::Param::Date(d) => query.bind(*d),
                $crate::server::db::params::Param::Time(t) => query.bind(*t),
            };
        }
        query
    }};
}
pub(crate) use bind_params;

/// Ids written into an `IN (…)` list: integers only, so nothing typed by a person reaches the SQL.
pub(super) fn id_list(ids: &[i64]) -> String {
    ids.iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}
