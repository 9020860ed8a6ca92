//! The Kruzhok server: configuration, telemetry, the HTTP router and start-up.
//! The binary in `main.rs` adds the command line on top.

pub mod commands;
pub mod config;
pub mod documents;
pub mod export;
pub mod forms;
pub mod jobs;
pub mod router;
pub mod startup;
pub mod telemetry;

pub use config::Settings;
pub use startup::Application;
