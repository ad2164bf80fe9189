//! The answer for one plan: where the user stands, the dates, what is provisional, and when to
//! check. Rebuilt whenever the plan changes, so it reads the plan as a plain value.

use chrono::NaiveDate;
use leptos::prelude::*;

use fushen_domain::calendar::Ranged;
use fushen_domain::dates::{day_zh, iso, relative_zh};
use fushen_domain::estimate::messages::{self, Row};
use fushen_domain::estimate::{QueryPlan, Status};
use fushen_domain::rules;

/// The `data-testid` of each row's date (the end-to-end tests find the dates by these).
fn test_id(row: Row) -> &'static str {
    match row {
        Row::Earliest => "query-earliest",
        Row::Usual => "query-latest",
        Row::WithSync => "query-latest-sync",
        Row::LegalDeadline => "legal-deadline",
    }
}

/// One date of the answer: label, date with weekday, distance from today, what it counts from,
/// and its range when an unpublished arrangement may move it.
#[component]
fn AnswerRow(
    /// Which date.
    row: Row,
    /// What it counts from.
    note: String,
    /// The date.
    date: Ranged<NaiveDate>,
    /// Today in China.
    today: NaiveDate,
) -> impl IntoView {
    view! {
        <li class="answer-row">
            <span class="answer-label">{row.label()}</span>
            <span class="answer-date">
                <time datetime=iso(date.likely) data-testid=test_id(row)>
                    {day_zh(date.likely, today)}
                </time>
            </span>
            <span class="answer-relative">{relative_zh(date.likely, today)}</span>
            <span class="answer-note">{note}</span>
            {messages::range(&date, today).map(|text| view! { <span class="answer-range">{text}</span> })}
        </li>
    }
}

/// Where the user stands, the dates, what is provisional, and the suggested check dates.
#[component]
pub fn QueryAnswer(
    /// The plan to show.
    plan: QueryPlan,
    /// Today in China.
    today: NaiveDate,
) -> impl IntoView {
    let status_class = match plan.status {
        Status::ExamAhead | Status::TooEarly => "status status-wait",
        Status::QueryNow => "status status-go",
        Status::Overdue => "status status-late",
    };
    let a = plan.assumptions;
    let end = a.usual + a.sync;
    let progress = (plan.status != Status::ExamAhead).then(|| {
        view! {
            <div class="progress">
                <progress
                    max=end.to_string()
                    value=plan.passed.likely.min(end).to_string()
                    aria-labelledby="progress-text"
                ></progress>
                <p id="progress-text">{messages::progress(&plan)}</p>
            </div>
        }
    });
    let rows = Row::of(&plan)
        .into_iter()
        .map(|(row, date)| {
            view! { <AnswerRow row note=row.note(&plan) date=date.clone() today /> }
        })
        .collect_view();
    let checks = plan
        .checks
        .iter()
        .map(|d| {
            let past = *d < today;
            view! {
                <li class:past=past>
                    <time datetime=iso(*d)>{day_zh(*d, today)}</time>
                    {past.then_some("（已过）")}
                </li>
            }
        })
        .collect_view();
    view! {
        <p class=status_class data-testid="query-status">{plan.status.label()}</p>
        {(plan.status == Status::Overdue).then(|| view! {
            <p class="overdue-help">
                {messages::OVERDUE_HELP}
                <a href="#enquiry" data-enroll="">"在线咨询培训机构"</a>
            </p>
        })}
        {progress}
        <ul class="answer-list">{rows}</ul>
        <p class="estimate-note">{messages::ESTIMATE_NOTE}</p>
        {messages::provisional(&plan).map(|text| view! {
            <p class="provisional" data-testid="provisional">{text}</p>
        })}
        {plan.legal_deadline.is_some().then(|| view! { <p class="caveat">{rules::RULES_CAVEAT}</p> })}
        <div class="checks">
            <h2 class="minor">"建议查询日"</h2>
            <p>{messages::CHECK_ADVICE}</p>
            <ul class="check-list" data-testid="check-dates">{checks}</ul>
            <p>{messages::WHERE_TO_QUERY}<a href="#guide-query">"查询方法见指南"</a>"。"</p>
        </div>
    }
}
