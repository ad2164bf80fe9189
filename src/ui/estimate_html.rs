//! The estimator's answer and its reasons as HTML text (see [`crate::ui::html`] for why).
//! Pure functions of the plan and today's date, tested on the host.

use chrono::{Datelike, NaiveDate};

use crate::ui::html::Html;
use fushen_domain::calendar::{
    Basis, DayInfo, DayKind, MonthGrid, Ranged, Unpublished, WorkingCalendar,
};
use fushen_domain::dates::{day_zh, iso, relative_zh, short_zh};
use fushen_domain::estimate::{explain, QueryPlan, Span, SpanKind, Status};
use fushen_domain::rules;

/// What the live region announces: the two dates that matter.
pub fn summary(p: &QueryPlan, today: NaiveDate) -> String {
    format!(
        "最早{}可以查，通常{}前能查到。",
        day_zh(p.earliest.likely, today),
        day_zh(p.with_sync.likely, today)
    )
}

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

/// One date of the answer: label, date with weekday, distance from today, note, range.
fn date_row(
    h: &mut Html,
    label: &str,
    note: &str,
    testid: &str,
    r: &Ranged<NaiveDate>,
    today: NaiveDate,
) {
    h.open("li", &[("class", "answer-row")]);
    h.element("span", &[("class", "answer-label")], label);
    h.open("span", &[("class", "answer-date")]);
    h.element(
        "time",
        &[("datetime", &iso(r.likely)), ("data-testid", testid)],
        &day_zh(r.likely, today),
    );
    h.close("span");
    h.element(
        "span",
        &[("class", "answer-relative")],
        &relative_zh(r.likely, today),
    );
    h.element("span", &[("class", "answer-note")], note);
    if !r.is_exact() {
        let range = format!(
            "放假安排未定，可能在{}至{}之间",
            short_zh(r.low, today),
            short_zh(r.high, today)
        );
        h.element("span", &[("class", "answer-range")], &range);
    }
    h.close("li");
}

/// The answer: status, progress, the dates, what is provisional, and when to check.
pub fn answer(p: &QueryPlan, today: NaiveDate) -> String {
    let a = p.assumptions;
    let end = a.usual + a.sync;
    let mut h = Html::new();
    let status_class = match p.status {
        Status::ExamAhead | Status::TooEarly => "status status-wait",
        Status::QueryNow => "status status-go",
        Status::Overdue => "status status-late",
    };
    h.element(
        "p",
        &[("class", status_class), ("data-testid", "query-status")],
        p.status.label(),
    );
    if p.status == Status::Overdue {
        h.open("p", &[("class", "overdue-help")])
            .text("超过时间还查不到，可能是批次延误或信息需要核对。")
            .element(
                "a",
                &[("href", "#enquiry"), ("data-enroll", "")],
                "在线咨询培训机构",
            )
            .close("p");
    }
    if p.status != Status::ExamAhead {
        let passed = p.passed.likely.min(end).to_string();
        h.open("div", &[("class", "progress")]);
        h.open(
            "progress",
            &[
                ("max", &end.to_string()),
                ("value", &passed),
                ("aria-labelledby", "progress-text"),
            ],
        );
        h.close("progress");
        let text = format!(
            "考后已过{}个工作日，通常第{}–{}个工作日能查到",
            p.passed.likely, a.earliest, end
        );
        h.element("p", &[("id", "progress-text")], &text);
        h.close("div");
    }
    h.open("ul", &[("class", "answer-list")]);
    date_row(
        &mut h,
        "最早可查",
        &format!("考后第{}个工作日", a.earliest),
        "query-earliest",
        &p.earliest,
        today,
    );
    date_row(
        &mut h,
        "通常可查",
        &format!("考后第{}个工作日", a.usual),
        "query-latest",
        &p.usual,
        today,
    );
    date_row(
        &mut h,
        "最晚（含平台同步）",
        &format!("再加{}个工作日", a.sync),
        "query-latest-sync",
        &p.with_sync,
        today,
    );
    if let Some(r) = &p.legal_deadline {
        let note = format!("受理后第{}个工作日", rules::AUTHORITY_WORKING_DAYS);
        date_row(&mut h, "法定办结期限", &note, "legal-deadline", r, today);
    }
    h.close("ul");
    if p.basis == Basis::Projected {
        let text = if p.unpublished.is_empty() {
            "这段时间所在年份的放假安排还没公布，但其中没有节假日，日期应不受影响。".to_string()
        } else {
            format!(
                "暂定：{}的放假安排还没公布，以上日期按法定假日推算，公布后可能前后变动几天。",
                unpublished_text(&p.unpublished)
            )
        };
        h.element(
            "p",
            &[("class", "provisional"), ("data-testid", "provisional")],
            &text,
        );
    }
    if p.legal_deadline.is_some() {
        h.element("p", &[("class", "caveat")], rules::RULES_CAVEAT);
    }
    h.open("div", &[("class", "checks")]);
    h.element("h2", &[("class", "minor")], "建议查询日");
    h.element(
        "p",
        &[],
        "每隔5到10个工作日查一次就够了，不用一天查很多遍。",
    );
    h.open(
        "ul",
        &[("class", "check-list"), ("data-testid", "check-dates")],
    );
    for d in &p.checks {
        let past = *d < today;
        h.open("li", if past { &[("class", "past")] } else { &[] });
        h.element("time", &[("datetime", &iso(*d))], &day_zh(*d, today));
        if past {
            h.text("（已过）");
        }
        h.close("li");
    }
    h.close("ul");
    h.open("p", &[])
        .text("在哪里查：应急管理部“特种作业操作证及安全生产知识和管理能力考核合格信息查询平台”或微信公众号“国家安全生产考试”，")
        .element("a", &[("href", "#guide-query")], "查询方法见指南")
        .text("。")
        .close("p");
    h.close("div");
    h.finish()
}

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

