//! `/operator/applications/export.csv` and `.xlsx`: the operator's filtered list as a file. Rows
//! are read a thousand at a time; the CSV goes out as it is read, the XLSX is written row by row
//! to a temporary file (rust_xlsxwriter's constant-memory mode) and then streamed from it.

use crate::router::ServerState;
use app::contract::operator::OperatorRow;
use app::domain::application::operator_query::OperatorQuery;
use app::server::auth::session::{address_of, token_in};
use app::server::db::operator_applications::Filter;
use app::server::services::operator::{described, export_chunk, filter_of};
use app::server::services::roles::{acting_with_token, as_institution_operator, audit_from};
use app::server::state::AppState;
use axum::body::Body;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use std::net::SocketAddr;

const COLUMNS: [&str; 12] = [
    "№ заявки",
    "Ребенок",
    "Дата рождения",
    "Программа",
    "Группа",
    "Статус",
    "Номер в очереди",
    "Причина",
    "Подана",
    "Родитель",
    "Телефон",
    "Почта",
];

fn cells(r: &OperatorRow) -> [String; 12] {
    [
        r.id.to_string(),
        r.child_name.clone(),
        r.child_birth_date.clone(),
        r.program_title.clone(),
        r.group_name.clone(),
        r.status.clone(),
        r.position.map(|p| p.to_string()).unwrap_or_default(),
        r.reason.clone().unwrap_or_default(),
        r.created_at.clone(),
        r.parent_name.clone(),
        r.parent_phone.clone(),
        r.parent_email.clone(),
    ]
}

/// The filter of an institution operator's export, once audited; or the answer for whoever may not
/// export.
async fn authorize(
    state: &AppState,
    headers: &HeaderMap,
    address: SocketAddr,
    query: &OperatorQuery,
    format: &str,
) -> Result<Filter, Response> {
    let acting = match token_in(headers) {
        Some(token) => acting_with_token(state, &token)
            .await
            .map_err(|_| internal())?,
        None => None,
    };
    let operator = match as_institution_operator(acting) {
        Ok(o) => o,
        Err(app::error::AppError::Unauthorized) => {
            return Err(Redirect::to("/login").into_response())
        }
        Err(e) => return Err((StatusCode::FORBIDDEN, e.to_string()).into_response()),
    };
    let parsed = query.parse().map_err(|errors| {
        let text = errors
            .into_iter()
            .map(|e| e.message)
            .collect::<Vec<_>>()
            .join("; ");
        (StatusCode::BAD_REQUEST, format!("Проверьте фильтр: {text}")).into_response()
    })?;
    audit_from(
        &state.db,
        &operator.acting,
        "export_applications",
        &format!("organization:{}", operator.organization_id),
        Some(&format!("{format} {}", described(&parsed))),
        &address_of(state, headers, Some(address)),
    )
    .await
    .map_err(|_| internal())?;
    Ok(filter_of(operator.organization_id, &parsed))
}

pub(crate) fn internal() -> Response {
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        "Что-то пошло не так на сервере. Попробуйте ещё раз через минуту",
    )
        .into_response()
}

pub(crate) fn attachment(content_type: &str, name: &str, body: Body) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        body,
    )
        .into_response()
}

pub async fn csv(
    State(state): State<ServerState>,
    ConnectInfo(address): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Query(query): Query<OperatorQuery>,
) -> Response {
    let app = state.app;
    let filter = match authorize(&app, &headers, address, &query, "csv").await {
        Ok(ok) => ok,
        Err(response) => return response,
    };
    let body = crate::csv_body::csv_body(&COLUMNS, (app, filter), |(app, filter), after| {
        let (app, filter) = (app.clone(), filter.clone());
        async move {
            export_chunk(&app, &filter, after)
                .await
                .map(|rows| rows.iter().map(|r| (r.id, cells(r).to_vec())).collect())
                .map_err(|e| e.to_string())
        }
    });
    attachment("text/csv; charset=utf-8", "zayavki.csv", body)
}

pub async fn xlsx(
    State(state): State<ServerState>,
    ConnectInfo(address): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Query(query): Query<OperatorQuery>,
) -> Response {
    let app = state.app;
    let filter = match authorize(&app, &headers, address, &query, "xlsx").await {
        Ok(ok) => ok,
        Err(response) => return response,
    };
    match write_xlsx(&app, &filter).await {
        Ok(file) => match tokio::fs::File::open(file.path()).await {
            Ok(opened) => {
                // The temporary file goes when the stream ends (it is dropped with it).
                let stream =
                    futures_util::stream::unfold((opened, file), |(mut f, keep)| async move {
                        use tokio::io::AsyncReadExt;
                        let mut buf = vec![0; 64 * 1024];
                        match f.read(&mut buf).await {
                            Ok(0) => None,
                            Ok(n) => {
                                buf.truncate(n);
                                Some((Ok::<_, std::io::Error>(buf), (f, keep)))
                            }
                            Err(e) => Some((Err(e), (f, keep))),
                        }
                    });
                attachment(
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    "zayavki.xlsx",
                    // Fused: the compression layer may poll once more after the end.
                    Body::from_stream(futures_util::StreamExt::fuse(stream)),
                )
            }
            Err(_) => internal(),
        },
        Err(error) => {
            tracing::error!(%error, "export not written");
            internal()
        }
    }
}

/// Writes the rows chunk by chunk into a constant-memory worksheet and saves it to a temporary file.
async fn write_xlsx(app: &AppState, filter: &Filter) -> Result<tempfile::NamedTempFile, String> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let file = tempfile::NamedTempFile::new().map_err(|e| e.to_string())?;
    {
        let sheet = workbook
            .add_worksheet_with_constant_memory()
            .map_err(|e| e.to_string())?;
        sheet.set_name("Заявки").map_err(|e| e.to_string())?;
        for (c, name) in COLUMNS.iter().enumerate() {
            sheet
                .write_string_with_format(0, c as u16, *name, &bold)
                .map_err(|e| e.to_string())?;
        }
        let (mut after, mut line) = (0_i64, 1_u32);
        loop {
            let rows = export_chunk(app, filter, after)
                .await
                .map_err(|e| e.to_string())?;
            let Some(last) = rows.last() else { break };
            after = last.id;
            for r in &rows {
                sheet
                    .write_number(line, 0, r.id as f64)
                    .map_err(|e| e.to_string())?;
                for (c, value) in cells(r).iter().enumerate().skip(1) {
                    sheet
                        .write_string(line, c as u16, value)
                        .map_err(|e| e.to_string())?;
                }
                line += 1;
            }
        }
    }
    let path = file.path().to_owned();
    tokio::task::spawn_blocking(move || workbook.save(&path).map_err(|e| e.to_string()))
        .await
        .map_err(|e| e.to_string())??;
    Ok(file)
}
