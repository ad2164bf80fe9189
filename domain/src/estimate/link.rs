//! The estimator's inputs in the page link (`#exam=2026-09-14&acc=…&e=15&u=30&s=2`) and in
//! `localStorage` (the same text). Reading never fails: a bad value is dropped, the default used,
//! and the problem reported so the page can say so.

use chrono::NaiveDate;

use crate::dates::{iso, parse_iso, DateError};
use crate::estimate::{AssumptionError, Assumptions};
use crate::fragment::Fragment;
use crate::keys::UrlParam;

/// What the estimator was given.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EstimatorInput {
    /// The exam date.
    pub exam: Option<NaiveDate>,
    /// When the review application was accepted (受理日期).
    pub accepted: Option<NaiveDate>,
    /// The working-day counts.
    pub assumptions: Assumptions,
}

/// A value in a link that could not be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkProblem {
    /// The exam date is not a real date.
    Exam(DateError),
    /// The acceptance date is not a real date.
    Accepted(DateError),
    /// A working-day count is not a whole number.
    Count(UrlParam),
    /// The counts do not fit together.
    Assumptions(AssumptionError),
}

impl LinkProblem {
    /// The message for the user.
    pub fn message(self) -> String {
        match self {
            LinkProblem::Exam(e) => {
                format!("链接里的考试日期无法使用（{}），已改用今天。", e.message())
            }
            LinkProblem::Accepted(e) => {
                format!("链接里的受理日期无法使用（{}），已略去。", e.message())
            }
            LinkProblem::Count(_) => "链接里的工作日天数不是有效数字，已改用默认值。".to_string(),
            LinkProblem::Assumptions(e) => format!(
                "链接里的工作日天数不合理（{}），已改用默认值。",
                e.message()
            ),
        }
    }
}

