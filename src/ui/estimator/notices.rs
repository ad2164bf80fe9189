//! What could not be used from the link (or from what this phone kept).

use leptos::prelude::*;

use fushen_domain::estimate::link::LinkProblem;

/// One line per value of the link that was dropped, and what was used instead.
#[component]
pub fn LinkNotices(
    /// The problems to report.
    notices: RwSignal<Vec<LinkProblem>>,
) -> impl IntoView {
    view! {
        <div id="est-notices" class="notice" role="status" hidden=move || notices.read().is_empty()>
            {move || notices.get().into_iter().map(|p| view! { <p>{p.message()}</p> }).collect_view()}
        </div>
    }
}
