//! The timeline in the page link (`#t=1.…`): dates, certificate types and the review cycle only.
//! Never the private label, notes, the description of a 其他 type, a name, a phone or an ID
//! number.
//!
//! ```text
//! t = "1" "." certificates "." check
//! certificates = certificate *( "_" certificate )          (empty when there is none)
//! certificate  = type(2) cycle(1) first-issued(3) [ "v" valid-until(3) ] *event
//! event        = kind(1) date(3) [ hours(2) ]              (hours: training only)
//! ```
//!
//! - `type`: the code of [`crate::certificate`] (`w1`, `e1`, …, `ot` for 其他);
//! - `cycle`: `3` every 3 years, `6` the 6-year switch;
//! - dates: days since 1970-01-01 in base 36, three lowercase digits (`000` … `zzz`);
//! - `kind`: `a` 申请提交, `c` 受理, `p` 培训 (then two decimal digits of hours), `k` 考试,
//!   `r` 查到结果 (notes are private and stay out);
//! - `check`: four base-36 digits of the FNV-1a hash of everything before the last `.`, so a
//!   truncated or altered link is refused instead of read wrong.
//!
//! Only `0-9 a-z . _` occur, none of which a fragment needs to escape.

use chrono::{Duration, NaiveDate};

use crate::certificate::CertificateType;
use crate::timeline::model::{
    check_certificate, first_date, CertificateData, Cycle, EventData, EventKind, Timeline,
    MAX_CERTIFICATES,
};

/// The version this code writes.
pub const VERSION: &str = "1";
/// Longer values are refused before reading (a full timeline needs about 12,300 characters).
pub const MAX_CHARS: usize = 16_000;
const CHECK_DIGITS: usize = 4;
const DATE_DIGITS: usize = 3;

/// Why a link's timeline was not read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    /// Written by a newer version of the app.
    #[error("newer link version")]
    Newer,
    /// Truncated, altered or not ours: the check does not match or the shape is wrong.
    #[error("garbled link")]
    Garbled,
    /// Well formed, but a date or value breaks the timeline's rules.
    #[error("invalid link content")]
    Invalid,
}

fn base36(mut n: u32, digits: usize) -> String {
    let mut out = vec![b'0'; digits];
    for slot in out.iter_mut().rev() {
        let d = (n % 36) as u8;
        *slot = if d < 10 { b'0' + d } else { b'a' + d - 10 };
        n /= 36;
    }
    String::from_utf8(out).unwrap_or_default()
}

fn from_base36(text: &[u8]) -> Option<u32> {
    text.iter().try_fold(0u32, |n, &b| {
        let d = match b {
            b'0'..=b'9' => b - b'0',
            b'a'..=b'z' => b - b'a' + 10,
            _ => return None,
        };
        n.checked_mul(36)?.checked_add(u32::from(d))
    })
}

/// A date as three base-36 digits of days since 1970-01-01.
pub fn date_code(date: NaiveDate) -> String {
    let days = (date - first_date()).num_days().clamp(0, 36 * 36 * 36 - 1);
    base36(days as u32, DATE_DIGITS)
}

fn date_from(code: &[u8]) -> Option<NaiveDate> {
    first_date().checked_add_signed(Duration::days(i64::from(from_base36(code)?)))
}

fn check(text: &str) -> String {
    let hash = text.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    base36(hash % 36u32.pow(CHECK_DIGITS as u32), CHECK_DIGITS)
}

fn kind_letter(kind: EventKind) -> Option<u8> {
    match kind {
        EventKind::Applied => Some(b'a'),
        EventKind::Accepted => Some(b'c'),
        EventKind::Training { .. } => Some(b'p'),
        EventKind::Exam => Some(b'k'),
        EventKind::ResultFound => Some(b'r'),
        EventKind::Note => None,
    }
}

