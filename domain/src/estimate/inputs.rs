//! What the estimator's inputs accept, as typed: the exam date, the acceptance date and the three
//! working-day counts. Each reading gives a value or an error with its message.

use chrono::{Datelike, NaiveDate};
use thiserror::Error;

use crate::calendar::{FIRST_YEAR, LAST_YEAR};
use crate::dates::{parse_iso, DateError};
use crate::estimate::link::count;
use crate::estimate::{AssumptionError, Assumptions};

/// Why an input was not accepted.
#[derive(Clone, Copy, Debug, Error, PartialEq, Eq)]
pub enum InputError {
    /// Not a date.
    #[error("date: {0}")]
    Date(DateError),
    /// A date outside the years the calendar knows.
    #[error("outside the calendar's years")]
    OutOfYears,
    /// A count that is not a whole number.
    #[error("not a whole number")]
    NotCount,
    /// Counts that do not fit together.
    #[error("{0}")]
    Counts(AssumptionError),
}

impl InputError {
    /// The message under the input.
    pub fn message(self) -> String {
        match self {
            InputError::Date(e) => e.message().to_string(),
            InputError::OutOfYears => format!("请选择{FIRST_YEAR}年到{LAST_YEAR}年之间的日期"),
            InputError::NotCount => "请填写整数天数".to_string(),
            InputError::Counts(e) => e.message(),
        }
    }
}

fn date(text: &str) -> Result<NaiveDate, InputError> {
    let date = parse_iso(text).map_err(InputError::Date)?;
    if (FIRST_YEAR..=LAST_YEAR).contains(&date.year()) {
        Ok(date)
    } else {
        Err(InputError::OutOfYears)
    }
}

/// The exam date (required).
pub fn exam_date(text: &str) -> Result<NaiveDate, InputError> {
    date(text)
}

/// The acceptance date (optional: empty is `None`).
pub fn accepted_date(text: &str) -> Result<Option<NaiveDate>, InputError> {
    match date(text) {
        Ok(d) => Ok(Some(d)),
        Err(InputError::Date(DateError::Empty)) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The three counts as typed (spaces around a number allowed), checked together.
pub fn assumptions(earliest: &str, usual: &str, sync: &str) -> Result<Assumptions, InputError> {
    let read = |text: &str| count(text.trim()).ok_or(InputError::NotCount);
    Assumptions {
        earliest: read(earliest)?,
        usual: read(usual)?,
        sync: read(sync)?,
    }
    .validate()
    .map_err(InputError::Counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_as_typed() {
        assert_eq!(exam_date("2026-09-14"), Ok(d(2026, 9, 14)));
        assert_eq!(exam_date(""), Err(InputError::Date(DateError::Empty)));
        assert_eq!(
            exam_date("2026-02-30"),
            Err(InputError::Date(DateError::NoSuchDay))
        );
        assert_eq!(exam_date("1999-12-31"), Err(InputError::OutOfYears));
        assert_eq!(accepted_date(" "), Ok(None));
        assert_eq!(accepted_date("2026-09-01"), Ok(Some(d(2026, 9, 1))));
        assert_eq!(accepted_date("2051-01-01"), Err(InputError::OutOfYears));
        assert_eq!(
            InputError::OutOfYears.message(),
            "请选择2000年到2050年之间的日期"
        );
        assert_eq!(InputError::Date(DateError::Empty).message(), "请选择日期");
    }

    #[test]
    fn counts_as_typed() {
        assert_eq!(
            assumptions(" 10 ", "20", "2"),
            Ok(Assumptions {
                earliest: 10,
                usual: 20,
                sync: 2
            })
        );
        assert_eq!(assumptions("", "20", "2"), Err(InputError::NotCount));
        assert_eq!(assumptions("1.5", "20", "2"), Err(InputError::NotCount));
        assert_eq!(
            assumptions("10", "5", "2"),
            Err(InputError::Counts(AssumptionError::UsualBeforeEarliest))
        );
        assert_eq!(
            InputError::Counts(AssumptionError::UsualBeforeEarliest).message(),
            "“通常可查”不能早于“最早可查”"
        );
    }
}
