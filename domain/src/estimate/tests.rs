use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn plan(exam: NaiveDate, today: NaiveDate) -> QueryPlan {
    QueryPlan::new(
        WorkingCalendar::china(),
        exam,
        None,
        Assumptions::default(),
        today,
    )
    .unwrap()
}

#[test]
fn the_known_vector_and_its_window() {
    let p = plan(d(2026, 9, 14), d(2026, 9, 14));
    assert_eq!(p.earliest.likely, d(2026, 10, 10), "Sat 10-10 is a 班 day");
    assert_eq!(p.usual.likely, d(2026, 10, 30));
    assert_eq!(p.with_sync.likely, d(2026, 11, 3));
    assert_eq!(p.basis, Basis::Official);
    assert_eq!(p.status, Status::ExamAhead);
}

#[test]
fn table_of_exam_dates() {
    // (exam, earliest, usual, with sync), all within published years.
    let cases = [
        // An exam on a Saturday: the count starts on Monday.
        (
            d(2026, 3, 7),
            d(2026, 3, 27),
            d(2026, 4, 20),
            d(2026, 4, 22),
        ),
        // An exam on a Sunday.
        (
            d(2026, 3, 8),
            d(2026, 3, 27),
            d(2026, 4, 20),
            d(2026, 4, 22),
        ),
        // The day before the long 春节 break (02-15..23, 班 02-14 and 02-28); sync crosses 清明.
        (d(2026, 2, 13), d(2026, 3, 12), d(2026, 4, 2), d(2026, 4, 7)),
        // Just before 国庆 (10-01..07, 班 09-20 and 10-10).
        (
            d(2026, 9, 30),
            d(2026, 10, 27),
            d(2026, 11, 17),
            d(2026, 11, 19),
        ),
        // A break spanning the year end: 2025-12-31 and 元旦 01-01..03 with 班 Sun 01-04.
        (
            d(2025, 12, 31),
            d(2026, 1, 22),
            d(2026, 2, 12),
            d(2026, 2, 14),
        ),
    ];
    for (exam, earliest, usual, sync) in cases {
        let p = plan(exam, exam);
        assert_eq!(
            (p.earliest.likely, p.usual.likely, p.with_sync.likely),
            (earliest, usual, sync),
            "exam {exam}"
        );
        assert_eq!(p.basis, Basis::Official, "exam {exam}");
    }
}

#[test]
fn a_span_into_2027_is_provisional_and_names_the_festival() {
    // 30 working days after 2026-12-21 reach into February 2027: 元旦 and 春节 unpublished.
    let p = plan(d(2026, 12, 21), d(2026, 12, 21));
    assert_eq!(p.basis, Basis::Projected);
    assert!(!p.with_sync.is_exact());
    let names: Vec<&str> = p.unpublished.iter().map(|u| u.festival.name()).collect();
    assert!(names.contains(&"元旦"), "{names:?}");
    assert!(names.contains(&"春节"), "{names:?}");
    assert!(p.unpublished.iter().all(|u| u.year == 2027));
}

#[test]
fn status_follows_today() {
    let exam = d(2026, 9, 14);
    assert_eq!(plan(exam, d(2026, 9, 1)).status, Status::ExamAhead);
    assert_eq!(plan(exam, exam).status, Status::ExamAhead);
    assert_eq!(plan(exam, d(2026, 10, 9)).status, Status::TooEarly);
    assert_eq!(plan(exam, d(2026, 10, 10)).status, Status::QueryNow);
    assert_eq!(plan(exam, d(2026, 11, 3)).status, Status::QueryNow);
    assert_eq!(plan(exam, d(2026, 11, 4)).status, Status::Overdue);
    let p = plan(exam, d(2026, 10, 10));
    assert_eq!(p.passed.likely, 15);
    assert_eq!(p.progress_percent(), 15 * 100 / 32);
    assert_eq!(plan(exam, d(2027, 1, 4)).progress_percent(), 100);
    assert_eq!(plan(exam, exam).progress_percent(), 0);
}

#[test]
fn legal_deadline_is_20_working_days_after_acceptance() {
    let p = QueryPlan::new(
        WorkingCalendar::china(),
        d(2026, 9, 14),
        Some(d(2026, 9, 1)),
        Assumptions::default(),
        d(2026, 9, 14),
    )
    .unwrap();
    // 09-01 + 20 working days, with 班 Sun 09-20 counting and 中秋 09-25 (Fri) off: Tue 09-29.
    assert_eq!(p.legal_deadline.unwrap().likely, d(2026, 9, 29));
}

#[test]
fn check_dates_are_5_to_10_working_days_apart() {
    assert_eq!(check_counts(Assumptions::default()), vec![15, 24, 32]);
    for earliest in 1..=40 {
        for usual in earliest..=60 {
            for sync in 0..=5 {
                let counts = check_counts(Assumptions {
                    earliest,
                    usual,
                    sync,
                });
                assert_eq!(counts.first(), Some(&earliest));
                assert_eq!(counts.last(), Some(&(usual + sync)));
                for pair in counts.windows(2) {
                    let gap = pair[1] - pair[0];
                    let span = usual + sync - earliest;
                    assert!(
                        gap <= 10 && (gap >= 5 || span < 5),
                        "{earliest}/{usual}/{sync}: {counts:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn assumptions_are_checked() {
    assert_eq!(
        Assumptions::default().validate(),
        Ok(Assumptions::default())
    );
    let a = |earliest, usual, sync| {
        Assumptions {
            earliest,
            usual,
            sync,
        }
        .validate()
    };
    assert_eq!(a(0, 30, 2), Err(AssumptionError::EarliestTooSmall));
    assert_eq!(a(20, 10, 2), Err(AssumptionError::UsualBeforeEarliest));
    assert_eq!(a(10, 249, 2), Err(AssumptionError::TooLarge));
    assert_eq!(
        a(10, 10, 0),
        Ok(Assumptions {
            earliest: 10,
            usual: 10,
            sync: 0
        })
    );
    assert!(Assumptions::default().is_default());
}
