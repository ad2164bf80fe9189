//! The Chinese working-day calendar: for any date 2000–2050, whether offices work that day, why,
//! and how sure we are.
//!
//! Published years (the State Council's arrangements, 2004–2026 today, from the holiday file; see
//! [`official`], [`data`] and, for the file served next to the page, [`choice`]) are answered
//! exactly. Other
//! years are projected from the statutory holidays (see [`statutory`]). A projected answer has a
//! most likely value (statutory days plus their substitutes right after the festival, no 班 days)
//! and an honest range, found by counting under the two extreme arrangements that keep the habits
//! of every published year (windows, caps, one bridging day per 班 day):
//! - **latest**: from the counting date on, each festival closes the earliest weekdays of its
//!   window up to its quota (substitutes + cap), and no 班 day falls inside the count;
//! - **earliest**: 班 days fall on the first weekend days of their windows, and the days off they
//!   pay for, like the substitutes, on the last weekdays of the window (or before the counting
//!   date); a 班 day is assumed only where that brings the answer forward.
//!
//! The back-test `ranges_contain_the_published_truth_back_test` hides each published year in turn
//! and checks that its real answers fall inside the range.

pub mod choice;
pub mod data;
mod festival;
mod lunar;
mod month;
mod official;
mod problem;
pub mod statutory;

use std::sync::OnceLock;

use chrono::{Datelike, Duration, NaiveDate};
use thiserror::Error;

pub use choice::{CalendarChoice, Ignored, Origin};
pub use data::{HolidayData, FORMAT};
pub use festival::Festival;
pub use month::MonthGrid;
pub use official::{Arrangements, NamedDay, DATA};
pub use problem::{DataError, DataProblem};
use statutory::{is_weekend, ProjectedFestival};

/// The first year the engine answers for.
pub const FIRST_YEAR: i32 = lunar::FIRST_YEAR;
/// The last year the engine answers for.
pub const LAST_YEAR: i32 = lunar::LAST_YEAR;

/// What kind of day a date is for offices.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DayKind {
    /// An ordinary Monday–Friday.
    Workday,
    /// An ordinary Saturday or Sunday.
    Weekend,
    /// A statutory holiday or a day off of the arrangement (放假).
    Holiday(Festival),
    /// A weekend day made a working day by the arrangement (调休上班, 班).
    MakeupWorkday(Festival),
}

impl DayKind {
    /// True when offices work that day.
    pub fn is_working(self) -> bool {
        matches!(self, DayKind::Workday | DayKind::MakeupWorkday(_))
    }

    /// The festival behind a holiday or 班 day.
    pub fn festival(self) -> Option<Festival> {
        match self {
            DayKind::Holiday(f) | DayKind::MakeupWorkday(f) => Some(f),
            DayKind::Workday | DayKind::Weekend => None,
        }
    }
}

/// Where an answer comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    /// From published arrangements only.
    Official,
    /// Some day in it depends on an arrangement that is not published: projected from the law.
    Projected,
}

/// A festival whose arrangement for a year is not published yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Unpublished {
    /// The arrangement's year (元旦's late-December days belong to the next year).
    pub year: i32,
    /// The festival.
    pub festival: Festival,
}

/// Everything the engine knows about one date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DayInfo {
    /// The date.
    pub date: NaiveDate,
    /// The published kind, or the most likely one when projected.
    pub kind: DayKind,
    /// Published or projected.
    pub basis: Basis,
    /// When projected: the unpublished arrangement that may still change this day.
    pub uncertain: Option<Unpublished>,
}

/// An answer with its most likely value, its range and what it rests on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ranged<T> {
    /// The answer if the arrangements follow the statutory days only (exact when official).
    pub likely: T,
    /// The smallest value any plausible arrangement gives.
    pub low: T,
    /// The largest value any plausible arrangement gives.
    pub high: T,
    /// Official when nothing in the span depends on an unpublished arrangement.
    pub basis: Basis,
    /// The unpublished festivals that could move the answer, in date order.
    pub unpublished: Vec<Unpublished>,
}

