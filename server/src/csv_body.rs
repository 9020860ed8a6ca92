//! A CSV file streamed as it is read: rows come a chunk at a time from `next`, so a list of any
//! length never sits in memory whole.

use axum::body::Body;
use std::future::Future;

/// One chunk of rows after a cursor: each row's id (the next cursor) and its cells.
pub type Chunk = Result<Vec<(i64, Vec<String>)>, String>;

/// Semicolons and a byte-order mark: what Excel in a Russian locale opens as columns.
pub fn csv_body<S, F, Fut>(columns: &[&str], state: S, next: F) -> Body
where
    S: Send + 'static,
    F: Fn(&S, i64) -> Fut + Send + 'static,
    Fut: Future<Output = Chunk> + Send,
{
    let head = {
        let mut w = csv::WriterBuilder::new()
            .delimiter(b';')
            .from_writer(vec![0xEF, 0xBB, 0xBF]);
        let _ = w.write_record(columns);
        w.into_inner().unwrap_or_default()
    };
    let rows = futures_util::stream::unfold(Some((state, next, 0_i64)), |cursor| async move {
        let (state, next, after) = cursor?;
        match next(&state, after).await {
            Ok(rows) if rows.is_empty() => None,
            Ok(rows) => {
                let last = rows.last().map_or(after, |(id, _)| *id);
                let mut w = csv::WriterBuilder::new()
                    .delimiter(b';')
                    .from_writer(Vec::new());
                for (_, cells) in &rows {
                    let _ = w.write_record(cells.iter().map(|c| neutralised(c).into_owned()));
                }
                let bytes = w.into_inner().unwrap_or_default();
                Some((Ok::<_, std::io::Error>(bytes), Some((state, next, last))))
            }
            Err(e) => Some((Err(std::io::Error::other(e)), None)),
        }
    });
    // Fused: the compression layer may poll once more after the end.
    Body::from_stream(futures_util::StreamExt::fuse(
        futures_util::StreamExt::chain(
            futures_util::stream::once(async move { Ok::<_, std::io::Error>(head) }),
            rows,
        ),
    ))
}

/// A cell as a spreadsheet may safely open it: text that a spreadsheet would read as a formula
/// (it starts with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading apostrophe, as
/// OWASP recommends against CSV injection. A plain number (`+7…` phones, `-5`) is left as it is.
pub fn neutralised(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !is_plain_number(cell) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

fn is_plain_number(cell: &str) -> bool {
    let digits = cell.strip_prefix(['+', '-']).unwrap_or(cell);
    let mut parts = digits.splitn(2, ['.', ',']);
    let whole = parts.next().unwrap_or_default();
    let fraction = parts.next().unwrap_or("0");
    !whole.is_empty()
        && whole.chars().all(|c| c.is_ascii_digit())
        && !fraction.is_empty()
        && fraction.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_formula_is_opened_as_text() {
        for cell in [
            "=HYPERLINK(\"http://evil.example\",\"Открыть\")",
            "+1+cmd|' /C calc'!A0",
            "-2+3",
            "@SUM(A1:A9)",
            "\t=1",
            "\r=1",
        ] {
            assert_eq!(neutralised(cell), format!("'{cell}"), "{cell}");
        }
    }

    #[test]
    fn ordinary_text_and_plain_numbers_are_left_alone() {
        for cell in ["Иванов Иван", "+79161234567", "-5", "12,5", "", "a=b"] {
            assert_eq!(neutralised(cell), cell, "{cell}");
        }
    }
}
