//! `localStorage` through `gloo-storage`, with every failure as a value: blocked storage (private
//! modes, site-data settings) and a full quota are normal events on phones, not panics.
//!
//! gloo's `LocalStorage::raw()` throws when the browser refuses storage, so availability is
//! checked once, with `web_sys`, before gloo is ever called; after a refusal every call answers
//! [`StorageError::Unavailable`] and each tool keeps its data in the page, as it says on screen.

use std::cell::Cell;

use gloo_storage::errors::StorageError as GlooError;
use gloo_storage::{LocalStorage, Storage};
use serde::Serialize;
use thiserror::Error;

use fushen_domain::keys::StorageKey;

/// Why storage did not do what was asked.
#[derive(Clone, Copy, Debug, Error, PartialEq, Eq)]
pub enum StorageError {
    /// The browser does not let this page keep data.
    #[error("storage unavailable")]
    Unavailable,
    /// The quota is used up.
    #[error("storage full")]
    Full,
}

thread_local! {
    /// The answer of the one availability check, once made.
    static AVAILABLE: Cell<Option<bool>> = const { Cell::new(None) };
}

/// True when the page may use `localStorage` (checked on first use, then remembered).
fn available() -> bool {
    AVAILABLE.with(|known| {
        if let Some(answer) = known.get() {
            return answer;
        }
        let answer = web_sys::window()
            .and_then(|w| w.local_storage().ok().flatten())
            .is_some();
        known.set(Some(answer));
        answer
    })
}

/// A full quota by the name of the browser's error; anything else counts as refused.
fn by_name(name: &str) -> StorageError {
    match name {
        "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" => StorageError::Full,
        _ => StorageError::Unavailable,
    }
}

fn classify(error: GlooError) -> StorageError {
    match error {
        GlooError::JsError(e) => by_name(&e.name),
        _ => StorageError::Unavailable,
    }
}

fn storage() -> Result<web_sys::Storage, StorageError> {
    if available() {
        Ok(LocalStorage::raw())
    } else {
        Err(StorageError::Unavailable)
    }
}

/// True when a value can be written and read back (some private modes allow reading only).
pub fn probe() -> Result<(), StorageError> {
    let key = "fushen.probe";
    set_json(key, 1u8)?;
    let back = storage()?
        .get_item(key)
        .map_err(|_| StorageError::Unavailable)?;
    LocalStorage::delete(key);
    if back.as_deref() == Some("1") {
        Ok(())
    } else {
        Err(StorageError::Unavailable)
    }
}

/// The stored text under `key`, `None` when nothing is stored. Callers read text, not values:
/// what cannot be read is kept aside exactly as it was, never lost.
pub fn get(key: StorageKey) -> Result<Option<String>, StorageError> {
    storage()?
        .get_item(key.as_str())
        .map_err(|_| StorageError::Unavailable)
}

/// Stores `text` under `key`, as it is.
pub fn set(key: StorageKey, text: &str) -> Result<(), StorageError> {
    storage()?.set_item(key.as_str(), text).map_err(|e| {
        let name = js_sys::Reflect::get(&e, &"name".into()).ok();
        by_name(&name.and_then(|n| n.as_string()).unwrap_or_default())
    })
}

fn set_json<T: Serialize>(key: &str, value: T) -> Result<(), StorageError> {
    storage()?;
    LocalStorage::set(key, value).map_err(classify)
}

/// Removes `key`.
pub fn remove(key: StorageKey) -> Result<(), StorageError> {
    storage()?;
    LocalStorage::delete(key.as_str());
    Ok(())
}
