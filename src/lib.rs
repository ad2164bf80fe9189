//! 焊工证复审助手, the web app: `web` adapts the browser, `ui` renders, `app` mounts. Every rule
//! it applies lives in the `fushen-domain` crate (`domain/`).

pub mod app;
pub mod ui;
pub mod web;
