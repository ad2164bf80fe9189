//! The personal certificate timeline tool: notices about storage and arriving timelines, the
//! certificates' cards, the add and edit forms, and the keeping tools.
//!
//! State and its ties to storage and the link are in [`state`]; every rule is in
//! `fushen_domain::timeline`. As with the enquiry form, the page is written as HTML text ([`markup`],
//! [`card_body`]), kept in step by [`render`] and driven by delegated DOM events
//! ([`controller`]); the forms' own state, and the draft kept across reloads, are in [`form`].
//! Typed Leptos views compile each view and closure separately, and the whole first load must
//! stay under 150 KB.

pub mod card_body;
pub mod controller;
pub mod form;
pub mod markup;
pub mod render;
pub mod state;

use leptos::prelude::*;

pub use state::TimelineCtx;

/// Builds the tool inside its element and starts it.
fn timeline_tool(root: web_sys::Element, ctx: TimelineCtx) {
    controller::Controller::start(root, ctx);
}

/// The timeline tool, mounted into `#timeline-root`.
#[component]
pub fn Timeline(
    /// The timeline's state (see [`TimelineCtx::start`]).
    ctx: TimelineCtx,
) -> impl IntoView {
    view! { <div use:timeline_tool=ctx></div> }
}
