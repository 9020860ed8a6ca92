pub mod home;
pub mod not_found;
pub mod program;
pub mod programs;
