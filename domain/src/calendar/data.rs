//! A holiday file checked as a whole, ready to build a [`WorkingCalendar`] from: its header
//! (format and as-of date), and lines that agree with each other and with the law.
//!
//! A file is refused, with the line and the reason, when:
//! - its header is missing, repeated, late, or of a format this reader does not know;
//! - a line cannot be read, names a day twice, turns a weekday into a 班 day, lists a day far
//!   from its year, gives only weekend days off (none of them statutory), or stands out of order;
//! - a year leaves out a festival the law gives, leaves a statutory day as a working day, or has
//!   no `通知` line;
//! - its as-of date is too early for the last year it lists.

use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};

use super::official::{self, Arrangements, FestivalLine, Read, DATA};
use super::problem::{DataError, DataProblem};
use super::statutory::{self, is_weekend, ProjectedFestival};
use super::{DayKind, WorkingCalendar, FIRST_YEAR, LAST_YEAR};

/// The format version of the holiday file this reader knows.
pub const FORMAT: u32 = 1;

/// A holiday file that passed every check.
#[derive(Clone, Debug)]
pub struct HolidayData {
    as_of: NaiveDate,
    arrangements: Arrangements,
}

impl HolidayData {
    /// Reads and checks a holiday file. Any text will do (a fetched file, an edited copy); the
    /// first problem found is returned with its line.
    pub fn parse(text: &str) -> Result<HolidayData, DataError> {
        let read = official::read(text)?;
        match read.format {
            None => return Err(DataError::whole(DataProblem::NoFormat)),
            Some((_, FORMAT)) => {}
            Some((line, other)) => {
                return Err(DataError::at(line, DataProblem::UnknownFormat(other)))
            }
        }
        let Some((as_of_line, as_of)) = read.as_of else {
            return Err(DataError::whole(DataProblem::NoAsOf));
        };
        if read.festivals.is_empty() {
            return Err(DataError::whole(DataProblem::Empty));
        }
        // The law's festivals of each listed year, worked out once for both checks.
        let mut law: Vec<(i32, Vec<ProjectedFestival>)> = Vec::new();
        for f in &read.festivals {
            if law.last().is_none_or(|(year, _)| *year != f.year) {
                law.push((f.year, statutory::festivals(f.year).unwrap_or_default()));
            }
        }
        let law_of = |year: i32| {
            law.iter()
                .find(|(y, _)| *y == year)
                .map_or(&[][..], |(_, f)| f.as_slice())
        };
        check_lines(&read.festivals, law_of)?;
        let arrangements = Arrangements::from_read(&read)?;
        check_years(&read, &arrangements, law_of)?;
        let last_year = *arrangements.years().last().unwrap_or(&FIRST_YEAR);
        if as_of.year() < last_year - 1 {
            return Err(DataError::at(
                as_of_line,
                DataProblem::AsOfTooEarly { as_of, last_year },
            ));
        }
        Ok(HolidayData {
            as_of,
            arrangements,
        })
    }

    /// The built-in copy ([`DATA`]). Tests keep it valid; were it ever not, it would stand as a
    /// file with no published year and the earliest possible as-of date, so that the calendar
    /// projects every year rather than guesses, and any valid served file wins.
    pub fn embedded() -> &'static HolidayData {
        static EMBEDDED: OnceLock<HolidayData> = OnceLock::new();
        EMBEDDED.get_or_init(|| {
            HolidayData::parse(DATA).unwrap_or(HolidayData {
                as_of: NaiveDate::MIN,
                arrangements: Arrangements::default(),
            })
        })
    }

    /// The date the file was last brought up to date (截至).
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// The first and last years with a published arrangement.
    pub fn years(&self) -> Option<(i32, i32)> {
        let years = self.arrangements.years();
        Some((*years.first()?, *years.last()?))
    }

    /// The arrangements it lists.
    pub fn arrangements(&self) -> &Arrangements {
        &self.arrangements
    }

    /// The working-day calendar of these arrangements (and projections for the other years).
    pub fn calendar(&self) -> WorkingCalendar {
        WorkingCalendar::new(self.arrangements.clone())
    }
}

