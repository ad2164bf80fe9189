//! The rules: due dates (3- and 6-year cycles, leap days), the 60-day window, statuses at their
//! boundary days, milestones and the next action.

use super::{cert, d, event};
use crate::calendar::WorkingCalendar;
use crate::certificate::CertificateKind::{FusionWelding, LowVoltage};
use crate::estimate::Assumptions;
use crate::timeline::dues::*;
use crate::timeline::model::{CertificateData, Cycle, EventData, EventKind, Timeline};
use crate::timeline::schedule::*;

fn plan_of(
    data: CertificateData,
    events: Vec<EventData>,
    today: chrono::NaiveDate,
) -> CertificatePlan {
    let t = Timeline::from_parts(vec![(data, events)]);
    plan(&t.certificates[0], today, Assumptions::default())
}

fn milestone_dates(p: &CertificatePlan, wanted: MilestoneKind) -> Vec<chrono::NaiveDate> {
    p.items
        .iter()
        .filter(|i| matches!(&i.what, What::Milestone { kind, .. } if *kind == wanted))
        .map(|i| i.date)
        .collect()
}

fn has_milestone(p: &CertificatePlan, pred: impl Fn(MilestoneKind) -> bool) -> Option<&Item> {
    p.items
        .iter()
        .find(|i| matches!(&i.what, What::Milestone { kind, .. } if pred(*kind)))
}

#[test]
fn years_from_29_february_land_on_28_february() {
    assert_eq!(add_years(d(2024, 2, 29), 3), d(2027, 2, 28));
    assert_eq!(add_years(d(2024, 2, 29), 6), d(2030, 2, 28));
    assert_eq!(add_years(d(2024, 2, 29), 4), d(2028, 2, 29));
    assert_eq!(add_years(d(2024, 2, 29), 12), d(2036, 2, 29));
    assert_eq!(add_years(d(2024, 2, 29), -3), d(2021, 2, 28));
    assert_eq!(add_years(d(2023, 3, 1), 1), d(2024, 3, 1));
    assert_eq!(add_years(d(2020, 5, 10), 0), d(2020, 5, 10));
    // Counted from the anchor, never year by year: the 12th year is 02-29 again.
    let leap = cert(FusionWelding, d(2024, 2, 29));
    assert_eq!(valid_until(&leap), d(2030, 2, 28));
    assert_eq!(
        due_dates(&leap, d(2037, 1, 1)),
        vec![
            d(2027, 2, 28),
            d(2030, 2, 28),
            d(2033, 2, 28),
            d(2036, 2, 29)
        ]
    );
}

#[test]
fn reviews_fall_every_3_years_from_the_validity_end() {
    let c = cert(FusionWelding, d(2020, 5, 10));
    assert_eq!(valid_until(&c), d(2026, 5, 10));
    assert_eq!(
        due_dates(&c, d(2030, 1, 1)),
        vec![d(2023, 5, 10), d(2026, 5, 10), d(2029, 5, 10)]
    );
    // A given 有效期至 (a re-issued card) is the anchor.
    let mut reissued = cert(FusionWelding, d(2018, 3, 1));
    reissued.valid_until = Some(d(2027, 8, 15));
    assert_eq!(
        due_dates(&reissued, d(2030, 12, 31)),
        vec![
            d(2018, 8, 15),
            d(2021, 8, 15),
            d(2024, 8, 15),
            d(2027, 8, 15),
            d(2030, 8, 15)
        ]
    );
    // Nothing on or before 初领日期; `until` is included.
    assert_eq!(due_dates(&c, d(2023, 5, 10)), vec![d(2023, 5, 10)]);
    assert_eq!(due_dates(&c, d(2023, 5, 9)), vec![]);
}

