//! What the receiver gets: the client-generated id, the short reference number derived from it,
//! and the JSON body (see docs/developer.md, "Enquiry endpoint").

use chrono::{DateTime, Duration, Timelike};
use serde::{Deserialize, Serialize};

use crate::certificate::{OTHER_NAME, OTHER_SLUG};
use crate::dates::iso;
use crate::enquiry::draft::{Certificate, Enquiry};

/// The version of the JSON format.
pub const PAYLOAD_VERSION: u32 = 1;

/// The JSON body of `POST <endpoint>` (docs/developer.md, "Enquiry endpoint"): written by the
/// form, read by the receiver.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnquiryPayload {
    /// [`PAYLOAD_VERSION`].
    pub version: u32,
    /// The client id ([`client_id`]), equal to the `Idempotency-Key` header.
    pub id: String,
    /// The reference number derived from `id` ([`reference`]).
    pub reference: String,
    /// When the user tapped 提交, RFC 3339 in China's time ([`china_time_rfc3339`]).
    pub submitted_at: String,
    /// The page's address without query or fragment.
    pub page: String,
    /// What the user typed, normalised.
    pub fields: PayloadFields,
    /// The consent to the privacy notice.
    pub consent: PayloadConsent,
}

/// The form's fields as sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PayloadFields {
    /// 姓名, normalised.
    pub name: String,
    /// 11 digits.
    pub phone: String,
    /// 证书类型.
    pub certificate: PayloadCertificate,
    /// 所在区县, `null` when not given.
    pub district: Option<String>,
    /// 证书到期日 `YYYY-MM-DD`, `null` when not given.
    pub expiry_date: Option<String>,
    /// 留言, `null` when empty.
    pub message: Option<String>,
}

/// A certificate type as sent: its code, and the words for people reading the raw data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PayloadCertificate {
    /// A catalogue slug, or `other`.
    pub code: String,
    /// The category (其他 for `other`).
    pub category: String,
    /// The item's name, or the words typed for `other`.
    pub name: String,
}

/// The consent as sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PayloadConsent {
    /// When the box was ticked, RFC 3339 in China's time.
    pub given_at: String,
    /// The version of the privacy notice it was ticked for.
    pub notice_version: u32,
}

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

/// The body for `enquiry`, submitted at `submitted_at_ms` from the page at `page` (the address
/// without query or fragment).
pub fn payload(enquiry: &Enquiry, id: &str, submitted_at_ms: i64, page: &str) -> EnquiryPayload {
    let (code, category, name) = match &enquiry.certificate {
        Certificate::Listed(kind) => (kind.slug(), kind.category(), kind.name()),
        Certificate::Other(text) => (OTHER_SLUG, OTHER_NAME, text.as_str()),
    };
    EnquiryPayload {
        version: PAYLOAD_VERSION,
        id: id.to_string(),
        reference: reference(id),
        submitted_at: china_time_rfc3339(submitted_at_ms),
        page: page.to_string(),
        fields: PayloadFields {
            name: enquiry.name.clone(),
            phone: enquiry.phone.clone(),
            certificate: PayloadCertificate {
                code: code.to_string(),
                category: category.to_string(),
                name: name.to_string(),
            },
            district: enquiry.district.map(str::to_string),
            expiry_date: enquiry.expiry.map(iso),
            message: enquiry.message.clone(),
        },
        consent: PayloadConsent {
            given_at: china_time_rfc3339(enquiry.consent.at_ms),
            notice_version: enquiry.consent.notice_version,
        },
    }
}

/// The JSON text of [`payload`]: the bytes sent, the same for every attempt.
pub fn payload_json(enquiry: &Enquiry, id: &str, submitted_at_ms: i64, page: &str) -> String {
    // Strings, integers and nulls only: serialising cannot fail.
    serde_json::to_string(&payload(enquiry, id, submitted_at_ms, page)).unwrap_or_default()
}
