//! The estimator's assumptions: the working-day counts, which the user may change to their own
//! institution's numbers, with a way back to the published defaults.

use leptos::prelude::*;

use crate::estimate::Assumptions;
use crate::ui::estimator::CountInputs;

/// The counts behind the estimate, collapsed by default.
#[component]
pub fn AssumptionsForm(
    /// The three count inputs.
    counts: CountInputs,
    /// What is wrong with them, if anything.
    error: Signal<Option<String>>,
    /// Set when the user changes something.
    touched: RwSignal<bool>,
) -> impl IntoView {
    let d = Assumptions::default();
    let field = move |id: &'static str, label: &'static str, signal: RwSignal<String>| {
        view! {
            <div class="count-field">
                <label for=id>{label}</label>
                <input
                    id=id
                    type="text"
                    inputmode="numeric"
                    autocomplete="off"
                    maxlength="3"
                    prop:value=move || signal.get()
                    on:input=move |ev| {
                        touched.set(true);
                        signal.set(event_target_value(&ev));
                    }
                    aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                    aria-describedby=move || error.get().is_some().then_some("counts-error")
                />
            </div>
        }
    };
    let summary = move || {
        format!(
            "估算依据：考后第{}/{}个工作日，另加{}个工作日平台同步（可修改）",
            counts.earliest.get(),
            counts.usual.get(),
            counts.sync.get()
        )
    };
    view! {
        <details class="assumptions">
            <summary>{summary}</summary>
            <p>
                {format!(
                    "默认的{}/{}/{}个工作日，是衡阳的培训机构根据经验公布的常见时间，不是法定期限；其他地方的机构说法不一（有说10–15个工作日，也有说一到三个月）。你的培训机构给的天数不同，可以在这里改。",
                    d.earliest, d.usual, d.sync
                )}
            </p>
            {field("count-earliest", "最早可查：考后第几个工作日", counts.earliest)}
            {field("count-usual", "通常可查：考后第几个工作日", counts.usual)}
            {field("count-sync", "平台同步：再加几个工作日", counts.sync)}
            {move || error.get().map(|m| view! { <p class="field-error" id="counts-error" role="alert">{m}</p> })}
            <button
                type="button"
                class="secondary"
                on:click=move |_| {
                    touched.set(true);
                    counts.reset();
                }
            >
                "恢复默认"
            </button>
        </details>
    }
}
