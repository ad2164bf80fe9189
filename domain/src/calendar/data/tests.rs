//! The holiday file's checks: the built-in copy passes them, and each rule refuses the file that
//! breaks it, naming the line.

use super::*;
use crate::calendar::{DataProblem as P, Festival};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// The built-in file with `old` (a whole line) replaced by `new`.
fn edited(old: &str, new: &str) -> String {
    let lines: Vec<&str> = DATA.lines().collect();
    assert!(lines.contains(&old), "the file has the line {old}");
    lines
        .iter()
        .map(|l| if *l == old { new } else { l })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The 1-based number of the line `text` (exactly), in `file`.
fn line_of(file: &str, text: &str) -> usize {
    file.lines()
        .position(|l| l == text)
        .expect("the line is there")
        + 1
}

#[test]
fn the_built_in_file_passes_every_check() {
    let data = HolidayData::parse(DATA).expect("the built-in file is valid");
    assert_eq!(data.as_of(), d(2026, 12, 2));
    assert_eq!(data.years(), Some((2004, 2026)));
    assert_eq!(HolidayData::embedded().as_of(), data.as_of());
    for year in 2004..=2026 {
        assert!(data.arrangements().has_year(year), "{year}");
    }
}

#[test]
fn each_broken_rule_is_refused_with_its_line() {
    let cases: Vec<(String, &str, P)> = vec![
        (edited("格式 1", "格式 2"), "格式 2", P::UnknownFormat(2)),
        (
            edited("截至 2026-12-02", "截至 2024-12-31"),
            "截至 2024-12-31",
            P::AsOfTooEarly {
                as_of: d(2024, 12, 31),
                last_year: 2026,
            },
        ),
        (
            edited(
                "2026 国庆节 10-01..10-07 09-20,10-10",
                "2026 国庆节 10-02..10-07 09-20,10-10",
            ),
            "2026 国庆节 10-02..10-07 09-20,10-10",
            P::StatutoryDayNotOff {
                date: d(2026, 10, 1),
                festival: Festival::NationalDay,
            },
        ),
        (
            edited("2026 端午节 06-19..06-21 -", ""),
            "2026 国庆节 10-01..10-07 09-20,10-10",
            P::MissingFestival {
                year: 2026,
                festival: Festival::DragonBoat,
            },
        ),
        (
            edited("2026 端午节 06-19..06-21 -", "2026 端午节 06-20..06-21 -"),
            "2026 端午节 06-20..06-21 -",
            P::OnlyWeekendsOff,
        ),
        (
            edited(
                "2026 清明节 04-04..04-06 -",
                "2026 清明节 2025-04-04..04-06 -",
            ),
            "2026 清明节 2025-04-04..04-06 -",
            P::DayOutsideYear {
                date: d(2025, 4, 4),
                year: 2026,
            },
        ),
        (
            // 劳动节 now starts before the line above it: the order breaks there.
            edited("2026 清明节 04-04..04-06 -", "2026 清明节 05-06 -"),
            "2026 劳动节 05-01..05-05 05-09",
            P::OutOfOrder,
        ),
        (
            edited("2026 中秋节 09-25..09-27 -", "2026 中秋节 09-25..10-01 -"),
            "2026 国庆节 10-01..10-07 09-20,10-10",
            P::ListedTwice(d(2026, 10, 1)),
        ),
        (
            edited(
                "2026 通知 https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm",
                "",
            ),
            "2026 国庆节 10-01..10-07 09-20,10-10",
            P::NoNotice(2026),
        ),
        (
            format!("{DATA}2030 通知 -\n"),
            "2030 通知 -",
            P::NoticeWithoutYear(2030),
        ),
        (
            format!("{DATA}2051 元旦 01-02 -\n"),
            "2051 元旦 01-02 -",
            P::YearOutOfRange(2051),
        ),
        (format!("{DATA}格式 1\n"), "格式 1", P::HeaderTwice("格式")),
    ];
    for (text, line, problem) in cases {
        let e = HolidayData::parse(&text).expect_err(line);
        // A blank line replaced the removed one, so numbers still match the edited text.
        let expected_line = if line == "格式 1" {
            text.lines().count()
        } else {
            line_of(&text, line)
        };
        assert_eq!(e.problem, problem, "{line}");
        assert_eq!(e.line, Some(expected_line), "{problem:?}");
        assert!(e.message().starts_with(&format!("第{expected_line}行：")));
    }
}

#[test]
fn a_file_without_its_header_or_its_days_is_refused_as_a_whole() {
    for (text, problem) in [
        (edited("格式 1", ""), P::NoFormat),
        (edited("截至 2026-12-02", ""), P::NoAsOf),
        (
            "格式 1\n截至 2026-12-02\n# nothing yet\n".to_string(),
            P::Empty,
        ),
    ] {
        let e = HolidayData::parse(&text).unwrap_err();
        assert_eq!((e.line, e.problem), (None, problem));
    }
}

#[test]
fn merged_festivals_need_no_line_of_their_own() {
    // 2020: 中秋 (10-01) fell inside 国庆, and the notice gives it no line.
    let data = HolidayData::parse(DATA).unwrap();
    assert!(!DATA.lines().any(|l| l.starts_with("2020 中秋节")));
    assert_eq!(
        data.arrangements().day(d(2020, 10, 1)),
        Some(DayKind::Holiday(Festival::NationalDay))
    );
}

#[test]
fn messages_read_plainly() {
    let e = HolidayData::parse(&edited(
        "2026 国庆节 10-01..10-07 09-20,10-10",
        "2026 国庆节 10-01..10-07 09-21,10-10",
    ))
    .unwrap_err();
    assert_eq!(e.problem, P::WeekdayAsWork(d(2026, 9, 21)));
    assert!(e
        .message()
        .ends_with("2026年9月21日是周一，不是周末，不能写成调休上班"));
    assert_eq!(
        P::MissingFestival {
            year: 2027,
            festival: Festival::SpringFestival
        }
        .message(),
        "2027年缺少春节"
    );
}
