//! Prices as Russians write them: «1 500 ₽».

/// Groups thousands with a narrow no-break space and appends the rouble sign.
pub fn format_rub(amount: u32) -> String {
    let digits = amount.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202F}');
        }
        out.push(c);
    }
    out.push_str("\u{00A0}₽");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(format_rub(900), "900\u{a0}₽");
        assert_eq!(format_rub(1500), "1\u{202f}500\u{a0}₽");
        assert_eq!(format_rub(1234567), "1\u{202f}234\u{202f}567\u{a0}₽");
    }
}