#[test]
fn the_6_year_switch_drops_mid_term_reviews_after_10_years_only() {
    // (初领日期, given 有效期至, cycle, until, the years of the due dates, all on 05-10)
    let cases = [
        (
            d(2010, 5, 10),
            None,
            Cycle::Standard,
            d(2035, 1, 1),
            vec![2013, 2016, 2019, 2022, 2025, 2028, 2031, 2034],
        ),
        // 3-yearly while under 10 years (2013, 2016, 2019), then every 6 years at the
        // validity ends.
        (
            d(2010, 5, 10),
            None,
            Cycle::Extended,
            d(2035, 1, 1),
            vec![2013, 2016, 2019, 2022, 2028, 2034],
        ),
        // Ten years reached between two reviews: the one after it is a validity end (F + 12).
        (
            d(2011, 5, 10),
            None,
            Cycle::Extended,
            d(2030, 1, 1),
            vec![2014, 2017, 2020, 2023, 2029],
        ),
        // A review exactly on the 10th anniversary already follows the 6-year rhythm.
        (
            d(2011, 5, 10),
            Some(d(2021, 5, 10)),
            Cycle::Extended,
            d(2028, 1, 1),
            vec![2012, 2015, 2018, 2021, 2027],
        ),
    ];
    for (first, valid, cycle, until, years) in cases {
        let mut c = cert(LowVoltage, first);
        c.valid_until = valid;
        c.cycle = cycle;
        let expected: Vec<_> = years.into_iter().map(|y| d(y, 5, 10)).collect();
        assert_eq!(
            due_dates(&c, until),
            expected,
            "{first} {valid:?} {cycle:?}"
        );
    }
}

#[test]
fn the_application_window_opens_60_days_before() {
    assert_eq!(window_opens(d(2023, 5, 10)), d(2023, 3, 11));
    assert_eq!(window_opens(d(2027, 4, 10)), d(2027, 2, 9));
    assert_eq!(
        window_opens(d(2028, 4, 10)),
        d(2028, 2, 10),
        "a leap year's February"
    );
}

#[test]
fn statuses_change_on_their_boundary_days() {
    // Due 2023-05-10; the window opens 2023-03-11; 即将逾期 from 30 days before.
    let c = cert(FusionWelding, d(2020, 5, 10));
    let at = |today| plan_of(c.clone(), vec![], today);
    let cases = [
        (d(2023, 3, 10), Status::Normal, "距申请窗口开启还有1天"),
        (d(2023, 3, 11), Status::WindowOpen, "距复审到期还有60天"),
        (d(2023, 4, 9), Status::WindowOpen, "距复审到期还有31天"),
        (d(2023, 4, 10), Status::DueSoon, "距复审到期还有30天"),
        (d(2023, 5, 10), Status::DueSoon, "今天到期"),
        (d(2023, 5, 11), Status::Overdue, "已逾期1天"),
    ];
    for (today, status, countdown) in cases {
        let p = at(today);
        assert_eq!(p.status, status, "{today}");
        assert_eq!(p.due, d(2023, 5, 10), "{today}");
        assert_eq!(p.countdown.message(today), countdown, "{today}");
    }
    assert_eq!(at(d(2023, 3, 10)).action, Action::ApplyFrom(d(2023, 3, 11)));
    assert_eq!(at(d(2023, 4, 10)).action, Action::ApplyBy(d(2023, 5, 10)));
    assert_eq!(
        at(d(2023, 4, 10)).action.message(d(2023, 4, 10)),
        "5月10日前提交复审申请"
    );
    assert_eq!(at(d(2023, 5, 11)).action, Action::Overdue(d(2023, 5, 10)));
    assert_eq!(Status::Normal.label(), "正常");
    assert_eq!(Status::Overdue.label(), "已逾期");
}

#[test]
fn a_step_of_the_review_makes_it_in_review_and_its_result_done() {
    let c = cert(FusionWelding, d(2020, 5, 10));
    let applied = event(EventKind::Applied, d(2023, 4, 1));
    let p = plan_of(c.clone(), vec![applied.clone()], d(2023, 4, 2));
    assert_eq!(p.status, Status::InReview);
    // The authority's 20 working days, counted from the application when no acceptance is known.
    let deadline = WorkingCalendar::china()
        .add_working_days(d(2023, 4, 1), 20)
        .unwrap()
        .likely;
    assert_eq!(p.action, Action::AwaitExam(Some(deadline)));
    let item = has_milestone(&p, |k| {
        k == MilestoneKind::LegalDeadline {
            from_application: true,
        }
    });
    assert_eq!(item.map(|i| (i.date, i.next)), Some((deadline, true)));
    // Still in review after the due date.
    assert_eq!(
        plan_of(c.clone(), vec![applied.clone()], d(2023, 6, 1)).status,
        Status::InReview
    );

    // A result found after the due date still belongs to that review.
    let result = event(EventKind::ResultFound, d(2023, 5, 20));
    let p = plan_of(c.clone(), vec![applied, result], d(2023, 6, 1));
    assert_eq!(p.status, Status::Done);
    assert_eq!(p.due, d(2026, 5, 10));
    assert_eq!(p.action, Action::ApplyFrom(d(2026, 3, 11)));
    assert_eq!(
        p.countdown.message(d(2023, 6, 1)),
        "距申请窗口开启还有1014天"
    );
    assert_eq!(
        milestone_dates(
            &p,
            MilestoneKind::ReviewDue {
                done: true,
                expires: false
            }
        ),
        vec![d(2023, 5, 10)]
    );
    assert_eq!(
        milestone_dates(
            &p,
            MilestoneKind::ReviewDue {
                done: false,
                expires: true
            }
        ),
        vec![d(2026, 5, 10)]
    );
}

