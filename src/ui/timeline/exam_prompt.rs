//! The estimator's exam date waiting for a certificate: which one, or add one first.

use leptos::prelude::*;

use super::button::{text, Button};
use super::notice::{Notice, Tone};
use super::state::TimelineCtx;
use fushen_domain::dates::short_zh;
use fushen_domain::timeline::messages::certificate_name;
use fushen_domain::timeline::Id;

/// The question about the estimator's exam, while its date waits.
#[component]
pub fn ExamPrompt() -> impl IntoView {
    let ctx = expect_context::<TimelineCtx>();
    let question = text(move || {
        let Some(pending) = ctx.exam.get() else {
            return String::new();
        };
        let day = short_zh(pending.exam, ctx.today);
        if ctx.timeline.with(|t| t.is_empty()) {
            format!("先添加证书：保存后会把估算里的考试日期（{day}）一并记上。")
        } else {
            format!("估算里的考试日期（{day}）记到哪本证书？")
        }
    });
    let ids = move || {
        ctx.timeline
            .with(|t| t.certificates.iter().map(|c| c.id).collect::<Vec<_>>())
    };
    view! {
        <Show when=move || ctx.exam.with(Option::is_some)>
            <Notice tone=Tone::Ask test_id="exam-prompt">
                <p role="status">{question}</p>
                <div class="tl-buttons">
                    <For each=ids key=|id| *id let:id>
                        <ExamChoice id />
                    </For>
                    <Button
                        label="不记了"
                        on_click=Callback::new(move |()| ctx.drop_pending_exam())
                    />
                </div>
            </Notice>
        </Show>
    }
}

/// A button that puts the waiting exam on certificate `id`.
#[component]
pub fn ExamChoice(
    /// The certificate.
    id: Id,
) -> impl IntoView {
    let ctx = expect_context::<TimelineCtx>();
    let name = text(move || {
        ctx.timeline
            .with(|t| t.certificate(id).map(certificate_name).unwrap_or_default())
    });
    let choose = move |_| {
        if let Some(p) = ctx.exam.get_untracked() {
            ctx.say(ctx.add_exam_to(id, p.exam, p.accepted).message());
        }
    };
    view! {
        <button type="button" on:click=choose>
            {name}
        </button>
    }
}
