use crate::error::AppError;

/// Gives an error the HTTP status it stands for (a refused filter is 422, not 500) before the
/// server-function machinery encodes it. While a page renders on the server, a redirect already
/// set stays: several resources of one page answer in any order, and a failing one (the header's
/// account with an ended session, say) must not turn a form's «done, go on» 302 into a 401 whose
/// page shows neither the form nor the next page.
pub(crate) fn respond<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(error) = &result {
        if let Some(options) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            if let Ok(status) = axum::http::StatusCode::from_u16(error.status()) {
                let mut parts = options.0.write().unwrap_or_else(|e| e.into_inner());
                if !parts.status.is_some_and(|s| s.is_redirection()) {
                    parts.status = Some(status);
                }
            }
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::StatusCode;
    use leptos::prelude::{provide_context, Owner};
    use leptos_axum::ResponseOptions;

    fn status_after(before: Option<StatusCode>) -> Option<StatusCode> {
        Owner::new().with(|| {
            let options = ResponseOptions::default();
            if let Some(status) = before {
                options.set_status(status);
            }
            provide_context(options.clone());
            let _ = respond::<()>(Err(AppError::Unauthorized));
            let status = options.0.read().unwrap().status;
            status
        })
    }

    #[test]
    fn an_error_gives_the_page_its_status() {
        assert_eq!(status_after(None), Some(StatusCode::UNAUTHORIZED));
        assert_eq!(
            status_after(Some(StatusCode::OK)),
            Some(StatusCode::UNAUTHORIZED)
        );
    }

    #[test]
    fn an_error_keeps_a_redirect_already_set() {
        assert_eq!(
            status_after(Some(StatusCode::FOUND)),
            Some(StatusCode::FOUND)
        );
        assert_eq!(
            status_after(Some(StatusCode::SEE_OTHER)),
            Some(StatusCode::SEE_OTHER)
        );
    }
}
