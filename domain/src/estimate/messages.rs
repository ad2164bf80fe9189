//! Every sentence the estimator shows, in one place: the dates' labels and notes, the spoken
//! summary, progress, ranges, what is provisional, the reasons, how each calendar day is
//! described to screen readers, and the fixed words that the page's stand-in (index.html, shown
//! until the tool loads) repeats — a test (`tests/page.rs`) keeps the two the same.

use chrono::NaiveDate;

use crate::calendar::{Basis, DayInfo, DayKind, Ranged, Unpublished};
use crate::dates::{day_zh, short_zh};
use crate::estimate::{Assumptions, QueryPlan, Span};
use crate::rules;

/// The first answer row: the earliest query date.
pub const EARLIEST_LABEL: &str = "最早可查";
/// The second: the date by which the result is usually queryable.
pub const USUAL_LABEL: &str = "通常可查";
/// The third: the usual date plus the platform's batch sync. The slower case, not a latest
/// date: nothing in the process guarantees one.
pub const SLOW_LABEL: &str = "偏慢时（含平台同步）";
/// The fourth, when the acceptance date is known: Art. 24's deadline.
pub const DEADLINE_LABEL: &str = "发证机关办结期限";

/// The note under the first two rows: 考后第15个工作日.
pub fn after_exam_note(working_days: u32) -> String {
    format!("考后第{working_days}个工作日")
}

/// The note under the third row: 再加2个工作日.
pub fn sync_note(working_days: u32) -> String {
    format!("再加{working_days}个工作日")
}

/// The note under the fourth row: 受理后第20个工作日.
pub fn deadline_note() -> String {
    format!("受理后第{}个工作日", rules::AUTHORITY_WORKING_DAYS)
}

/// The hint under the acceptance date.
pub const ACCEPTED_HINT: &str = "复审申请被受理的日期，填了可算出发证机关的办结期限。";

/// Said on the answer itself, under the dates: they are an estimate, and from what.
pub const ESTIMATE_NOTE: &str =
    "这些日期是估计：天数来自培训机构的经验，不是法定期限，可以在“估算依据”里改。";

/// Where the defaults come from, in the assumptions' panel.
pub fn assumptions_note(defaults: Assumptions) -> String {
    format!(
        "默认的{}/{}/{}个工作日，是培训机构在网上公布的经验时间，不是法定期限；别处说法不一，{}。你的培训机构给的天数不同，可以在这里改。",
        defaults.earliest,
        defaults.usual,
        defaults.sync,
        rules::OTHER_QUOTED_WAITS
    )
}

/// Where to look the result up, before the link to the guide.
pub const WHERE_TO_QUERY: &str = "在哪里查：应急管理部“特种作业操作证及安全生产知识和管理能力考核合格信息查询平台”或微信公众号“国家安全生产考试”，";

/// One date of the answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Row {
    /// The earliest query date.
    Earliest,
    /// The date by which the result is usually queryable.
    Usual,
    /// The usual date plus the platform's batch sync: the slower case.
    WithSync,
    /// The authority's legal deadline after acceptance.
    LegalDeadline,
}

impl Row {
    /// The rows a plan shows, with their dates, in order.
    pub fn of(plan: &QueryPlan) -> Vec<(Row, &Ranged<NaiveDate>)> {
        let mut rows = vec![
            (Row::Earliest, &plan.earliest),
            (Row::Usual, &plan.usual),
            (Row::WithSync, &plan.with_sync),
        ];
        if let Some(deadline) = &plan.legal_deadline {
            rows.push((Row::LegalDeadline, deadline));
        }
        rows
    }

    /// The row's label.
    pub fn label(self) -> &'static str {
        match self {
            Row::Earliest => EARLIEST_LABEL,
            Row::Usual => USUAL_LABEL,
            Row::WithSync => SLOW_LABEL,
            Row::LegalDeadline => DEADLINE_LABEL,
        }
    }

    /// What the date is counted from.
    pub fn note(self, plan: &QueryPlan) -> String {
        let a = plan.assumptions;
        match self {
            Row::Earliest => after_exam_note(a.earliest),
            Row::Usual => after_exam_note(a.usual),
            Row::WithSync => sync_note(a.sync),
            Row::LegalDeadline => deadline_note(),
        }
    }
}

