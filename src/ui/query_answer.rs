//! The estimator's answer: the query dates, where the user stands, and when to check.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::calendar::{Basis, Ranged, Unpublished};
use crate::dates::{day_zh, iso, relative_zh, short_zh};
use crate::estimate::{QueryPlan, Status};
use crate::rules;

/// The unpublished festivals in words: 2027年元旦、春节.
fn unpublished_text(list: &[Unpublished]) -> String {
    let mut years: Vec<i32> = list.iter().map(|u| u.year).collect();
    years.dedup();
    years
        .iter()
        .map(|y| {
            let names: Vec<&str> = list
                .iter()
                .filter(|u| u.year == *y)
                .map(|u| u.festival.name())
                .collect();
            format!("{y}年{}", names.join("、"))
        })
        .collect::<Vec<_>>()
        .join("，")
}

/// One date of the answer, with its weekday, how far away it is, and its range when provisional.
fn date_row(
    label: &'static str,
    note: String,
    testid: &'static str,
    r: &Ranged<NaiveDate>,
    today: NaiveDate,
) -> impl IntoView {
    let range = (!r.is_exact()).then(|| {
        format!(
            "放假安排未定，可能在{}至{}之间",
            short_zh(r.low, today),
            short_zh(r.high, today)
        )
    });
    view! {
        <li class="answer-row">
            <span class="answer-label">{label}</span>
            <span class="answer-date">
                <time datetime=iso(r.likely) data-testid=testid>{day_zh(r.likely, today)}</time>
            </span>
            <span class="answer-relative">{relative_zh(r.likely, today)}</span>
            <span class="answer-note">{note}</span>
            {range.map(|t| view! { <span class="answer-range">{t}</span> })}
        </li>
    }
}

/// The answer for a plan, or what is missing to make one.
#[component]
pub fn QueryAnswer(
    /// The plan, `None` while an input is invalid, `Err` when it cannot be computed.
    plan: Memo<Option<Result<QueryPlan, String>>>,
    /// Today in China.
    today: NaiveDate,
) -> impl IntoView {
    view! {
        <div class="answer">
            {move || match plan.get() {
                None => view! { <p class="answer-waiting">"请先把上面的日期和天数填写正确。"</p> }.into_any(),
                Some(Err(message)) => view! { <p class="field-error" role="alert">{message}</p> }.into_any(),
                Some(Ok(p)) => answer(p, today).into_any(),
            }}
        </div>
    }
}

fn answer(p: QueryPlan, today: NaiveDate) -> impl IntoView {
    let a = p.assumptions;
    let end = a.usual + a.sync;
    let summary = format!(
        "最早{}可以查，通常{}前能查到。",
        day_zh(p.earliest.likely, today),
        day_zh(p.with_sync.likely, today)
    );
    let status_class = match p.status {
        Status::ExamAhead | Status::TooEarly => "status status-wait",
        Status::QueryNow => "status status-go",
        Status::Overdue => "status status-late",
    };
    let progress = (p.status != Status::ExamAhead).then(|| {
        view! {
            <div class="progress">
                <progress max=end value=p.passed.likely.min(end) aria-labelledby="progress-text"></progress>
                <p id="progress-text">
                    {format!("考后已过{}个工作日，通常第{}–{}个工作日能查到", p.passed.likely, a.earliest, end)}
                </p>
            </div>
        }
    });
    let provisional = (p.basis == Basis::Projected).then(|| {
        let text = if p.unpublished.is_empty() {
            "这段时间所在年份的放假安排还没公布，但其中没有节假日，日期应不受影响。".to_string()
        } else {
            format!(
                "暂定：{}的放假安排还没公布，以上日期按法定假日推算，公布后可能前后变动几天。",
                unpublished_text(&p.unpublished)
            )
        };
        view! { <p class="provisional" data-testid="provisional">{text}</p> }
    });
    let legal = p.legal_deadline.as_ref().map(|r| {
        date_row(
            "法定办结期限",
            format!("受理后第{}个工作日", rules::AUTHORITY_WORKING_DAYS),
            "legal-deadline",
            r,
            today,
        )
    });
    let checks: Vec<_> = p
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
        .collect();
    view! {
        <p class="sr-only" aria-live="polite" aria-atomic="true">{summary}</p>
        <p class=status_class data-testid="query-status">{p.status.label()}</p>
        {(p.status == Status::Overdue).then(|| view! {
            <p class="overdue-help">
                "超过时间还查不到，可能是批次延误或信息需要核对。"
                <a href="#enquiry" data-enroll>"在线咨询培训机构"</a>
            </p>
        })}
        {progress}
        <ul class="answer-list">
            {date_row("最早可查", format!("考后第{}个工作日", a.earliest), "query-earliest", &p.earliest, today)}
            {date_row("通常可查", format!("考后第{}个工作日", a.usual), "query-latest", &p.usual, today)}
            {date_row("最晚（含平台同步）", format!("再加{}个工作日", a.sync), "query-latest-sync", &p.with_sync, today)}
            {legal}
        </ul>
        {provisional}
        {p.legal_deadline.is_some().then(|| view! { <p class="caveat">{rules::RULES_CAVEAT}</p> })}
        <div class="checks">
            <h2 class="minor">"建议查询日"</h2>
            <p>"每隔5到10个工作日查一次就够了，不用一天查很多遍。"</p>
            <ul class="check-list" data-testid="check-dates">{checks}</ul>
            <p>
                "在哪里查：应急管理部“特种作业操作证及安全生产知识和管理能力考核合格信息查询平台”或微信公众号“国家安全生产考试”，"
                <a href="#guide-query">"查询方法见指南"</a>
                "。"
            </p>
        </div>
    }
}
