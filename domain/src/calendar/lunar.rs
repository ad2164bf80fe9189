//! Gregorian dates of the lunar festivals and of the solar term 清明, 2000–2050.
//!
//! A table rather than a lunar-calendar library keeps the WebAssembly small; the test
//! `lunar_table_matches_tyme4rs` checks every row against the `tyme4rs` crate.

use chrono::NaiveDate;

/// First year the table covers.
pub const FIRST_YEAR: i32 = 2000;
/// Last year the table covers.
pub const LAST_YEAR: i32 = 2050;

/// (year, 正月初一, 清明, 端午 (五月初五), 中秋 (八月十五)), each as (month, day).
type Row = (i32, (u32, u32), (u32, u32), (u32, u32), (u32, u32));

#[rustfmt::skip]
const TABLE: [Row; (LAST_YEAR - FIRST_YEAR + 1) as usize] = [
    (2000, (2, 5), (4, 4), (6, 6), (9, 12)),
    (2001, (1, 24), (4, 5), (6, 25), (10, 1)),
    (2002, (2, 12), (4, 5), (6, 15), (9, 21)),
    (2003, (2, 1), (4, 5), (6, 4), (9, 11)),
    (2004, (1, 22), (4, 4), (6, 22), (9, 28)),
    (2005, (2, 9), (4, 5), (6, 11), (9, 18)),
    (2006, (1, 29), (4, 5), (5, 31), (10, 6)),
    (2007, (2, 18), (4, 5), (6, 19), (9, 25)),
    (2008, (2, 7), (4, 4), (6, 8), (9, 14)),
    (2009, (1, 26), (4, 4), (5, 28), (10, 3)),
    (2010, (2, 14), (4, 5), (6, 16), (9, 22)),
    (2011, (2, 3), (4, 5), (6, 6), (9, 12)),
    (2012, (1, 23), (4, 4), (6, 23), (9, 30)),
    (2013, (2, 10), (4, 4), (6, 12), (9, 19)),
    (2014, (1, 31), (4, 5), (6, 2), (9, 8)),
    (2015, (2, 19), (4, 5), (6, 20), (9, 27)),
    (2016, (2, 8), (4, 4), (6, 9), (9, 15)),
    (2017, (1, 28), (4, 4), (5, 30), (10, 4)),
    (2018, (2, 16), (4, 5), (6, 18), (9, 24)),
    (2019, (2, 5), (4, 5), (6, 7), (9, 13)),
    (2020, (1, 25), (4, 4), (6, 25), (10, 1)),
    (2021, (2, 12), (4, 4), (6, 14), (9, 21)),
    (2022, (2, 1), (4, 5), (6, 3), (9, 10)),
    (2023, (1, 22), (4, 5), (6, 22), (9, 29)),
    (2024, (2, 10), (4, 4), (6, 10), (9, 17)),
    (2025, (1, 29), (4, 4), (5, 31), (10, 6)),
    (2026, (2, 17), (4, 5), (6, 19), (9, 25)),
    (2027, (2, 6), (4, 5), (6, 9), (9, 15)),
    (2028, (1, 26), (4, 4), (5, 28), (10, 3)),
    (2029, (2, 13), (4, 4), (6, 16), (9, 22)),
    (2030, (2, 3), (4, 5), (6, 5), (9, 12)),
    (2031, (1, 23), (4, 5), (6, 24), (10, 1)),
    (2032, (2, 11), (4, 4), (6, 12), (9, 19)),
    (2033, (1, 31), (4, 4), (6, 1), (9, 8)),
    (2034, (2, 19), (4, 5), (6, 20), (9, 27)),
    (2035, (2, 8), (4, 5), (6, 10), (9, 16)),
    (2036, (1, 28), (4, 4), (5, 30), (10, 4)),
    (2037, (2, 15), (4, 4), (6, 18), (9, 24)),
    (2038, (2, 4), (4, 5), (6, 7), (9, 13)),
    (2039, (1, 24), (4, 5), (5, 27), (10, 2)),
    (2040, (2, 12), (4, 4), (6, 14), (9, 20)),
    (2041, (2, 1), (4, 4), (6, 3), (9, 10)),
    (2042, (1, 22), (4, 4), (6, 22), (9, 28)),
    (2043, (2, 10), (4, 5), (6, 11), (9, 17)),
    (2044, (1, 30), (4, 4), (5, 31), (10, 5)),
    (2045, (2, 17), (4, 4), (6, 19), (9, 25)),
    (2046, (2, 6), (4, 4), (6, 8), (9, 15)),
    (2047, (1, 26), (4, 5), (5, 29), (10, 4)),
    (2048, (2, 14), (4, 4), (6, 15), (9, 22)),
    (2049, (2, 2), (4, 4), (6, 4), (9, 11)),
    (2050, (1, 23), (4, 4), (6, 23), (9, 30)),
];

