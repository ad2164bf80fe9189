//! The holiday file served next to the page (`static/cn-holidays.txt`, copied into `dist/`):
//! it is the built-in data too, staff can append a year to the served copy without a rebuild,
//! and a broken or stale copy is set aside with a reason.

use chrono::NaiveDate;
use fushen_domain::calendar::{
    Basis, CalendarChoice, DataProblem, Ignored, Origin, WorkingCalendar, DATA,
};
use fushen_domain::certificate::{CertificateKind, CertificateType};
use fushen_domain::estimate::{explain, Assumptions, QueryPlan};
use fushen_domain::timeline::model::{CertificateData, Cycle, EventData};
use fushen_domain::timeline::schedule::{plan_with, MilestoneKind, What};
use fushen_domain::timeline::{EventKind, Timeline};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

const TODAY: NaiveDate = match NaiveDate::from_ymd_opt(2026, 12, 9) {
    Some(date) => date,
    None => panic!(),
};

/// A made-up 2027 arrangement, in the file's format, as staff would append it once the State
/// Council publishes the real one. Its 元旦 break starts on Thu 2026-12-31, paid for by Sun
/// 2026-12-27.
const MADE_UP_2027: &str = "
2027 元旦 2026-12-31..01-03 2026-12-27
2027 春节 02-05..02-13 02-20
2027 清明节 04-03..04-05 -
2027 劳动节 05-01..05-05 04-25
2027 端午节 06-09 -
2027 中秋节 09-15 -
2027 国庆节 10-01..10-07 09-26,10-09
2027 通知 -
";

/// The served file after staff appended 2027 (and, with `as_of`, moved the 截至 date).
fn served_with_2027(as_of: Option<&str>) -> String {
    let text = format!("{DATA}{MADE_UP_2027}");
    match as_of {
        Some(date) => text.replace("截至 2026-12-02", &format!("截至 {date}")),
        None => text,
    }
}

#[test]
fn the_built_in_data_is_the_file_the_site_ships() {
    let shipped = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../static/cn-holidays.txt"
    ))
    .expect("static/cn-holidays.txt is there");
    assert_eq!(
        shipped, DATA,
        "one file: the page's fallback is the served file"
    );
}

#[test]
fn appending_2027_to_the_served_file_settles_an_estimate_across_new_year() {
    // Exam Thu 2026-12-10: the 15th working day falls in the last days of 2026, which 2027's
    // 元旦 arrangement may still change.
    let exam = d(2026, 12, 10);
    let before = CalendarChoice::choose(Some(DATA), TODAY);
    let plan_before =
        QueryPlan::new(before.calendar(), exam, None, Assumptions::default(), TODAY).unwrap();
    assert_eq!(plan_before.earliest.likely, d(2026, 12, 31));
    assert_eq!(plan_before.basis, Basis::Projected, "暂定");
    assert!(!plan_before.unpublished.is_empty());

    for as_of in [Some("2026-12-09"), None] {
        let after = CalendarChoice::choose(Some(&served_with_2027(as_of)), TODAY);
        assert_eq!(after.origin(), Origin::Served, "{as_of:?}");
        assert_eq!(after.ignored(), None);
        assert_eq!(after.years(), Some((2004, 2027)));
        let plan =
            QueryPlan::new(after.calendar(), exam, None, Assumptions::default(), TODAY).unwrap();
        // Thu 2026-12-31 is now a day off and Sun 12-27 a working day: one day earlier.
        assert_eq!(plan.earliest.likely, d(2026, 12, 30));
        assert!(plan.earliest.is_exact());
        assert_eq!(plan.basis, Basis::Official, "no longer 暂定");
        assert!(plan.unpublished.is_empty());
        let spans = explain(after.calendar(), exam, plan.with_sync.high).unwrap();
        assert!(spans.iter().all(|s| !s.provisional));
    }
}

#[test]
fn the_timeline_counts_with_the_chosen_calendar_too() {
    let mut timeline = Timeline::default();
    let id = timeline
        .add_certificate(CertificateData {
            kind: CertificateType::Listed(CertificateKind::FusionWelding),
            label: String::new(),
            first_issued: d(2021, 3, 1),
            valid_until: None,
            cycle: Cycle::Standard,
        })
        .unwrap();
    let exam = EventData {
        date: d(2026, 12, 10),
        kind: EventKind::Exam,
        note: String::new(),
    };
    timeline.add_event(id, exam).unwrap();
    let certificate = timeline.certificate(id).unwrap();
    let earliest = |calendar: &WorkingCalendar| {
        plan_with(calendar, certificate, TODAY, Assumptions::default())
            .items
            .iter()
            .find_map(|item| match item.what {
                What::Milestone {
                    kind: MilestoneKind::EarliestQuery,
                    range,
                } => Some((item.date, range)),
                _ => None,
            })
            .expect("an earliest query date")
    };
    let (date, range) = earliest(WorkingCalendar::china());
    assert_eq!(date, d(2026, 12, 31));
    assert!(range.is_some(), "projected: a range");
    let served = CalendarChoice::choose(Some(&served_with_2027(None)), TODAY);
    assert_eq!(earliest(served.calendar()), (d(2026, 12, 30), None));
}

