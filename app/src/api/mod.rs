//! Server functions: thin adapters at stable endpoints under `/api/`, one file per area.

pub mod accounts;
pub mod admin;
pub mod applications;
pub mod audit;
pub mod catalog;
pub mod children;
pub mod corrections;
pub mod dev;
pub mod duplicates;
pub mod families;
pub mod help;
pub mod municipality_changes;
pub mod operator;
pub mod operators;
pub mod programs;

#[cfg(feature = "ssr")]
mod respond;
#[cfg(feature = "ssr")]
pub(crate) use respond::respond;
