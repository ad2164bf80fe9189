//! The few DOM moves the tools written as HTML text share (the enquiry form, the timeline):
//! finding an element under a tool's root, changing a text, an attribute or a property only
//! when it differs (so live regions speak only when their words change and the caret never
//! jumps), one delegated listener for several event kinds, and moving the focus.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, Event, HtmlElement};

/// The element `id` inside `root`.
pub fn find(root: &Element, id: &str) -> Option<Element> {
    root.query_selector(&format!("#{id}")).ok().flatten()
}

/// Sets the text of the element `id` inside `root`, when it differs.
pub fn set_text(root: &Element, id: &str, text: &str) {
    if let Some(el) = find(root, id) {
        if el.text_content().as_deref() != Some(text) {
            el.set_text_content(Some(text));
        }
    }
}

/// Sets (or, with `None`, removes) the attribute `name`, when it differs.
pub fn set_attr(el: &Element, name: &str, value: Option<&str>) {
    if el.get_attribute(name).as_deref() == value {
        return;
    }
    let _ = match value {
        Some(v) => el.set_attribute(name, v),
        None => el.remove_attribute(name),
    };
}

/// Sets or removes the boolean attribute `name` (`hidden`, `disabled`) of the element `id`.
pub fn set_flag(root: &Element, id: &str, name: &str, on: bool) {
    if let Some(el) = find(root, id) {
        set_attr(&el, name, on.then_some(""));
    }
}

/// The element's JavaScript property `name` (`value`, `checked`).
pub fn property(el: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(el, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// Sets the element's JavaScript property `name`.
pub fn set_property(el: &JsValue, name: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(el, &JsValue::from_str(name), value);
}

/// Calls `handler` for each of `events` on `target`, for the life of the page.
pub fn listen(target: &web_sys::EventTarget, events: &[&str], handler: impl Fn(Event) + 'static) {
    let closure = Closure::<dyn Fn(Event)>::new(handler);
    for event in events {
        let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    }
    closure.forget();
}

/// The element an event happened on, and its `id`.
pub fn target_id(event: &Event) -> (Option<Element>, String) {
    let el = event.target().and_then(|t| t.dyn_into::<Element>().ok());
    let id = el.as_ref().map(Element::id).unwrap_or_default();
    (el, id)
}

/// Moves the focus to the element `id` inside `root`.
pub fn focus(root: &Element, id: &str) {
    if let Some(el) = find(root, id).and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
        let _ = el.focus();
    }
}
