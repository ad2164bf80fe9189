//! The month calendars of the reasons panel, as HTML text.
//!
//! This is the one block of the estimator written as text rather than as views: up to fourteen
//! tables of some thirty cells each, read-only and rebuilt whole whenever the plan changes. As
//! views, each cell would be a reactive node kept for nothing; as text it is one `inner_html`.
//! Everything inserted goes through the escaping writer ([`crate::ui::html::Html`]).

use chrono::{Datelike, NaiveDate};

use fushen_domain::calendar::{DayKind, MonthGrid, WorkingCalendar};
use fushen_domain::dates::iso;
use fushen_domain::estimate::messages;
use fushen_domain::estimate::QueryPlan;

use crate::ui::html::Html;

/// The months from the exam to the last possible query date (at most 14).
fn months(calendar: &WorkingCalendar, plan: &QueryPlan) -> Vec<MonthGrid> {
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

/// Every month of the plan's span as a table, Monday first.
pub fn month_tables(calendar: &WorkingCalendar, plan: &QueryPlan, today: NaiveDate) -> String {
    let mut h = Html::new();
    for grid in months(calendar, plan) {
        month(&mut h, &grid, plan, today);
    }
    h.finish()
}

/// One month: the exam day, the window and 休/班 marks, each day described in full for screen
/// readers.
fn month(h: &mut Html, grid: &MonthGrid, plan: &QueryPlan, today: NaiveDate) {
    let window = (plan.earliest.likely, plan.with_sync.likely);
    h.open("table", &[("class", "month")]);
    h.element("caption", &[], &format!("{}年{}月", grid.year, grid.month));
    h.open("thead", &[]).open("tr", &[]);
    for d in ["一", "二", "三", "四", "五", "六", "日"] {
        h.element("th", &[("scope", "col"), ("abbr", &format!("星期{d}"))], d);
    }
    h.close("tr").close("thead").open("tbody", &[]);
    for week in grid.weeks() {
        h.open("tr", &[]);
        for cell in week {
            let Some(day) = cell else {
                h.element("td", &[("class", "blank")], "");
                continue;
            };
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
            h.open("td", &[("class", &class)])
                .open("time", &[("datetime", &iso(day.date))]);
            h.element(
                "span",
                &[("class", "sr-only")],
                &messages::day(&day, plan, today),
            );
            h.element(
                "span",
                &[("aria-hidden", "true"), ("class", "day-number")],
                &day.date.day().to_string(),
            );
            h.element(
                "span",
                &[("aria-hidden", "true"), ("class", "day-mark")],
                mark,
            );
            h.close("time").close("td");
        }
        h.close("tr");
    }
    h.close("tbody").close("table");
}

#[cfg(test)]
mod tests {
    use super::*;
    use fushen_domain::estimate::Assumptions;

    #[test]
    fn three_months_with_every_day_described_once() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let calendar = WorkingCalendar::china();
        let today = d(2026, 11, 26);
        let plan = QueryPlan::new(
            calendar,
            d(2026, 9, 14),
            None,
            Assumptions::default(),
            today,
        )
        .unwrap();
        let html = month_tables(calendar, &plan, today);
        assert_eq!(html.matches("<table class=\"month\">").count(), 3);
        assert!(html.contains("<caption>2026年10月</caption>"));
        assert!(html.contains("10月10日 周六，调休上班（国庆节），最早可查"));
        assert_eq!(
            html.matches("<span class=\"sr-only\">").count(),
            30 + 31 + 30
        );
        assert!(html.contains("<td class=\"rest work\"") || html.contains("<td class=\"work"));
    }
}
