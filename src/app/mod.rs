//! Starts the tools: each is mounted into its place in the static page (`index.html`).
//!
//! The estimator answers first. Its code is the whole of the first WebAssembly module; the
//! timeline, the enquiry form and the footer's holiday line are a second module ([`later`]),
//! and the estimator's "为什么是这些日期？" panel a third (`ReasonsModule`), split off at build
//! time (`tools/fushen-wasm`, the way `cargo leptos --split` does) and run only once the
//! estimator has answered, so that they never delay that answer.
//!
//! No step of the start blocks the page for long: the WebAssembly's start, the holiday data, the
//! estimator's state, its answer, its form, the answer's view, what sits below the answer, then
//! each later tool run in a task of their own, and the page gets the main thread back (to
//! paint, and to take a tap) between them (`tools/bench-startup.mjs`).

mod later;

use any_spawner::Executor;
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::spawn_local;

use fushen_domain::calendar::HolidayData;

use crate::ui::estimator::{Estimator, EstimatorState, ReasonsModule, TimelineInlet};
use crate::ui::holidays::Holidays;
use crate::web::{clock, page};

/// Mounts every tool whose place exists in the page.
pub fn start() {
    page::install_panic_message();
    // The tools' state (and its effects) is created before the first mount, and effects run on
    // the executor; `mount_to` would set it up only when called.
    let _ = Executor::init_wasm_bindgen();
    spawn_local(async {
        let today = clock::today_in_china();
        // One root owner for all tools, kept for the life of the page, so tools share state.
        let root = Owner::new();
        page::next_task().await;
        // The built-in holiday data read, then the working-day calendar made from it.
        HolidayData::embedded();
        page::next_task().await;
        let holidays = Holidays::new();
        page::next_task().await;
        let (estimator, inlet, reasons) = root.with(|| {
            let inlet = TimelineInlet::provide();
            let reasons = ReasonsModule::provide();
            (EstimatorState::start(today, holidays), inlet, reasons)
        });
        page::next_task().await;
        // The answer (the working-day count) in a task of its own, then its view.
        estimator.plan.with_untracked(|_| ());
        page::next_task().await;
        // Built off the page, its form and a task later its answer, and put in its place with
        // the answer: no task of the start blocks a slow phone for long, and the page never
        // shows the form without its answer.
        let Some(built) = page::detached() else {
            return;
        };
        let (answered, on_answer) = page::once();
        let tool = built.clone();
        root.with(|| {
            mount_to(
                tool,
                move || view! { <Estimator state=estimator on_answer /> },
            )
            .forget()
        });
        answered.await;
        put("estimator-root", &built);
        // The answer is on the page; let the browser paint it before asking for the rest.
        page::next_task().await;
        later::start(later::Later {
            root,
            today,
            holidays,
            assumptions: estimator.settled.into(),
            inlet,
            reasons,
        });
    });
}

/// Replaces the loading note (or the note of a failed load) in the element `id` with what was
/// built in `built` (outside the page) and marks it ready.
fn put(id: &str, built: &web_sys::HtmlElement) {
    in_place(id, |place| {
        while let Some(node) = built.first_child() {
            let _ = place.append_child(&node);
        }
    });
}

/// Replaces the loading note (or the note of a failed load) in the element `id` with the tool
/// and marks it ready.
fn mount<F, N>(id: &str, tool: F)
where
    F: FnOnce() -> N + 'static,
    N: IntoView + 'static,
{
    in_place(id, |place| mount_to(place.clone(), tool).forget());
}

/// Empties the element `id`, fills it with `fill` and marks it ready.
fn in_place(id: &str, fill: impl FnOnce(&web_sys::HtmlElement)) {
    let Some(place) = page::element(id) else {
        return;
    };
    place.set_inner_html("");
    fill(&place);
    let _ = place.remove_attribute("data-failed");
    let _ = place.set_attribute("data-ready", "");
}
