//! "为什么是这些日期？": the days that do not count (and the 班 days that do) between the exam and
//! the end of the window, as a list and as month calendars. Collapsed until opened, and only
//! worked out while open.

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;

use crate::calendar::{MonthGrid, WorkingCalendar};
use crate::dates::{day_zh, iso};
use crate::estimate::{explain, QueryPlan, Span};
use crate::ui::month_calendar::MonthCalendar;

fn span_text(s: &Span, today: NaiveDate) -> String {
    let when = if s.first == s.last {
        day_zh(s.first, today)
    } else {
        format!(
            "{} 至 {}（{}天）",
            day_zh(s.first, today),
            day_zh(s.last, today),
            s.days()
        )
    };
    let provisional = if s.provisional { "（暂定）" } else { "" };
    format!("{when}：{}{provisional}", s.reason())
}

/// The months from the exam to the last possible query date.
fn months(plan: &QueryPlan) -> Vec<MonthGrid> {
    let calendar = WorkingCalendar::china();
    let (mut year, mut month) = (plan.exam.year(), plan.exam.month());
    let last = plan.with_sync.high;
    let mut out = Vec::new();
    while (year, month) <= (last.year(), last.month()) && out.len() < 14 {
        if let Ok(grid) = calendar.month(year, month) {
            out.push(grid);
        }
        (year, month) = if month == 12 {
            (year + 1, 1)
        } else {
            (year, month + 1)
        };
    }
    out
}

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
        let Some(Ok(p)) = plan.get() else {
            return view! { <p>"填好考试日期后，这里会列出期间的周末、节假日和调休。"</p> }
                .into_any();
        };
        let spans = explain(WorkingCalendar::china(), p.exam, p.with_sync.high).unwrap_or_default();
        let items: Vec<_> = spans.iter().map(|s| view! { <li class:makeup=matches!(s.kind, crate::estimate::SpanKind::Makeup(_))>{span_text(s, today)}</li> }).collect();
        let calendars: Vec<_> = months(&p)
            .into_iter()
            .map(|grid| view! { <MonthCalendar grid=grid plan=p.clone() today=today /> })
            .collect();
        view! {
            <p>
                "从考试第二天（" <time datetime=iso(p.exam)>{day_zh(p.exam, today)}</time>
                " 的下一天）开始数工作日，考试当天不算。周一到周五是工作日，但节假日放假不算；有些周末因调休要上班（“班”），照常算工作日。"
            </p>
            <ul class="span-list" data-testid="why-list">{items}</ul>
            <p class="legend" aria-hidden="true">
                <span class="mark-exam">"考"</span>" 考试日 "
                <span class="mark-rest">"休"</span>" 不算工作日 "
                <span class="mark-work">"班"</span>" 调休上班 "
                <span class="mark-window">"　"</span>" 查询时间段"
            </p>
            <div class="calendars">{calendars}</div>
        }
        .into_any()
    };
    view! {
        <details class="why" on:toggle=move |ev| open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
            <summary>"为什么是这些日期？"</summary>
            {move || open.get().then(body)}
        </details>
    }
}
