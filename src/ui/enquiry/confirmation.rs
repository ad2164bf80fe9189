//! The confirmation after a delivery, and the note of an earlier visit's delivery.

use leptos::prelude::*;

use crate::ui::enquiry::ctx::EnquiryCtx;
use fushen_domain::enquiry::messages::{next_steps, sent_before, REFERENCE_LABEL};
use fushen_domain::enquiry::payload::reference_for_display;

/// 提交成功 (or 之前保存的咨询已经发出), the reference number to quote on the phone, and what
/// happens next. Shown only once a 2xx came back; it takes the focus then.
#[component]
pub fn Confirmation() -> impl IntoView {
    let ctx = EnquiryCtx::get();
    let delivered = Memo::new(move |_| ctx.form.with(|f| f.delivered.clone()));
    let institution = ctx.settings.with_value(|s| s.institution.clone());
    move || {
        delivered.get().map(|d| {
            view! {
                <div
                    class="enq-done"
                    tabindex="-1"
                    data-testid="enquiry-outcome"
                    node_ref=ctx.targets.outcome
                >
                    <h3>{d.title()}</h3>
                    <p>
                        {REFERENCE_LABEL}"："
                        <strong class="enq-ref" data-testid="enquiry-reference">
                            {reference_for_display(&d.reference)}
                        </strong>
                    </p>
                    <p>{next_steps(institution.as_deref(), d.tail.as_deref())}</p>
                </div>
            }
        })
    }
}

/// "你在…提交过咨询，编号 …" from the sent log, while no confirmation shows.
#[component]
pub fn SentBefore() -> impl IntoView {
    let ctx = EnquiryCtx::get();
    let confirming = Memo::new(move |_| ctx.form.with(|f| f.delivered.is_some()));
    move || {
        if confirming.get() {
            return None;
        }
        let text = ctx.sent.with(|log| {
            log.latest()
                .map(|record| sent_before(record.at_ms, &record.reference, ctx.today))
        });
        text.map(|text| {
            view! {
                <p class="enq-muted" data-testid="enquiry-sent-before">
                    {text}
                </p>
            }
        })
    }
}
