//! The receiver's side of the enquiry form: whether a JSON body that arrived ([`EnquiryPayload`])
//! is one the form could have sent, checked by the form's own rules.
//!
//! The form sends normalised values, so the check rebuilds the draft the payload came from, runs
//! [`EnquiryDraft::validate`] on it, and requires the result to be exactly what was sent: a value
//! that changes when normalised again did not come from this form (or came from a page older
//! than its rules). Nothing here stores or answers anything; the server does that with the
//! [`Checked`] value or the [`Refusal`]'s Chinese message.

use chrono::DateTime;
use thiserror::Error;

use crate::certificate::{CertificateKind, OTHER_NAME, OTHER_SLUG};
use crate::enquiry::draft::{Consent, EnquiryDraft, Field};
use crate::enquiry::messages::FieldError;
use crate::enquiry::notice::{NOTICE_IN_FORCE_MS, NOTICE_VERSION};
use crate::enquiry::payload::{payload, reference, EnquiryPayload, PAYLOAD_VERSION};

#[cfg(test)]
mod tests;

/// The longest page address kept with an enquiry, in characters.
pub const PAGE_MAX_CHARS: usize = 2048;
/// How far ahead of the receiver's clock `submitted_at` may be: phone clocks run a little fast,
/// a day more is not an honest clock.
pub const SUBMITTED_AHEAD_MAX_MS: i64 = 24 * 60 * 60 * 1000;
/// How long after `submitted_at` the consent may say it was given (a clock corrected between
/// the tick and the tap).
pub const CONSENT_AFTER_SUBMIT_MAX_MS: i64 = 10 * 60 * 1000;

/// Why a received payload is refused. Each variant has one Chinese message ([`Self::message`]),
/// which the form shows after "提交没有被接收：".
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum Refusal {
    /// A format version this receiver does not read.
    #[error("unknown payload version {0}")]
    Version(u32),
    /// The id is not a version-4 UUID as the form writes it.
    #[error("id is not a v4 uuid")]
    Id,
    /// The reference number is not the one derived from the id.
    #[error("reference does not match the id")]
    Reference,
    /// `submitted_at` or `consent.given_at` is not an RFC 3339 time.
    #[error("unreadable time")]
    Time,
    /// The consent was given to another version of the privacy notice.
    #[error("consent to notice version {0}")]
    Notice(u32),
    /// A certificate code the catalogue does not have, or words that do not belong to it.
    #[error("unknown certificate")]
    Certificate,
    /// A field the form would have refused.
    #[error("{0:?}: {1}")]
    Field(Field, FieldError),
    /// A field that is valid but not as the form normalises it.
    #[error("{0:?} not normalised")]
    NotNormalised(Field),
    /// The page address is not one a browser gives ([`is_page_address`]).
    #[error("not a page address")]
    Page,
    /// `submitted_at` or `consent.given_at` is a time the phone cannot honestly have had
    /// (before the notice took effect, a day in the future, a consent after the submit).
    #[error("implausible time")]
    Clock,
}

impl Refusal {
    /// The explanation for the user, in Chinese.
    pub fn message(&self) -> String {
        const REFRESH: &str = "请刷新页面后再提交";
        match self {
            Refusal::Version(_) => format!("页面版本和接收方不一致，{REFRESH}"),
            Refusal::Id | Refusal::Reference => format!("咨询编号不对，{REFRESH}"),
            Refusal::Time => format!("提交时间读不出来，{REFRESH}"),
            Refusal::Notice(_) => "《个人信息说明》已经更新，请刷新页面，阅读后重新勾选同意".into(),
            Refusal::Certificate => "证书类型不在列表里，请重新选择".into(),
            Refusal::Field(field, error) => format!("{}：{}", field.label(), error.message()),
            Refusal::NotNormalised(field) => format!("{}的写法不对，{REFRESH}", field.label()),
            Refusal::Page => format!("页面地址不对，{REFRESH}"),
            Refusal::Clock => "这部手机的日期或时间不对，请先在手机设置里改正，再重新勾选同意《个人信息说明》后提交".into(),
        }
    }
}

