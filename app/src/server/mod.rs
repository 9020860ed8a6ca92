//! Everything that runs only on the server: state, database access and the services that enforce
//! who may do what.

pub mod auth;
pub mod db;
pub mod mail;
pub mod services;
pub mod state;
