//! The interactive parts of the page. Components render domain results; rules live elsewhere.

pub mod assumptions_form;
pub mod dom;
pub mod enquiry;
pub mod estimate_html;
pub mod estimator;
pub mod html;
pub mod query_answer;
pub mod timeline;
pub mod why_dates;