/// A payload that passed every rule of the form. Only [`check`] makes one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checked {
    payload: EnquiryPayload,
    submitted_at_ms: i64,
    consent_at_ms: i64,
}

impl Checked {
    /// The payload, every value as the form normalises it.
    pub fn payload(&self) -> &EnquiryPayload {
        &self.payload
    }

    /// When the user tapped 提交 (Unix ms).
    pub fn submitted_at_ms(&self) -> i64 {
        self.submitted_at_ms
    }

    /// When the consent box was ticked (Unix ms).
    pub fn consent_at_ms(&self) -> i64 {
        self.consent_at_ms
    }

    /// The payload itself.
    pub fn into_payload(self) -> EnquiryPayload {
        self.payload
    }
}

/// Checks `payload`, received at `received_at_ms` (Unix ms, the receiver's clock), by the form's
/// rules; the date in China then bounds the expiry date as on the phone.
///
/// The times must be ones an honest phone could have written ([`Refusal::Clock`] otherwise):
/// - `submitted_at` and `consent.given_at` no earlier than [`NOTICE_IN_FORCE_MS`] (nobody
///   consented to a notice before it existed);
/// - `submitted_at` at most [`SUBMITTED_AHEAD_MAX_MS`] (one day) after `received_at_ms`;
/// - `consent.given_at` at most [`CONSENT_AFTER_SUBMIT_MAX_MS`] (ten minutes) after
///   `submitted_at`.
///
/// There is no bound on how long before the receipt a payload was submitted: the phone's outbox
/// retries for days or weeks, and a late delivery is an honest one.
pub fn check(payload: EnquiryPayload, received_at_ms: i64) -> Result<Checked, Refusal> {
    if payload.version != PAYLOAD_VERSION {
        return Err(Refusal::Version(payload.version));
    }
    if !is_v4_uuid(&payload.id) {
        return Err(Refusal::Id);
    }
    if payload.reference != reference(&payload.id) {
        return Err(Refusal::Reference);
    }
    let submitted_at_ms = unix_ms(&payload.submitted_at)?;
    let consent_at_ms = unix_ms(&payload.consent.given_at)?;
    if payload.consent.notice_version != NOTICE_VERSION {
        return Err(Refusal::Notice(payload.consent.notice_version));
    }
    if !plausible_times(submitted_at_ms, consent_at_ms, received_at_ms) {
        return Err(Refusal::Clock);
    }
    if !is_page_address(&payload.page) {
        return Err(Refusal::Page);
    }
    check_certificate_words(&payload)?;

    // Only a receiver clock beyond chrono's range (±262,000 years) has no date.
    let today =
        crate::dates::china_date_from_unix_ms(received_at_ms as f64).ok_or(Refusal::Clock)?;
    let draft = draft_of(&payload, consent_at_ms);
    let enquiry = draft
        .validate(today)
        .map_err(|errors| match errors.first() {
            Some((field, error)) => Refusal::Field(*field, *error),
            // validate() fails only with at least one error; keep a sensible answer regardless.
            None => Refusal::Certificate,
        })?;

    // What the form would have sent for this enquiry, field by field.
    let expected = payload_fields_of(&enquiry);
    let sent = &payload.fields;
    let mismatch = [
        (Field::Name, expected.name == sent.name),
        (Field::Phone, expected.phone == sent.phone),
        (
            Field::CertificateOther,
            expected.certificate == sent.certificate,
        ),
        (Field::District, expected.district == sent.district),
        (Field::Expiry, expected.expiry_date == sent.expiry_date),
        (Field::Message, expected.message == sent.message),
    ]
    .into_iter()
    .find(|(_, same)| !same);
    if let Some((field, _)) = mismatch {
        return Err(Refusal::NotNormalised(field));
    }
    Ok(Checked {
        payload,
        submitted_at_ms,
        consent_at_ms,
    })
}

