//! The personal certificate timeline, as plain Rust: the model ([`model`]), the review dates
//! ([`dues`]), the rules that turn them into statuses, milestones and a next action
//! ([`schedule`]), the forms' checks
//! ([`forms`]) and the open forms kept across a reload ([`drafts`]), the stored and backup JSON ([`store`]), the compact link ([`link`]), arriving
//! timelines and merging ([`merge`]), the calendar export ([`export`]), and every message in
//! Chinese ([`messages`]). Nothing here touches the browser; "today" is always a parameter.

pub mod drafts;
pub mod dues;
pub mod export;
pub mod forms;
pub mod link;
pub mod merge;
pub mod messages;
pub mod model;
pub mod schedule;
pub mod store;
pub mod window;

pub use model::{
    AddedExam, Certificate, CertificateData, Cycle, Event, EventData, EventKind, Id, Timeline,
};

#[cfg(any(test, feature = "testing"))]
pub mod testing;
#[cfg(test)]
pub(crate) mod tests;
