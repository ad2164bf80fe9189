//! A small iCalendar (RFC 5545) writer for all-day events with reminders: what phones' calendar
//! apps import from a `.ics` file.
//!
//! It writes CRLF line ends, folds lines longer than 75 octets (never inside a UTF-8 character),
//! escapes TEXT values (`\`, `;`, `,`, newlines), stamps each event with a UTC `DTSTAMP`, and
//! writes each event as `DTSTART;VALUE=DATE` with the next day as the (exclusive) `DTEND`.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Timelike};

/// The longest line, in octets, before folding (RFC 5545 §3.1).
const LINE_OCTETS: usize = 75;

/// A calendar file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Calendar {
    /// The calendar's name, as some apps show it (`X-WR-CALNAME`).
    pub name: String,
    /// Its events.
    pub events: Vec<AllDayEvent>,
}

/// An all-day event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AllDayEvent {
    /// Stable across exports, so that importing again updates rather than duplicates.
    pub uid: String,
    /// The day.
    pub date: NaiveDate,
    /// The title.
    pub summary: String,
    /// The details.
    pub description: String,
    /// Reminders.
    pub alarms: Vec<Alarm>,
}

/// A display reminder at `hour` o'clock (floating local time), `days_before` days before the
/// event's day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alarm {
    /// How many days before.
    pub days_before: u32,
    /// At what hour of that day (0–23).
    pub hour: u32,
    /// What the reminder says.
    pub description: String,
}

impl Alarm {
    /// The `TRIGGER` duration, relative to the start of the event's day (midnight).
    pub fn trigger(&self) -> String {
        let hours_before = i64::from(self.days_before) * 24 - i64::from(self.hour.min(23));
        let sign = if hours_before < 0 { "" } else { "-" };
        let hours_before = hours_before.abs();
        let (days, hours) = (hours_before / 24, hours_before % 24);
        match (days, hours) {
            (0, h) => format!("{sign}PT{h}H"),
            (d, 0) => format!("{sign}P{d}D"),
            (d, h) => format!("{sign}P{d}DT{h}H"),
        }
    }
}

/// Escapes a TEXT value (RFC 5545 §3.3.11).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` to `out`, folded to 75 octets per physical line, with CRLF.
fn push_line(out: &mut String, line: &str) {
    let mut room = LINE_OCTETS;
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > room {
            out.push_str("\r\n ");
            // The leading space of a continuation line counts toward its 75 octets.
            room = LINE_OCTETS - 1;
            used = 0;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
}

/// A DATE value, `YYYYMMDD`.
pub fn date_value(date: NaiveDate) -> String {
    format!("{:04}{:02}{:02}", date.year(), date.month(), date.day())
}

/// The calendar as `.ics` text; `now` (UTC) becomes every event's `DTSTAMP`.
pub fn write(calendar: &Calendar, now: NaiveDateTime) -> String {
    let stamp = format!(
        "{}T{:02}{:02}{:02}Z",
        date_value(now.date()),
        now.hour(),
        now.minute(),
        now.second()
    );
    let mut out = String::new();
    let mut line = |text: &str| push_line(&mut out, text);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//fushen//certificate timeline//ZH");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line(&format!("X-WR-CALNAME:{}", escape(&calendar.name)));
    for event in &calendar.events {
        line("BEGIN:VEVENT");
        line(&format!("UID:{}", escape(&event.uid)));
        line(&format!("DTSTAMP:{stamp}"));
        line(&format!("DTSTART;VALUE=DATE:{}", date_value(event.date)));
        let end = event.date + Duration::days(1);
        line(&format!("DTEND;VALUE=DATE:{}", date_value(end)));
        line(&format!("SUMMARY:{}", escape(&event.summary)));
        if !event.description.is_empty() {
            line(&format!("DESCRIPTION:{}", escape(&event.description)));
        }
        line("TRANSP:TRANSPARENT");
        for alarm in &event.alarms {
            line("BEGIN:VALARM");
            line("ACTION:DISPLAY");
            line(&format!("DESCRIPTION:{}", escape(&alarm.description)));
            line(&format!("TRIGGER:{}", alarm.trigger()));
            line("END:VALARM");
        }
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}
