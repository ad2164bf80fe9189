//! The institution's phone number as a `tel:` link.

use leptos::prelude::*;

use crate::ui::enquiry::ctx::EnquiryCtx;
use fushen_domain::enquiry::phone::tel_href;

/// `lead` then the phone number as a `tel:` link; nothing when no number is configured.
#[component]
pub fn CallLink(
    /// The words before the number ("也可以直接打电话咨询：").
    lead: &'static str,
) -> impl IntoView {
    let phone = EnquiryCtx::get().settings.with_value(|s| s.phone.clone());
    phone.and_then(|number| {
        tel_href(&number).map(|href| view! { {lead}<a class="enq-tel" href=href>{number}</a> })
    })
}
