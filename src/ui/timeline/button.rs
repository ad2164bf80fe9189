//! What every part of the tool uses: its one kind of plain button, texts and flags that follow
//! the state, and moving the focus.
//!
//! Why one type for each: WebAssembly carries a view's code once per type, and every closure is
//! its own type. A text written as `{move || ...}` compiles the text's view again for each
//! closure; as a [`Signal`] (the closure boxed behind it) every text of the tool shares one.

use leptos::prelude::*;

/// A `type="button"` button. Every button of the tool is this one component with a [`Callback`],
/// so the button's view is compiled once rather than once per handler.
#[component]
pub fn Button(
    /// Its words (a signal for buttons that ask again before acting).
    #[prop(into)]
    label: Signal<&'static str>,
    /// What a tap does.
    on_click: Callback<()>,
    /// Its class (`tl-primary`, `tl-danger`), if any.
    #[prop(optional, into)]
    class: Option<&'static str>,
) -> impl IntoView {
    view! {
        <button type="button" class=class on:click=move |_| on_click.run(())>
            {label}
        </button>
    }
}

/// Text that follows the state (see the module's doc for why a signal).
pub fn text(f: impl Fn() -> String + Send + Sync + 'static) -> Signal<String> {
    Signal::derive(f)
}

/// A yes/no that follows the state, for `hidden` (one type, as [`text`]).
pub fn flag(f: impl Fn() -> bool + Send + Sync + 'static) -> Signal<bool> {
    Signal::derive(f)
}

/// Moves the focus to `node` once the page shows it: after the update under way, which may be
/// the one that puts it in the page.
pub fn focus_soon<E>(node: NodeRef<E>)
where
    E: leptos::html::ElementType,
    E::Output: wasm_bindgen::JsCast + Clone + 'static,
{
    request_animation_frame(move || {
        // The element may be gone by then (a removed certificate's heading).
        if let Some(el) = node.try_get_untracked().flatten() {
            use wasm_bindgen::JsCast;
            let _ = el.unchecked_ref::<web_sys::HtmlElement>().focus();
        }
    });
}
