//! The form's two buttons, and the note when the phone cannot keep the draft.

use leptos::prelude::*;

use crate::ui::enquiry::ctx::EnquiryCtx;
use fushen_domain::enquiry::messages::DRAFT_NOT_SAVED;

/// 提交咨询 (submits the form) and 清空; both locked while an enquiry waits to go out.
#[component]
pub fn FormActions() -> impl IntoView {
    let ctx = EnquiryCtx::get();
    view! {
        <div class="enq-actions">
            <button
                type="submit"
                class="enq-primary"
                id="enq-submit"
                disabled=ctx.locked
                node_ref=ctx.targets.submit
            >
                "提交咨询"
            </button>
            <button
                type="button"
                class="enq-secondary"
                disabled=ctx.locked
                on:click=move |_| ctx.clear()
            >
                "清空"
            </button>
        </div>
        <p class="enq-muted" hidden=ctx.draft_kept>
            {DRAFT_NOT_SAVED}
        </p>
    }
}
