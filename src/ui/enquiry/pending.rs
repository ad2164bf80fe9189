//! The enquiries waiting to go out: what happened, when they will go, and the user's two ways on.

use leptos::prelude::*;

use crate::ui::enquiry::call_link::CallLink;
use crate::ui::enquiry::ctx::EnquiryCtx;
use fushen_domain::enquiry::messages::{
    queued_entry, CALL, CANCEL_QUEUED, QUEUED_BODY, QUEUED_IN_MEMORY_BODY, QUEUED_IN_MEMORY_TITLE,
    QUEUED_TITLE, RETRY_NOW, SENDING,
};

/// Shown once a first attempt has failed, or for what an earlier visit left: saved on this
/// phone (or, when the phone cannot keep it, in this page), sent automatically; 现在重试 and
/// 取消发送，修改内容. It takes the focus when an attempt the user started fails.
#[component]
pub fn PendingPanel() -> impl IntoView {
    let ctx = EnquiryCtx::get();
    let kept = move || ctx.outbox_kept.get();
    view! {
        <Show when=move || ctx.outbox.with(|o| o.is_waiting(ctx.busy.get()))>
            <div
                class="enq-pending"
                tabindex="-1"
                data-testid="enquiry-pending"
                node_ref=ctx.targets.pending
            >
                <h3>{move || if kept() { QUEUED_TITLE } else { QUEUED_IN_MEMORY_TITLE }}</h3>
                <p>{move || if kept() { QUEUED_BODY } else { QUEUED_IN_MEMORY_BODY }}</p>
                <ul class="enq-queue">
                    <For
                        each=move || ctx.outbox.get().entries
                        key=|entry| entry.id.clone()
                        let(entry)
                    >
                        <li>{queued_entry(&entry, ctx.today)}</li>
                    </For>
                </ul>
                <div class="enq-actions">
                    <button
                        type="button"
                        class="enq-primary"
                        disabled=ctx.busy
                        on:click=move |_| {
                            ctx.send_due(true);
                        }
                    >
                        {move || if ctx.busy.get() { SENDING } else { RETRY_NOW }}
                    </button>
                    <button
                        type="button"
                        class="enq-secondary"
                        disabled=ctx.busy
                        on:click=move |_| ctx.cancel_newest()
                    >
                        {CANCEL_QUEUED}
                    </button>
                </div>
                <p>
                    <CallLink lead=CALL />
                </p>
            </div>
        </Show>
    }
}
