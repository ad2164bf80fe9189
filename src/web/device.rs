//! Small things the enquiry form asks of the browser: the time, random bytes for ids, the page's
//! address, and moving the focus.

use wasm_bindgen::JsCast;
use web_sys::{FocusOptions, HtmlElement};

use crate::web::page;

/// Now, as Unix milliseconds.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// 16 random bytes from `crypto.getRandomValues`, or, in a browser without it, from
/// `Math.random` (ids then are merely unlikely to collide, which is all they need).
pub fn random_bytes() -> [u8; 16] {
    let mut bytes = [0u8; 16];
    let crypto = web_sys::window().and_then(|w| w.crypto().ok());
    let filled = crypto.is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        for byte in &mut bytes {
            *byte = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    bytes
}

/// The page's address without query or fragment (a fragment may carry the user's dates).
pub fn page_address() -> String {
    web_sys::window()
        .map(|w| {
            let location = w.location();
            format!(
                "{}{}",
                location.origin().unwrap_or_default(),
                location.pathname().unwrap_or_default()
            )
        })
        .unwrap_or_default()
}

/// Scrolls the element `scroll_to` to the top of the screen, then focuses `target` (when there
/// is one) without scrolling again, so the whole form shows from its heading down. False when
/// nothing took the focus (no target, or a disabled control).
pub fn scroll_and_focus(scroll_to: &str, target: Option<&HtmlElement>) -> bool {
    if let Some(top) = page::element(scroll_to) {
        top.scroll_into_view_with_bool(true);
    }
    let Some(target) = target else {
        return false;
    };
    let options = FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = target.focus_with_options(&options);
    has_focus(target)
}

fn has_focus(element: &HtmlElement) -> bool {
    page::document()
        .and_then(|d| d.active_element())
        .is_some_and(|active| &active == element.unchecked_ref::<web_sys::Element>())
}

/// True when `event` is a plain click (no modifier key: those open links elsewhere) on or in an
/// element marked `[data-enroll]`.
pub fn is_enroll_click(event: &web_sys::MouseEvent) -> bool {
    if event.default_prevented()
        || event.button() != 0
        || event.ctrl_key()
        || event.meta_key()
        || event.shift_key()
        || event.alt_key()
    {
        return false;
    }
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest("[data-enroll]").ok().flatten())
        .is_some()
}
