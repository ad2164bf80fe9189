//! 留言 (optional), with its counter.

use leptos::prelude::*;

use crate::ui::enquiry::ctx::EnquiryCtx;
use crate::ui::enquiry::field::{typed_in, wiring, ErrorText, FieldLabel, COUNTER_ID};
use fushen_domain::enquiry::messages::counter;
use fushen_domain::enquiry::text::{message_len, MESSAGE_MAX_CHARS};
use fushen_domain::enquiry::Field;

/// The message and, under it, how many characters are left (or how many too many).
#[component]
pub fn MessageField() -> impl IntoView {
    let ctx = EnquiryCtx::get();
    let field = Field::Message;
    let len = Memo::new(move |_| ctx.form.with(|f| message_len(&f.draft.message)));
    view! {
        <div class="enq-field">
            <FieldLabel field />
            <textarea
                rows="4"
                node_ref=ctx.targets.message
                {..wiring(field)}
                {..typed_in(field)}
            ></textarea>
            <p
                id=COUNTER_ID
                class="enq-counter"
                class=("enq-over", move || len.get() > MESSAGE_MAX_CHARS)
            >
                {move || counter(len.get(), MESSAGE_MAX_CHARS)}
            </p>
            <ErrorText field />
        </div>
    }
}
