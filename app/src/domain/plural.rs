//! Russian plural forms: 1 место, 2 места, 5 мест.

/// Picks `one`, `few` or `many` by the Russian rule for `n`.
pub fn plural<'a>(n: u64, one: &'a str, few: &'a str, many: &'a str) -> &'a str {
    let (tens, units) = (n % 100, n % 10);
    if (11..=14).contains(&tens) {
        many
    } else if units == 1 {
        one
    } else if (2..=4).contains(&units) {
        few
    } else {
        many
    }
}

/// `"5 мест"`, `"1 место"`, `"22 места"`.
pub fn count_with_noun(n: u64, one: &str, few: &str, many: &str) -> String {
    format!("{n} {}", plural(n, one, few, many))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seats_are_counted_the_russian_way() {
        let seats = |n| count_with_noun(n, "место", "места", "мест");
        assert_eq!(seats(0), "0 мест");
        assert_eq!(seats(1), "1 место");
        assert_eq!(seats(2), "2 места");
        assert_eq!(seats(4), "4 места");
        assert_eq!(seats(5), "5 мест");
        assert_eq!(seats(11), "11 мест");
        assert_eq!(seats(12), "12 мест");
        assert_eq!(seats(14), "14 мест");
        assert_eq!(seats(21), "21 место");
        assert_eq!(seats(22), "22 места");
        assert_eq!(seats(111), "111 мест");
        assert_eq!(seats(101), "101 место");
    }
}
