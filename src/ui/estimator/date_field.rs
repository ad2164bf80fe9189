//! A date input with its label, an optional hint, and its error wired for screen readers.

use leptos::prelude::*;

use fushen_domain::calendar::{FIRST_YEAR, LAST_YEAR};
use fushen_domain::estimate::inputs::InputError;

/// A labelled `<input type="date">` bounded to the years the calendar knows. Its error (or, with
/// none, its hint) is what `aria-describedby` names.
#[component]
pub fn DateField(
    /// The input's id; the error line is `{id}-error`, the hint `{id}-hint`.
    id: &'static str,
    /// The label.
    label: &'static str,
    /// Shown after the label as （选填） when the field may stay empty.
    #[prop(optional)]
    optional: bool,
    /// A line under the input.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// The text in the input.
    value: RwSignal<String>,
    /// Why the value is not accepted, if it is not.
    error: Signal<Option<InputError>>,
    /// Called with the new text whenever the user changes it.
    on_edit: Callback<String>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let hint_id = hint.map(|_| format!("{id}-hint"));
    let described_by = {
        let error_id = error_id.clone();
        move || match error.get() {
            Some(_) => Some(error_id.clone()),
            None => hint_id.clone(),
        }
    };
    let changed = move |ev: leptos::ev::Event| on_edit.run(event_target_value(&ev));
    view! {
        <div class="field">
            <label for=id>
                {label}
                {optional.then(|| view! { <span class="optional">"（选填）"</span> })}
            </label>
            <input
                id=id
                type="date"
                min=format!("{FIRST_YEAR}-01-01")
                max=format!("{LAST_YEAR}-12-31")
                prop:value=move || value.get()
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                aria-describedby=described_by
                on:input=changed
                on:change=changed
            />
            {hint.map(|text| view! { <p class="field-hint" id=format!("{id}-hint")>{text}</p> })}
            <p class="field-error" id=error_id hidden=move || error.get().is_none()>
                {move || error.get().map(InputError::message)}
            </p>
        </div>
    }
}
