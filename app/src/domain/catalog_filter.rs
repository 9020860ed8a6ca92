//! The catalogue's filters, as typed into its GET form and as checked before a query runs.

use super::direction::Direction;
pub use super::field_error::FieldError;
use super::ids::{DistrictId, OrganizationId};
use serde::{Deserialize, Serialize};

pub const PAGE_SIZE: u32 = 12;
pub const MAX_AGE: u8 = 18;
const MAX_QUERY_CHARS: usize = 100;

/// The filter form exactly as the user filled it in: every field a string, so that what was typed
/// comes back into the form even when it is wrong. Field names are the URL's query keys.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogQuery {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub direction: String,
    #[serde(default)]
    pub age: String,
    #[serde(default)]
    pub organization: String,
    #[serde(default)]
    pub district: String,
    #[serde(default)]
    pub cost: String,
    #[serde(default)]
    pub seats: String,
    #[serde(default)]
    pub page: String,
}

/// Free (budget) or paid programs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cost {
    Free,
    Paid,
}

/// A checked filter. `page` starts at 1.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CatalogFilter {
    pub text: String,
    pub direction: Option<Direction>,
    pub age: Option<u8>,
    pub organization: Option<OrganizationId>,
    pub district: Option<DistrictId>,
    pub cost: Option<Cost>,
    pub with_free_seats: bool,
    pub page: u32,
}

impl CatalogQuery {
    /// Checks every field; all problems are reported at once, each at its own field.
    pub fn parse(&self) -> Result<CatalogFilter, Vec<FieldError>> {
        let mut errors = Vec::new();
        let text = self.q.trim().to_owned();
        if text.chars().count() > MAX_QUERY_CHARS {
            errors.push(FieldError::new(
                "q",
                "Слишком длинный запрос: не больше 100 символов",
            ));
        }
        let direction = optional(&self.direction, Direction::from_code).unwrap_or_else(|()| {
            errors.push(FieldError::new(
                "direction",
                "Выберите направленность из списка",
            ));
            None
        });
        let age = optional(&self.age, |s| {
            s.parse::<u8>().ok().filter(|a| *a <= MAX_AGE)
        })
        .unwrap_or_else(|()| {
            errors.push(FieldError::new(
                "age",
                "Укажите возраст ребенка целым числом от 0 до 18 лет",
            ));
            None
        });
        let organization = optional(&self.organization, |s| s.parse().ok().map(OrganizationId))
            .unwrap_or_else(|()| {
                errors.push(FieldError::new(
                    "organization",
                    "Выберите организацию из списка",
                ));
                None
            });
        let district =
            optional(&self.district, |s| s.parse().ok().map(DistrictId)).unwrap_or_else(|()| {
                errors.push(FieldError::new("district", "Выберите район из списка"));
                None
            });
        let cost = optional(&self.cost, |s| match s {
            "free" => Some(Cost::Free),
            "paid" => Some(Cost::Paid),
            _ => None,
        })
        .unwrap_or_else(|()| {
            errors.push(FieldError::new("cost", "Выберите: бесплатно или платно"));
            None
        });
        // A broken page number is not the user's doing (it comes from a link): start at page 1.
        let page = self
            .page
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|p| *p >= 1)
            .unwrap_or(1);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(CatalogFilter {
            text,
            direction,
            age,
            organization,
            district,
            cost,
            with_free_seats: matches!(self.seats.trim(), "1" | "on" | "true"),
            page,
        })
    }

    /// How many of the filters besides the text search are set.
    pub fn active_filters(&self) -> usize {
        [
            &self.direction,
            &self.age,
            &self.organization,
            &self.district,
            &self.cost,
            &self.seats,
        ]
        .iter()
        .filter(|v| !v.trim().is_empty())
        .count()
    }

    /// The URL query string of this form with another page number, for pagination links.
    pub fn with_page(&self, page: u32) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        for (key, value) in [
            ("q", self.q.as_str()),
            ("direction", &self.direction),
            ("age", &self.age),
            ("organization", &self.organization),
            ("district", &self.district),
            ("cost", &self.cost),
            ("seats", &self.seats),
        ] {
            if !value.trim().is_empty() {
                out.append_pair(key, value.trim());
            }
        }
        if page > 1 {
            out.append_pair("page", &page.to_string());
        }
        out.finish()
    }
}

