//! `localStorage`, with every failure as a value: blocked storage (private modes, site-data
//! settings) and a full quota are normal events on phones, not panics.

use thiserror::Error;
use wasm_bindgen::JsCast;

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

fn local() -> Result<web_sys::Storage, StorageError> {
    web_sys::window()
        .ok_or(StorageError::Unavailable)?
        .local_storage()
        .ok()
        .flatten()
        .ok_or(StorageError::Unavailable)
}

fn classify(error: wasm_bindgen::JsValue) -> StorageError {
    let name = error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.name()));
    match name.as_deref() {
        Some("QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED") => StorageError::Full,
        _ => StorageError::Unavailable,
    }
}

/// True when a value can be written and read back (some private modes allow reading only).
pub fn probe() -> Result<(), StorageError> {
    let storage = local()?;
    let key = "fushen.probe";
    storage.set_item(key, "1").map_err(classify)?;
    let back = storage.get_item(key).map_err(classify)?;
    storage.remove_item(key).map_err(classify)?;
    if back.as_deref() == Some("1") {
        Ok(())
    } else {
        Err(StorageError::Unavailable)
    }
}

/// The stored text under `key`, `None` when nothing is stored.
pub fn get(key: StorageKey) -> Result<Option<String>, StorageError> {
    local()?.get_item(key.as_str()).map_err(classify)
}

/// Stores `value` under `key`.
pub fn set(key: StorageKey, value: &str) -> Result<(), StorageError> {
    local()?.set_item(key.as_str(), value).map_err(classify)
}

/// Removes `key`.
pub fn remove(key: StorageKey) -> Result<(), StorageError> {
    local()?.remove_item(key.as_str()).map_err(classify)
}
