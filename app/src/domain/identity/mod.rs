//! Identity of children and parents: parsing what people type, and the duplicate rules of SPEC §5.

pub mod birth_certificate;
pub mod birth_date;
pub mod blocking;
pub mod correction;
pub mod date_typos;
pub mod given_names;
pub mod normalize;
pub mod person_name;
pub mod review;
pub mod similarity;
pub mod snils;
pub mod translit;
pub mod verdict;
