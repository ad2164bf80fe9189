//! Dates as people in China read and type them: strict ISO parsing, Chinese formatting, and
//! "today" in China (UTC+8, no daylight saving) from a Unix time.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Weekday};
use thiserror::Error;

/// Why a typed date was not accepted.
#[derive(Clone, Copy, Debug, Error, PartialEq, Eq)]
pub enum DateError {
    /// Nothing was typed.
    #[error("empty")]
    Empty,
    /// Not of the form YYYY-MM-DD.
    #[error("not YYYY-MM-DD")]
    Format,
    /// The form is right but the day does not exist (2026-02-30).
    #[error("no such day")]
    NoSuchDay,
}

impl DateError {
    /// The message for the user.
    pub fn message(self) -> &'static str {
        match self {
            DateError::Empty => "请选择日期",
            DateError::Format => "日期格式应为 年-月-日，例如 2026-09-14",
            DateError::NoSuchDay => "没有这一天，请检查月份和日期",
        }
    }
}

/// Reads `YYYY-MM-DD` exactly (what `<input type="date">` gives and what links carry).
pub fn parse_iso(text: &str) -> Result<NaiveDate, DateError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(DateError::Empty);
    }
    let bytes = text.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape_ok {
        return Err(DateError::Format);
    }
    let number =
        |range: std::ops::Range<usize>| text[range].parse::<u32>().map_err(|_| DateError::Format);
    let year = i32::try_from(number(0..4)?).map_err(|_| DateError::Format)?;
    NaiveDate::from_ymd_opt(year, number(5..7)?, number(8..10)?).ok_or(DateError::NoSuchDay)
}

/// `YYYY-MM-DD`, for `<time datetime>`, inputs and links.
pub fn iso(date: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// 周一 … 周日.
pub fn weekday_zh(date: NaiveDate) -> &'static str {
    match date.weekday() {
        Weekday::Mon => "周一",
        Weekday::Tue => "周二",
        Weekday::Wed => "周三",
        Weekday::Thu => "周四",
        Weekday::Fri => "周五",
        Weekday::Sat => "周六",
        Weekday::Sun => "周日",
    }
}

/// 2026年10月10日.
pub fn long_zh(date: NaiveDate) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

/// 10月10日, or 2027年1月5日 when the year differs from `today`'s.
pub fn short_zh(date: NaiveDate, today: NaiveDate) -> String {
    if date.year() == today.year() {
        format!("{}月{}日", date.month(), date.day())
    } else {
        long_zh(date)
    }
}

/// 11月26日 19:30, China time, at a Unix time in milliseconds (with the year when it is not
/// `today`'s).
pub fn day_time_zh(at_ms: i64, today: NaiveDate) -> String {
    let day = china_date_from_unix_ms(at_ms as f64)
        .map(|date| short_zh(date, today))
        .unwrap_or_default();
    let minutes = (at_ms.div_euclid(60_000) + 8 * 60).rem_euclid(24 * 60);
    format!("{day} {:02}:{:02}", minutes / 60, minutes % 60)
}

/// 10月10日 周六 (with the year when it is not `today`'s).
pub fn day_zh(date: NaiveDate, today: NaiveDate) -> String {
    format!("{} {}", short_zh(date, today), weekday_zh(date))
}

/// 今天 / 明天 / 还有12天 / 昨天 / 已过3天.
pub fn relative_zh(date: NaiveDate, today: NaiveDate) -> String {
    match (date - today).num_days() {
        0 => "今天".to_string(),
        1 => "明天".to_string(),
        -1 => "昨天".to_string(),
        n if n > 0 => format!("还有{n}天"),
        n => format!("已过{}天", -n),
    }
}

/// China's calendar date at a Unix time in milliseconds (UTC+8 all year).
pub fn china_date_from_unix_ms(ms: f64) -> Option<NaiveDate> {
    if !ms.is_finite() {
        return None;
    }
    // Saturating: a time near the end of i64 has no date, and must not overflow on the way.
    let china_ms = (ms as i64).saturating_add(Duration::hours(8).num_milliseconds());
    DateTime::from_timestamp_millis(china_ms).map(|t| t.date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn parses_only_real_iso_dates() {
        assert_eq!(parse_iso("2026-09-14"), Ok(d(2026, 9, 14)));
        assert_eq!(parse_iso(" 2026-09-14 "), Ok(d(2026, 9, 14)));
        assert_eq!(parse_iso(""), Err(DateError::Empty));
        assert_eq!(parse_iso("   "), Err(DateError::Empty));
        for bad in [
            "2026-9-14",
            "2026/09/14",
            "20260914",
            "2026-09-14x",
            "２０２６-09-14",
            "+026-09-14",
            "2026-0a-14",
        ] {
            assert_eq!(parse_iso(bad), Err(DateError::Format), "{bad}");
        }
        assert_eq!(parse_iso("2026-02-30"), Err(DateError::NoSuchDay));
        assert_eq!(parse_iso("2026-13-01"), Err(DateError::NoSuchDay));
        assert_eq!(parse_iso("2028-02-29"), Ok(d(2028, 2, 29)));
    }

    #[test]
    fn formats_in_chinese() {
        let today = d(2026, 11, 26);
        assert_eq!(iso(d(2026, 1, 4)), "2026-01-04");
        assert_eq!(long_zh(d(2026, 10, 10)), "2026年10月10日");
        assert_eq!(weekday_zh(d(2026, 10, 10)), "周六");
        assert_eq!(short_zh(d(2026, 12, 8), today), "12月8日");
        assert_eq!(short_zh(d(2027, 1, 5), today), "2027年1月5日");
        assert_eq!(day_zh(d(2026, 12, 8), today), "12月8日 周二");
        assert_eq!(relative_zh(today, today), "今天");
        assert_eq!(relative_zh(d(2026, 11, 27), today), "明天");
        assert_eq!(relative_zh(d(2026, 12, 8), today), "还有12天");
        assert_eq!(relative_zh(d(2026, 11, 23), today), "已过3天");
        assert_eq!(relative_zh(d(2026, 11, 25), today), "昨天");
    }

    #[test]
    fn today_in_china_is_utc_plus_8() {
        // 2026-11-26T15:59:59Z is 23:59:59 in China; one second later it is the 27th.
        let ms = 1_795_708_799_000.0;
        assert_eq!(china_date_from_unix_ms(ms), Some(d(2026, 11, 26)));
        assert_eq!(china_date_from_unix_ms(ms + 1000.0), Some(d(2026, 11, 27)));
        assert_eq!(china_date_from_unix_ms(f64::NAN), None);
        // Out of range: no date, and no overflow.
        assert_eq!(china_date_from_unix_ms(i64::MAX as f64), None);
        assert_eq!(china_date_from_unix_ms(f64::INFINITY), None);
    }
}