impl<T: PartialEq> Ranged<T> {
    /// True when the range is a single value.
    pub fn is_exact(&self) -> bool {
        self.low == self.high
    }
}

/// A question the engine cannot answer.
#[derive(Clone, Copy, Debug, Error, PartialEq, Eq)]
pub enum CalendarError {
    /// The date, or the count from it, leaves the years the engine knows.
    #[error("{0} is outside {FIRST_YEAR}–{LAST_YEAR}")]
    OutOfRange(NaiveDate),
    /// There is no such month (the month number is not 1–12).
    #[error("{0}-{1} is not a month")]
    NoSuchMonth(i32, u32),
}

/// How a day may change once its arrangement is published.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum May {
    Stay,
    /// A weekday that may become a day off.
    Close,
    /// A weekend day that may become a 班 day.
    Open,
}

/// Which way to resolve days that may change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scenario {
    Likely,
    MostWorking,
    FewestWorking,
}

/// The working-day calendar: published arrangements plus projections for the other years.
#[derive(Debug, Clone)]
pub struct WorkingCalendar {
    published: Arrangements,
    /// Festivals of unpublished years, indexed by year − [`FIRST_YEAR`] (empty for published
    /// years), through `LAST_YEAR + 1` (whose 元旦 window reaches back into December).
    projected: Vec<Vec<ProjectedFestival>>,
}

impl WorkingCalendar {
    /// A calendar from these published arrangements.
    pub fn new(published: Arrangements) -> WorkingCalendar {
        let projected = (FIRST_YEAR..=LAST_YEAR + 1)
            .map(|year| {
                if published.has_year(year) {
                    Vec::new()
                } else if year > LAST_YEAR {
                    // Only its 元旦 window reaches into the last covered year.
                    statutory::new_year(year).into_iter().collect()
                } else {
                    statutory::festivals(year).unwrap_or_default()
                }
            })
            .collect();
        WorkingCalendar {
            published,
            projected,
        }
    }

