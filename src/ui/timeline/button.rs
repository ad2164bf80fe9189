//! The tool's one kind of plain button.

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
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    view! {
        <button type="button" class=class on:click=move |_| on_click.run(())>
            {label}
        </button>
    }
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