/// What the live region announces: the three dates, in the rows' words.
pub fn summary(plan: &QueryPlan, today: NaiveDate) -> String {
    format!(
        "最早{}可以查，通常{}能查到，偏慢时{}。",
        day_zh(plan.earliest.likely, today),
        day_zh(plan.usual.likely, today),
        day_zh(plan.with_sync.likely, today)
    )
}

/// The progress line: working days passed, and the usual window.
pub fn progress(plan: &QueryPlan) -> String {
    let a = plan.assumptions;
    format!(
        "考后已过{}个工作日，通常第{}–{}个工作日能查到",
        plan.passed.likely,
        a.earliest,
        a.usual + a.sync
    )
}

/// The range of a date that an unpublished arrangement may still move.
pub fn range(date: &Ranged<NaiveDate>, today: NaiveDate) -> Option<String> {
    (!date.is_exact()).then(|| {
        format!(
            "放假安排未定，可能在{}至{}之间",
            short_zh(date.low, today),
            short_zh(date.high, today)
        )
    })
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

/// What is provisional about the plan, when something is.
pub fn provisional(plan: &QueryPlan) -> Option<String> {
    if plan.basis != Basis::Projected {
        return None;
    }
    Some(if plan.unpublished.is_empty() {
        "这段时间所在年份的放假安排还没公布，但其中没有节假日，日期应不受影响。".to_string()
    } else {
        format!(
            "暂定：{}的放假安排还没公布，以上日期按法定假日推算，公布后可能前后变动几天。",
            unpublished_text(&plan.unpublished)
        )
    })
}

/// Shown when the status is overdue, before the link to the enquiry form.
pub const OVERDUE_HELP: &str = "超过时间还查不到，可能是批次延误或信息需要核对。";

/// How often to check.
pub const CHECK_ADVICE: &str = "每隔5到10个工作日查一次就够了，不用一天查很多遍。";

/// The first line of the reasons, around the exam date.
pub const REASONS_INTRO: (&str, &str) = (
    "从考试后的第二天开始数工作日，考试当天（",
    "）不算。周一到周五是工作日，但节假日放假不算；有些周末因调休要上班（“班”），照常算工作日。",
);

/// A run of days in the reasons: when, and why.
pub fn span(span: &Span, today: NaiveDate) -> String {
    let when = if span.first == span.last {
        day_zh(span.first, today)
    } else {
        format!(
            "{} 至 {}（{}天）",
            day_zh(span.first, today),
            day_zh(span.last, today),
            span.days()
        )
    };
    let provisional = if span.provisional { "（暂定）" } else { "" };
    format!("{when}：{}{provisional}", span.reason())
}

/// A calendar day in full, for screen readers: its date, its kind, and which date of the plan it
/// is.
pub fn day(day: &DayInfo, plan: &QueryPlan, today: NaiveDate) -> String {
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
        (plan.earliest.likely, Row::Earliest.label()),
        (plan.usual.likely, Row::Usual.label()),
        (plan.with_sync.likely, Row::WithSync.label()),
        (today, "今天"),
    ] {
        if date == day.date {
            parts.push(label.to_string());
        }
    }
    parts.join("，")
}

