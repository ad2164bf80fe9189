//! Starts the tools: each is mounted into its place in the static page (`index.html`).
//!
//! The estimator answers first, and no step of the start blocks the page for long: the
//! WebAssembly's start, the tools' state, the estimator, the timeline and the enquiry form each
//! run in a task of their own, and the page gets the main thread back (to paint, and to take a
//! tap) between them. As one task, the start blocked a phone with a 4x slower CPU for 250–400 ms
//! (`tools/bench-startup.mjs`); split, the longest task is about 100 ms.

use any_spawner::Executor;
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ui::enquiry::{page_settings, Enquiry};
use crate::ui::estimator::{Estimator, EstimatorState};
use crate::ui::holidays::{HolidaySource, Holidays};
use crate::ui::timeline::{Timeline, TimelineCtx};
use crate::web::{clock, page};

/// Mounts every tool whose place exists in the page.
pub fn start() {
    page::install_panic_message();
    // The tools' state (and its effects) is created before the first mount, and effects run on
    // the executor; `mount_to` would set it up only when called.
    let _ = Executor::init_wasm_bindgen();
    // Each step below is a task of its own: the browser may paint and take a tap between them,
    // and no step blocks a slow phone for long (Lighthouse counts every task beyond 50 ms).
    spawn_local(async {
        let today = clock::today_in_china();
        // One root owner for all tools, kept for the life of the page, so tools share state.
        let root = Owner::new();
        page::next_task().await;
        let holidays = Holidays::new();
        let (estimator, timeline) = root.with(|| {
            let estimator = EstimatorState::start(today, holidays);
            let timeline = TimelineCtx::start(today, holidays, estimator.settled.into());
            (estimator, timeline)
        });
        page::next_task().await;
        root.with(|| {
            mount(
                "estimator-root",
                move || view! { <Estimator state=estimator /> },
            )
        });
        page::next_task().await;
        // The served holiday file, when newer than the built-in copy, replaces it in every tool.
        spawn_local(holidays.fetch(today));
        if let Some(line) = page::select("[data-holiday-source]") {
            line.set_inner_html("");
            root.with(|| {
                mount_to(line, move || view! { <HolidaySource holidays=holidays /> }).forget()
            });
        }
        root.with(|| mount("timeline-root", move || view! { <Timeline ctx=timeline /> }));
        page::next_task().await;
        root.with(|| {
            mount(
                "enquiry-root",
                move || view! { <Enquiry today=today settings=page_settings() /> },
            )
        });
        // The tools live as long as the page.
        std::mem::forget(root);
    });
}

/// Replaces the loading note in the element `id` with the tool and marks it ready.
fn mount<F, N>(id: &str, tool: F)
where
    F: FnOnce() -> N + 'static,
    N: IntoView + 'static,
{
    let Some(place) = page::element(id) else {
        return;
    };
    place.set_inner_html("");
    mount_to(place.clone(), tool).forget();
    let _ = place.set_attribute("data-ready", "");
}
