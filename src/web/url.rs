//! The page link: reading the fragment and replacing it without adding history entries.

use fushen_domain::fragment::Fragment;

/// The current fragment.
pub fn fragment() -> Fragment {
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    Fragment::parse(&hash)
}

/// Replaces the link's fragment (`history.replaceState`, so Back is not flooded). Failing to do
/// so (some in-app browsers forbid it) loses nothing: the data is also kept on the phone.
pub fn replace_fragment(fragment: &Fragment) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let base = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    let text = fragment.to_text();
    let url = if text.is_empty() {
        base
    } else {
        format!("{base}#{text}")
    };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// The page's full address, fragment included.
pub fn href() -> Option<String> {
    web_sys::window()?.location().href().ok()
}
