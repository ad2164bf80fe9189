//! How the enquiry's data is kept on the phone: JSON in a versioned envelope,
//! `{"v":1,"data":…}`, written and read field by field through `crate::json::Value` (one parser
//! for the whole app, and a reader that says exactly what it accepts).
//!
//! Reading is lenient where it is safe (a missing field takes its default, so older data loads)
//! and strict where it is not (a field of the wrong kind makes the whole text unreadable; the
//! caller then keeps the text aside instead of losing it).

use crate::json::{Map, Value};
use thiserror::Error;

use crate::enquiry::draft::{Consent, EnquiryDraft};
use crate::enquiry::outbox::{Outbox, OutboxEntry, SentLog, SentRecord};

/// The envelope's current version.
pub const STORE_VERSION: u64 = 1;

/// Why stored text could not be read.
#[derive(Clone, Copy, Debug, Error, PartialEq, Eq)]
pub enum StoreError {
    /// Not JSON of the expected shape.
    #[error("unreadable")]
    Unreadable,
    /// Written by a version this app does not know.
    #[error("unknown version {0}")]
    UnknownVersion(u64),
}

/// A value the app keeps on the phone.
pub trait Stored: Sized {
    /// As JSON.
    fn to_json(&self) -> Value;
    /// From JSON.
    fn from_json(value: &Value) -> Result<Self, StoreError>;
}

/// A JSON object of `pairs` (built directly: no per-type serialisers, no panicking paths).
pub fn object(pairs: Vec<(&str, Value)>) -> Value {
    let mut map = Map::new();
    for (key, value) in pairs {
        map.insert(key.to_string(), value);
    }
    Value::Object(map)
}

/// A JSON string.
pub fn string(text: &str) -> Value {
    Value::String(text.to_string())
}

/// A JSON string, or `null`.
pub fn string_or_null(text: Option<&str>) -> Value {
    text.map_or(Value::Null, string)
}

/// `data` in its envelope.
pub fn encode<T: Stored>(data: &T) -> String {
    object(vec![("v", STORE_VERSION.into()), ("data", data.to_json())]).to_string()
}

/// The data in `text`.
pub fn decode<T: Stored>(text: &str) -> Result<T, StoreError> {
    let value: Value = crate::json::parse(text).map_err(|_| StoreError::Unreadable)?;
    match value.get("v").and_then(Value::as_u64) {
        Some(STORE_VERSION) => T::from_json(value.get("data").unwrap_or(&Value::Null)),
        Some(other) => Err(StoreError::UnknownVersion(other)),
        None => Err(StoreError::Unreadable),
    }
}

/// Field-by-field reading of one JSON object.
struct Fields<'a>(&'a Map);

impl<'a> Fields<'a> {
    fn of(value: &'a Value) -> Result<Fields<'a>, StoreError> {
        value.as_object().map(Fields).ok_or(StoreError::Unreadable)
    }

    fn get(&self, key: &str) -> Option<&'a Value> {
        self.0.get(key).filter(|v| !v.is_null())
    }

    fn text(&self, key: &str) -> Result<String, StoreError> {
        match self.get(key) {
            None => Ok(String::new()),
            Some(v) => v.as_str().map(str::to_string).ok_or(StoreError::Unreadable),
        }
    }

    fn int(&self, key: &str) -> Result<i64, StoreError> {
        match self.get(key) {
            None => Ok(0),
            Some(v) => v.as_i64().ok_or(StoreError::Unreadable),
        }
    }

    fn list<T>(
        &self,
        key: &str,
        item: fn(&Value) -> Result<T, StoreError>,
    ) -> Result<Vec<T>, StoreError> {
        match self.get(key) {
            None => Ok(Vec::new()),
            Some(v) => v
                .as_array()
                .ok_or(StoreError::Unreadable)?
                .iter()
                .map(item)
                .collect(),
        }
    }
}

impl Stored for EnquiryDraft {
    fn to_json(&self) -> Value {
        let consent = self.consent.map_or(Value::Null, |c| {
            object(vec![
                ("at_ms", c.at_ms.into()),
                ("notice_version", c.notice_version.into()),
            ])
        });
        object(vec![
            ("name", string(&self.name)),
            ("phone", string(&self.phone)),
            ("certificate", string(&self.certificate)),
            ("certificate_other", string(&self.certificate_other)),
            ("district", string(&self.district)),
            ("expiry", string(&self.expiry)),
            ("message", string(&self.message)),
            ("consent", consent),
        ])
    }

    fn from_json(value: &Value) -> Result<Self, StoreError> {
        let f = Fields::of(value)?;
        let consent = match f.get("consent") {
            None => None,
            Some(c) => {
                let c = Fields::of(c)?;
                Some(Consent {
                    at_ms: c.int("at_ms")?,
                    notice_version: u32::try_from(c.int("notice_version")?)
                        .map_err(|_| StoreError::Unreadable)?,
                })
            }
        };
        Ok(EnquiryDraft {
            name: f.text("name")?,
            phone: f.text("phone")?,
            certificate: f.text("certificate")?,
            certificate_other: f.text("certificate_other")?,
            district: f.text("district")?,
            expiry: f.text("expiry")?,
            message: f.text("message")?,
            consent,
        })
    }
}

impl Stored for OutboxEntry {
    fn to_json(&self) -> Value {
        object(vec![
            ("id", string(&self.id)),
            ("reference", string(&self.reference)),
            ("body", string(&self.body)),
            ("draft", self.draft.to_json()),
            ("queued_at_ms", self.queued_at_ms.into()),
            ("attempts", self.attempts.into()),
            ("next_attempt_ms", self.next_attempt_ms.into()),
        ])
    }

    fn from_json(value: &Value) -> Result<Self, StoreError> {
        let f = Fields::of(value)?;
        let entry = OutboxEntry {
            id: f.text("id")?,
            reference: f.text("reference")?,
            body: f.text("body")?,
            draft: f
                .get("draft")
                .map_or(Ok(EnquiryDraft::default()), EnquiryDraft::from_json)?,
            queued_at_ms: f.int("queued_at_ms")?,
            attempts: u32::try_from(f.int("attempts")?).map_err(|_| StoreError::Unreadable)?,
            next_attempt_ms: f.int("next_attempt_ms")?,
        };
        // Without an id and a body there is nothing to send.
        if entry.id.is_empty() || entry.body.is_empty() {
            return Err(StoreError::Unreadable);
        }
        Ok(entry)
    }
}

impl Stored for Outbox {
    fn to_json(&self) -> Value {
        object(vec![(
            "entries",
            Value::Array(self.entries.iter().map(Stored::to_json).collect()),
        )])
    }

    fn from_json(value: &Value) -> Result<Self, StoreError> {
        Ok(Outbox {
            entries: Fields::of(value)?.list("entries", OutboxEntry::from_json)?,
        })
    }
}

impl Stored for SentLog {
    fn to_json(&self) -> Value {
        let records = self
            .records
            .iter()
            .map(|r| {
                object(vec![
                    ("reference", string(&r.reference)),
                    ("at_ms", r.at_ms.into()),
                ])
            })
            .collect();
        object(vec![("records", Value::Array(records))])
    }

    fn from_json(value: &Value) -> Result<Self, StoreError> {
        let record = |v: &Value| {
            let f = Fields::of(v)?;
            Ok(SentRecord {
                reference: f.text("reference")?,
                at_ms: f.int("at_ms")?,
            })
        };
        Ok(SentLog {
            records: Fields::of(value)?.list("records", record)?,
        })
    }
}
