//! The clock, read at the edge: now as Unix milliseconds, and times as people in China read
//! them (UTC+8 all year, no daylight saving).

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime};

use fushen_domain::dates::china_date_from_unix_ms;

/// Milliseconds in a day.
pub const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// Now, Unix milliseconds.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// Today's date in China at `ms`.
pub fn china_today(ms: i64) -> NaiveDate {
    china_date_from_unix_ms(ms as f64).unwrap_or_default()
}

fn china(ms: i64) -> NaiveDateTime {
    DateTime::from_timestamp_millis(ms)
        .map(|t| t.naive_utc())
        .and_then(|t| t.checked_add_signed(Duration::hours(8)))
        .unwrap_or_default()
}

/// `2026-11-26 19:30:05`, China time (the export).
pub fn china_datetime(ms: i64) -> String {
    china(ms).format("%Y-%m-%d %H:%M:%S").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-11-26T19:30:05.123+08:00.
    const NOW: i64 = 1_795_692_605_123;

    #[test]
    fn china_time() {
        let today = china_today(NOW);
        assert_eq!(today, NaiveDate::from_ymd_opt(2026, 11, 26).unwrap());
        assert_eq!(china_today(NOW + 5 * 3_600_000).to_string(), "2026-11-27");
        assert_eq!(china_datetime(NOW), "2026-11-26 19:30:05");
    }
}
