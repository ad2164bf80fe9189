//! The estimator's answer: from the exam date (and the application's acceptance date) to the
//! dates the result can be looked up, where the user stands today, and when to check.

mod explain;
pub mod link;
pub mod words;

use chrono::NaiveDate;
use thiserror::Error;

pub use explain::{explain, Span, SpanKind};

use crate::calendar::{Basis, CalendarError, Ranged, Unpublished, WorkingCalendar};
use crate::rules;

/// The working-day counts the estimate rests on. Defaults are what training institutions
/// publish; users may set their own institution's numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Assumptions {
    /// Working days after the exam to the earliest query date (default 15).
    pub earliest: u32,
    /// Working days after the exam by which the result is usually queryable (default 30).
    pub usual: u32,
    /// Extra working days for the national platform's batch sync (default 2).
    pub sync: u32,
}

impl Default for Assumptions {
    fn default() -> Self {
        Assumptions {
            earliest: rules::DEFAULT_EARLIEST_WORKING_DAYS,
            usual: rules::DEFAULT_USUAL_WORKING_DAYS,
            sync: rules::DEFAULT_SYNC_WORKING_DAYS,
        }
    }
}

/// Why a set of assumptions was refused.
#[derive(Clone, Copy, Debug, Error, PartialEq, Eq)]
pub enum AssumptionError {
    /// The earliest count must be at least 1.
    #[error("earliest must be at least 1")]
    EarliestTooSmall,
    /// The usual count must not be below the earliest.
    #[error("usual below earliest")]
    UsualBeforeEarliest,
    /// A count is larger than [`rules::MAX_WORKING_DAYS`].
    #[error("too large")]
    TooLarge,
}

impl AssumptionError {
    /// The message for the user.
    pub fn message(self) -> String {
        match self {
            AssumptionError::EarliestTooSmall => "最早可查至少是考试后第1个工作日".to_string(),
            AssumptionError::UsualBeforeEarliest => "“通常可查”不能早于“最早可查”".to_string(),
            AssumptionError::TooLarge => format!("工作日数不能超过{}", rules::MAX_WORKING_DAYS),
        }
    }
}

impl Assumptions {
    /// Checks the counts make sense together.
    pub fn validate(self) -> Result<Assumptions, AssumptionError> {
        if self.earliest == 0 {
            return Err(AssumptionError::EarliestTooSmall);
        }
        if self.usual < self.earliest {
            return Err(AssumptionError::UsualBeforeEarliest);
        }
        if self.usual.saturating_add(self.sync) > rules::MAX_WORKING_DAYS {
            return Err(AssumptionError::TooLarge);
        }
        Ok(self)
    }

    /// True when these are the published defaults.
    pub fn is_default(self) -> bool {
        self == Assumptions::default()
    }
}

/// Where the welder stands today.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// The exam is still ahead.
    ExamAhead,
    /// Before the earliest query date: 还没到查询时间.
    TooEarly,
    /// Between the earliest date and the usual date with the sync: 可以开始查询.
    QueryNow,
    /// Past the usual date with the sync: 已超过通常时间，建议联系培训机构.
    Overdue,
}

impl Status {
    /// The status line.
    pub fn label(self) -> &'static str {
        match self {
            Status::ExamAhead => "还没有考试",
            Status::TooEarly => "还没到查询时间",
            Status::QueryNow => "可以开始查询",
            Status::Overdue => "已超过通常时间，建议联系培训机构",
        }
    }
}

/// The full answer for one exam date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryPlan {
    /// The exam date.
    pub exam: NaiveDate,
    /// The assumptions used.
    pub assumptions: Assumptions,
    /// The earliest query date.
    pub earliest: Ranged<NaiveDate>,
    /// The date by which the result is usually queryable.
    pub usual: Ranged<NaiveDate>,
    /// The usual date plus the national platform's batch sync.
    pub with_sync: Ranged<NaiveDate>,
    /// The authority's legal deadline after acceptance, when the acceptance date is known.
    pub legal_deadline: Option<Ranged<NaiveDate>>,
    /// Working days passed since the exam, up to and including today (0 when the exam is ahead).
    pub passed: Ranged<u32>,
    /// Where the welder stands today.
    pub status: Status,
    /// Suggested dates to check, every 5–10 working days through the window.
    pub checks: Vec<NaiveDate>,
    /// Official when no date above depends on an unpublished holiday arrangement.
    pub basis: Basis,
    /// The unpublished arrangements that could move a date above.
    pub unpublished: Vec<Unpublished>,
}

impl QueryPlan {
    /// Works the plan out for `exam` as seen on `today`.
    pub fn new(
        calendar: &WorkingCalendar,
        exam: NaiveDate,
        accepted: Option<NaiveDate>,
        assumptions: Assumptions,
        today: NaiveDate,
    ) -> Result<QueryPlan, CalendarError> {
        let earliest = calendar.add_working_days(exam, assumptions.earliest)?;
        let usual = calendar.add_working_days(exam, assumptions.usual)?;
        let with_sync = calendar.add_working_days(exam, assumptions.usual + assumptions.sync)?;
        let legal_deadline = accepted
            .map(|a| calendar.add_working_days(a, rules::AUTHORITY_WORKING_DAYS))
            .transpose()?;
        let passed = if today > exam {
            calendar.working_days_between(exam, today)?
        } else {
            calendar.working_days_between(exam, exam)?
        };
        let status = if today <= exam {
            Status::ExamAhead
        } else if today < earliest.likely {
            Status::TooEarly
        } else if today <= with_sync.likely {
            Status::QueryNow
        } else {
            Status::Overdue
        };
        let checks = check_counts(assumptions)
            .into_iter()
            .map(|n| calendar.add_working_days(exam, n).map(|r| r.likely))
            .collect::<Result<Vec<_>, _>>()?;

        let mut unpublished = Vec::new();
        let mut projected = false;
        for r in [&earliest, &usual, &with_sync]
            .into_iter()
            .chain(legal_deadline.as_ref())
        {
            projected |= r.basis == Basis::Projected;
            for u in &r.unpublished {
                if !unpublished.contains(u) {
                    unpublished.push(*u);
                }
            }
        }
        Ok(QueryPlan {
            exam,
            assumptions,
            earliest,
            usual,
            with_sync,
            legal_deadline,
            passed,
            status,
            checks,
            basis: if projected {
                Basis::Projected
            } else {
                Basis::Official
            },
            unpublished,
        })
    }

    /// Progress toward the end of the window (with sync), 0–100.
    pub fn progress_percent(&self) -> u32 {
        let end = self.assumptions.usual + self.assumptions.sync;
        (self.passed.likely.min(end) * 100)
            .checked_div(end)
            .unwrap_or(100)
    }
}

/// Working-day counts at which to check: the earliest day, then evenly spaced 5–10 working days
/// apart, the last on the usual day plus sync.
pub fn check_counts(a: Assumptions) -> Vec<u32> {
    let first = a.earliest;
    let last = a.usual + a.sync;
    let (min_gap, max_gap) = rules::CHECK_GAP_WORKING_DAYS;
    let span = last - first;
    if span < min_gap {
        return if span == 0 {
            vec![first]
        } else {
            vec![first, last]
        };
    }
    let steps = span.div_ceil(max_gap);
    (0..=steps)
        .map(|i| first + (span * i + steps / 2) / steps)
        .collect()
}

#[cfg(test)]
mod tests;