/// Empty means "any"; otherwise the value must parse.
fn optional<T>(raw: &str, parse: impl Fn(&str) -> Option<T>) -> Result<Option<T>, ()> {
    let raw = raw.trim();
    if raw.is_empty() {
        Ok(None)
    } else {
        parse(raw).map(Some).ok_or(())
    }
}

impl CatalogFilter {
    pub fn offset(&self) -> u32 {
        (self.page.max(1) - 1) * PAGE_SIZE
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_form_means_everything_on_the_first_page() {
        let f = CatalogQuery::default().parse().unwrap();
        assert_eq!(f.page, 1);
        assert_eq!(f.offset(), 0);
        assert!(f.direction.is_none() && f.age.is_none() && !f.with_free_seats);
    }

    #[test]
    fn every_filled_field_is_read() {
        let q = CatalogQuery {
            q: "  робот ".into(),
            direction: "technical".into(),
            age: "10".into(),
            organization: "7".into(),
            district: "2".into(),
            cost: "free".into(),
            seats: "1".into(),
            page: "3".into(),
        };
        let f = q.parse().unwrap();
        assert_eq!(f.text, "робот");
        assert_eq!(f.direction, Some(Direction::Technical));
        assert_eq!(f.age, Some(10));
        assert_eq!(f.organization, Some(OrganizationId(7)));
        assert_eq!(f.district, Some(DistrictId(2)));
        assert_eq!(f.cost, Some(Cost::Free));
        assert!(f.with_free_seats);
        assert_eq!(f.offset(), 2 * PAGE_SIZE);
    }

    #[test]
    fn a_wrong_age_is_reported_at_the_age_field() {
        for bad in ["abc", "19", "-1", "7.5"] {
            let q = CatalogQuery {
                age: bad.into(),
                ..Default::default()
            };
            let errors = q.parse().unwrap_err();
            assert_eq!(errors.len(), 1, "{bad}");
            assert_eq!(errors[0].field, "age");
        }
    }

    #[test]
    fn all_wrong_fields_are_reported_together() {
        let q = CatalogQuery {
            direction: "cooking".into(),
            cost: "cheap".into(),
            organization: "x".into(),
            ..Default::default()
        };
        let fields: Vec<_> = q
            .parse()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["direction", "organization", "cost"]);
    }

    #[test]
    fn active_filters_are_counted_without_the_text_and_the_page() {
        let q = CatalogQuery {
            q: "робот".into(),
            age: "9".into(),
            seats: "1".into(),
            page: "2".into(),
            ..Default::default()
        };
        assert_eq!(q.active_filters(), 2);
        assert_eq!(CatalogQuery::default().active_filters(), 0);
    }

    #[test]
    fn a_broken_page_number_falls_back_to_the_first_page() {
        for bad in ["0", "-2", "many", ""] {
            let q = CatalogQuery {
                page: bad.into(),
                ..Default::default()
            };
            assert_eq!(q.parse().unwrap().page, 1);
        }
    }

    #[test]
    fn page_links_keep_the_filters_and_encode_the_text() {
        let q = CatalogQuery {
            q: "лего робот".into(),
            age: "9".into(),
            page: "1".into(),
            ..Default::default()
        };
        assert_eq!(
            q.with_page(2),
            "q=%D0%BB%D0%B5%D0%B3%D0%BE+%D1%80%D0%BE%D0%B1%D0%BE%D1%82&age=9&page=2"
        );
        assert_eq!(
            q.with_page(1),
            "q=%D0%BB%D0%B5%D0%B3%D0%BE+%D1%80%D0%BE%D0%B1%D0%BE%D1%82&age=9"
        );
    }
}