#[test]
fn an_unrecorded_past_review_is_overdue_unless_the_validity_shows_a_renewal() {
    let today = d(2026, 11, 26);
    let c = cert(FusionWelding, d(2020, 5, 10));
    let p = plan_of(c.clone(), vec![], today);
    assert_eq!((p.status, p.due), (Status::Overdue, d(2026, 5, 10)));
    assert_eq!(p.countdown.message(today), "已逾期200天");

    // 有效期至 2032 means the 2026 review was done: the next one is the mid-term review.
    let mut renewed = c;
    renewed.valid_until = Some(d(2032, 5, 10));
    let p = plan_of(renewed, vec![], today);
    assert_eq!((p.status, p.due), (Status::Normal, d(2029, 5, 10)));
    assert_eq!(p.valid_until, d(2032, 5, 10));
}

#[test]
fn the_validity_moves_on_after_a_review_at_its_end() {
    let mut c = cert(FusionWelding, d(2020, 5, 10));
    c.valid_until = Some(d(2026, 5, 10));
    let p = plan_of(
        c,
        vec![event(EventKind::ResultFound, d(2026, 4, 20))],
        d(2026, 11, 26),
    );
    assert_eq!(p.status, Status::Done);
    assert_eq!(p.valid_until, d(2032, 5, 10));
    assert!(p
        .warnings
        .contains(&Warning::ValidUntilMoved(d(2032, 5, 10))));
}

#[test]
fn the_query_window_after_the_exam_comes_from_the_estimator() {
    // Due 2026-10-20; exam Mon 2026-09-14: earliest 2026-10-10 (a 班 day), usual + sync 11-03.
    let c = cert(FusionWelding, d(2020, 10, 20));
    let events = vec![
        event(EventKind::Applied, d(2026, 8, 25)),
        event(EventKind::Exam, d(2026, 9, 14)),
    ];
    let at = |today| plan_of(c.clone(), events.clone(), today);

    let before = at(d(2026, 9, 1));
    assert_eq!(before.action, Action::SitExam(d(2026, 9, 14)));
    let next = before.items.iter().find(|i| i.next).unwrap();
    assert!(matches!(&next.what, What::Event { data, .. } if data.kind == EventKind::Exam));

    let waiting = at(d(2026, 9, 20));
    assert_eq!(waiting.status, Status::InReview);
    assert_eq!(waiting.action, Action::QueryFrom(d(2026, 10, 10)));
    assert_eq!(
        milestone_dates(&waiting, MilestoneKind::EarliestQuery),
        vec![d(2026, 10, 10)]
    );
    assert_eq!(
        milestone_dates(&waiting, MilestoneKind::UsualQuery),
        vec![d(2026, 11, 3)]
    );
    assert_eq!(waiting.items.iter().filter(|i| i.next).count(), 1);
    assert_eq!(
        waiting.action.message(d(2026, 9, 20)),
        "10月10日起可以查询复审结果"
    );

    let querying = at(d(2026, 10, 12));
    let Action::QueryNow(Some(check)) = querying.action else {
        panic!("{:?}", querying.action);
    };
    assert!(check >= d(2026, 10, 12) && check <= d(2026, 11, 3));
    let estimate = crate::estimate::QueryPlan::new(
        WorkingCalendar::china(),
        d(2026, 9, 14),
        None,
        Assumptions::default(),
        d(2026, 10, 12),
    )
    .unwrap();
    assert_eq!(
        Some(&check),
        estimate.checks.iter().find(|c| **c >= d(2026, 10, 12))
    );
    assert_eq!(
        milestone_dates(&querying, MilestoneKind::NextCheck),
        vec![check]
    );

    assert_eq!(at(d(2026, 11, 10)).action, Action::AskInstitution);

    // The user's own assumptions move the window.
    let t = Timeline::from_parts(vec![(c.clone(), events.clone())]);
    let mine = Assumptions {
        earliest: 10,
        usual: 20,
        sync: 1,
    };
    let p = plan(&t.certificates[0], d(2026, 9, 20), mine);
    let expected = WorkingCalendar::china()
        .add_working_days(d(2026, 9, 14), 10)
        .unwrap()
        .likely;
    assert_eq!(
        milestone_dates(&p, MilestoneKind::EarliestQuery),
        vec![expected]
    );
}

