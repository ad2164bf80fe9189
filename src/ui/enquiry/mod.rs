//! The enquiry form (课程咨询 / 我要报名): validates kindly, delivers reliably, loses nothing.
//!
//! The rules and the form's state machine are in [`fushen_domain::enquiry`]. Here the form is written
//! once as HTML ([`markup`]), kept in step with its state by one function ([`render`]), and
//! driven by a handful of delegated DOM events ([`controller`]). Typed Leptos views cost about a
//! kilobyte of WebAssembly per element; this form has some sixty, on a page whose whole first
//! load must stay under 150 KB.

pub mod controller;
pub mod markup;
pub mod render;

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::web::page;
use fushen_domain::enquiry::Settings;

/// The deployment's settings, from the page's `<meta>` tags (see README, "Enquiry endpoint").
pub fn page_settings() -> Settings {
    Settings {
        endpoint: page::meta("fushen-endpoint"),
        phone: page::meta("fushen-phone"),
        institution: page::meta("fushen-institution"),
    }
}

/// Builds the form inside its `<form>` element and starts it.
fn enquiry_form(root: web_sys::Element, (today, settings): (NaiveDate, Settings)) {
    controller::Controller::start(root, today, settings);
}

/// The enquiry form. Appears once in the page; the page's `[data-enroll]` links bring the user
/// to it and focus its first field. `novalidate`: the form says what is wrong in its own words,
/// never in browser bubbles.
#[component]
pub fn Enquiry(
    /// Today in China (bounds the certificate's expiry date).
    today: NaiveDate,
    /// Where to send, whom to call, who receives (from the page's `<meta>` tags).
    settings: Settings,
) -> impl IntoView {
    // `post`: should a submit ever escape the handler, what was typed still stays out of the
    // address bar.
    view! {
        <form class="enq-form" method="post" novalidate use:enquiry_form=(today, settings)></form>
    }
}
