//! A filter written back into an address: the filled fields only, and the page after the first.

/// `key=value&…` of the non-empty fields, with `page` when it is beyond the first.
pub fn query_string(fields: &[(&str, &str)], page: Option<u32>) -> String {
    let mut pairs: Vec<(&str, String)> = fields
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| (*k, v.trim().to_owned()))
        .collect();
    if let Some(p) = page.filter(|p| *p > 1) {
        pairs.push(("page", p.to_string()));
    }
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_filled_fields_and_later_pages_are_written() {
        assert_eq!(query_string(&[("a", " "), ("b", "x y")], Some(1)), "b=x+y");
        assert_eq!(query_string(&[("a", "1")], Some(3)), "a=1&page=3");
        assert_eq!(query_string(&[], None), "");
    }
}
