//! The one-tap way from the estimator's answer to the personal timeline.

use leptos::prelude::*;

use fushen_domain::estimate::link::EstimatorInput;

use crate::ui::timeline::TimelineCtx;
use crate::web::page;

use super::state::EstimatorState;

/// "把这次考试记到我的证书时间线": adds the exam (and acceptance) date to the timeline, says what
/// the timeline did, and scrolls to it. Hidden while there is no answer.
#[component]
pub fn AddToTimeline(
    /// The estimator.
    state: EstimatorState,
    /// The timeline on this page.
    timeline: TimelineCtx,
) -> impl IntoView {
    // What the timeline said, and for which inputs: a new answer makes it stale.
    let said = RwSignal::new(None::<(EstimatorInput, String)>);
    let add = move |_| {
        let Some(input) = state.input.get_untracked() else {
            return;
        };
        let Some(exam) = input.exam else { return };
        let message = timeline.add_exam(exam, input.accepted).message();
        said.set(Some((input, message)));
        if let Some(section) = page::element("timeline") {
            section.scroll_into_view();
        }
    };
    let current = move || {
        let input = state.input.get();
        said.with(|s| {
            s.as_ref()
                .filter(|(for_input, _)| Some(*for_input) == input)
                .map(|(_, message)| message.clone())
        })
    };
    view! {
        <div
            class="add-to-timeline"
            id="est-add"
            hidden=move || !matches!(state.plan.get(), Some(Ok(_)))
        >
            <button type="button" class="secondary" on:click=add>
                "把这次考试记到我的证书时间线"
            </button>
            <p class="added" id="est-added" role="status">{current}</p>
        </div>
    }
}
