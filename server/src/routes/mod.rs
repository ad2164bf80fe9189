//! The HTTP routes; each handler parses, calls the domain and the database, and answers.

pub mod enquiries;
pub mod health;
pub mod staff;
