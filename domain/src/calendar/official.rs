//! The State Council's published arrangements (放假调休), parsed from `cn_holidays.txt`.

use chrono::{Datelike, NaiveDate, Weekday};
use thiserror::Error;

use super::{DayKind, Festival};

/// The embedded table; see the file's header for its format.
pub const DATA: &str = include_str!("cn_holidays.txt");

/// A line of the table that cannot be read.
#[derive(Debug, Error, PartialEq, Eq)]
#[error("holiday table line {line}: {problem}")]
pub struct DataError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong with it.
    pub problem: String,
}

/// A day a notice names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NamedDay {
    /// The date.
    pub date: NaiveDate,
    /// A day off or a 调休上班 day.
    pub kind: DayKind,
    /// The arrangement's year (a late-December 元旦 day belongs to the next).
    pub year: i32,
}

/// Every published arrangement: the days each notice names, and the years it covers. Sorted
/// vectors searched by bisection: a few hundred entries, read-only after parsing.
#[derive(Debug, Default, Clone)]
pub struct Arrangements {
    /// Days named by a notice, by date. Other days follow the weekday.
    days: Vec<NamedDay>,
    /// Years whose arrangement is published, ascending.
    years: Vec<i32>,
    /// Published notices: (year, reference).
    pub notices: Vec<(i32, &'static str)>,
}

impl Arrangements {
    /// What a notice says of `date`, if it names it.
    pub fn day(&self, date: NaiveDate) -> Option<DayKind> {
        let i = self.days.binary_search_by_key(&date, |d| d.date).ok()?;
        Some(self.days[i].kind)
    }

    /// Every named day, by date.
    pub fn days(&self) -> &[NamedDay] {
        &self.days
    }

    /// True when `year`'s arrangement is published.
    pub fn has_year(&self, year: i32) -> bool {
        self.years.binary_search(&year).is_ok()
    }

    /// Published years, ascending.
    pub fn years(&self) -> &[i32] {
        &self.years
    }

    /// Reads a table in the format of `cn_holidays.txt`.
    pub fn parse(text: &'static str) -> Result<Arrangements, DataError> {
        let mut out = Arrangements::default();
        for (index, raw) in text.lines().enumerate() {
            let line = index + 1;
            let err = |problem: String| DataError { line, problem };
            let content = raw.split('#').next().unwrap_or("").trim();
            if content.is_empty() {
                continue;
            }
            let fields: Vec<&'static str> = content.split_whitespace().collect();
            let year: i32 = fields[0]
                .parse()
                .map_err(|_| err(format!("'{}' is not a year", fields[0])))?;
            match fields.as_slice() {
                [_, "通知", reference] => out.notices.push((year, reference)),
                [_, name, off, work] => {
                    let festival = Festival::from_name(name);
                    if let Err(at) = out.years.binary_search(&year) {
                        out.years.insert(at, year);
                    }
                    for item in off.split(',') {
                        let (first, last) = match item.split_once("..") {
                            Some((a, b)) => {
                                (day(a, year).map_err(err)?, day(b, year).map_err(err)?)
                            }
                            None => {
                                let d = day(item, year).map_err(err)?;
                                (d, d)
                            }
                        };
                        if last < first {
                            return Err(err(format!("range {item} ends before it starts")));
                        }
                        for d in first.iter_days().take_while(|d| *d <= last) {
                            out.insert(d, DayKind::Holiday(festival), year)
                                .map_err(err)?;
                        }
                    }
                    if *work != "-" {
                        for item in work.split(',') {
                            let d = day(item, year).map_err(err)?;
                            if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
                                return Err(err(format!(
                                    "{d} is a weekday; only weekends can become 班"
                                )));
                            }
                            out.insert(d, DayKind::MakeupWorkday(festival), year)
                                .map_err(err)?;
                        }
                    }
                }
                _ => {
                    return Err(err(format!(
                        "expected 'YEAR FESTIVAL OFF WORK', found '{content}'"
                    )))
                }
            }
        }
        Ok(out)
    }

