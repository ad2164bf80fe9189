//! Why the dates are what they are: the days in a span that do not count (weekends, holidays)
//! and the weekend days that do (调休上班), grouped the way people say them.

use chrono::NaiveDate;

use crate::calendar::{CalendarError, DayKind, Festival, WorkingCalendar};

/// What a run of days is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SpanKind {
    /// Days off; the festivals behind them (empty for an ordinary weekend).
    Rest(Vec<Festival>),
    /// A weekend day that is a working day (班), for this festival.
    Makeup(Festival),
}

/// A run of days of one kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    /// First day.
    pub first: NaiveDate,
    /// Last day (the same as `first` for one day).
    pub last: NaiveDate,
    /// What they are.
    pub kind: SpanKind,
    /// True when an unpublished arrangement may still change a day of the run.
    pub provisional: bool,
}

impl Span {
    /// Number of days in the run.
    pub fn days(&self) -> i64 {
        (self.last - self.first).num_days() + 1
    }

    /// The reason in words: 周末 / 国庆节放假 / 国庆节、中秋节放假 / 调休上班（国庆节）.
    pub fn reason(&self) -> String {
        match &self.kind {
            SpanKind::Rest(festivals) if festivals.is_empty() => "周末".to_string(),
            SpanKind::Rest(festivals) => {
                let names: Vec<&str> = festivals.iter().map(|f| f.name()).collect();
                format!("{}放假", names.join("、"))
            }
            SpanKind::Makeup(f) => format!("调休上班（{}），照常计算", f.name()),
        }
    }
}

/// The non-working days and the 班 days after `from` up to and including `to`, in runs.
pub fn explain(
    calendar: &WorkingCalendar,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Span>, CalendarError> {
    let Some(first) = from.succ_opt() else {
        return Ok(Vec::new());
    };
    if to < first {
        return Ok(Vec::new());
    }
    let mut spans: Vec<Span> = Vec::new();
    for day in calendar.days(first, to)? {
        let provisional = day.uncertain.is_some();
        let next_to_last = spans
            .last()
            .is_some_and(|s| s.last.succ_opt() == Some(day.date));
        match day.kind {
            DayKind::Workday => {}
            DayKind::MakeupWorkday(f) => spans.push(Span {
                first: day.date,
                last: day.date,
                kind: SpanKind::Makeup(f),
                provisional,
            }),
            DayKind::Weekend | DayKind::Holiday(_) => {
                let festival = day.kind.festival();
                match spans.last_mut() {
                    Some(Span {
                        last,
                        kind: SpanKind::Rest(festivals),
                        provisional: p,
                        ..
                    }) if next_to_last => {
                        *last = day.date;
                        *p |= provisional;
                        if let Some(f) = festival.filter(|f| !festivals.contains(f)) {
                            festivals.push(f);
                        }
                    }
                    _ => spans.push(Span {
                        first: day.date,
                        last: day.date,
                        kind: SpanKind::Rest(festival.into_iter().collect()),
                        provisional,
                    }),
                }
            }
        }
    }
    Ok(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_national_day_span_of_2026() {
        let spans = explain(WorkingCalendar::china(), d(2026, 9, 14), d(2026, 10, 12)).unwrap();
        let described: Vec<(NaiveDate, NaiveDate, String)> = spans
            .iter()
            .map(|s| (s.first, s.last, s.reason()))
            .collect();
        assert_eq!(
            described,
            vec![
                (d(2026, 9, 19), d(2026, 9, 19), "周末".to_string()),
                (
                    d(2026, 9, 20),
                    d(2026, 9, 20),
                    "调休上班（国庆节），照常计算".to_string()
                ),
                (d(2026, 9, 25), d(2026, 9, 27), "中秋节放假".to_string()),
                (d(2026, 10, 1), d(2026, 10, 7), "国庆节放假".to_string()),
                (
                    d(2026, 10, 10),
                    d(2026, 10, 10),
                    "调休上班（国庆节），照常计算".to_string()
                ),
                (d(2026, 10, 11), d(2026, 10, 11), "周末".to_string()),
            ]
        );
        assert_eq!(spans[3].days(), 7);
        assert!(spans.iter().all(|s| !s.provisional));
    }

    #[test]
    fn merged_breaks_name_both_festivals() {
        // 2025: 国庆 10-01..05 and 07..08, 中秋 10-06 in between.
        let spans = explain(WorkingCalendar::china(), d(2025, 9, 30), d(2025, 10, 9)).unwrap();
        assert_eq!(spans.len(), 1);
        assert_eq!(spans[0].reason(), "国庆节、中秋节放假");
        assert_eq!(
            (spans[0].first, spans[0].last),
            (d(2025, 10, 1), d(2025, 10, 8))
        );
    }

    #[test]
    fn the_start_day_never_appears_and_empty_spans_are_fine() {
        let spans = explain(WorkingCalendar::china(), d(2026, 10, 3), d(2026, 10, 8)).unwrap();
        assert_eq!(spans[0].first, d(2026, 10, 4));
        assert!(
            explain(WorkingCalendar::china(), d(2026, 10, 8), d(2026, 10, 8))
                .unwrap()
                .is_empty()
        );
        assert!(
            explain(WorkingCalendar::china(), d(2026, 10, 8), d(2026, 10, 1))
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn projected_days_are_marked_provisional() {
        let spans = explain(WorkingCalendar::china(), d(2027, 1, 25), d(2027, 2, 20)).unwrap();
        let spring = spans
            .iter()
            .find(|s| s.kind == SpanKind::Rest(vec![Festival::SpringFestival]))
            .expect("春节 2027 appears");
        assert_eq!(spring.first, d(2027, 2, 5), "除夕 is statutory from 2025");
        assert!(spring.provisional);
    }
}
