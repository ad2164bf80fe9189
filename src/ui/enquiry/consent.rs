//! The consent box (required, unticked by default) and the notice it refers to.

use leptos::html;
use leptos::prelude::*;

use crate::ui::enquiry::ctx::EnquiryCtx;
use crate::ui::enquiry::field::{field_id, wiring, ErrorText};
use crate::ui::enquiry::notice::{PrivacyNotice, NOTICE_ID};
use fushen_domain::enquiry::notice::NOTICE_TITLE;
use fushen_domain::enquiry::Field;

/// "我已阅读并同意《个人信息说明》", its error, and the notice itself.
#[component]
pub fn ConsentField() -> impl IntoView {
    let ctx = EnquiryCtx::get();
    let field = Field::Consent;
    let details = NodeRef::<html::Details>::new();
    let summary = NodeRef::<html::Summary>::new();
    // Opens the notice in place: following the link would replace the page's fragment, which
    // may carry the user's dates.
    let open_notice = move |ev: web_sys::MouseEvent| {
        ev.prevent_default();
        if let Some(details) = details.get_untracked() {
            details.set_open(true);
        }
        if let Some(summary) = summary.get_untracked() {
            let _ = summary.focus();
        }
    };
    view! {
        <div class="enq-field enq-consent">
            <div class="enq-check">
                <input
                    type="checkbox"
                    node_ref=ctx.targets.consent
                    {..wiring(field)}
                    prop:checked=move || ctx.form.with(|f| f.draft.consented())
                    on:change=move |ev| ctx.consent(event_target_checked(&ev))
                />
                <label for=field_id(field)>
                    "我已阅读并同意"
                    <a href=format!("#{NOTICE_ID}") on:click=open_notice>
                        "《"{NOTICE_TITLE}"》"
                    </a>
                </label>
            </div>
            <ErrorText field />
            <PrivacyNotice details summary />
        </div>
    }
}