#[test]
fn acceptance_starts_the_authoritys_20_working_days() {
    let c = cert(FusionWelding, d(2020, 10, 20));
    let p = plan_of(
        c,
        vec![
            event(EventKind::Applied, d(2026, 8, 25)),
            event(EventKind::Accepted, d(2026, 9, 1)),
        ],
        d(2026, 9, 2),
    );
    let deadline = WorkingCalendar::china()
        .add_working_days(d(2026, 9, 1), 20)
        .unwrap()
        .likely;
    assert_eq!(
        milestone_dates(
            &p,
            MilestoneKind::LegalDeadline {
                from_application: false
            }
        ),
        vec![deadline]
    );
    assert_eq!(deadline, d(2026, 9, 29));
}

#[test]
fn short_training_and_late_starts_are_pointed_out() {
    let c = cert(FusionWelding, d(2020, 10, 20));
    let p = plan_of(
        c.clone(),
        vec![event(EventKind::Training { hours: 4 }, d(2026, 9, 1))],
        d(2026, 9, 2),
    );
    assert_eq!(p.warnings, vec![Warning::TrainingShort(4)]);
    let p = plan_of(
        c.clone(),
        vec![
            event(EventKind::Training { hours: 4 }, d(2026, 9, 1)),
            event(EventKind::Training { hours: 4 }, d(2026, 9, 2)),
        ],
        d(2026, 9, 3),
    );
    assert_eq!(p.warnings, vec![]);
    let p = plan_of(
        c,
        vec![event(EventKind::Applied, d(2026, 11, 1))],
        d(2026, 11, 2),
    );
    assert_eq!(p.status, Status::InReview);
    assert_eq!(p.warnings, vec![Warning::StartedAfterDue]);
}

#[test]
fn items_are_in_date_order_past_ones_marked_and_one_highlighted() {
    let c = cert(FusionWelding, d(2020, 5, 10));
    let today = d(2023, 4, 20);
    let p = plan_of(c, vec![event(EventKind::Note, d(2021, 1, 1))], today);
    let dates: Vec<_> = p.items.iter().map(|i| i.date).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    assert!(p.items.iter().all(|i| i.past == (i.date < today)));
    assert_eq!(p.items.iter().filter(|i| i.next).count(), 1);
    let next = p.items.iter().find(|i| i.next).unwrap();
    assert_eq!(next.date, d(2023, 5, 10));
    // 初领, the note, the window, the due date and the validity end.
    assert_eq!(
        milestone_dates(&p, MilestoneKind::FirstIssued),
        vec![d(2020, 5, 10)]
    );
    assert_eq!(
        milestone_dates(&p, MilestoneKind::WindowOpens),
        vec![d(2023, 3, 11)]
    );
    assert_eq!(
        milestone_dates(&p, MilestoneKind::ValidUntil),
        vec![d(2026, 5, 10)]
    );
}

#[test]
fn dates_beyond_the_working_day_calendar_say_so_instead_of_failing() {
    let c = cert(FusionWelding, d(2052, 1, 10));
    let p = plan_of(
        c,
        vec![event(EventKind::Exam, d(2055, 1, 1))],
        d(2054, 12, 1),
    );
    assert!(p.warnings.contains(&Warning::NoWorkingDays));
    assert_eq!(p.status, Status::InReview);
}