/// Checks each festival line against its year and the line before it.
fn check_lines<'a>(
    festivals: &[FestivalLine],
    law_of: impl Fn(i32) -> &'a [ProjectedFestival],
) -> Result<(), DataError> {
    let mut previous: Option<(i32, NaiveDate)> = None;
    for f in festivals {
        let at = |problem| DataError::at(f.line, problem);
        if !(FIRST_YEAR..=LAST_YEAR).contains(&f.year) {
            return Err(at(DataProblem::YearOutOfRange(f.year)));
        }
        // Only a 元旦 break (or its 班 day) reaches back into the December before.
        let belongs =
            |d: &NaiveDate| d.year() == f.year || (d.year() == f.year - 1 && d.month() == 12);
        if let Some(date) = f.off.iter().chain(&f.work).find(|d| !belongs(d)) {
            return Err(at(DataProblem::DayOutsideYear {
                date: *date,
                year: f.year,
            }));
        }
        // A line may name only weekend days when one is its festival's statutory day (中秋 on a
        // Saturday inside the 国庆 break, 2009); otherwise it gives nothing and is a mistake.
        let statutory = |d: &NaiveDate| {
            law_of(f.year)
                .iter()
                .any(|p| p.festival == f.festival && p.is_statutory(*d))
        };
        if f.off.iter().all(|d| is_weekend(*d) && !statutory(d)) {
            return Err(at(DataProblem::OnlyWeekendsOff));
        }
        let first = f.off.iter().min().copied().unwrap_or(NaiveDate::MIN);
        if previous.is_some_and(|(year, before)| (f.year, first) < (year, before)) {
            return Err(at(DataProblem::OutOfOrder));
        }
        previous = Some((f.year, first));
    }
    Ok(())
}

/// Checks each listed year as a whole: every festival of the law there, every statutory day
/// off, a `通知` line; and no `通知` line for a year that is not listed.
fn check_years<'a>(
    read: &Read,
    arrangements: &Arrangements,
    law_of: impl Fn(i32) -> &'a [ProjectedFestival],
) -> Result<(), DataError> {
    for &year in arrangements.years() {
        let lines: Vec<&FestivalLine> = read.festivals.iter().filter(|f| f.year == year).collect();
        let last_line = lines.last().map_or(0, |f| f.line);
        for projected in law_of(year) {
            let own = lines.iter().find(|f| f.festival == projected.festival);
            // Named as a day off by some line (中秋 2020 inside the 国庆 break)…
            let named_off =
                |d: &NaiveDate| matches!(arrangements.day(*d), Some(DayKind::Holiday(_)));
            // …or, since weekend days inside a break may be left out, a weekend day not made 班.
            let off = |d: &NaiveDate| match arrangements.day(*d) {
                Some(kind) => !kind.is_working(),
                None => is_weekend(*d),
            };
            if own.is_none() && !projected.statutory.iter().all(named_off) {
                return Err(DataError::at(
                    last_line,
                    DataProblem::MissingFestival {
                        year,
                        festival: projected.festival,
                    },
                ));
            }
            if let Some(date) = projected.statutory.iter().find(|d| !off(d)) {
                return Err(DataError::at(
                    own.map_or(last_line, |f| f.line),
                    DataProblem::StatutoryDayNotOff {
                        date: *date,
                        festival: projected.festival,
                    },
                ));
            }
        }
        if !read.notices.iter().any(|n| n.year == year) {
            return Err(DataError::at(last_line, DataProblem::NoNotice(year)));
        }
    }
    if let Some(n) = read.notices.iter().find(|n| !arrangements.has_year(n.year)) {
        return Err(DataError::at(
            n.line,
            DataProblem::NoticeWithoutYear(n.year),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