    fn insert(&mut self, date: NaiveDate, kind: DayKind, year: i32) -> Result<(), String> {
        match self.days.binary_search_by_key(&date, |d| d.date) {
            Ok(i) => Err(format!(
                "{date} is listed twice ({:?} and {kind:?})",
                self.days[i].kind
            )),
            Err(at) => {
                self.days.insert(at, NamedDay { date, kind, year });
                Ok(())
            }
        }
    }

    /// The same arrangements without `year`'s notice: what the engine knew before it was published.
    pub fn without_year(&self, year: i32) -> Arrangements {
        let mut out = self.clone();
        out.years.retain(|y| *y != year);
        out.notices.retain(|(y, _)| *y != year);
        out.days.retain(|d| d.year != year);
        out
    }

    /// The same arrangements without the days `keep` refuses (tests leave out one-off days).
    pub fn retain_days(&mut self, keep: impl Fn(&NamedDay) -> bool) {
        self.days.retain(keep);
    }
}

/// Reads `MM-DD` (in `year`) or `YYYY-MM-DD`.
fn day(text: &str, year: i32) -> Result<NaiveDate, String> {
    let parts: Vec<&str> = text.split('-').collect();
    let number = |s: &str| {
        s.parse::<u32>()
            .map_err(|_| format!("'{text}' is not a date"))
    };
    let date = match parts.as_slice() {
        [m, d] => NaiveDate::from_ymd_opt(year, number(m)?, number(d)?),
        [y, m, d] => {
            let y = y
                .parse::<i32>()
                .map_err(|_| format!("'{text}' is not a date"))?;
            NaiveDate::from_ymd_opt(y, number(m)?, number(d)?)
        }
        _ => None,
    };
    date.ok_or_else(|| format!("'{text}' is not a date"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_embedded_table_parses() {
        let a = Arrangements::parse(DATA).expect("embedded table is valid");
        assert_eq!(a.years().first(), Some(&2004));
        assert_eq!(a.years().last(), Some(&2026));
        assert_eq!(a.years().len(), 23);
        assert_eq!(
            a.day(d(2026, 9, 20)),
            Some(DayKind::MakeupWorkday(Festival::NationalDay))
        );
        assert_eq!(
            a.day(d(2026, 10, 1)),
            Some(DayKind::Holiday(Festival::NationalDay))
        );
        assert_eq!(a.day(d(2026, 10, 12)), None);
        // A 元旦 break starting in late December belongs to the next year's arrangement.
        let eve = a.days().iter().find(|n| n.date == d(2018, 12, 30)).unwrap();
        assert_eq!(eve.year, 2019);
        assert!(a.days().windows(2).all(|w| w[0].date < w[1].date), "sorted");
        assert!(a.notices.contains(&(
            2026,
            "https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm"
        )));
    }

    #[test]
    fn bad_lines_are_reported_with_their_number() {
        let cases: [(&'static str, &str); 6] = [
            ("2026 元旦 01-01", "expected"),
            ("20x6 元旦 01-01 -", "not a year"),
            ("2026 元旦 02-30 -", "not a date"),
            ("2026 元旦 01-03..01-01 -", "ends before"),
            ("2026 元旦 01-01 01-05", "weekday"),
            ("2026 元旦 01-01 -\n2026 春节 01-01 -", "twice"),
        ];
        for (text, expected) in cases {
            let e = Arrangements::parse(text).expect_err(text);
            assert!(e.problem.contains(expected), "{text}: {e}");
        }
        let e = Arrangements::parse("# comment\n\n2026 元旦 1-1-1-1 -").unwrap_err();
        assert_eq!(e.line, 3);
    }

    #[test]
    fn without_year_forgets_that_years_days_only() {
        let a = Arrangements::parse(DATA).unwrap();
        let b = a.without_year(2019);
        assert!(!b.has_year(2019));
        assert_eq!(b.day(d(2018, 12, 30)), None, "2019's 元旦 starts in 2018");
        assert_eq!(b.day(d(2019, 10, 1)), None);
        assert!(b.day(d(2018, 10, 1)).is_some());
        assert!(b.notices.iter().all(|(y, _)| *y != 2019));
    }
}