#[test]
fn the_estimators_exam_goes_to_the_only_or_the_only_active_certificate() {
    let today = d(2026, 4, 1);
    let a = Assumptions::default();
    assert_eq!(
        exam_target(&Timeline::default(), today, a),
        ExamTarget::NoCertificate
    );
    let welding = cert(FusionWelding, d(2020, 5, 10));
    let one = Timeline::from_parts(vec![(welding.clone(), vec![])]);
    assert_eq!(exam_target(&one, today, a), ExamTarget::Only(1));
    // 熔化焊 is due 2026-05-10 (window open); 低压电工 renewed to 2030 is not due.
    let mut electric = cert(LowVoltage, d(2012, 8, 1));
    electric.valid_until = Some(d(2030, 8, 1));
    let two = Timeline::from_parts(vec![(electric.clone(), vec![]), (welding.clone(), vec![])]);
    assert_eq!(exam_target(&two, today, a), ExamTarget::Only(2));
    let both_due = Timeline::from_parts(vec![(welding.clone(), vec![]), (welding, vec![])]);
    assert_eq!(exam_target(&both_due, today, a), ExamTarget::Choose);
    let none_due = Timeline::from_parts(vec![(electric.clone(), vec![]), (electric, vec![])]);
    assert_eq!(exam_target(&none_due, today, a), ExamTarget::Choose);
}

#[test]
fn adding_the_estimators_exam_twice_changes_nothing() {
    use crate::timeline::model::AddedExam;
    let mut t = Timeline::from_parts(vec![(cert(FusionWelding, d(2020, 5, 10)), vec![])]);
    assert_eq!(
        t.add_exam(1, d(2026, 4, 15), Some(d(2026, 3, 25))),
        Ok(Some(AddedExam::Added))
    );
    assert_eq!(t.certificates[0].events.len(), 2);
    assert_eq!(
        t.add_exam(1, d(2026, 4, 15), Some(d(2026, 3, 25))),
        Ok(Some(AddedExam::AlreadyThere))
    );
    assert_eq!(
        t.add_exam(1, d(2026, 4, 15), None),
        Ok(Some(AddedExam::AlreadyThere))
    );
    assert_eq!(t.certificates[0].events.len(), 2);
    assert_eq!(t.add_exam(99, d(2026, 4, 15), None), Ok(None));
    let kinds: Vec<_> = t.certificates[0]
        .events
        .iter()
        .map(|e| e.data.kind)
        .collect();
    assert_eq!(kinds, vec![EventKind::Accepted, EventKind::Exam]);
}

#[test]
fn training_before_applying_still_leaves_applying_as_the_next_step() {
    let c = cert(FusionWelding, d(2020, 5, 10));
    let trained = vec![event(EventKind::Training { hours: 8 }, d(2026, 2, 20))];
    let p = plan_of(c.clone(), trained.clone(), d(2026, 3, 1));
    assert_eq!(p.status, Status::InReview);
    assert_eq!(p.action, Action::ApplyFrom(d(2026, 3, 11)));
    assert_eq!(p.countdown.message(d(2026, 3, 1)), "下一步：还有10天");
    let next = p.items.iter().find(|i| i.next).unwrap();
    assert_eq!(next.date, d(2026, 3, 11));
    let p = plan_of(c, trained, d(2026, 4, 1));
    assert_eq!(p.action, Action::ApplyBy(d(2026, 5, 10)));
    assert_eq!(p.countdown.message(d(2026, 4, 1)), "下一步：还有39天");
}

proptest::proptest! {
    /// Whatever a link or a backup file holds, the rules answer without panicking, in order,
    /// with at most one highlighted item, and the calendar export writes well-formed lines.
    #[test]
    fn any_timeline_plans_and_exports(
        t in super::any_timeline(),
        offset in 0i64..(130 * 365),
    ) {
        let today = crate::timeline::model::first_date() + chrono::Duration::days(offset);
        for c in &t.certificates {
            let p = plan(c, today, Assumptions::default());
            proptest::prop_assert!(p.items.windows(2).all(|w| w[0].date <= w[1].date));
            proptest::prop_assert!(p.items.iter().filter(|i| i.next).count() <= 1);
            proptest::prop_assert!(p.items.iter().all(|i| i.past == (i.date < today)));
            proptest::prop_assert!(p.window_opens < p.due);
            let _ = (p.countdown.message(today), p.action.message(today));
        }
        let text = crate::ics::write(
            &crate::timeline::export::calendar(&t, today, Assumptions::default()),
            chrono::NaiveDateTime::default(),
        );
        proptest::prop_assert!(text.split("\r\n").all(|line| line.len() <= 75));
    }
}
