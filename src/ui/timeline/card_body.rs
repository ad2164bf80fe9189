//! What the rules say about a certificate today: status and countdown, the next action,
//! warnings, and the vertical timeline (today marked, past dimmed, the next action highlighted).

use chrono::NaiveDate;
use leptos::prelude::*;

use super::button::text;
use super::item::{Line, TimelineLine};
use super::state::TimelineCtx;
use fushen_domain::timeline::drafts::Target;
use fushen_domain::timeline::schedule::CertificatePlan;
use fushen_domain::timeline::Id;

/// The lines of the vertical timeline: the plan's items, with today's marker before the first
/// item from today on.
fn lines(plan: &CertificatePlan, today: NaiveDate) -> Vec<Line> {
    let marker = plan
        .items
        .iter()
        .position(|i| i.date >= today)
        .unwrap_or(plan.items.len());
    let mut lines: Vec<Line> = plan.items.iter().cloned().map(Line::Item).collect();
    lines.insert(marker, Line::Today);
    lines
}

/// The body of a certificate's card.
#[component]
pub fn CardBody(
    /// What the rules say (`None` while the certificate is being removed).
    plan: Memo<Option<CertificatePlan>>,
    /// The card's certificate.
    card: Id,
    /// The form open on the card (an event's 修改 opens one).
    open: RwSignal<Option<Target>>,
) -> impl IntoView {
    let today = expect_context::<TimelineCtx>().today;
    let says = move |f: fn(&CertificatePlan, NaiveDate) -> String| {
        text(move || plan.with(|p| p.as_ref().map(|p| f(p, today)).unwrap_or_default()))
    };
    let warnings = move || {
        let warnings = plan.with(|p| {
            p.as_ref()
                .map(|p| p.warnings.iter().map(|w| w.message()).collect::<Vec<_>>())
                .unwrap_or_default()
        });
        (!warnings.is_empty()).then(|| {
            let lines = warnings
                .into_iter()
                .map(|w| view! { <li class="tl-warning">{w}</li> })
                .collect_view();
            view! { <ul class="tl-warnings">{lines}</ul> }
        })
    };
    view! {
        <div class="tl-card-body">
            <p
                class="tl-status"
                data-status=move || plan.with(|p| p.as_ref().map(|p| p.status.code()))
            >
                <span class="tl-badge">{says(|p, _| p.status.label().to_string())}</span>
                <span class="tl-countdown">{says(|p, today| p.countdown.message(today))}</span>
            </p>
            <p class="tl-action">
                <span class="tl-action-label">"下一步："</span>
                {says(|p, today| p.action.message(today))}
            </p>
            {warnings}
            <ol class="tl-list" aria-label="时间线">
                <For
                    each=move || plan.with(|p| p.as_ref().map(|p| lines(p, today)).unwrap_or_default())
                    key=|line| line.clone()
                    let:line
                >
                    <TimelineLine line card open />
                </For>
            </ol>
        </div>
    }
}
