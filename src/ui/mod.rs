//! The interactive parts of the page. Components render domain results; rules live elsewhere.

pub mod enquiry;
pub mod estimator;
pub mod holidays;
pub mod html;
pub mod timeline;
