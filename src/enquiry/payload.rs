//! What the receiver gets: the client-generated id, the short reference number derived from it,
//! and the JSON body (see README, "Enquiry endpoint").

use chrono::{DateTime, Duration, Timelike};

use crate::certificate::{OTHER_NAME, OTHER_SLUG};
use crate::dates::iso;
use crate::enquiry::draft::{Certificate, Enquiry};
use crate::enquiry::store::{object, string, string_or_null};

/// The version of the JSON format.
pub const PAYLOAD_VERSION: u32 = 1;

/// A random version-4 UUID (`xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`) made from 16 random bytes;
/// it names one enquiry through every retry (the `Idempotency-Key`).
pub fn client_id(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let mut id = String::with_capacity(36);
    for (i, byte) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            id.push('-');
        }
        for nibble in [byte >> 4, byte & 0x0f] {
            id.push(char::from_digit(u32::from(nibble), 16).unwrap_or('0'));
        }
    }
    id
}

/// The short reference number shown to the user and sent along: the first 16 hex digits of the
/// id, as a number, modulo 10⁸, as 8 digits. Easy to read out on the phone; the receiver can
/// recompute it from the id.
pub fn reference(id: &str) -> String {
    let hex: String = id
        .chars()
        .filter(char::is_ascii_hexdigit)
        .take(16)
        .collect();
    let number = u64::from_str_radix(&hex, 16).unwrap_or(0);
    format!("{:08}", number % 100_000_000)
}

/// A reference number as shown: `2718 2818`.
pub fn reference_for_display(reference: &str) -> String {
    match (reference.get(..4), reference.get(4..)) {
        (Some(head), Some(tail)) if !tail.is_empty() => format!("{head} {tail}"),
        _ => reference.to_string(),
    }
}

/// A Unix time in milliseconds as RFC 3339 in China's time, `2026-11-26T19:30:05.123+08:00`.
pub fn china_time_rfc3339(ms: i64) -> String {
    let china = DateTime::from_timestamp_millis(ms)
        .and_then(|t| t.naive_utc().checked_add_signed(Duration::hours(8)))
        .unwrap_or_default();
    format!(
        "{}T{:02}:{:02}:{:02}.{:03}+08:00",
        iso(china.date()),
        china.hour(),
        china.minute(),
        china.second(),
        china.nanosecond() / 1_000_000
    )
}

/// The JSON body for `enquiry`, submitted at `submitted_at_ms` from the page at `page` (the
/// address without query or fragment).
pub fn payload_json(enquiry: &Enquiry, id: &str, submitted_at_ms: i64, page: &str) -> String {
    let (code, category, name) = match &enquiry.certificate {
        Certificate::Listed(kind) => (kind.slug(), kind.category(), kind.name()),
        Certificate::Other(text) => (OTHER_SLUG, OTHER_NAME, text.as_str()),
    };
    let expiry = enquiry.expiry.map(iso);
    let payload = object(vec![
        ("version", PAYLOAD_VERSION.into()),
        ("id", string(id)),
        ("reference", string(&reference(id))),
        ("submitted_at", string(&china_time_rfc3339(submitted_at_ms))),
        ("page", string(page)),
        (
            "fields",
            object(vec![
                ("name", string(&enquiry.name)),
                ("phone", string(&enquiry.phone)),
                (
                    "certificate",
                    object(vec![
                        ("code", string(code)),
                        ("category", string(category)),
                        ("name", string(name)),
                    ]),
                ),
                ("district", string_or_null(enquiry.district)),
                ("expiry_date", string_or_null(expiry.as_deref())),
                ("message", string_or_null(enquiry.message.as_deref())),
            ]),
        ),
        (
            "consent",
            object(vec![
                (
                    "given_at",
                    string(&china_time_rfc3339(enquiry.consent.at_ms)),
                ),
                ("notice_version", enquiry.consent.notice_version.into()),
            ]),
        ),
    ]);
    payload.to_string()
}
