//! How the enquiry's data is kept on the phone: JSON in a versioned envelope, `{"v":1,"data":…}`,
//! through the serde derives of the stored types. Frozen examples of each are in
//! `tests/fixtures/enquiry/`.
//!
//! Reading is lenient where it is safe (a missing field takes its default, so older data loads)
//! and strict where it is not (a field of the wrong kind makes the whole text unreadable; the
//! caller then keeps the text aside instead of losing it).

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::enquiry::outbox::{Outbox, SentLog};
use crate::enquiry::EnquiryDraft;

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
pub trait Stored: Serialize + DeserializeOwned {
    /// False when a value that reads as JSON still makes no sense (the caller keeps the text
    /// aside as unreadable).
    fn is_sound(&self) -> bool {
        true
    }
}

impl Stored for EnquiryDraft {}

impl Stored for Outbox {
    fn is_sound(&self) -> bool {
        // Without an id and a body there is nothing to send.
        self.entries
            .iter()
            .all(|e| !e.id.is_empty() && !e.body.is_empty())
    }
}

impl Stored for SentLog {}

#[derive(Serialize)]
struct Envelope<'a, T> {
    v: u64,
    data: &'a T,
}

#[derive(Deserialize)]
struct Version {
    v: u64,
}

#[derive(Deserialize)]
struct Contents<T> {
    data: T,
}

/// `data` in its envelope.
pub fn encode<T: Stored>(data: &T) -> String {
    let envelope = Envelope {
        v: STORE_VERSION,
        data,
    };
    // Strings, integers, lists and nulls only: serialising cannot fail.
    serde_json::to_string(&envelope).unwrap_or_default()
}

/// The data in `text`.
pub fn decode<T: Stored>(text: &str) -> Result<T, StoreError> {
    let version: Version = serde_json::from_str(text).map_err(|_| StoreError::Unreadable)?;
    if version.v != STORE_VERSION {
        return Err(StoreError::UnknownVersion(version.v));
    }
    let contents: Contents<T> = serde_json::from_str(text).map_err(|_| StoreError::Unreadable)?;
    if contents.data.is_sound() {
        Ok(contents.data)
    } else {
        Err(StoreError::Unreadable)
    }
}
