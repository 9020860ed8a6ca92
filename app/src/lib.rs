//! Kruzhok: one Leptos application rendered on the server and hydrated in the browser.
//!
//! Layers, each importing only those below it: `domain` (pure rules) < `contract` (the forms and
//! answers of server functions) < `server::db` < `server::services` < `api` (server functions) <
//! `ui`. `domain` and `contract` compile for both targets; `server` exists only with `ssr`.

pub mod api;
pub mod contract;
pub mod domain;
pub mod error;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod server;

pub use ui::{shell, App};
