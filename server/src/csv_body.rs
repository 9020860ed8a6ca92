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
                    let _ = w.write_record(cells);
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
