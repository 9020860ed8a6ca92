//! «Загрузить из файла»: an institution's programs and groups from a CSV file made from the
//! template (`/programs-template.csv`), with a report per line. A multipart post of the page.

use crate::api::programs::import_programs;
use crate::contract::programs::ImportReport;
use crate::contract::upload::posted_file;
use crate::error::AppError;
use crate::ui::components::error_summary::ErrorSummary;
use crate::ui::forms::{answer_posted, failure_of, posted_field};
use leptos::prelude::*;
use leptos_router::components::Redirect;

/// The posted file's text, or why it cannot be read.
fn posted_text() -> Option<Result<String, String>> {
    (posted_field("form").as_deref() == Some("import")).then(|| {
        let file = posted_file("file").filter(|f| !f.bytes.is_empty());
        match file {
            None => Err("Выберите файл CSV".to_owned()),
            Some(f) => String::from_utf8(f.bytes)
                .map_err(|_| "Сохраните файл как CSV в кодировке UTF-8".to_owned()),
        }
    })
}

#[component]
pub fn ProgramImportPage() -> impl IntoView {
    let answer = answer_posted(posted_text(), |text: Result<String, String>| async move {
        match text {
            Ok(text) => import_programs(text).await,
            Err(message) => Err(AppError::Validation(vec![
                crate::domain::field_error::FieldError::new("file", &message),
            ])),
        }
    });
    view! {
        <p><a href="/operator/programs">"← Все программы"</a></p>
        <h1>"Загрузить программы из файла"</h1>
        <Transition fallback=|| view! { <p class="loading">"Загружаем…"</p> }>
            {move || Suspend::new(async move {
                let outcome = answer.await;
                if let Some(Err(AppError::Unauthorized)) = outcome {
                    return view! { <Redirect path="/login" /> }.into_any();
                }
                let (errors, failure) = failure_of(&outcome);
                let file_error = errors.iter().find(|e| e.field == "file").map(|e| e.message.clone());
                view! {
                    {failure.map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })}
                    {(!errors.is_empty()).then(|| view! { <ErrorSummary errors=errors.clone() /> })}
                    {outcome.and_then(Result::ok).map(|report| view! { <Report report /> })}
                    <p>"Одна строка — программа и, если указана, одна ее группа. Строки одной программы повторяют ее поля; новая программа уходит в МОЦ на модерацию. Столбец organization можно оставить пустым."</p>
                    <p><a href="/programs-template.csv" download="programs-template.csv">"Скачать образец (CSV)"</a></p>
                    <form method="post" action="/operator/programs/import" enctype="multipart/form-data" class="card">
                        <input type="hidden" name="form" value="import" />
                        <div class="field">
                            <label for="field-file">"Файл CSV (UTF-8, разделитель — запятая или точка с запятой)"</label>
                            <input
                                id="field-file"
                                name="file"
                                type="file"
                                accept=".csv,text/csv"
                                aria-invalid=file_error.is_some().then_some("true")
                                aria-describedby=file_error.is_some().then_some("error-file")
                            />
                            {file_error.map(|m| view! { <p class="field-error" id="error-file">{m}</p> })}
                        </div>
                        <button type="submit" class="button button-primary">"Загрузить"</button>
                    </form>
                }
                    .into_any()
            })}
        </Transition>
    }
}

#[component]
fn Report(report: ImportReport) -> impl IntoView {
    view! {
        <p class="notice notice-ok" role="status">
            {format!(
                "Новых программ: {} (отправлены в МОЦ), групп: {}, строк с ошибками: {}",
                report.programs, report.groups, report.invalid
            )}
        </p>
        <ul class="import-report">
            {report.lines.into_iter().map(|l| view! {
                <li class=if l.ok { "import-ok" } else { "import-error" }>{format!("Строка {}: {}", l.line, l.text)}</li>
            }).collect_view()}
        </ul>
    }
}
