//! 证书到期日 (optional).

use leptos::prelude::*;

use crate::ui::enquiry::ctx::EnquiryCtx;
use crate::ui::enquiry::field::{chosen_in, wiring, ErrorText, FieldLabel};
use fushen_domain::enquiry::Field;

/// The certificate's expiry date. A date is chosen, not typed: it is checked as soon as it
/// changes.
#[component]
pub fn ExpiryField() -> impl IntoView {
    let ctx = EnquiryCtx::get();
    let field = Field::Expiry;
    view! {
        <div class="enq-field">
            <FieldLabel field />
            <input
                type="date"
                node_ref=ctx.targets.expiry
                {..wiring(field)}
                {..chosen_in(field)}
                prop:value=move || ctx.text(field)
            />
            <ErrorText field />
        </div>
    }
}
