//! Who is asking: password hashes, session cookies, signed single-use tokens.

pub mod passwords;
pub mod session;
pub mod tokens;
