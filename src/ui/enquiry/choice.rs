//! One option of the form's selects.

use leptos::prelude::*;

/// An `<option>` selected while `current` is its `value`. The selects follow the draft through
/// their options: a select's own `value` cannot be set before its options exist.
#[component]
pub fn Choice(
    /// The value the draft holds when this option is chosen.
    value: &'static str,
    /// What the option says.
    text: &'static str,
    /// The value chosen now.
    current: Memo<String>,
) -> impl IntoView {
    view! { <option value=value prop:selected=move || current.with(|c| c == value)>{text}</option> }
}
