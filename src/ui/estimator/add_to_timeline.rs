//! The one-tap way from the estimator's answer to the personal timeline.
//!
//! The timeline arrives after the estimator's first answer (in a module of its own), so the
//! estimator does not hold the timeline: it holds a [`TimelineInlet`], empty until the timeline
//! has started and connected itself. Until then the button is there but disabled, so that
//! nothing moves on the page when the timeline arrives.

use chrono::NaiveDate;
use leptos::prelude::*;

use fushen_domain::estimate::link::EstimatorInput;
use fushen_domain::timeline::schedule::ExamOutcome;

use crate::ui::timeline::TimelineCtx;
use crate::web::page;

use super::state::EstimatorState;

/// Adds an exam date and the acceptance date (when known), answering with what the timeline did.
type AddExam = Callback<(NaiveDate, Option<NaiveDate>), ExamOutcome>;

/// Where the estimator's answer goes into the timeline. Empty until the timeline is there.
#[derive(Clone, Copy, Debug)]
pub struct TimelineInlet(RwSignal<Option<AddExam>>);

impl TimelineInlet {
    /// An empty inlet, provided as context to the tools started in the current owner.
    pub fn provide() -> TimelineInlet {
        let inlet = TimelineInlet(RwSignal::new(None));
        provide_context(inlet);
        inlet
    }

    /// Connects `timeline`: from now on the estimator's answers go into it. Call in the owner
    /// the timeline lives in.
    pub fn connect(self, timeline: TimelineCtx) {
        let add = Callback::new(move |(exam, accepted)| timeline.add_exam(exam, accepted));
        self.0.set(Some(add));
    }

    /// True once a timeline is connected (tracked).
    fn connected(self) -> bool {
        self.0.with(Option::is_some)
    }

    /// Adds the exam to the connected timeline; `None` while there is none.
    fn add(self, exam: NaiveDate, accepted: Option<NaiveDate>) -> Option<ExamOutcome> {
        self.0.get_untracked().map(|add| add.run((exam, accepted)))
    }
}

/// "把这次考试记到我的证书时间线": adds the exam (and acceptance) date to the timeline, says what
/// the timeline did, and scrolls to it. Hidden while there is no answer; disabled until the
/// timeline is there.
#[component]
pub fn AddToTimeline(
    /// The estimator.
    state: EstimatorState,
    /// The timeline's inlet on this page.
    inlet: TimelineInlet,
) -> impl IntoView {
    // What the timeline said, and for which inputs: a new answer makes it stale.
    let said = RwSignal::new(None::<(EstimatorInput, String)>);
    let add = move |_| {
        let Some(input) = state.input.get_untracked() else {
            return;
        };
        let Some(exam) = input.exam else { return };
        let Some(outcome) = inlet.add(exam, input.accepted) else {
            return;
        };
        said.set(Some((input, outcome.message())));
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
            <button
                type="button"
                class="secondary"
                disabled=move || !inlet.connected()
                on:click=add
            >
                "把这次考试记到我的证书时间线"
            </button>
            <p class="added" id="est-added" role="status">{current}</p>
        </div>
    }
}