    /// China's calendar from the built-in copy of the holiday file ([`HolidayData::embedded`]):
    /// the fallback. The page counts with [`CalendarChoice::calendar`], which may come from the
    /// file served next to it. The copy is checked by tests; were it ever unreadable, every year
    /// would be treated as unpublished rather than guessed.
    pub fn china() -> &'static WorkingCalendar {
        static CALENDAR: OnceLock<WorkingCalendar> = OnceLock::new();
        CALENDAR.get_or_init(|| HolidayData::embedded().calendar())
    }

    /// The first and last years with a published arrangement.
    pub fn published_years(&self) -> Option<(i32, i32)> {
        Some((
            *self.published.years().first()?,
            *self.published.years().last()?,
        ))
    }

    /// True when `year`'s arrangement is published.
    pub fn is_published(&self, year: i32) -> bool {
        self.published.has_year(year)
    }

    /// The references of `year`'s published notices (empty where none is recorded).
    pub fn notices(&self, year: i32) -> Vec<&str> {
        self.published
            .notices()
            .iter()
            .filter(|(y, _)| *y == year)
            .map(|(_, n)| n.as_str())
            .collect()
    }

    /// What kind of day `date` is.
    pub fn day(&self, date: NaiveDate) -> Result<DayInfo, CalendarError> {
        self.classify(date).map(|(info, _)| info)
    }

    /// Every day from `first` to `last`, both included.
    pub fn days(&self, first: NaiveDate, last: NaiveDate) -> Result<Vec<DayInfo>, CalendarError> {
        first
            .iter_days()
            .take_while(|d| *d <= last)
            .map(|d| self.day(d))
            .collect()
    }

    /// The `n`th working day after `from`. `from` itself never counts, whatever day it is; with
    /// `n == 0` the answer is `from`.
    pub fn add_working_days(
        &self,
        from: NaiveDate,
        n: u32,
    ) -> Result<Ranged<NaiveDate>, CalendarError> {
        self.classify(from)?;
        let likely = self.nth(from, n, Scenario::Likely, &mut |_| ())?;
        let low = self.nth(from, n, Scenario::MostWorking, &mut |_| ())?;
        let mut seen = Seen::default();
        let high = self.nth(from, n, Scenario::FewestWorking, &mut |info| {
            seen.note(info)
        })?;
        Ok(seen.finish(likely, low, high))
    }

    /// How many working days lie after `from` up to and including `to` (0 when `to <= from`).
    pub fn working_days_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Ranged<u32>, CalendarError> {
        self.classify(from)?;
        self.classify(to)?;
        let likely = self.count(from, to, Scenario::Likely, &mut |_| ())?;
        let high = self.count(from, to, Scenario::MostWorking, &mut |_| ())?;
        let mut seen = Seen::default();
        let low = self.count(from, to, Scenario::FewestWorking, &mut |info| {
            seen.note(info)
        })?;
        Ok(seen.finish(likely, low, high))
    }

    /// The month `month` of `year`, laid out Monday first.
    pub fn month(&self, year: i32, month: u32) -> Result<MonthGrid, CalendarError> {
        MonthGrid::build(self, year, month)
    }

    fn nth(
        &self,
        from: NaiveDate,
        n: u32,
        scenario: Scenario,
        seen: &mut dyn FnMut(&DayInfo),
    ) -> Result<NaiveDate, CalendarError> {
        let mut walker = Walker::new(self, scenario, from);
        let mut counted = 0;
        let mut date = from;
        while counted < n {
            date = next_day(date)?;
            let (working, info) = walker.step(date)?;
            seen(&info);
            counted += u32::from(working);
        }
        Ok(date)
    }

    fn count(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        scenario: Scenario,
        seen: &mut dyn FnMut(&DayInfo),
    ) -> Result<u32, CalendarError> {
        let mut walker = Walker::new(self, scenario, from);
        let mut counted = 0;
        let mut date = from;
        while date < to {
            date = next_day(date)?;
            let (working, info) = walker.step(date)?;
            seen(&info);
            counted += u32::from(working);
        }
        Ok(counted)
    }

    /// The projected festivals of `year`'s arrangement (none when it is published).
    fn projected_in(&self, year: i32) -> &[ProjectedFestival] {
        usize::try_from(year - FIRST_YEAR)
            .ok()
            .and_then(|i| self.projected.get(i))
            .map_or(&[], Vec::as_slice)
    }

    /// The projected festivals whose days or windows may touch `date`.
    fn projected_near(&self, date: NaiveDate) -> impl Iterator<Item = &ProjectedFestival> {
        let next_new_year = self
            .projected_in(date.year() + 1)
            .iter()
            .filter(|f| f.festival == Festival::NewYear);
        self.projected_in(date.year()).iter().chain(next_new_year)
    }

    fn classify(&self, date: NaiveDate) -> Result<(DayInfo, May), CalendarError> {
        if !(FIRST_YEAR..=LAST_YEAR).contains(&date.year()) {
            return Err(CalendarError::OutOfRange(date));
        }
        let mut info = DayInfo {
            date,
            kind: if is_weekend(date) {
                DayKind::Weekend
            } else {
                DayKind::Workday
            },
            basis: Basis::Official,
            uncertain: None,
        };
        if let Some(kind) = self.published.day(date) {
            info.kind = kind;
            return Ok((info, May::Stay));
        }
        if !self.is_published(date.year()) {
            info.basis = Basis::Projected;
        }
        if let Some(f) = self.projected_near(date).find(|f| f.is_statutory(date)) {
            info.kind = DayKind::Holiday(f.festival);
            info.basis = Basis::Projected;
            return Ok((info, May::Stay));
        }
        let mut may = May::Stay;
        for f in self.projected_near(date) {
            if f.substitutes.contains(&date) {
                info.kind = DayKind::Holiday(f.festival);
            }
            if may == May::Stay && (f.may_close(date) || f.may_open(date)) {
                may = if is_weekend(date) {
                    May::Open
                } else {
                    May::Close
                };
                info.uncertain = Some(Unpublished {
                    year: f.year,
                    festival: f.festival,
                });
                info.basis = Basis::Projected;
            }
        }
        Ok((info, may))
    }
}

