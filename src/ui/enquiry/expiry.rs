//! 证书到期日 (optional).

use leptos::prelude::*;

use crate::ui::enquiry::ctx::EnquiryCtx;
use crate::ui::enquiry::field::{wiring, FieldFrame};
use fushen_domain::enquiry::Field;

/// The certificate's expiry date. A date is chosen, not typed: it is checked as soon as it
/// changes.
#[component]
pub fn ExpiryField() -> impl IntoView {
    let ctx = EnquiryCtx::get();
    let field = Field::Expiry;
    view! {
        <FieldFrame field>
            <input
                type="date"
                node_ref=ctx.targets.expiry
                {..wiring(field)}
                prop:value=move || ctx.text(field)
                on:change=move |ev| ctx.chose(field, event_target_value(&ev))
                on:focusout=move |_| ctx.left(field)
            />
        </FieldFrame>
    }
}
