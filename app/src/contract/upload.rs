//! A file sent with a form: a `multipart/form-data` post of a page (without JavaScript the form
//! and its file arrive together), handed to the page render and read by the server function.

/// A file sent with a form posted as `multipart/form-data`.
#[derive(Clone, Debug, Default)]
pub struct PostedFile {
    /// The form field it came in.
    pub field: String,
    pub file_name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// The files of the submission this page render is answering (none for other requests).
#[derive(Clone, Debug, Default)]
pub struct PostedFiles(pub Vec<PostedFile>);

/// The file posted in `field`, if the render answers a form that sent one.
pub fn posted_file(field: &str) -> Option<PostedFile> {
    leptos::prelude::use_context::<PostedFiles>()
        .and_then(|files| files.0.into_iter().find(|f| f.field == field))
}
