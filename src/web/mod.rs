//! Thin adapters over the browser: each turns JavaScript failures into typed errors.

pub mod clock;
pub mod device;
pub mod download;
pub mod events;
pub mod file;
pub mod net;
pub mod page;
pub mod storage;
pub mod url;
