//! A month laid out for display, Monday first (一 二 三 四 五 六 日).

use chrono::{Datelike, NaiveDate};

use super::{CalendarError, DayInfo, WorkingCalendar};

/// One month of the calendar, ready to draw as a grid of weeks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MonthGrid {
    /// The year.
    pub year: i32,
    /// The month, 1–12.
    pub month: u32,
    /// Empty cells before the 1st (0 when the month starts on a Monday).
    pub lead: u32,
    /// Every day of the month, in order.
    pub days: Vec<DayInfo>,
}

impl MonthGrid {
    pub(super) fn build(
        calendar: &WorkingCalendar,
        year: i32,
        month: u32,
    ) -> Result<MonthGrid, CalendarError> {
        let first = NaiveDate::from_ymd_opt(year, month, 1)
            .ok_or(CalendarError::NoSuchMonth(year, month))?;
        let last = first
            .checked_add_months(chrono::Months::new(1))
            .and_then(|d| d.pred_opt())
            .ok_or(CalendarError::OutOfRange(first))?;
        Ok(MonthGrid {
            year,
            month: first.month(),
            lead: first.weekday().num_days_from_monday(),
            days: calendar.days(first, last)?,
        })
    }

    /// The grid as rows of seven cells; `None` pads the first and last week.
    pub fn weeks(&self) -> Vec<[Option<DayInfo>; 7]> {
        let mut cells: Vec<Option<DayInfo>> = vec![None; self.lead as usize];
        cells.extend(self.days.iter().copied().map(Some));
        cells.resize(cells.len().div_ceil(7) * 7, None);
        cells
            .chunks(7)
            .map(|week| std::array::from_fn(|i| week[i]))
            .collect()
    }
}
