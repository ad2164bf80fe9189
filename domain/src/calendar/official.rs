//! The State Council's published arrangements (放假调休), read from the holiday file.
//!
//! The file is `static/cn-holidays.txt`: Trunk copies it next to `index.html`, where the page
//! reads it at every visit, and the same file is built into the page here ([`DATA`]) as the
//! fallback. One file, so the two can only differ when someone edits the served copy.
//! [`read`] takes it line by line; [`super::data`] checks it as a whole.

use chrono::{Datelike, NaiveDate, Weekday};

use super::problem::{DataError, DataProblem};
use super::{DayKind, Festival};
use crate::dates::parse_iso;

/// The built-in copy of the holiday file; see its header for the format.
pub const DATA: &str = include_str!("../../../static/cn-holidays.txt");

/// The longest festival name a line may carry (the longest so far, 抗战胜利70周年纪念日, has 10).
const MAX_NAME_CHARS: usize = 20;

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

/// A festival line as written.
#[derive(Clone, Debug)]
pub(crate) struct FestivalLine {
    pub line: usize,
    pub year: i32,
    pub festival: Festival,
    /// Days off, in the order written.
    pub off: Vec<NaiveDate>,
    /// 班 days, in the order written.
    pub work: Vec<NaiveDate>,
}

/// A `通知` line as written; `reference` is `None` for `-`.
#[derive(Clone, Debug)]
pub(crate) struct NoticeLine {
    pub line: usize,
    pub year: i32,
    pub reference: Option<String>,
}

/// Everything a file says, line by line, before any check across lines.
#[derive(Clone, Debug, Default)]
pub(crate) struct Read {
    /// `格式 N`, with its line.
    pub format: Option<(usize, u32)>,
    /// `截至 YYYY-MM-DD`, with its line.
    pub as_of: Option<(usize, NaiveDate)>,
    pub festivals: Vec<FestivalLine>,
    pub notices: Vec<NoticeLine>,
}

/// Reads a holiday file line by line. Each line must make sense on its own; whether the lines
/// make sense together is [`super::data`]'s to check.
pub(crate) fn read(text: &str) -> Result<Read, DataError> {
    let mut out = Read::default();
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let err = |problem| DataError::at(line, problem);
        let content = raw.split('#').next().unwrap_or("").trim();
        let fields: Vec<&str> = content.split_whitespace().collect();
        match fields.as_slice() {
            [] => {}
            ["格式", n] => {
                let n = n
                    .parse()
                    .map_err(|_| err(DataProblem::BadLine(content.to_string())))?;
                header(&mut out.format, "格式", line, n, out.festivals.is_empty())?;
            }
            ["截至", date] => {
                let date =
                    parse_iso(date).map_err(|_| err(DataProblem::NotADate(date.to_string())))?;
                header(&mut out.as_of, "截至", line, date, out.festivals.is_empty())?;
            }
            [year, "通知", reference] => out.notices.push(NoticeLine {
                line,
                year: year_of(year).map_err(err)?,
                reference: (*reference != "-").then(|| reference.to_string()),
            }),
            [year, name, off, work] => {
                let year = year_of(year).map_err(err)?;
                if name.chars().count() > MAX_NAME_CHARS {
                    return Err(err(DataProblem::NameTooLong(name.to_string())));
                }
                let mut festival = FestivalLine {
                    line,
                    year,
                    festival: Festival::from_name(name),
                    off: Vec::new(),
                    work: Vec::new(),
                };
                for item in off.split(',') {
                    let (first, last) = match item.split_once("..") {
                        Some((a, b)) => (day(a, year).map_err(err)?, day(b, year).map_err(err)?),
                        None => {
                            let d = day(item, year).map_err(err)?;
                            (d, d)
                        }
                    };
                    if last < first {
                        return Err(err(DataProblem::RangeBackwards(item.to_string())));
                    }
                    festival
                        .off
                        .extend(first.iter_days().take_while(|d| *d <= last));
                }
                if *work != "-" {
                    for item in work.split(',') {
                        let d = day(item, year).map_err(err)?;
                        if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
                            return Err(err(DataProblem::WeekdayAsWork(d)));
                        }
                        festival.work.push(d);
                    }
                }
                out.festivals.push(festival);
            }
            _ => return Err(err(DataProblem::BadLine(content.to_string()))),
        }
    }
    Ok(out)
}

/// Records a header value: once, before the festival lines.
fn header<T>(
    slot: &mut Option<(usize, T)>,
    key: &'static str,
    line: usize,
    value: T,
    before_data: bool,
) -> Result<(), DataError> {
    if slot.is_some() {
        return Err(DataError::at(line, DataProblem::HeaderTwice(key)));
    }
    if !before_data {
        return Err(DataError::at(line, DataProblem::HeaderTooLate(key)));
    }
    *slot = Some((line, value));
    Ok(())
}

fn year_of(text: &str) -> Result<i32, DataProblem> {
    text.parse()
        .map_err(|_| DataProblem::NotAYear(text.to_string()))
}

/// Every published arrangement: the days each notice names, and the years it covers. Sorted
/// vectors searched by bisection: a few hundred entries, read-only after parsing.
#[derive(Debug, Default, Clone)]
pub struct Arrangements {
    /// Days named by a notice, by date. Other days follow the weekday.
    days: Vec<NamedDay>,
    /// Years whose arrangement is published, ascending.
    years: Vec<i32>,
    /// Published notices: (year, reference), in file order.
    notices: Vec<(i32, String)>,
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