/// The link value for `timeline`; `None` when it has no certificate (the link then carries no
/// `t`).
pub fn encode(timeline: &Timeline) -> Option<String> {
    if timeline.is_empty() {
        return None;
    }
    let certificates: Vec<String> = timeline
        .certificates
        .iter()
        .map(|c| {
            let data = &c.data;
            let mut out = String::new();
            out.push_str(data.kind.code());
            out.push(match data.cycle {
                Cycle::Standard => '3',
                Cycle::Extended => '6',
            });
            out.push_str(&date_code(data.first_issued));
            if let Some(v) = data.valid_until {
                out.push('v');
                out.push_str(&date_code(v));
            }
            for e in &c.events {
                let Some(letter) = kind_letter(e.data.kind) else {
                    continue;
                };
                out.push(char::from(letter));
                out.push_str(&date_code(e.data.date));
                if let EventKind::Training { hours } = e.data.kind {
                    out.push_str(&format!("{:02}", hours.min(99)));
                }
            }
            out
        })
        .collect();
    let body = format!("{VERSION}.{}", certificates.join("_"));
    let sum = check(&body);
    Some(format!("{body}.{sum}"))
}

/// A cursor over one certificate's bytes.
struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], LinkError> {
        let piece = self
            .bytes
            .get(self.at..self.at + n)
            .ok_or(LinkError::Garbled)?;
        self.at += n;
        Ok(piece)
    }

    fn date(&mut self) -> Result<NaiveDate, LinkError> {
        date_from(self.take(DATE_DIGITS)?).ok_or(LinkError::Garbled)
    }

    fn done(&self) -> bool {
        self.at >= self.bytes.len()
    }
}

fn certificate(text: &str) -> Result<(CertificateData, Vec<EventData>), LinkError> {
    let mut cur = Cursor {
        bytes: text.as_bytes(),
        at: 0,
    };
    let code = std::str::from_utf8(cur.take(2)?).map_err(|_| LinkError::Garbled)?;
    let kind = CertificateType::from_code(code).ok_or(LinkError::Garbled)?;
    let cycle = match cur.take(1)? {
        b"3" => Cycle::Standard,
        b"6" => Cycle::Extended,
        _ => return Err(LinkError::Garbled),
    };
    let first_issued = cur.date()?;
    let mut valid_until = None;
    let mut events = Vec::new();
    while !cur.done() {
        let letter = cur.take(1)?[0];
        if letter == b'v' && valid_until.is_none() && events.is_empty() {
            valid_until = Some(cur.date()?);
            continue;
        }
        let date = cur.date()?;
        let kind = match letter {
            b'a' => EventKind::Applied,
            b'c' => EventKind::Accepted,
            b'k' => EventKind::Exam,
            b'r' => EventKind::ResultFound,
            b'p' => {
                let digits = cur.take(2)?;
                if !digits.iter().all(u8::is_ascii_digit) {
                    return Err(LinkError::Garbled);
                }
                let hours = digits.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0'));
                EventKind::Training { hours }
            }
            _ => return Err(LinkError::Garbled),
        };
        events.push(EventData {
            date,
            kind,
            note: String::new(),
        });
    }
    Ok((
        CertificateData {
            kind,
            label: String::new(),
            first_issued,
            valid_until,
            cycle,
        },
        events,
    ))
}

/// Reads a link value. Whatever the text, this returns; it never panics.
pub fn decode(text: &str) -> Result<Timeline, LinkError> {
    if text.len() > MAX_CHARS
        || !text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'_')
    {
        return Err(LinkError::Garbled);
    }
    let (body, sum) = text.rsplit_once('.').ok_or(LinkError::Garbled)?;
    let (version, payload) = body.split_once('.').ok_or(LinkError::Garbled)?;
    if version != VERSION {
        return match version.parse::<u32>() {
            Ok(v) if v > 1 => Err(LinkError::Newer),
            _ => Err(LinkError::Garbled),
        };
    }
    if sum.len() != CHECK_DIGITS || check(body) != sum || payload.contains('.') {
        return Err(LinkError::Garbled);
    }
    if payload.is_empty() {
        return Ok(Timeline::default());
    }
    let parts = payload
        .split('_')
        .map(certificate)
        .collect::<Result<Vec<_>, _>>()?;
    if parts.len() > MAX_CERTIFICATES {
        return Err(LinkError::Invalid);
    }
    for (i, (data, events)) in parts.iter().enumerate() {
        if !check_certificate(i, data, events).is_empty() {
            return Err(LinkError::Invalid);
        }
    }
    Ok(Timeline::from_parts(parts))
}

/// What the link keeps of `timeline` (no labels, notes or 其他 descriptions): decoding the
/// encoding.
pub fn projection(timeline: &Timeline) -> Timeline {
    encode(timeline)
        .and_then(|text| decode(&text).ok())
        .unwrap_or_default()
}
