//! Why the dates are what they are: the days that do not count and the 班 days that do, as a
//! list and as month calendars. Worked out only while the panel is open.

use chrono::NaiveDate;
use leptos::prelude::*;

use fushen_domain::calendar::CalendarError;
use fushen_domain::dates::{day_zh, iso};
use fushen_domain::estimate::messages::{self, REASONS_INTRO};
use fushen_domain::estimate::{explain, QueryPlan, SpanKind};

use super::month_tables::month_tables;
use crate::ui::holidays::Holidays;

/// The reasons for one plan: the counting rule, every run of days off and 班 days, a legend and
/// the month calendars.
#[component]
fn Reasons(
    /// The plan.
    plan: QueryPlan,
    /// The working-day data the plan was counted with.
    holidays: Holidays,
    /// Today in China.
    today: NaiveDate,
) -> impl IntoView {
    let (spans, months) = holidays.with_untracked(|calendar| {
        (
            explain(calendar, plan.exam, plan.with_sync.high).unwrap_or_default(),
            month_tables(calendar, &plan, today),
        )
    });
    let spans = spans
        .into_iter()
        .map(|s| {
            let makeup = matches!(s.kind, SpanKind::Makeup(_));
            view! { <li class:makeup=makeup>{messages::span(&s, today)}</li> }
        })
        .collect_view();
    view! {
        <p>
            {REASONS_INTRO.0}
            <time datetime=iso(plan.exam)>{day_zh(plan.exam, today)}</time>
            {REASONS_INTRO.1}
        </p>
        <ul class="span-list" data-testid="why-list">{spans}</ul>
        <p class="legend" aria-hidden="true">
            <span class="mark-exam">"考"</span>" 考试日 "
            <span class="mark-rest">"休"</span>" 不算工作日 "
            <span class="mark-work">"班"</span>" 调休上班 "
            <span class="mark-window">"\u{3000}"</span>" 查询时间段"
        </p>
        <div class="calendars" inner_html=months></div>
    }
}

/// The collapsible "为什么是这些日期？" panel.
#[component]
pub fn WhyDates(
    /// The answer, when there is one.
    plan: Memo<Option<Result<QueryPlan, CalendarError>>>,
    /// The working-day data in use.
    holidays: Holidays,
    /// Today in China.
    today: NaiveDate,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let body = move || {
        if !open.get() {
            return None;
        }
        Some(match plan.get() {
            Some(Ok(plan)) => view! { <Reasons plan holidays today /> }.into_any(),
            _ => view! { <p>"填好考试日期后，这里会列出期间的周末、节假日和调休。"</p> }.into_any(),
        })
    };
    view! {
        <details
            class="why"
            id="est-why"
            on:toggle=move |ev| open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())
        >
            <summary>"为什么是这些日期？"</summary>
            <div id="est-why-body">{body}</div>
        </details>
    }
}