#[test]
fn without_a_served_file_the_built_in_data_is_used_quietly() {
    let choice = CalendarChoice::choose(None, TODAY);
    assert_eq!(choice.origin(), Origin::Embedded);
    assert_eq!(choice.ignored(), Some(&Ignored::Unavailable));
    assert_eq!(choice.note(), None);
    assert_eq!(choice.as_of(), d(2026, 12, 2));
    assert_eq!(choice.years(), Some((2004, 2026)));
}

#[test]
fn an_older_served_file_gives_way_quietly() {
    // A copy cached before the last build: older as-of, fewer years.
    let old = DATA.replace("截至 2026-12-02", "截至 2025-11-20");
    let choice = CalendarChoice::choose(Some(&old), TODAY);
    assert_eq!(choice.origin(), Origin::Embedded);
    assert_eq!(
        choice.ignored(),
        Some(&Ignored::Older {
            served: d(2025, 11, 20),
            embedded: d(2026, 12, 2)
        })
    );
    assert_eq!(choice.note(), None);
}

#[test]
fn a_broken_served_file_is_set_aside_with_a_visible_note() {
    let broken = served_with_2027(Some("2026-12-09")).replace(
        "2027 国庆节 10-01..10-07 09-26,10-09",
        "2027 国庆节 10-01..10-07 09-27,10-09",
    );
    let choice = CalendarChoice::choose(Some(&broken), TODAY);
    assert_eq!(choice.origin(), Origin::Embedded);
    assert_eq!(choice.years(), Some((2004, 2026)));
    let Some(Ignored::Invalid(e)) = choice.ignored() else {
        panic!("{:?}", choice.ignored());
    };
    assert_eq!(e.problem, DataProblem::WeekdayAsWork(d(2027, 9, 27)));
    let line = broken
        .lines()
        .position(|l| l.starts_with("2027 国庆节"))
        .unwrap()
        + 1;
    assert_eq!(e.line, Some(line));
    let note = choice.note().expect("a visible note");
    assert_eq!(
        note,
        format!(
            "网站上的节假日数据文件有误，没有采用（第{line}行：2027年9月27日是周一，不是周末，不能写成调休上班）。现在按页面自带的数据计算，收录到2026年。"
        )
    );
    // An HTML page where the file should be (a host answering 200 with its index for any path).
    let html = CalendarChoice::choose(Some("<!doctype html>\n<html>"), TODAY);
    assert!(matches!(html.ignored(), Some(Ignored::Invalid(_))));
    assert!(html.note().unwrap().contains("第1行"));
}

#[test]
fn an_as_of_date_in_the_future_is_a_typo_and_is_set_aside() {
    let typo = served_with_2027(Some("2062-12-09"));
    let choice = CalendarChoice::choose(Some(&typo), TODAY);
    assert_eq!(choice.origin(), Origin::Embedded);
    assert_eq!(
        choice.ignored(),
        Some(&Ignored::FromTheFuture(d(2062, 12, 9)))
    );
    assert!(choice
        .note()
        .unwrap()
        .contains("截至日期2062年12月9日晚于今天"));
    // The same file is fine once its date has come.
    let fixed = served_with_2027(Some("2026-12-09"));
    assert_eq!(
        CalendarChoice::choose(Some(&fixed), TODAY).origin(),
        Origin::Served
    );
}

#[test]
fn the_footer_names_the_data_it_counts_with() {
    let embedded = CalendarChoice::embedded();
    assert_eq!(
        embedded.footer_text(),
        "工作日：按国务院办公厅每年发布的放假安排通知计算，已收录2004年至2026年，数据截至2026年12月2日。2027年及以后的安排尚未公布，先按法定节假日推算，标为“暂定”。"
    );
    let served = CalendarChoice::choose(Some(&served_with_2027(Some("2026-12-09"))), TODAY);
    let footer = served.footer_text();
    assert!(footer.contains("已收录2004年至2027年，数据截至2026年12月9日"));
    assert!(footer.contains("2028年及以后的安排尚未公布"));
}
