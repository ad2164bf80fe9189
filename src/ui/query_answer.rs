//! The estimator's answer: the query dates, where the user stands, and when to check.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::estimate::QueryPlan;
use crate::ui::estimate_html;

/// The answer for a plan, or what is missing to make one. The dates are written as one block
/// (see [`estimate_html::answer`]); the live region stays in place and announces the two dates
/// that matter when they change.
#[component]
pub fn QueryAnswer(
    /// The plan, `None` while an input is invalid, `Err` when it cannot be computed.
    plan: Memo<Option<Result<QueryPlan, String>>>,
    /// Today in China.
    today: NaiveDate,
) -> impl IntoView {
    let body = move || match plan.get() {
        None => "<p class=\"answer-waiting\">请先把上面的日期和天数填写正确。</p>".to_string(),
        Some(Err(message)) => format!(
            "<p class=\"field-error\" role=\"alert\">{}</p>",
            crate::ui::html::escape(&message)
        ),
        Some(Ok(p)) => estimate_html::answer(&p, today),
    };
    let summary = move || match plan.get() {
        Some(Ok(p)) => estimate_html::summary(&p, today),
        _ => String::new(),
    };
    view! {
        <div class="answer">
            <p class="sr-only" aria-live="polite" aria-atomic="true">{summary}</p>
            <div inner_html=body></div>
        </div>
    }
}