/// Why the dates are what they are: the days that do not count and the 班 days that do, as a
/// list and as month calendars.
pub fn reasons(p: &QueryPlan, today: NaiveDate) -> String {
    let calendar = WorkingCalendar::china();
    let mut h = Html::new();
    h.open("p", &[])
        .text("从考试后的第二天开始数工作日，考试当天（")
        .element("time", &[("datetime", &iso(p.exam))], &day_zh(p.exam, today))
        .text("）不算。周一到周五是工作日，但节假日放假不算；有些周末因调休要上班（“班”），照常算工作日。")
        .close("p");
    h.open("ul", &[("class", "span-list"), ("data-testid", "why-list")]);
    for s in explain(calendar, p.exam, p.with_sync.high).unwrap_or_default() {
        let makeup = matches!(s.kind, SpanKind::Makeup(_));
        h.element(
            "li",
            if makeup { &[("class", "makeup")] } else { &[] },
            &span_text(&s, today),
        );
    }
    h.close("ul");
    h.open("p", &[("class", "legend"), ("aria-hidden", "true")])
        .element("span", &[("class", "mark-exam")], "考")
        .text(" 考试日 ")
        .element("span", &[("class", "mark-rest")], "休")
        .text(" 不算工作日 ")
        .element("span", &[("class", "mark-work")], "班")
        .text(" 调休上班 ")
        .element("span", &[("class", "mark-window")], "\u{3000}")
        .text(" 查询时间段")
        .close("p");
    h.open("div", &[("class", "calendars")]);
    for grid in months(calendar, p) {
        month(&mut h, &grid, p, today);
    }
    h.close("div");
    h.finish()
}

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

/// One month as a table, Monday first: the exam day, the window and 休/班 marks, each day
/// described in full for screen readers.
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
                &describe(&day, plan, today),
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

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn plan(exam: NaiveDate, accepted: Option<NaiveDate>, today: NaiveDate) -> QueryPlan {
        QueryPlan::new(
            WorkingCalendar::china(),
            exam,
            accepted,
            Assumptions::default(),
            today,
        )
        .unwrap()
    }

    #[test]
    fn the_answer_carries_the_dates_as_time_elements() {
        let html = answer(
            &plan(d(2026, 9, 14), Some(d(2026, 9, 1)), d(2026, 10, 12)),
            d(2026, 10, 12),
        );
        assert!(html.contains(
            r#"<time datetime="2026-10-10" data-testid="query-earliest">10月10日 周六</time>"#
        ));
        assert!(html.contains(r#"<time datetime="2026-10-30" data-testid="query-latest">"#));
        assert!(html.contains(r#"<time datetime="2026-11-03" data-testid="query-latest-sync">"#));
        assert!(html.contains(r#"<time datetime="2026-09-29" data-testid="legal-deadline">"#));
        assert!(html.contains("可以开始查询"));
        assert!(html.contains(r#"<progress max="32" value="16""#));
        assert!(html.contains(rules::RULES_CAVEAT));
        assert!(!html.contains("provisional"));
    }

    #[test]
    fn provisional_answers_say_which_festival() {
        let html = answer(
            &plan(d(2026, 12, 21), None, d(2026, 11, 26)),
            d(2026, 11, 26),
        );
        assert!(html.contains("暂定：2027年元旦、春节的放假安排还没公布"));
        assert!(html.contains("放假安排未定，可能在"));
        assert!(html.contains("还没有考试"));
        assert!(!html.contains("<progress"));
    }

    #[test]
    fn the_reasons_list_and_calendar() {
        let p = plan(d(2026, 9, 14), None, d(2026, 11, 26));
        let html = reasons(&p, d(2026, 11, 26));
        assert!(
            html.contains("<li class=\"makeup\">9月20日 周日：调休上班（国庆节），照常计算</li>")
        );
        assert!(html.contains("<li>10月1日 周四 至 10月7日 周三（7天）：国庆节放假</li>"));
        assert_eq!(
            html.matches("<table class=\"month\">").count(),
            3,
            "September to November"
        );
        assert!(html.contains("<caption>2026年10月</caption>"));
        assert!(html.contains("10月10日 周六，调休上班（国庆节），最早可查"));
        // Every day of the three months is described once.
        assert_eq!(
            html.matches("<span class=\"sr-only\">").count(),
            30 + 31 + 30
        );
    }
}
