//! The status line above the buttons: the latest word on a submit, announced to screen readers.

use leptos::prelude::*;

use crate::ui::enquiry::call_link::CallLink;
use crate::ui::enquiry::ctx::EnquiryCtx;
use fushen_domain::enquiry::messages::UNDO;
use fushen_domain::enquiry::Status;

/// What the form says after a submit (or 清空, with 撤销), and the phone number when calling is
/// the way on. A polite live region: its words are read out when they change.
#[component]
pub fn StatusLine() -> impl IntoView {
    let ctx = EnquiryCtx::get();
    let status = Memo::new(move |_| ctx.form.with(|f| f.status.clone()));
    let has_phone = ctx.settings.with_value(|s| s.phone.is_some());
    let text = move || {
        if ctx.hushed.get() {
            String::new()
        } else {
            status.with(|s| s.text(has_phone))
        }
    };
    view! {
        <div class="enq-status" role="status" aria-live="polite" aria-atomic="true">
            <p
                hidden=move || status.with(|s| *s == Status::Idle)
                class=move || status.with(Status::is_problem).then_some("enq-status-error")
            >
                <span data-testid="enquiry-status-text">{text}</span>
                " "
                <span hidden=move || !status.with(Status::offers_phone)>
                    <CallLink lead="" />
                </span>
                <button
                    type="button"
                    class="enq-link-button"
                    hidden=move || !status.with(|s| matches!(s, Status::Cleared(_)))
                    on:click=move |_| ctx.undo()
                >
                    {UNDO}
                </button>
            </p>
        </div>
    }
}
