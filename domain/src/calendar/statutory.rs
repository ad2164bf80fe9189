//! Projection for years whose arrangement is not published: the statutory days that the law
//! (《全国年节及纪念日放假办法》) fixes, and how far the State Council's arrangement may move things.
//!
//! For each festival of such a year we know:
//! - its **statutory days**, days off whatever the arrangement says;
//! - how many **substitute** days off it owes: one for each statutory day on a weekend (or on
//!   another festival's statutory day), given on a working day. The likely ones are the first
//!   weekdays after the festival, the usual practice;
//! - an **off window**: the weekdays around the festival that the arrangement may close, for
//!   substitutes or for bridging days (the extra days that make a long break);
//! - a **work window** and a **cap**: the weekend days that may become 班 days, at most
//!   `makeup_cap` of them.
//!
//! Every arrangement published 2004–2026 also kept the books balanced: each bridging day off was
//! paid for by one 班 day, so a festival closes at most `substitutes_owed + makeup_cap` weekdays
//! beyond its statutory days. The windows, caps and that balance were checked against all 23 years
//! by `windows_contain_every_published_arrangement`; two events broke them and cannot be foreseen:
//! 2015's one-off 抗战胜利70周年纪念日 and 2020's epidemic extension of 春节.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::lunar::{self, LunarAnchors};
use super::Festival;

/// Weekend days this many days before a festival's off window may become 班 days…
const WORK_BEFORE: i64 = 10;
/// …and this many days after it.
const WORK_AFTER: i64 = 7;

/// The versions of the holiday law, by the year they took effect.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Law {
    /// 1999: 元旦 1 day, 春节 初一–初三, 劳动节 and 国庆节 3 days each (the "golden weeks").
    Of1999,
    /// 2008: adds 清明, 端午, 中秋; 春节 除夕–初二; 劳动节 1 day.
    Of2008,
    /// 2014: 春节 初一–初三.
    Of2014,
    /// 2025 (the 2024 revision, 13 days): 春节 除夕–初三; 劳动节 May 1–2.
    Of2025,
}

impl Law {
    fn in_force(year: i32) -> Law {
        match year {
            ..=2007 => Law::Of1999,
            2008..=2013 => Law::Of2008,
            2014..=2024 => Law::Of2014,
            _ => Law::Of2025,
        }
    }

    /// The most 班 days one festival has had under this law (since 2014 the one-day festivals
    /// and 元旦 have had at most one).
    fn makeup_cap(self, festival: Festival) -> u8 {
        match (self, festival) {
            (Law::Of1999 | Law::Of2008, _) => 2,
            (_, Festival::SpringFestival | Festival::LabourDay | Festival::NationalDay) => 2,
            _ => 1,
        }
    }
}

/// One festival of a year without a published arrangement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProjectedFestival {
    /// Which festival.
    pub festival: Festival,
    /// The year whose arrangement will decide it.
    pub year: i32,
    /// Days off by law.
    pub statutory: Vec<NaiveDate>,
    /// How many working days off the law owes for statutory days that fall on a weekend or on
    /// another festival's statutory day.
    pub substitutes_owed: usize,
    /// The likely substitute days: the first free weekdays after the festival.
    pub substitutes: Vec<NaiveDate>,
    /// Weekdays in here may be declared days off (inclusive).
    pub off_window: (NaiveDate, NaiveDate),
    /// Weekend days in here may be declared 班 days (inclusive).
    pub work_window: (NaiveDate, NaiveDate),
    /// At most this many 班 days.
    pub makeup_cap: u8,
}

impl ProjectedFestival {
    fn new(
        law: Law,
        festival: Festival,
        year: i32,
        statutory: Vec<NaiveDate>,
        off_window: (NaiveDate, NaiveDate),
    ) -> Self {
        ProjectedFestival {
            festival,
            year,
            work_window: (
                off_window.0 - Duration::days(WORK_BEFORE),
                off_window.1 + Duration::days(WORK_AFTER),
            ),
            substitutes_owed: 0,
            substitutes: Vec::new(),
            statutory,
            off_window,
            makeup_cap: law.makeup_cap(festival),
        }
    }

    /// True when `d` is one of the statutory days.
    pub fn is_statutory(&self, d: NaiveDate) -> bool {
        self.statutory.contains(&d)
    }

    /// True when `d` is a weekday that the arrangement may close (statutory days excepted).
    pub fn may_close(&self, d: NaiveDate) -> bool {
        !is_weekend(d) && within(d, self.off_window) && !self.is_statutory(d)
    }

