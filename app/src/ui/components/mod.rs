pub mod catalog_filters;
pub mod error_summary;
pub mod field;
pub mod group_card;
pub mod header;
pub mod pagination;
pub mod program_card;
pub mod steps;