/// The assumptions' summary line, from the counts as typed.
pub fn assumptions_summary(earliest: &str, usual: &str, sync: &str) -> String {
    format!("估算依据：考后第{earliest}/{usual}个工作日，另加{sync}个工作日平台同步（可修改）")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::WorkingCalendar;
    use crate::estimate::{explain, Assumptions};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn plan(exam: NaiveDate, accepted: Option<NaiveDate>, today: NaiveDate) -> QueryPlan {
        let calendar = WorkingCalendar::china();
        QueryPlan::new(calendar, exam, accepted, Assumptions::default(), today).unwrap()
    }

    #[test]
    fn rows_labels_and_notes() {
        let p = plan(d(2026, 9, 14), Some(d(2026, 9, 1)), d(2026, 10, 12));
        let rows: Vec<(Row, String)> = Row::of(&p).iter().map(|(r, _)| (*r, r.note(&p))).collect();
        assert_eq!(
            rows,
            vec![
                (Row::Earliest, "考后第15个工作日".to_string()),
                (Row::Usual, "考后第30个工作日".to_string()),
                (Row::WithSync, "再加2个工作日".to_string()),
                (Row::LegalDeadline, "受理后第20个工作日".to_string()),
            ]
        );
        assert_eq!(
            Row::of(&plan(d(2026, 9, 14), None, d(2026, 10, 12))).len(),
            3
        );
        assert_eq!(
            progress(&p),
            "考后已过16个工作日，通常第15–32个工作日能查到"
        );
        assert_eq!(
            summary(&p, d(2026, 10, 12)),
            "最早10月10日 周六可以查，通常10月30日 周五能查到，偏慢时11月3日 周二。"
        );
        assert_eq!(provisional(&p), None);
        assert_eq!(range(&p.earliest, d(2026, 10, 12)), None);
    }

    #[test]
    fn provisional_plans_say_which_festival_and_the_range() {
        let p = plan(d(2026, 12, 21), None, d(2026, 11, 26));
        assert!(provisional(&p)
            .unwrap()
            .starts_with("暂定：2027年元旦、春节的放假安排还没公布"));
        assert!(range(&p.usual, d(2026, 11, 26))
            .unwrap()
            .starts_with("放假安排未定，可能在"));
    }

    #[test]
    fn reasons_and_days_in_words() {
        let today = d(2026, 11, 26);
        let p = plan(d(2026, 9, 14), None, today);
        let spans = explain(WorkingCalendar::china(), p.exam, p.with_sync.high).unwrap();
        let words: Vec<String> = spans.iter().map(|s| span(s, today)).collect();
        assert!(words.contains(&"9月20日 周日：调休上班（国庆节），照常计算".to_string()));
        assert!(words.contains(&"10月1日 周四 至 10月7日 周三（7天）：国庆节放假".to_string()));
        let october_10 = WorkingCalendar::china().day(d(2026, 10, 10)).unwrap();
        assert_eq!(
            day(&october_10, &p, today),
            "10月10日 周六，调休上班（国庆节），最早可查"
        );
        assert_eq!(
            assumptions_summary("15", "30", "2"),
            "估算依据：考后第15/30个工作日，另加2个工作日平台同步（可修改）"
        );
    }

    #[test]
    fn no_row_promises_a_latest_date() {
        for label in [EARLIEST_LABEL, USUAL_LABEL, SLOW_LABEL, DEADLINE_LABEL] {
            assert!(!label.contains("最晚"), "{label}");
        }
        assert!(!summary_of_2026_09_14().contains("最晚"));
    }

    fn summary_of_2026_09_14() -> String {
        let plan = QueryPlan::new(
            WorkingCalendar::china(),
            d(2026, 9, 14),
            None,
            Assumptions::default(),
            d(2026, 9, 14),
        )
        .unwrap();
        summary(&plan, d(2026, 9, 14))
    }

    #[test]
    fn the_summary_names_each_row_with_its_date() {
        assert_eq!(
            summary_of_2026_09_14(),
            "最早10月10日 周六可以查，通常10月30日 周五能查到，偏慢时11月3日 周二。"
        );
    }

    #[test]
    fn the_defaults_are_called_what_they_are() {
        let note = assumptions_note(Assumptions::default());
        assert!(note.starts_with("默认的15/30/2个工作日"));
        assert!(note.contains("不是法定期限"));
        assert!(
            !note.contains("衡阳"),
            "no claim about one city's institutions"
        );
        assert!(ESTIMATE_NOTE.contains("估计") && ESTIMATE_NOTE.contains("不是法定期限"));
        assert_eq!(after_exam_note(15), "考后第15个工作日");
        assert_eq!(sync_note(2), "再加2个工作日");
        assert_eq!(deadline_note(), "受理后第20个工作日");
    }
}