    /// True when `d` is a weekend day that the arrangement may turn into a 班 day.
    pub fn may_open(&self, d: NaiveDate) -> bool {
        is_weekend(d) && within(d, self.work_window) && !self.is_statutory(d)
    }
}

/// Saturday or Sunday.
pub fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

fn within(d: NaiveDate, (first, last): (NaiveDate, NaiveDate)) -> bool {
    first <= d && d <= last
}

/// Works out what each festival owes in substitutes, and where they most likely go.
fn settle_substitutes(festivals: &mut [ProjectedFestival]) {
    let mut taken: Vec<NaiveDate> = Vec::new();
    for f in festivals.iter_mut() {
        f.substitutes_owed = f
            .statutory
            .iter()
            .filter(|d| is_weekend(**d) || taken.contains(d))
            .count();
        taken.extend(f.statutory.iter().copied());
    }
    let all_statutory = taken;
    let mut used: Vec<NaiveDate> = Vec::new();
    for f in festivals.iter_mut() {
        let Some(last) = f.statutory.iter().max() else {
            continue;
        };
        let picks: Vec<NaiveDate> = last
            .iter_days()
            .skip(1)
            .filter(|d| !is_weekend(*d) && !all_statutory.contains(d) && !used.contains(d))
            .take(f.substitutes_owed)
            .collect();
        used.extend(picks.iter().copied());
        f.substitutes = picks;
    }
}

