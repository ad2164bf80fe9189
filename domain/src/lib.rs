//! The rules of 焊工证复审助手, shared by the web app (`src/`) and the institution's server
//! (`server/`): the working-day calendar, the estimator's plan, the personal timeline, the enquiry
//! rules, and every format that is stored, linked, exported or sent.
//!
//! Nothing here imports the browser or the server; the clock, the random generator and "today"
//! are parameters, so every rule is tested with plain `cargo test`.

pub mod calendar;
pub mod certificate;
pub mod dates;
pub mod enquiry;
pub mod estimate;
pub mod fragment;
pub mod html;
pub mod ics;
pub mod keys;
pub mod rules;
pub mod timeline;