fn next_day(date: NaiveDate) -> Result<NaiveDate, CalendarError> {
    date.checked_add_signed(Duration::days(1))
        .filter(|d| d.year() <= LAST_YEAR)
        .ok_or(CalendarError::OutOfRange(date))
}

/// Walks day by day from a counting date, resolving uncertain days according to a scenario.
struct Walker<'a> {
    calendar: &'a WorkingCalendar,
    scenario: Scenario,
    from: NaiveDate,
    /// The resolved uncertain days of each unpublished year met so far.
    plans: Vec<(i32, Plan)>,
}

impl<'a> Walker<'a> {
    fn new(calendar: &'a WorkingCalendar, scenario: Scenario, from: NaiveDate) -> Self {
        Walker {
            calendar,
            scenario,
            from,
            plans: Vec::new(),
        }
    }

    fn step(&mut self, date: NaiveDate) -> Result<(bool, DayInfo), CalendarError> {
        let (info, may) = self.calendar.classify(date)?;
        let working = match (self.scenario, may, info.uncertain) {
            (Scenario::Likely, _, _) | (_, May::Stay, _) | (_, _, None) => info.kind.is_working(),
            (_, _, Some(u)) => {
                let plan = self.plan(u.year);
                match may {
                    May::Close => !plan.off.contains(&date),
                    _ => plan.makeup.contains(&date),
                }
            }
        };
        Ok((working, info))
    }

    fn plan(&mut self, year: i32) -> &Plan {
        let index = match self.plans.iter().position(|(y, _)| *y == year) {
            Some(i) => i,
            None => {
                let festivals = self.calendar.projected_in(year);
                let plan = match self.scenario {
                    Scenario::FewestWorking => Plan::fewest_working(festivals, self.from),
                    _ => Plan::most_working(festivals, self.from),
                };
                self.plans.push((year, plan));
                self.plans.len() - 1
            }
        };
        &self.plans[index].1
    }
}

/// One extreme arrangement of an unpublished year, seen from a counting date.
#[derive(Debug, Default)]
struct Plan {
    /// Uncertain weekdays taken as days off.
    off: Vec<NaiveDate>,
    /// Uncertain weekend days taken as 班 days.
    makeup: Vec<NaiveDate>,
}

/// Festivals whose off windows overlap (中秋 next to 国庆) share one break: a substitute or a
/// bridging day of one may fall on any weekday of the other, so they are planned together.
struct Cluster<'a> {
    members: Vec<&'a ProjectedFestival>,
    /// Weekdays the break may close, in date order (statutory days excluded).
    closable: Vec<NaiveDate>,
    /// Substitute days owed by all members.
    owed: usize,
    /// 班 days allowed to all members.
    cap: usize,
}

impl<'a> Cluster<'a> {
    fn of(festivals: &'a [ProjectedFestival]) -> Vec<Cluster<'a>> {
        let mut sorted: Vec<&ProjectedFestival> = festivals.iter().collect();
        sorted.sort_by_key(|f| f.off_window.0);
        let mut groups: Vec<Vec<&ProjectedFestival>> = Vec::new();
        for f in sorted {
            match groups.last_mut() {
                Some(g) if g.iter().any(|m| f.off_window.0 <= m.off_window.1) => g.push(f),
                _ => groups.push(vec![f]),
            }
        }
        groups
            .into_iter()
            .map(|members| {
                let mut closable: Vec<NaiveDate> = members
                    .iter()
                    .flat_map(|f| {
                        f.off_window
                            .0
                            .iter_days()
                            .take_while(move |d| *d <= f.off_window.1)
                    })
                    .filter(|d| members.iter().any(|f| f.may_close(*d)))
                    .filter(|d| !festivals.iter().any(|g| g.is_statutory(*d)))
                    .collect();
                closable.sort_unstable();
                closable.dedup();
                Cluster {
                    owed: members.iter().map(|f| f.substitutes_owed).sum(),
                    cap: members.iter().map(|f| usize::from(f.makeup_cap)).sum(),
                    closable,
                    members,
                }
            })
            .collect()
    }

    fn may_open(&self, d: NaiveDate) -> bool {
        self.members.iter().any(|f| f.may_open(d))
    }

    fn work_window_end(&self) -> NaiveDate {
        self.members
            .iter()
            .map(|f| f.work_window.1)
            .max()
            .unwrap_or(NaiveDate::MAX)
    }
}

impl Plan {
    /// The arrangement that leaves the fewest working days after `from`: each break closes the
    /// earliest weekdays it may, up to its quota (substitutes + one bridging day per allowed 班
    /// day); its 班 days fall outside the count.
    fn fewest_working(festivals: &[ProjectedFestival], from: NaiveDate) -> Plan {
        let mut plan = Plan::default();
        for cluster in Cluster::of(festivals) {
            let quota = cluster.owed + cluster.cap;
            plan.off
                .extend(cluster.closable.iter().filter(|d| **d > from).take(quota));
        }
        plan
    }

