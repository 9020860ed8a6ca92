//! What a parent types to open an account — phone, e-mail, password — and the application that
//! moves an account to another municipality.

pub mod email;
pub mod municipality_change;
pub mod password;
pub mod phone;
