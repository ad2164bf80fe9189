//! The estimator's assumptions: the three working-day counts, editable, checked together, with
//! 恢复默认.

use leptos::prelude::*;

use fushen_domain::estimate::messages;
use fushen_domain::estimate::Assumptions;

use super::state::EstimatorState;

/// One count: a label and a short numeric text input.
#[component]
fn CountField(
    /// The input's id.
    id: &'static str,
    /// The label.
    label: &'static str,
    /// The text in the input.
    value: RwSignal<String>,
    /// Whether the counts are refused (all three are marked, the message is shared).
    invalid: Signal<bool>,
    /// The estimator, to record the edit.
    state: EstimatorState,
) -> impl IntoView {
    view! {
        <div class="count-field">
            <label for=id>{label}</label>
            <input
                id=id
                type="text"
                inputmode="numeric"
                autocomplete="off"
                maxlength="3"
                prop:value=move || value.get()
                aria-invalid=move || if invalid.get() { "true" } else { "false" }
                aria-describedby=move || invalid.get().then_some("counts-error")
                on:input=move |ev| state.edit(value, event_target_value(&ev))
            />
        </div>
    }
}

/// The collapsible "估算依据" panel: what the counts are, why, and the fields to change them.
#[component]
pub fn AssumptionsForm(
    /// The estimator.
    state: EstimatorState,
) -> impl IntoView {
    let typed = state.typed;
    let error = Signal::derive(move || state.assumptions.get().err());
    let invalid = Signal::derive(move || error.get().is_some());
    let summary = move || {
        messages::assumptions_summary(
            &typed.earliest.read(),
            &typed.usual.read(),
            &typed.sync.read(),
        )
    };
    let reset = move |_| {
        state.touched.set(true);
        typed.show_assumptions(Assumptions::default());
    };
    view! {
        <details class="assumptions">
            <summary id="est-assumptions-summary">{summary}</summary>
            <p>{messages::assumptions_note(Assumptions::default())}</p>
            <CountField id="count-earliest" label="最早可查：考后第几个工作日" value=typed.earliest invalid state />
            <CountField id="count-usual" label="通常可查：考后第几个工作日" value=typed.usual invalid state />
            <CountField id="count-sync" label="平台同步：再加几个工作日" value=typed.sync invalid state />
            <p class="field-error" id="counts-error" role="alert" hidden=move || !invalid.get()>
                {move || error.get().map(|e| e.message())}
            </p>
            <button type="button" class="secondary" on:click=reset>"恢复默认"</button>
        </details>
    }
}