fn ymd(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

fn days(first: NaiveDate, count: i64) -> Vec<NaiveDate> {
    (0..count).map(|i| first + Duration::days(i)).collect()
}

fn new_year_of(law: Law, year: i32) -> Option<ProjectedFestival> {
    Some(ProjectedFestival::new(
        law,
        Festival::NewYear,
        year,
        vec![ymd(year, 1, 1)?],
        (ymd(year - 1, 12, 30)?, ymd(year, 1, 3)?),
    ))
}

/// 元旦 of `year` alone: its off window starts on 30 December of the year before.
pub fn new_year(year: i32) -> Option<ProjectedFestival> {
    let mut f = [new_year_of(Law::in_force(year), year)?];
    settle_substitutes(&mut f);
    let [f] = f;
    Some(f)
}

/// Every regular festival of `year` under the law in force then, in date order, or `None`
/// outside the lunar table.
pub fn festivals(year: i32) -> Option<Vec<ProjectedFestival>> {
    let law = Law::in_force(year);
    let LunarAnchors {
        new_year: chuyi,
        qingming,
        dragon_boat,
        mid_autumn,
    } = lunar::anchors(year)?;
    let d = Duration::days;
    let festival = |f, statutory, window| ProjectedFestival::new(law, f, year, statutory, window);
    let mut out = vec![new_year_of(law, year)?];

    let spring_first = match law {
        Law::Of1999 | Law::Of2014 => chuyi,
        Law::Of2008 | Law::Of2025 => chuyi - d(1),
    };
    let spring_count = if law == Law::Of2025 { 4 } else { 3 };
    out.push(festival(
        Festival::SpringFestival,
        days(spring_first, spring_count),
        (chuyi - d(3), chuyi + d(8)),
    ));

    if law != Law::Of1999 {
        for (f, day) in [
            (Festival::Qingming, qingming),
            (Festival::DragonBoat, dragon_boat),
            (Festival::MidAutumn, mid_autumn),
        ] {
            out.push(festival(f, vec![day], (day - d(2), day + d(2))));
        }
    }

    let may_day = ymd(year, 5, 1)?;
    let (labour_days, labour_window) = match law {
        Law::Of1999 => (3, (may_day, ymd(year, 5, 7)?)),
        Law::Of2008 | Law::Of2014 => (1, (ymd(year, 4, 29)?, ymd(year, 5, 5)?)),
        Law::Of2025 => (2, (ymd(year, 4, 29)?, ymd(year, 5, 5)?)),
    };
    out.push(festival(
        Festival::LabourDay,
        days(may_day, labour_days),
        labour_window,
    ));

    out.push(festival(
        Festival::NationalDay,
        days(ymd(year, 10, 1)?, 3),
        (ymd(year, 9, 29)?, ymd(year, 10, 8)?),
    ));
    out.sort_by_key(|f| f.off_window.0);
    settle_substitutes(&mut out);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn find(year: i32, festival: Festival) -> ProjectedFestival {
        festivals(year)
            .unwrap()
            .into_iter()
            .find(|f| f.festival == festival)
            .unwrap()
    }

    #[test]
    fn statutory_days_2027_match_the_law() {
        // PRODUCT.md: 元旦 Fri 01-01; 春节 Fri 02-05..Mon 02-08; 清明 Mon 04-05; 劳动节 Sat 05-01..Sun 05-02;
        // 端午 Wed 06-09; 中秋 Wed 09-15; 国庆 Fri 10-01..Sun 10-03.
        let expect = [
            (Festival::NewYear, vec![d(2027, 1, 1)]),
            (Festival::SpringFestival, days(d(2027, 2, 5), 4)),
            (Festival::Qingming, vec![d(2027, 4, 5)]),
            (Festival::LabourDay, days(d(2027, 5, 1), 2)),
            (Festival::DragonBoat, vec![d(2027, 6, 9)]),
            (Festival::MidAutumn, vec![d(2027, 9, 15)]),
            (Festival::NationalDay, days(d(2027, 10, 1), 3)),
        ];
        let total: usize = expect.iter().map(|(_, v)| v.len()).sum();
        assert_eq!(total, 13, "the 2024 law gives 13 days");
        for (festival, statutory) in expect {
            assert_eq!(find(2027, festival).statutory, statutory, "{festival:?}");
        }
    }

    #[test]
    fn weekend_statutory_days_get_weekday_substitutes() {
        // 劳动节 2027 is Sat-Sun: the two days are made up on Mon 05-03 and Tue 05-04.
        assert_eq!(
            find(2027, Festival::LabourDay).substitutes,
            vec![d(2027, 5, 3), d(2027, 5, 4)]
        );
        // 春节 2027: 初一 Sat 02-06 and 初二 Sun 02-07 → Tue 02-09, Wed 02-10.
        assert_eq!(
            find(2027, Festival::SpringFestival).substitutes,
            vec![d(2027, 2, 9), d(2027, 2, 10)]
        );
        // 国庆 2027 Fri-Sun: Sat and Sun → Mon 10-04, Tue 10-05.
        assert_eq!(
            find(2027, Festival::NationalDay).substitutes,
            vec![d(2027, 10, 4), d(2027, 10, 5)]
        );
        // 端午 2027 is a Wednesday: nothing to make up.
        assert!(find(2027, Festival::DragonBoat).substitutes.is_empty());
        assert_eq!(find(2027, Festival::LabourDay).substitutes_owed, 2);
    }

    #[test]
    fn a_mid_autumn_on_national_day_owes_a_substitute() {
        // 2020: 中秋 fell on 10-01, a statutory day of 国庆 already.
        let mid_autumn = find(2020, Festival::MidAutumn);
        assert_eq!(mid_autumn.statutory, vec![d(2020, 10, 1)]);
        let national = find(2020, Festival::NationalDay);
        assert_eq!(
            national.substitutes_owed + mid_autumn.substitutes_owed,
            2,
            "Sat 10-03 and the shared 10-01"
        );
        let mut all = national.substitutes.clone();
        all.extend(mid_autumn.substitutes);
        all.sort();
        assert_eq!(all, vec![d(2020, 10, 5), d(2020, 10, 6)]);
    }

    #[test]
    fn laws_by_year() {
        assert_eq!(
            find(2012, Festival::SpringFestival).statutory,
            days(d(2012, 1, 22), 3),
            "除夕–初二"
        );
        assert_eq!(
            find(2020, Festival::SpringFestival).statutory,
            days(d(2020, 1, 25), 3),
            "初一–初三"
        );
        assert_eq!(
            find(2020, Festival::LabourDay).statutory,
            vec![d(2020, 5, 1)]
        );
        assert_eq!(
            find(2003, Festival::LabourDay).statutory,
            days(d(2003, 5, 1), 3)
        );
        assert!(festivals(2003)
            .unwrap()
            .iter()
            .all(|f| f.festival != Festival::Qingming));
        assert_eq!(festivals(2027).unwrap().len(), 7);
        assert_eq!(festivals(2051), None);
    }

    #[test]
    fn new_year_window_reaches_back_into_december() {
        let f = new_year(2027).unwrap();
        assert_eq!(f.off_window, (d(2026, 12, 30), d(2027, 1, 3)));
        assert_eq!(f.work_window, (d(2026, 12, 20), d(2027, 1, 10)));
        assert!(f.may_close(d(2026, 12, 31)));
        assert!(
            !f.may_close(d(2027, 1, 1)),
            "a statutory day is certain, not maybe"
        );
        assert!(f.may_open(d(2026, 12, 26)));
        assert_eq!(
            (f.substitutes_owed, f.makeup_cap),
            (0, 1),
            "Fri 01-01 owes nothing"
        );
    }
}
