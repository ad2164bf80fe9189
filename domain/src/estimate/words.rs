//! The estimator's fixed words, in one place: the tool shows them and the page's stand-in
//! (index.html, shown until the tool loads) repeats them, and a test keeps the two the same.

use chrono::NaiveDate;

use super::{Assumptions, QueryPlan};
use crate::dates::day_zh;
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

/// What the live region announces: the three dates, in the rows' words.
pub fn summary(plan: &QueryPlan, today: NaiveDate) -> String {
    format!(
        "最早{}可以查，通常{}能查到，偏慢时{}。",
        day_zh(plan.earliest.likely, today),
        day_zh(plan.usual.likely, today),
        day_zh(plan.with_sync.likely, today)
    )
}

/// Where to look the result up, before the link to the guide.
pub const WHERE_TO_QUERY: &str = "在哪里查：应急管理部“特种作业操作证及安全生产知识和管理能力考核合格信息查询平台”或微信公众号“国家安全生产考试”，";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::WorkingCalendar;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
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
