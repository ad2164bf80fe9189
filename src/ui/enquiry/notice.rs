//! The privacy notice (《个人信息说明》), folded under the consent box.

use leptos::html;
use leptos::prelude::*;

use crate::ui::enquiry::ctx::EnquiryCtx;
use fushen_domain::enquiry::notice::{edition, notice_sections, NOTICE_TITLE};

/// The id the consent label's link points at.
pub const NOTICE_ID: &str = "enq-notice";

/// The notice, folded; it names the deployment's institution and phone where configured.
#[component]
pub fn PrivacyNotice(
    /// The `<details>`, for opening it from the consent label.
    details: NodeRef<html::Details>,
    /// Its summary line, which takes the focus when it is opened from there.
    summary: NodeRef<html::Summary>,
) -> impl IntoView {
    let sections = EnquiryCtx::get()
        .settings
        .with_value(|s| notice_sections(s.institution.as_deref(), s.phone.as_deref()));
    view! {
        <details id=NOTICE_ID class="enq-notice" node_ref=details>
            <summary node_ref=summary>{NOTICE_TITLE}"（点开阅读）"</summary>
            {sections
                .into_iter()
                .map(|(heading, text)| view! { <p><strong>{heading}</strong>"："{text}</p> })
                .collect_view()}
            <p class="enq-muted">{edition()}</p>
        </details>
    }
}
