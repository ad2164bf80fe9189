//! One month of the estimator's span as a table: the exam day, the query window, and 休/班 marks,
//! each day with a full description for screen readers.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::calendar::{DayInfo, DayKind, MonthGrid};
use crate::dates::{day_zh, iso};
use crate::estimate::QueryPlan;

/// What a day is, in words, for screen readers.
fn describe(day: &DayInfo, plan: &QueryPlan, today: NaiveDate) -> String {
    let mut parts = vec![day_zh(day.date, today)];
    parts.push(match day.kind {
        DayKind::Workday => "工作日".to_string(),
        DayKind::Weekend => "周末".to_string(),
        DayKind::Holiday(f) => format!("{}放假", f.name()),
        DayKind::MakeupWorkday(f) => format!("调休上班（{}）", f.name()),
    });
    if day.uncertain.is_some() {
        parts.push("暂定".to_string());
    }
    for (date, label) in [
        (plan.exam, "考试日"),
        (plan.earliest.likely, "最早可查"),
        (plan.usual.likely, "通常可查"),
        (plan.with_sync.likely, "最晚（含平台同步）"),
        (today, "今天"),
    ] {
        if date == day.date {
            parts.push(label.to_string());
        }
    }
    parts.join("，")
}

/// A month grid, Monday first.
#[component]
pub fn MonthCalendar(
    /// The month to draw.
    grid: MonthGrid,
    /// The plan whose dates are marked.
    plan: QueryPlan,
    /// Today in China.
    today: NaiveDate,
) -> impl IntoView {
    let caption = format!("{}年{}月", grid.year, grid.month);
    let window = (plan.earliest.likely, plan.with_sync.likely);
    let rows: Vec<_> = grid
        .weeks()
        .into_iter()
        .map(|week| {
            let cells: Vec<_> = week
                .iter()
                .map(|cell| match cell {
                    None => view! { <td class="blank"></td> }.into_any(),
                    Some(day) => {
                        let mark = if day.date == plan.exam {
                            "考"
                        } else {
                            match day.kind {
                                DayKind::MakeupWorkday(_) => "班",
                                DayKind::Holiday(_) | DayKind::Weekend => "休",
                                DayKind::Workday => "",
                            }
                        };
                        let class = [
                            (!day.kind.is_working(), "rest"),
                            (matches!(day.kind, DayKind::MakeupWorkday(_)), "work"),
                            (day.date == plan.exam, "exam"),
                            (window.0 <= day.date && day.date <= window.1, "window"),
                            (day.date == today, "today"),
                            (day.uncertain.is_some(), "provisional"),
                        ]
                        .iter()
                        .filter(|(on, _)| *on)
                        .map(|(_, c)| *c)
                        .collect::<Vec<_>>()
                        .join(" ");
                        let number = chrono::Datelike::day(&day.date);
                        view! {
                            <td class=class>
                                <time datetime=iso(day.date)>
                                    <span class="sr-only">{describe(day, &plan, today)}</span>
                                    <span aria-hidden="true" class="day-number">{number}</span>
                                    <span aria-hidden="true" class="day-mark">{mark}</span>
                                </time>
                            </td>
                        }
                        .into_any()
                    }
                })
                .collect();
            view! { <tr>{cells}</tr> }
        })
        .collect();
    view! {
        <table class="month">
            <caption>{caption}</caption>
            <thead>
                <tr>
                    {["一", "二", "三", "四", "五", "六", "日"]
                        .map(|d| view! { <th scope="col" abbr=format!("星期{d}")>{d}</th> })}
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
