//! 焊工证复审助手: the domain (working days, estimates, timeline, enquiries) and the web app.
//!
//! The domain modules (`calendar`, `certificate`, `dates`, `enquiry`, `estimate`, `fragment`, `ics`,
//! `keys`, `rules`, `timeline`) import nothing from the browser and are tested with plain
//! `cargo test`; `web` adapts the browser, `ui` renders, `app` mounts.

pub mod calendar;
pub mod certificate;
pub mod dates;
pub mod enquiry;
pub mod estimate;
pub mod fragment;
pub mod ics;
pub mod json;
pub mod keys;
pub mod rules;
pub mod sort;
pub mod timeline;

pub mod app;
pub mod ui;
pub mod web;
