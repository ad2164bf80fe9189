//! The interactive parts of the page. Components render domain results; rules live elsewhere.

pub mod assumptions_form;
pub mod enquiry;
pub mod estimator;
pub mod month_calendar;
pub mod query_answer;
pub mod why_dates;
