//! Which holiday data the page counts with: the copy built into it, or the file served next to
//! it (`cn-holidays.txt`), which the institution's staff can update without a rebuild.
//!
//! The served file is used when it passes every check ([`HolidayData::parse`]), its as-of date
//! (截至) is not after today, and it is at least as new as the built-in copy: on the same as-of
//! date the served file wins (it is what the deployer means, e.g. a year appended without
//! changing the date). Otherwise the built-in copy is used and [`Ignored`] says why; only a
//! broken file earns a visible note ([`CalendarChoice::note`]).

use chrono::NaiveDate;

use super::data::HolidayData;
use super::problem::DataError;
use super::WorkingCalendar;
use crate::dates::long_zh;

/// Where the data the calendar counts with comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The copy built into the page.
    Embedded,
    /// The file served next to the page.
    Served,
}

/// Why the served file was not used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ignored {
    /// It could not be fetched (offline and not cached, or not found). Nothing to tell.
    Unavailable,
    /// It is older than the built-in copy (a stale cached copy). Nothing to tell.
    Older {
        /// The served file's as-of date.
        served: NaiveDate,
        /// The built-in copy's.
        embedded: NaiveDate,
    },
    /// Its as-of date is after today: a typo that would make it win over every later build.
    FromTheFuture(NaiveDate),
    /// It cannot be read, or disagrees with itself or with the law.
    Invalid(DataError),
}

/// The calendar the page counts with, where it comes from, and what the footer says of it.
#[derive(Clone, Debug)]
pub struct CalendarChoice {
    calendar: WorkingCalendar,
    origin: Origin,
    as_of: NaiveDate,
    ignored: Option<Ignored>,
}

impl CalendarChoice {
    /// The built-in data, before (or without) the served file.
    pub fn embedded() -> CalendarChoice {
        CalendarChoice::of(
            HolidayData::embedded(),
            WorkingCalendar::china().clone(),
            Origin::Embedded,
            None,
        )
    }

    /// Chooses between the built-in data and the served file's text (`None` when it could not
    /// be fetched), as seen on `today` (China).
    pub fn choose(served: Option<&str>, today: NaiveDate) -> CalendarChoice {
        let Some(text) = served else {
            return CalendarChoice::embedded().ignoring(Ignored::Unavailable);
        };
        let data = match HolidayData::parse(text) {
            Ok(data) => data,
            Err(e) => return CalendarChoice::embedded().ignoring(Ignored::Invalid(e)),
        };
        let embedded = HolidayData::embedded();
        if data.as_of() > today {
            CalendarChoice::embedded().ignoring(Ignored::FromTheFuture(data.as_of()))
        } else if data.as_of() < embedded.as_of() {
            CalendarChoice::embedded().ignoring(Ignored::Older {
                served: data.as_of(),
                embedded: embedded.as_of(),
            })
        } else {
            CalendarChoice::of(&data, data.calendar(), Origin::Served, None)
        }
    }

    fn of(
        data: &HolidayData,
        calendar: WorkingCalendar,
        origin: Origin,
        ignored: Option<Ignored>,
    ) -> CalendarChoice {
        CalendarChoice {
            calendar,
            origin,
            as_of: data.as_of(),
            ignored,
        }
    }

    fn ignoring(mut self, why: Ignored) -> CalendarChoice {
        self.ignored = Some(why);
        self
    }

    /// The calendar to count with.
    pub fn calendar(&self) -> &WorkingCalendar {
        &self.calendar
    }

    /// Where its data comes from.
    pub fn origin(&self) -> Origin {
        self.origin
    }

    /// The data's as-of date (截至).
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// The first and last years with a published arrangement.
    pub fn years(&self) -> Option<(i32, i32)> {
        self.calendar.published_years()
    }

    /// Why the served file was not used, when it was not.
    pub fn ignored(&self) -> Option<&Ignored> {
        self.ignored.as_ref()
    }

    /// The footer's line on the working-day data: its source, the years it covers and its
    /// as-of date, and how later years are counted.
    pub fn footer_text(&self) -> String {
        match self.years() {
            Some((first, last)) => format!(
                "工作日：按国务院办公厅每年发布的放假安排通知计算，已收录{first}年至{last}年，数据截至{}。{}年及以后的安排尚未公布，先按法定节假日推算，标为“暂定”。",
                long_zh(self.as_of),
                last + 1
            ),
            None => "工作日：还没有收录放假安排，全部按法定节假日推算，标为“暂定”。".to_string(),
        }
    }

    /// The note to show when a served file was there but not used because it is broken: what
    /// is wrong (with the line), and what the page counts with instead. `None` otherwise.
    pub fn note(&self) -> Option<String> {
        let why = match self.ignored.as_ref()? {
            Ignored::Invalid(e) => e.message(),
            Ignored::FromTheFuture(d) => format!("截至日期{}晚于今天", long_zh(*d)),
            Ignored::Unavailable | Ignored::Older { .. } => return None,
        };
        let last = self
            .years()
            .map(|(_, last)| format!("，收录到{last}年"))
            .unwrap_or_default();
        Some(format!(
            "网站上的节假日数据文件有误，没有采用（{why}）。现在按页面自带的数据计算{last}。"
        ))
    }
}
