//! The clock, read once at the edge.

use chrono::NaiveDate;

use fushen_domain::dates::china_date_from_unix_ms;

/// Today's date in China. `Date.now()` is always a finite number in a browser; should it ever
/// not be, the Unix epoch is returned rather than a panic (every answer would look far off).
pub fn today_in_china() -> NaiveDate {
    china_date_from_unix_ms(js_sys::Date::now()).unwrap_or_default()
}

/// The time now in UTC (for calendar stamps); the Unix epoch should the clock be unreadable.
pub fn now_utc() -> chrono::NaiveDateTime {
    chrono::DateTime::from_timestamp_millis(js_sys::Date::now() as i64)
        .map(|t| t.naive_utc())
        .unwrap_or_default()
}
