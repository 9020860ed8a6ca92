//! Kruzhok: one Leptos application rendered on the server and hydrated in the browser.
//!
//! `domain` is pure and compiles for both targets; `server` exists only with the `ssr` feature.

pub mod api;
pub mod domain;
pub mod error;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod server;

pub use ui::{shell, App};
