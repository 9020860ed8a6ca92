use crate::error::AppError;

/// Gives an error the HTTP status it stands for (a refused filter is 422, not 500) before the
/// server-function machinery encodes it.
pub(crate) fn respond<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(error) = &result {
        if let Some(options) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            if let Ok(status) = axum::http::StatusCode::from_u16(error.status()) {
                options.set_status(status);
            }
        }
    }
    result
}