/// True for a version-4 UUID as [`crate::enquiry::payload::client_id`] writes it: 36
/// characters, lower-case hex, dashes at 8, 13, 18 and 23, version 4, variant 10xx.
pub fn is_v4_uuid(id: &str) -> bool {
    let bytes = id.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_digit() || (b'a'..=b'f').contains(b),
        })
        && bytes[14] == b'4'
        && matches!(bytes[19], b'8' | b'9' | b'a' | b'b')
}

/// True for an address the form sends (`location.origin + location.pathname`, see the app's
/// `page_address`), or an empty one: it starts with `https://`, `http://`, or, for a page opened
/// from a file, `null/` (Firefox gives such a page the origin "null") or `file:///` (Chrome and
/// Safari give "file://"), is at most [`PAGE_MAX_CHARS`] long and is made of
/// printable ASCII only (browsers percent-encode the path), without the characters a URL never
/// holds unencoded and markup needs (`<`, `>`, `"`, `` ` ``, `\`, `{`, `}`, `|`, `^`). No
/// spaces, line ends or control characters.
pub fn is_page_address(page: &str) -> bool {
    page.is_empty()
        || (["https://", "http://", "null/", "file:///"]
            .iter()
            .any(|scheme| page.starts_with(scheme))
            && page.len() <= PAGE_MAX_CHARS
            && page.bytes().all(|b| {
                b.is_ascii_graphic()
                    && !matches!(
                        b,
                        b'<' | b'>' | b'"' | b'`' | b'\\' | b'{' | b'}' | b'|' | b'^'
                    )
            }))
}

/// The window of [`check`]'s doc: not before the notice, not more than a day ahead of the
/// receiver, consent not long after the submit.
fn plausible_times(submitted_at_ms: i64, consent_at_ms: i64, received_at_ms: i64) -> bool {
    submitted_at_ms >= NOTICE_IN_FORCE_MS
        && consent_at_ms >= NOTICE_IN_FORCE_MS
        && submitted_at_ms <= received_at_ms.saturating_add(SUBMITTED_AHEAD_MAX_MS)
        && consent_at_ms <= submitted_at_ms.saturating_add(CONSENT_AFTER_SUBMIT_MAX_MS)
}

fn unix_ms(time: &str) -> Result<i64, Refusal> {
    DateTime::parse_from_rfc3339(time)
        .map(|t| t.timestamp_millis())
        .map_err(|_| Refusal::Time)
}

/// A listed code must come with its own category and name; 其他 with the category 其他.
fn check_certificate_words(payload: &EnquiryPayload) -> Result<(), Refusal> {
    let certificate = &payload.fields.certificate;
    let consistent = if certificate.code == OTHER_SLUG {
        certificate.category == OTHER_NAME
    } else {
        CertificateKind::from_slug(&certificate.code).is_some_and(|kind| {
            kind.category() == certificate.category && kind.name() == certificate.name
        })
    };
    if consistent {
        Ok(())
    } else {
        Err(Refusal::Certificate)
    }
}

/// The draft a payload says was typed.
fn draft_of(payload: &EnquiryPayload, consent_at_ms: i64) -> EnquiryDraft {
    let fields = &payload.fields;
    let other = fields.certificate.code == OTHER_SLUG;
    EnquiryDraft {
        name: fields.name.clone(),
        phone: fields.phone.clone(),
        certificate: fields.certificate.code.clone(),
        certificate_other: if other {
            fields.certificate.name.clone()
        } else {
            String::new()
        },
        district: fields.district.clone().unwrap_or_default(),
        expiry: fields.expiry_date.clone().unwrap_or_default(),
        message: fields.message.clone().unwrap_or_default(),
        consent: Some(Consent {
            at_ms: consent_at_ms,
            notice_version: payload.consent.notice_version,
        }),
    }
}

/// The fields the form sends for `enquiry` (the same function builds them on the phone).
fn payload_fields_of(
    enquiry: &crate::enquiry::draft::Enquiry,
) -> crate::enquiry::payload::PayloadFields {
    payload(enquiry, "", 0, "").fields
}
