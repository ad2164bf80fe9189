//! The clock, read at the edge: now as Unix milliseconds, and times as people in China read
//! them. China is UTC+8 all year, with no daylight saving; [`CHINA_UTC_OFFSET_MS`] is the one
//! place the server says so, and every China day or time it counts (the inbox's dates, the
//! season's weeks, backups' names, the export, the staff's today) comes from it, in Rust or in
//! SQL. The domain crate, shared with the page, keeps its own for the browser
//! (`dates::china_date_from_unix_ms`, `payload::china_time_rfc3339`, which also writes the
//! receipt's `received_at`); the tests below hold them to the same days and times.

use chrono::{DateTime, NaiveDate, NaiveDateTime};

/// Milliseconds in a day.
pub const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// How far China's clocks are ahead of UTC, in milliseconds: 8 hours, all year. SQL that counts
/// China days binds it as a parameter (`(received_at + ?) / 86400000`).
pub const CHINA_UTC_OFFSET_MS: i64 = 8 * 60 * 60 * 1000;

/// The clock the web service reads, given to its state ([`crate::app::AppState`]): the
/// system's in production ([`Clock::SYSTEM`]); a test's may run ahead, so that tests move time
/// without a setting of the production server.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Clock {
    ahead_ms: i64,
}

impl Clock {
    /// The system's clock.
    pub const SYSTEM: Clock = Clock { ahead_ms: 0 };

    /// The system's clock moved `ms` ahead (behind, when negative).
    pub const fn ahead(ms: i64) -> Clock {
        Clock { ahead_ms: ms }
    }

    /// Now on this clock, Unix milliseconds.
    pub fn now_ms(self) -> i64 {
        now_ms().saturating_add(self.ahead_ms)
    }
}

/// Now on the system's clock, Unix milliseconds.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// What a clock in China shows at `ms` (1970-01-01 00:00 for a time with no date).
pub fn china_wall_clock(ms: i64) -> NaiveDateTime {
    ms.checked_add(CHINA_UTC_OFFSET_MS)
        .and_then(DateTime::from_timestamp_millis)
        .map(|t| t.naive_utc())
        .unwrap_or_default()
}

/// Unix ms when a clock in China shows `time` (the inverse of [`china_wall_clock`]).
pub fn china_wall_clock_ms(time: NaiveDateTime) -> i64 {
    time.and_utc().timestamp_millis() - CHINA_UTC_OFFSET_MS
}

/// Today's date in China at `ms`.
pub fn china_today(ms: i64) -> NaiveDate {
    china_wall_clock(ms).date()
}

/// Unix ms of 00:00 in China on `day`.
pub fn china_day_start_ms(day: NaiveDate) -> i64 {
    china_wall_clock_ms(day.and_time(chrono::NaiveTime::MIN))
}

/// The China day of `ms`, counted in days from 1970-01-01 (China): the number SQL gets with
/// `(ms + CHINA_UTC_OFFSET_MS) / DAY_MS` for any time after 1970.
pub fn china_day_number(ms: i64) -> i64 {
    (ms + CHINA_UTC_OFFSET_MS).div_euclid(DAY_MS)
}

/// `2026-11-26 19:30:05`, China time (the export).
pub fn china_datetime(ms: i64) -> String {
    china_wall_clock(ms).format("%Y-%m-%d %H:%M:%S").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    use fushen_domain::dates::china_date_from_unix_ms;
    use fushen_domain::enquiry::payload::china_time_rfc3339;

    /// 2026-11-26T19:30:05.123+08:00.
    const NOW: i64 = 1_795_692_605_123;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn china_time() {
        let today = china_today(NOW);
        assert_eq!(today, day(2026, 11, 26));
        assert_eq!(china_today(NOW + 5 * 3_600_000).to_string(), "2026-11-27");
        assert_eq!(china_datetime(NOW), "2026-11-26 19:30:05");
    }

    #[test]
    fn a_china_day_runs_from_16_00_utc_to_16_00_utc() {
        // 2026-12-31 16:00:00 UTC is 2027-01-01 00:00 in China; a millisecond before is still
        // the old year's last day, there and in UTC.
        let new_year = 1_798_732_800_000;
        assert_eq!(
            DateTime::from_timestamp_millis(new_year)
                .unwrap()
                .to_rfc3339(),
            "2026-12-31T16:00:00+00:00"
        );
        assert_eq!(china_today(new_year), day(2027, 1, 1));
        assert_eq!(china_today(new_year - 1), day(2026, 12, 31));
        assert_eq!(china_datetime(new_year - 1), "2026-12-31 23:59:59");
        assert_eq!(china_day_start_ms(day(2027, 1, 1)), new_year);
        assert_eq!(china_day_start_ms(day(1970, 1, 1)), -CHINA_UTC_OFFSET_MS);
        assert_eq!(CHINA_UTC_OFFSET_MS, 28_800_000);
        // The day numbers count the same days, and step at China's midnight.
        assert_eq!(
            china_day_number(new_year) - china_day_number(new_year - 1),
            1
        );
        assert_eq!(
            china_day_number(new_year),
            china_day_number(new_year + DAY_MS - 1)
        );
        assert_eq!(china_day_number(0), 0);
        assert_eq!(china_day_number(-CHINA_UTC_OFFSET_MS), 0);
        assert_eq!(china_day_number(-CHINA_UTC_OFFSET_MS - 1), -1);
    }

    #[test]
    fn every_spelling_of_the_china_day_agrees() {
        let epoch = day(1970, 1, 1);
        // Every half hour for four days around a new year, then a step through the decades.
        let around = (0..4 * 48).map(|i| 1_798_560_000_000 + i * 30 * 60 * 1000 - 1);
        let decades = (0..2_000).map(|i| i * 997 * 3_600_000 + 12_345);
        for ms in around.chain(decades) {
            let today = china_today(ms);
            assert_eq!(Some(today), china_date_from_unix_ms(ms as f64), "{ms}");
            let time = china_wall_clock(ms).format("%Y-%m-%dT%H:%M:%S%.3f+08:00");
            assert_eq!(china_time_rfc3339(ms), time.to_string(), "{ms}");
            assert_eq!(
                epoch + chrono::Duration::days(china_day_number(ms)),
                today,
                "{ms}"
            );
            assert!(china_day_start_ms(today) <= ms && ms < china_day_start_ms(today) + DAY_MS);
            assert_eq!(china_wall_clock_ms(china_wall_clock(ms)), ms, "{ms}");
            // SQLite's integer division, as the season's query does it, for times after 1970.
            assert_eq!((ms + CHINA_UTC_OFFSET_MS) / DAY_MS, china_day_number(ms));
        }
    }

    #[test]
    fn a_time_with_no_date_is_the_epoch_not_a_panic() {
        assert_eq!(china_wall_clock(i64::MAX), NaiveDateTime::default());
        assert_eq!(china_today(i64::MIN), NaiveDate::default());
    }
}
