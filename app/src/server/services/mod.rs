//! Services: the rules of each area over the database. The catalogue is public, so its services
//! take no actor; later areas take the actor and check what it may do.

pub mod catalog;
pub mod seed;
pub mod seed_data;
