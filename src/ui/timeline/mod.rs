//! The personal certificate timeline tool: the certificates' cards, the add form, the notices
//! about storage and arriving timelines, and the keeping tools. State and its ties to storage
//! and the link are in [`state`]; every rule is in `crate::timeline`; the shared building blocks
//! are in [`kit`].

pub mod card_body;
pub mod certificate_card;
pub mod keeping_tools;
pub mod kit;
pub mod notices;
pub mod offer_help;
pub mod record_form;
pub mod state;

use std::sync::Arc;

use leptos::prelude::*;

use certificate_card::CertificateCard;
use keeping_tools::KeepingTools;
use kit::{dynamic, focus, Action, Buttons};
use notices::Notices;
use record_form::{RecordForm, Target};
pub use state::TimelineCtx;

/// The timeline tool, mounted into `#timeline-root`.
#[component]
pub fn Timeline(
    /// The timeline's state (see [`TimelineCtx::start`]).
    ctx: TimelineCtx,
) -> impl IntoView {
    let adding = RwSignal::new(false);
    let ids = Memo::new(move |_| {
        ctx.timeline()
            .with(|t| t.certificates.iter().map(|c| c.id).collect::<Vec<_>>())
    });
    let close = Callback::new(move |()| {
        adding.set(false);
        focus("tl-add");
    });
    let adder = dynamic(Arc::new(move || {
        let empty = ids.with(Vec::is_empty);
        // The estimator's exam waits for a first certificate: the add form opens by itself.
        if adding.get() || (empty && ctx.pending_exam().with(Option::is_some)) {
            return view! { <RecordForm ctx target=Target::NewCertificate on_done=close /> }
                .into_any();
        }
        let empty_state = empty.then(|| {
            view! { <p class="tl-empty">"先添加一本证书：选上证书类型，填上证书上印的初领日期就行。"</p> }
        });
        view! {
            {empty_state}
            <Buttons actions=vec![Action::new("添加证书", "tl-primary tl-add", move || adding.set(true)).with_id("tl-add")] />
        }
        .into_any()
    }));
    view! {
        <p class="tl-said" role="status">{ctx.said()}</p>
        <Notices ctx />
        <For each=move || ids.get() key=|id| *id let:id>
            <CertificateCard ctx id />
        </For>
        {adder}
        <KeepingTools ctx />
        <p class="tl-caveat">{crate::rules::RULES_CAVEAT}</p>
    }
}
