//! The tools that come after the estimator's first answer: the personal timeline, the enquiry
//! form and the footer's line on the holiday data, with the fetch of the served holiday file.
//!
//! [`mount_later_tools`] is a split point: everything only it reaches goes into a WebAssembly
//! module of its own, fetched when it is first called. A failed fetch (the network dropped right
//! after the first answer) is said in the tools' places and tried again when the phone is back
//! online; the estimator keeps working meanwhile.

use std::cell::Cell;
use std::rc::Rc;

use chrono::NaiveDate;
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::spawn_local;

use fushen_domain::estimate::Assumptions;

use super::mount;
use crate::ui::enquiry::{self, page_settings, Enquiry};
use crate::ui::estimator::{ReasonsModule, TimelineInlet};
use crate::ui::holidays::{HolidaySource, Holidays};
use crate::ui::timeline::{Timeline, TimelineCtx};
use crate::web::{events, page};

/// What the later tools share with the estimator.
#[derive(Clone)]
pub(super) struct Later {
    /// The page's root owner: the later tools live in it, beside the estimator.
    pub root: Owner,
    /// Today in China.
    pub today: NaiveDate,
    /// The working-day data, the estimator's.
    pub holidays: Holidays,
    /// The estimator's assumptions (its last valid ones), which the timeline counts with.
    pub assumptions: Signal<Assumptions>,
    /// Where the timeline takes the estimator's answer once it is there.
    pub inlet: TimelineInlet,
    /// The estimator's reasons panel, fetched once every tool is there (if not opened before).
    pub reasons: ReasonsModule,
}

/// Says what the places of the tools not yet there show when their module did not arrive.
const NOT_LOADED: &str =
    "时间线和咨询表没有加载成功。请检查网络：网络恢复后会自动再试，也可以刷新页面。";

/// Fetches the later tools' module and mounts them; on failure, says so and tries again each
/// time the phone comes back online.
pub(super) fn start(later: Later) {
    let loading = Rc::new(Cell::new(false));
    let attempt = Rc::new(move || {
        if loading.replace(true) {
            return;
        }
        let later = later.clone();
        let loading = loading.clone();
        spawn_local(async move {
            if mount_later_tools(later).await.is_err() {
                page::show_in_unready_tool_areas(NOT_LOADED);
                loading.set(false);
            }
        });
    });
    attempt();
    let again = attempt.clone();
    events::on_online(move || again());
}

/// The split point: everything only [`mount_later_tools_now`] reaches goes into the later
/// tools' module.
#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(later_tools, wasm_split_path = leptos::wasm_split, fallible)]
fn mount_later_tools(later: Later) -> Result<(), leptos::wasm_split::SplitLoaderError> {
    mount_later_tools_now(later);
    Ok(())
}

/// Without the split step, the later tools are in the one module.
#[cfg(not(feature = "split"))]
async fn mount_later_tools(later: Later) -> Result<(), std::convert::Infallible> {
    mount_later_tools_now(later);
    Ok(())
}

/// Starts the timeline (and connects it to the estimator), then mounts it, starts the enquiry
/// form's state, mounts the form and the footer's line, each in a task of its own (the tools
/// first); then asks for the reasons panel's module.
fn mount_later_tools_now(later: Later) {
    let Later {
        root,
        today,
        holidays,
        assumptions,
        inlet,
        reasons,
    } = later;
    spawn_local(async move {
        // Each step a task of its own: none blocks a slow phone for long. The first waits for
        // the task that brought the module in (its instantiation) to end.
        page::next_task().await;
        let timeline = root.with(|| {
            let timeline = TimelineCtx::start(today, holidays, assumptions);
            inlet.connect(timeline);
            timeline
        });
        page::next_task().await;
        root.with(|| mount("timeline-root", move || view! { <Timeline ctx=timeline /> }));
        page::next_task().await;
        let enquiry = root.with(|| enquiry::start(today, page_settings()));
        page::next_task().await;
        root.with(|| mount("enquiry-root", move || view! { <Enquiry ctx=enquiry /> }));
        page::next_task().await;
        // The served holiday file, when newer than the built-in copy, replaces it in every tool.
        spawn_local(holidays.fetch(today));
        if let Some(line) = page::select("[data-holiday-source]") {
            line.set_inner_html("");
            root.with(|| {
                mount_to(line, move || view! { <HolidaySource holidays=holidays /> }).forget()
            });
        }
        // The tools live as long as the page.
        std::mem::forget(root);
        page::next_task().await;
        reasons.fetch();
    });
}
