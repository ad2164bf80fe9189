//! The estimator: exam date in, query dates out.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::calendar::WorkingCalendar;
use crate::dates::{iso, long_zh, parse_iso, weekday_zh};

/// When can the review result be looked up, from the exam date.
#[component]
pub fn Estimator(
    /// Today in China.
    today: NaiveDate,
) -> impl IntoView {
    let (exam, set_exam) = signal(iso(today));
    let answer = Memo::new(move |_| {
        let date = parse_iso(&exam.get()).map_err(|e| e.message().to_string())?;
        let calendar = WorkingCalendar::china();
        let nth = |n| {
            calendar
                .add_working_days(date, n)
                .map(|a| a.likely)
                .map_err(|_| "这个日期超出了能计算的范围（2000–2050年）".to_string())
        };
        Ok::<_, String>((nth(15)?, nth(30)?))
    });
    let show = |date: NaiveDate| {
        view! { <time datetime=iso(date)>{format!("{}（{}）", long_zh(date), weekday_zh(date))}</time> }
    };
    view! {
        <label for="exam-date">"考试日期"</label>
        <input id="exam-date" type="date" prop:value=exam on:input=move |ev| set_exam.set(event_target_value(&ev)) />
        <div aria-live="polite">
            {move || match answer.get() {
                Ok((earliest, usual)) => view! {
                    <p>"最早可查（第15个工作日）：" <strong data-testid="query-earliest">{show(earliest)}</strong></p>
                    <p>"通常可查（第30个工作日）：" <strong data-testid="query-latest">{show(usual)}</strong></p>
                }.into_any(),
                Err(message) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
            }}
        </div>
    }
}