/// Reads a whole number of 1–3 digits (no sign, no spaces).
pub fn count(text: &str) -> Option<u32> {
    (!text.is_empty() && text.len() <= 3 && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// The estimator's inputs in `fragment`, with what could not be used.
pub fn read(fragment: &Fragment) -> (EstimatorInput, Vec<LinkProblem>) {
    let mut input = EstimatorInput::default();
    let mut problems = Vec::new();
    if let Some(text) = fragment.get(UrlParam::Exam) {
        match parse_iso(text) {
            Ok(d) => input.exam = Some(d),
            Err(e) => problems.push(LinkProblem::Exam(e)),
        }
    }
    if let Some(text) = fragment.get(UrlParam::Accepted) {
        match parse_iso(text) {
            Ok(d) => input.accepted = Some(d),
            Err(e) => problems.push(LinkProblem::Accepted(e)),
        }
    }
    let mut assumptions = Assumptions::default();
    let mut counts_ok = true;
    for (param, slot) in [
        (UrlParam::Earliest, &mut assumptions.earliest),
        (UrlParam::Usual, &mut assumptions.usual),
        (UrlParam::Sync, &mut assumptions.sync),
    ] {
        if let Some(text) = fragment.get(param) {
            match count(text) {
                Some(n) => *slot = n,
                None => {
                    counts_ok = false;
                    problems.push(LinkProblem::Count(param));
                }
            }
        }
    }
    if counts_ok {
        match assumptions.validate() {
            Ok(a) => input.assumptions = a,
            Err(e) => problems.push(LinkProblem::Assumptions(e)),
        }
    }
    (input, problems)
}

/// The estimator's starting inputs: from the link when it carries any of them, otherwise from
/// what was stored on this phone (`stored`, the same text), otherwise the defaults.
pub fn initial(fragment: &Fragment, stored: Option<&str>) -> (EstimatorInput, Vec<LinkProblem>) {
    const OURS: [UrlParam; 5] = [
        UrlParam::Exam,
        UrlParam::Accepted,
        UrlParam::Earliest,
        UrlParam::Usual,
        UrlParam::Sync,
    ];
    if OURS.iter().any(|p| fragment.get(*p).is_some()) {
        return read(fragment);
    }
    match stored {
        Some(text) => read(&Fragment::parse(text)),
        None => (EstimatorInput::default(), Vec::new()),
    }
}

/// Writes `input` into `fragment`, leaving other keys alone; defaults are left out.
pub fn write(input: &EstimatorInput, fragment: &mut Fragment) {
    let exam = input.exam.map(iso);
    let accepted = input.accepted.map(iso);
    fragment.set(UrlParam::Exam, exam.as_deref());
    fragment.set(UrlParam::Accepted, accepted.as_deref());
    let a = input.assumptions;
    let custom = !a.is_default();
    for (param, n) in [
        (UrlParam::Earliest, a.earliest),
        (UrlParam::Usual, a.usual),
        (UrlParam::Sync, a.sync),
    ] {
        let text = n.to_string();
        fragment.set(param, custom.then_some(text.as_str()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn reads_a_full_link() {
        let (input, problems) = read(&Fragment::parse(
            "#exam=2026-09-14&acc=2026-09-01&e=10&u=20&s=1",
        ));
        assert!(problems.is_empty());
        assert_eq!(input.exam, Some(d(2026, 9, 14)));
        assert_eq!(input.accepted, Some(d(2026, 9, 1)));
        assert_eq!(
            input.assumptions,
            Assumptions {
                earliest: 10,
                usual: 20,
                sync: 1
            }
        );
    }

    #[test]
    fn bad_values_fall_back_with_a_message() {
        let (input, problems) = read(&Fragment::parse("#exam=2026-02-30&e=abc&u=30"));
        assert_eq!(input.exam, None);
        assert_eq!(input.assumptions, Assumptions::default());
        assert_eq!(
            problems,
            vec![
                LinkProblem::Exam(DateError::NoSuchDay),
                LinkProblem::Count(UrlParam::Earliest)
            ]
        );
        assert!(problems[0].message().contains("没有这一天"));

        let (input, problems) = read(&Fragment::parse("#e=40&u=30"));
        assert_eq!(input.assumptions, Assumptions::default());
        assert_eq!(
            problems,
            vec![LinkProblem::Assumptions(
                AssumptionError::UsualBeforeEarliest
            )]
        );

        for bad in ["-1", "+5", "1e3", "9999", " 5", ""] {
            let (_, problems) = read(&Fragment::parse(&format!("e={bad}")));
            assert_eq!(
                problems,
                vec![LinkProblem::Count(UrlParam::Earliest)],
                "{bad:?}"
            );
        }
    }

    #[test]
    fn writing_leaves_defaults_and_other_keys_out() {
        let mut f = Fragment::parse("#t=1.abc");
        let input = EstimatorInput {
            exam: Some(d(2026, 9, 14)),
            ..Default::default()
        };
        write(&input, &mut f);
        assert_eq!(f.to_text(), "t=1.abc&exam=2026-09-14");
        let custom = EstimatorInput {
            assumptions: Assumptions {
                earliest: 10,
                usual: 15,
                sync: 2,
            },
            ..input
        };
        write(&custom, &mut f);
        assert_eq!(f.to_text(), "t=1.abc&exam=2026-09-14&e=10&u=15&s=2");
        write(&EstimatorInput::default(), &mut f);
        assert_eq!(f.to_text(), "t=1.abc");
    }

    #[test]
    fn the_link_wins_over_what_was_stored() {
        let stored = "exam=2026-01-05&e=10";
        let (from_link, _) = initial(&Fragment::parse("#exam=2026-09-14&t=1.x"), Some(stored));
        assert_eq!(from_link.exam, Some(d(2026, 9, 14)));
        assert_eq!(from_link.assumptions, Assumptions::default());
        let (from_store, _) = initial(&Fragment::parse("#t=1.x"), Some(stored));
        assert_eq!(from_store.exam, Some(d(2026, 1, 5)));
        assert_eq!(from_store.assumptions.earliest, 10);
        let (fresh, problems) = initial(&Fragment::default(), None);
        assert_eq!((fresh, problems.len()), (EstimatorInput::default(), 0));
    }

    proptest! {
        #[test]
        fn round_trips(days in 0i64..18000, acc in proptest::option::of(0i64..18000), e in 1u32..50, extra in 0u32..50, s in 0u32..10) {
            let base = d(2000, 1, 1);
            let input = EstimatorInput {
                exam: Some(base + chrono::Duration::days(days)),
                accepted: acc.map(|a| base + chrono::Duration::days(a)),
                assumptions: Assumptions { earliest: e, usual: e + extra, sync: s },
            };
            let mut f = Fragment::default();
            write(&input, &mut f);
            let (back, problems) = read(&Fragment::parse(&f.to_text()));
            prop_assert!(problems.is_empty());
            prop_assert_eq!(back, input);
        }

        #[test]
        fn any_fragment_reads_without_panic(text in "\\PC*") {
            let (input, _) = read(&Fragment::parse(&text));
            prop_assert!(input.assumptions.validate().is_ok());
        }
    }
}
