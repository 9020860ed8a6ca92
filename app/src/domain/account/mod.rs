//! What a parent types to open an account: phone, e-mail, password.

pub mod email;
pub mod password;
pub mod phone;
