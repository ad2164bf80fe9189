//! "为什么是这些日期？": the days that do not count (and the 班 days that do) between the exam and
//! the end of the window, as a list and as month calendars. Collapsed until opened, and only
//! worked out while open.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::estimate::QueryPlan;
use crate::ui::estimate_html;

/// The reasons behind the dates, collapsed by default.
#[component]
pub fn WhyDates(
    /// The estimator's plan, when there is one.
    plan: Memo<Option<Result<QueryPlan, String>>>,
    /// Today in China.
    today: NaiveDate,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let body = move || {
        if !open.get() {
            return String::new();
        }
        match plan.get() {
            Some(Ok(p)) => estimate_html::reasons(&p, today),
            _ => "<p>填好考试日期后，这里会列出期间的周末、节假日和调休。</p>".to_string(),
        }
    };
    view! {
        <details class="why" on:toggle=move |ev| open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
            <summary>"为什么是这些日期？"</summary>
            <div inner_html=body></div>
        </details>
    }
}
