//! Page-long listeners for what happens outside the page: another tab changing storage, and the
//! link's fragment changing (a bookmark opened on an open page).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use fushen_domain::keys::StorageKey;

fn listen(event: &str, handler: impl Fn(web_sys::Event) + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let handler = Closure::<dyn Fn(web_sys::Event)>::new(handler);
    let _ = window.add_event_listener_with_callback(event, handler.as_ref().unchecked_ref());
    // Listens for the life of the page.
    handler.forget();
}

/// Calls `changed` with the new value whenever another tab changes `key` (`None`: removed, or
/// all storage cleared).
pub fn on_storage_change(key: StorageKey, changed: impl Fn(Option<String>) + 'static) {
    listen("storage", move |event| {
        let Some(event) = event.dyn_ref::<web_sys::StorageEvent>() else {
            return;
        };
        match event.key() {
            Some(k) if k == key.as_str() => changed(event.new_value()),
            Some(_) => {}
            None => changed(None),
        }
    });
}

/// Calls `changed` whenever the link's fragment changes.
pub fn on_fragment_change(changed: impl Fn() + 'static) {
    listen("hashchange", move |_| changed());
}

/// Calls `back` whenever the browser says it is online again.
pub fn on_online(back: impl Fn() + 'static) {
    listen("online", move |_| back());
}