    /// The arrangement that leaves the most working days after `from`: 班 days on the first
    /// weekend days of their windows, the days off on the last weekdays (or before `from`).
    fn most_working(festivals: &[ProjectedFestival], from: NaiveDate) -> Plan {
        let clusters = Cluster::of(festivals);
        // Days off, most harmless first: those before `from`, then the latest.
        let slots: Vec<Vec<NaiveDate>> = clusters
            .iter()
            .map(|c| {
                let (before, after): (Vec<NaiveDate>, Vec<NaiveDate>) =
                    c.closable.iter().partition(|d| **d <= from);
                before.into_iter().chain(after.into_iter().rev()).collect()
            })
            .collect();
        let mut closed: Vec<usize> = clusters
            .iter()
            .zip(&slots)
            .map(|(c, s)| c.owed.min(s.len()))
            .collect();
        let mut made = vec![0usize; clusters.len()];
        let mut weekend_days: Vec<NaiveDate> = festivals
            .iter()
            .flat_map(|f| {
                f.work_window
                    .0
                    .iter_days()
                    .take_while(move |d| *d <= f.work_window.1)
            })
            .filter(|d| *d > from && festivals.iter().any(|f| f.may_open(*d)))
            .filter(|d| !festivals.iter().any(|g| g.is_statutory(*d)))
            .collect();
        weekend_days.sort_unstable();
        weekend_days.dedup();
        let mut plan = Plan::default();
        for b in weekend_days {
            // A 班 day only helps if the day off it pays for comes after it (or before `from`).
            let pays = |i: usize| {
                slots[i]
                    .get(closed[i])
                    .is_some_and(|c| *c <= from || *c > b)
            };
            let best = (0..clusters.len())
                .filter(|&i| clusters[i].may_open(b) && made[i] < clusters[i].cap && pays(i))
                .min_by_key(|&i| clusters[i].work_window_end());
            if let Some(i) = best {
                plan.makeup.push(b);
                closed[i] += 1;
                made[i] += 1;
            }
        }
        for (s, n) in slots.iter().zip(closed) {
            plan.off.extend(s[..n].iter().filter(|d| **d > from));
        }
        plan
    }
}

/// Collects the basis and the unpublished festivals met along a walk.
#[derive(Default)]
struct Seen {
    projected: bool,
    unpublished: Vec<Unpublished>,
}

impl Seen {
    fn note(&mut self, info: &DayInfo) {
        self.projected |= info.basis == Basis::Projected;
        if let Some(u) = info.uncertain {
            if !self.unpublished.contains(&u) {
                self.unpublished.push(u);
            }
        }
    }

    fn finish<T>(self, likely: T, low: T, high: T) -> Ranged<T> {
        Ranged {
            likely,
            low,
            high,
            basis: if self.projected {
                Basis::Projected
            } else {
                Basis::Official
            },
            unpublished: self.unpublished,
        }
    }
}

#[cfg(test)]
mod tests;
