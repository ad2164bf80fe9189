//! The estimator: from the exam date (and the acceptance date) to the dates the review result
//! can be looked up. Owns the inputs, keeps them in the link and on the phone ([`state`]), and
//! shows the answer ([`answer`]), the reasons ([`reasons`]) and the assumptions
//! ([`assumptions`]). Every rule and every sentence about a plan is the domain's
//! (`fushen_domain::estimate`).

mod add_to_timeline;
mod answer;
mod assumptions;
mod date_field;
mod month_tables;
mod notices;
mod reasons;
pub mod state;

use leptos::callback::UnsyncCallback;
use leptos::prelude::*;

use fushen_domain::calendar::{FIRST_YEAR, LAST_YEAR};
use fushen_domain::estimate::messages;

use crate::web::page;

use add_to_timeline::AddToTimeline;
pub use add_to_timeline::TimelineInlet;
use answer::QueryAnswer;
use assumptions::AssumptionsForm;
use date_field::DateField;
use notices::LinkNotices;
pub use reasons::ReasonsModule;
use reasons::WhyDates;
pub use state::EstimatorState;

/// When can the review result be looked up: the exam-date tool.
#[component]
pub fn Estimator(
    /// Its state ([`EstimatorState::start`]), made before it is mounted so that the timeline
    /// can count with its assumptions. With a [`TimelineInlet`] in context, it offers to add
    /// its answer to the timeline.
    state: EstimatorState,
    /// Called once the answer is built (a task after the rest of the form): the page's start
    /// builds the estimator off the page and puts it in place then, with its answer.
    #[prop(optional)]
    on_answer: Option<UnsyncCallback<()>>,
) -> impl IntoView {
    let today = state.today;
    let holidays = state.holidays;
    let typed = state.typed;
    let inlet = use_context::<TimelineInlet>();
    // Built in three tasks, so that none blocks a slow phone for long: the form, then its
    // answer, then what sits below the answer (the timeline button and the two panels, closed
    // at first, all well below the first screen).
    let answer_place = NodeRef::<leptos::html::Div>::new();
    let below = NodeRef::<leptos::html::Div>::new();
    page::mount_next_task_then(
        answer_place,
        move || answer_view(state),
        move || {
            if let Some(on_answer) = on_answer {
                on_answer.run(());
            }
        },
    );
    // Scheduled after the answer's task above, so it comes a task after it.
    page::mount_next_task(below, move || {
        view! {
            {inlet.map(|inlet| view! { <AddToTimeline state inlet /> })}
            <WhyDates plan=state.plan holidays today />
            <AssumptionsForm state />
        }
    });
    let summary = move || match state.plan.get() {
        Some(Ok(plan)) => messages::summary(&plan, today),
        _ => String::new(),
    };
    view! {
        <div class="estimator">
            <LinkNotices notices=state.notices />
            <div class="estimator-inputs">
                <DateField
                    id="exam-date"
                    label="考试日期"
                    value=typed.exam
                    error=Signal::derive(move || state.exam.get().err())
                    on_edit=Callback::new(move |v| state.edit(typed.exam, v))
                />
                <DateField
                    id="accepted-date"
                    label="受理日期"
                    optional=true
                    hint=messages::ACCEPTED_HINT
                    value=typed.accepted
                    error=Signal::derive(move || state.accepted.get().err())
                    on_edit=Callback::new(move |v| state.edit(typed.accepted, v))
                />
            </div>
            <div class="answer">
                <p class="sr-only" id="est-summary" aria-live="polite" aria-atomic="true">{summary}</p>
                <div id="est-answer" node_ref=answer_place></div>
            </div>
            <div class="estimator-more" node_ref=below></div>
        </div>
    }
}

/// The answer, or why there is none yet.
fn answer_view(state: EstimatorState) -> impl IntoView {
    let today = state.today;
    move || match state.plan.get() {
        None => {
            view! { <p class="answer-waiting">"请先把上面的日期和天数填写正确。"</p> }.into_any()
        }
        Some(Err(_)) => view! {
            <p class="field-error" role="alert">
                {format!("日期超出了能计算的范围（{FIRST_YEAR}–{LAST_YEAR}年）")}
            </p>
        }
        .into_any(),
        Some(Ok(plan)) => view! { <QueryAnswer plan today /> }.into_any(),
    }
}
