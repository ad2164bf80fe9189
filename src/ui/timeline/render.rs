//! Keeps the page in step with the timeline. Display parts are rewritten as HTML text, and only
//! when their text changes (so a focused button or a live region is left alone when nothing
//! changed). Cards are keyed by certificate: a card's element stays while the timeline changes
//! around it, so an open form in it keeps its element, its focus and what was typed; a form is
//! only ever moved into its place. A form's controls get their values once, when it opens;
//! after that only texts and attributes are set.

use wasm_bindgen::JsValue;
use web_sys::Element;

use super::form::{Field, Form};
use super::markup;
use crate::ui::dom::{find, property, set_attr, set_property, set_text};
use crate::web::page;
use fushen_domain::estimate::Assumptions;
use fushen_domain::timeline::schedule::plan;
use fushen_domain::timeline::{Id, Timeline};

/// The first element of `html`, built outside the page.
pub fn element_from(html: &str) -> Option<Element> {
    let holder = page::document()?.create_element("div").ok()?;
    holder.set_inner_html(html);
    holder.first_element_child()
}

/// Rewrites `el`'s content, only when `html` differs from what was last written there.
pub fn set_html(el: &Element, html: &str) {
    if property(el, "tlHtml").as_string().as_deref() != Some(html) {
        el.set_inner_html(html);
        set_property(el, "tlHtml", &JsValue::from_str(html));
    }
}

/// Puts `form` (or nothing) in `slot`, moving it only when it is elsewhere.
fn place(slot: &Element, form: Option<&Element>) {
    match form {
        Some(form) if form.parent_element().as_ref() != Some(slot) => {
            slot.set_inner_html("");
            let _ = slot.append_child(form);
        }
        Some(_) => {}
        None if slot.child_element_count() > 0 => slot.set_inner_html(""),
        None => {}
    }
}

/// The display part and the form's place of a card or of the adder.
fn parts(el: &Element) -> Option<(Element, Element)> {
    Some((el.first_element_child()?, el.last_element_child()?))
}

/// The cards of `t`, in order, in `cards`; `form_of(Some(id))` is the open form of card `id`.
pub fn cards<'a>(
    cards: &Element,
    t: &Timeline,
    today: chrono::NaiveDate,
    assumptions: Assumptions,
    form_of: impl Fn(Option<Id>) -> Option<&'a Element>,
) {
    for (i, c) in t.certificates.iter().enumerate() {
        let selector = format!("[data-cert=\"{}\"]", c.id);
        let card = cards.query_selector(&selector).ok().flatten();
        let Some(card) = card.or_else(|| element_from(&markup::card_frame(c.id))) else {
            continue;
        };
        let here = cards.children().item(i as u32);
        if here.as_ref() != Some(&card) {
            let _ = cards.insert_before(&card, here.as_ref().map(|e| e.as_ref()));
        }
        let Some((show, slot)) = parts(&card) else {
            continue;
        };
        let form = form_of(Some(c.id));
        let plan = plan(c, today, assumptions);
        set_html(&show, &markup::card(c, &plan, today, form.is_none()));
        place(&slot, form);
    }
    let count = t.certificates.len() as u32;
    while let Some(gone) = cards.children().item(count) {
        gone.remove();
    }
}

/// The empty state and the add button, or the add form.
pub fn adder(adder: &Element, empty: bool, form: Option<&Element>) {
    if let Some((show, slot)) = parts(adder) {
        let html = match form {
            Some(_) => String::new(),
            None => markup::adder(empty),
        };
        set_html(&show, &html);
        place(&slot, form);
    }
}

/// Writes the draft's values into the form's controls (once, when it opens).
pub fn fill(el: &Element, form: &Form) {
    for &field in form.draft.fields() {
        if let Some(control) = find(el, &form.id(field)) {
            let value = form.draft.value(field);
            if field == Field::Cycle {
                set_property(&control, "checked", &JsValue::from_bool(!value.is_empty()));
            } else {
                set_property(&control, "value", &JsValue::from_str(&value));
            }
        }
    }
}

/// Brings texts, `hidden`, `aria-invalid` and the error lines of a form in line with it.
pub fn sync_form(el: &Element, form: &Form) {
    for &field in form.draft.fields() {
        let id = form.id(field);
        let Some(control) = find(el, &id) else {
            continue;
        };
        if let Some(wrap) = control.parent_element() {
            set_attr(&wrap, "hidden", (!form.draft.visible(field)).then_some(""));
        }
        if field == Field::Cycle {
            continue;
        }
        let error = form.error(field);
        let invalid = if error.is_some() { "true" } else { "false" };
        set_attr(&control, "aria-invalid", Some(invalid));
        set_text(
            el,
            &format!("{id}-error"),
            error.as_deref().unwrap_or_default(),
        );
    }
    let status = el.query_selector(".tl-form-status").ok().flatten();
    if let Some(status) = status {
        if status.text_content().as_deref() != Some(&form.status) {
            status.set_text_content(Some(&form.status));
        }
    }
    let remove = el.query_selector("[data-action=remove]").ok().flatten();
    if let (Some(button), Some((first, second))) = (remove, form.target.remove()) {
        button.set_text_content(Some(if form.confirm_remove { second } else { first }));
    }
}