/// The dates that anchor a year's lunar and solar-term festivals.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LunarAnchors {
    /// 正月初一, the first day of the lunar year (除夕 is the day before).
    pub new_year: NaiveDate,
    /// The solar term 清明.
    pub qingming: NaiveDate,
    /// 端午, lunar 5/5.
    pub dragon_boat: NaiveDate,
    /// 中秋, lunar 8/15.
    pub mid_autumn: NaiveDate,
}

/// The anchors of `year`, or `None` outside 2000–2050.
pub fn anchors(year: i32) -> Option<LunarAnchors> {
    let index = usize::try_from(year.checked_sub(FIRST_YEAR)?).ok()?;
    let (y, cny, qm, dw, zq) = *TABLE.get(index)?;
    let date = |(m, d): (u32, u32)| NaiveDate::from_ymd_opt(y, m, d);
    Some(LunarAnchors {
        new_year: date(cny)?,
        qingming: date(qm)?,
        dragon_boat: date(dw)?,
        mid_autumn: date(zq)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;
    use tyme4rs::tyme::lunar::LunarDay;
    use tyme4rs::tyme::solar::{SolarDay, SolarTerm};

    fn naive(d: SolarDay) -> NaiveDate {
        NaiveDate::from_ymd_opt(
            d.get_solar_month().get_year() as i32,
            d.get_month() as u32,
            d.get_day() as u32,
        )
        .expect("tyme4rs gives real dates")
    }

    #[test]
    fn lunar_table_matches_tyme4rs() {
        for year in FIRST_YEAR..=LAST_YEAR {
            let a = anchors(year).expect("every covered year has anchors");
            let y = year as isize;
            assert_eq!(
                a.new_year,
                naive(LunarDay::from_ymd(y, 1, 1).get_solar_day()),
                "{year} 春节"
            );
            assert_eq!(
                a.dragon_boat,
                naive(LunarDay::from_ymd(y, 5, 5).get_solar_day()),
                "{year} 端午"
            );
            assert_eq!(
                a.mid_autumn,
                naive(LunarDay::from_ymd(y, 8, 15).get_solar_day()),
                "{year} 中秋"
            );
            let qingming = SolarTerm::new(y, "清明").expect("清明 is a solar term");
            assert_eq!(a.qingming, naive(qingming.get_solar_day()), "{year} 清明");
            assert_eq!(a.new_year.year(), year);
        }
    }

    #[test]
    fn product_brief_dates_for_2027() {
        let a = anchors(2027).unwrap();
        let d = |m, d| NaiveDate::from_ymd_opt(2027, m, d).unwrap();
        // 除夕 is Fri 02-05, so 初一 is 02-06.
        assert_eq!(a.new_year, d(2, 6));
        assert_eq!(a.qingming, d(4, 5));
        assert_eq!(a.dragon_boat, d(6, 9));
        assert_eq!(a.mid_autumn, d(9, 15));
    }

    #[test]
    fn outside_the_table_is_none() {
        assert_eq!(anchors(1999), None);
        assert_eq!(anchors(2051), None);
        assert_eq!(anchors(i32::MIN), None);
    }
}
