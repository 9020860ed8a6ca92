//! The Kruzhok server: configuration, telemetry, the HTTP router and start-up.
//! The binary in `main.rs` adds the command line on top.

pub mod audit_export;
pub mod commands;
pub mod config;
mod csv_body;
pub mod documents;
pub mod export;
pub mod forms;
pub mod jobs;
mod patience;
pub mod router;
mod security_headers;
mod sign_in_first;
pub mod startup;
pub mod telemetry;

pub use config::Settings;
pub use startup::Application;
