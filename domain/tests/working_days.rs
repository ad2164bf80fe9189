//! The working-day engine against the facts: every day 2004-01-01..2026-12-31, read from the
//! State Council arrangements as compiled in `fixtures/cn-holidays-2004-2026.txt` (a verbatim copy
//! of the project's reference facts, in their own format, read here by a separate parser).

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate, Weekday};
use fushen_domain::calendar::{Basis, DayKind, Festival, WorkingCalendar};
use proptest::prelude::*;

const FACTS: &str = include_str!("fixtures/cn-holidays-2004-2026.txt");

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|_| panic!("bad date {s}"))
}

/// Facts: date → (working?, festival name) for every day a line names.
fn facts() -> HashMap<NaiveDate, (bool, &'static str)> {
    let mut out = HashMap::new();
    for line in FACTS
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 4, "{line}");
        let name = cols[1];
        let off = cols[2].strip_prefix("OFF ").unwrap();
        for range in off.split(';') {
            let (a, b) = range.split_once("..").unwrap();
            let mut d = date(a);
            while d <= date(b) {
                assert!(out.insert(d, (false, name)).is_none(), "{d} twice");
                d = d.succ_opt().unwrap();
            }
        }
        let work = cols[3].strip_prefix("WORK ").unwrap();
        if work != "-" {
            for d in work.split(',') {
                assert!(out.insert(date(d), (true, name)).is_none(), "{d} twice");
            }
        }
    }
    out
}

#[test]
fn every_day_2004_to_2026_matches_the_facts() {
    let calendar = WorkingCalendar::china();
    let facts = facts();
    let mut day = date("2004-01-01");
    let mut checked = 0;
    while day <= date("2026-12-31") {
        let info = calendar.day(day).unwrap();
        let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
        let expected = match facts.get(&day) {
            Some((true, name)) => DayKind::MakeupWorkday(Festival::from_name(name)),
            Some((false, name)) => DayKind::Holiday(Festival::from_name(name)),
            None if weekend => DayKind::Weekend,
            None => DayKind::Workday,
        };
        assert_eq!(info.kind, expected, "{day}");
        // The facts' rule: rest if listed OFF, or a weekend day not listed WORK.
        let rest =
            matches!(facts.get(&day), Some((false, _))) || (weekend && !facts.contains_key(&day));
        assert_eq!(info.kind.is_working(), !rest, "{day}");
        // Official, except the last days of 2026 that 2027's 元旦 arrangement may still change.
        if day < date("2026-12-20") {
            assert_eq!(
                (info.basis, info.uncertain),
                (Basis::Official, None),
                "{day}"
            );
        }
        checked += 1;
        day = day.succ_opt().unwrap();
    }
    assert_eq!(checked, 8401, "23 years of days");
}

#[test]
fn published_years_and_notices() {
    let calendar = WorkingCalendar::china();
    assert_eq!(calendar.published_years(), Some((2004, 2026)));
    assert!(!calendar.is_published(2027));
    assert_eq!(calendar.notices(2020).len(), 2, "2020 had a second notice");
    assert!(
        calendar.notices(2005).is_empty(),
        "no reference recorded for 2005"
    );
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    (0i64..(51 * 365)).prop_map(|offset| date("2000-01-01") + chrono::Duration::days(offset))
}

proptest! {
    #[test]
    fn ranges_are_ordered_and_agree_with_counting(from in any_date(), n in 0u32..300) {
        let calendar = WorkingCalendar::china();
        match calendar.add_working_days(from, n) {
            Ok(answer) => {
                prop_assert!(answer.low <= answer.likely && answer.likely <= answer.high);
                prop_assert!(answer.low > from || n == 0);
                let likely = calendar.working_days_between(from, answer.likely).unwrap();
                prop_assert_eq!(likely.likely, n);
                // The earliest date is where the most-working count reaches n, the latest where
                // the fewest-working count does.
                prop_assert_eq!(calendar.working_days_between(from, answer.low).unwrap().high, n);
                prop_assert_eq!(calendar.working_days_between(from, answer.high).unwrap().low, n);
                if answer.basis == Basis::Official {
                    prop_assert!(answer.is_exact());
                    prop_assert!(answer.unpublished.is_empty());
                }
            }
            Err(_) => prop_assert!(answer_would_leave_2050(from, n)),
        }
    }

    #[test]
    fn the_nth_working_day_is_a_working_day(from in any_date(), n in 1u32..100) {
        let calendar = WorkingCalendar::china();
        if let Ok(answer) = calendar.add_working_days(from, n) {
            prop_assert!(calendar.day(answer.likely).unwrap().kind.is_working());
        }
    }
}

/// A count can only fail by running past 2050: n working days need fewer than 2n + 30 days.
fn answer_would_leave_2050(from: NaiveDate, n: u32) -> bool {
    from + chrono::Duration::days(i64::from(n) * 2 + 30) > date("2050-12-31")
}