    /// The recorded notices: (year, web address or document number).
    pub fn notices(&self) -> &[(i32, String)] {
        &self.notices
    }

    /// Reads a table in the format of the holiday file, checking each line and that no day is
    /// named twice, but not the file as a whole (its header, order and completeness): that is
    /// [`super::HolidayData::parse`], for a file to be used. This one also reads excerpts.
    pub fn parse(text: &str) -> Result<Arrangements, DataError> {
        Arrangements::from_read(&read(text)?)
    }

    pub(crate) fn from_read(read: &Read) -> Result<Arrangements, DataError> {
        let mut out = Arrangements::default();
        for f in &read.festivals {
            if let Err(at) = out.years.binary_search(&f.year) {
                out.years.insert(at, f.year);
            }
            let off = f.off.iter().map(|d| (*d, DayKind::Holiday(f.festival)));
            let work = f
                .work
                .iter()
                .map(|d| (*d, DayKind::MakeupWorkday(f.festival)));
            for (date, kind) in off.chain(work) {
                out.insert(date, kind, f.year)
                    .map_err(|p| DataError::at(f.line, p))?;
            }
        }
        out.notices = read
            .notices
            .iter()
            .filter_map(|n| Some((n.year, n.reference.clone()?)))
            .collect();
        Ok(out)
    }

    fn insert(&mut self, date: NaiveDate, kind: DayKind, year: i32) -> Result<(), DataProblem> {
        match self.days.binary_search_by_key(&date, |d| d.date) {
            Ok(_) => Err(DataProblem::ListedTwice(date)),
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
fn day(text: &str, year: i32) -> Result<NaiveDate, DataProblem> {
    let bad = || DataProblem::NotADate(text.to_string());
    let parts: Vec<&str> = text.split('-').collect();
    let number = |s: &str| s.parse::<u32>().map_err(|_| bad());
    let date = match parts.as_slice() {
        [m, d] => NaiveDate::from_ymd_opt(year, number(m)?, number(d)?),
        [y, m, d] => {
            let y = y.parse::<i32>().map_err(|_| bad())?;
            NaiveDate::from_ymd_opt(y, number(m)?, number(d)?)
        }
        _ => None,
    };
    date.ok_or_else(bad)
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
        assert!(a.notices().contains(&(
            2026,
            "https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm".to_string()
        )));
        assert!(
            a.notices().iter().all(|(y, _)| *y >= 2006),
            "2004 and 2005 record no reference ('-')"
        );
    }

    #[test]
    fn bad_lines_are_reported_with_their_number() {
        use DataProblem as P;
        let cases: [(&str, P); 11] = [
            ("2026 元旦 01-01", P::BadLine("2026 元旦 01-01".into())),
            ("20x6 元旦 01-01 -", P::NotAYear("20x6".into())),
            ("2026 元旦 02-30 -", P::NotADate("02-30".into())),
            (
                "2026 元旦 01-03..01-01 -",
                P::RangeBackwards("01-03..01-01".into()),
            ),
            ("2026 元旦 01-01 01-05", P::WeekdayAsWork(d(2026, 1, 5))),
            (
                "2026 元旦 01-01 -\n2026 春节 01-01 -",
                P::ListedTwice(d(2026, 1, 1)),
            ),
            (
                "2026 元旦 01-01..01-03,01-02 -",
                P::ListedTwice(d(2026, 1, 2)),
            ),
            ("格式 一", P::BadLine("格式 一".into())),
            ("截至 2026-2-1", P::NotADate("2026-2-1".into())),
            ("格式 1\n格式 1", P::HeaderTwice("格式")),
            (
                "2026 元旦 01-01 -\n截至 2026-12-01",
                P::HeaderTooLate("截至"),
            ),
        ];
        for (text, expected) in cases {
            let e = Arrangements::parse(text).expect_err(text);
            assert_eq!(e.problem, expected, "{text}");
            assert_eq!(e.line, Some(text.lines().count()), "{text}");
        }
        let e = Arrangements::parse("# comment\n\n2026 元旦 1-1-1-1 -").unwrap_err();
        assert_eq!(e.line, Some(3));
        assert_eq!(
            e.to_string(),
            "holiday file line 3: '1-1-1-1' is not a date"
        );
        assert_eq!(e.message(), "第3行：“1-1-1-1”不是有效日期");
        let long = format!("2026 {} 01-01 -", "长".repeat(21));
        assert!(matches!(
            Arrangements::parse(&long).unwrap_err().problem,
            P::NameTooLong(_)
        ));
    }

    #[test]
    fn text_that_does_not_live_for_ever_can_be_read() {
        let owned: String = format!("{DATA}\n2027 某某纪念日 10-08 -\n");
        let a = Arrangements::parse(&owned).unwrap();
        drop(owned);
        assert_eq!(
            a.day(d(2027, 10, 8)),
            Some(DayKind::Holiday(Festival::OneOff("某某纪念日")))
        );
    }

    #[test]
    fn without_year_forgets_that_years_days_only() {
        let a = Arrangements::parse(DATA).unwrap();
        let b = a.without_year(2019);
        assert!(!b.has_year(2019));
        assert_eq!(b.day(d(2018, 12, 30)), None, "2019's 元旦 starts in 2018");
        assert_eq!(b.day(d(2019, 10, 1)), None);
        assert!(b.day(d(2018, 10, 1)).is_some());
        assert!(b.notices().iter().all(|(y, _)| *y != 2019));
    }
}
