//! The interactive parts of the page. Components render domain results; rules live elsewhere.

pub mod estimator;
pub mod timeline;
