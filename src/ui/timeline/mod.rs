//! The personal certificate timeline tool, as a tree of small components:
//!
//! ```text
//! Timeline                          mod.rs: the live region, then each part in order
//! ├── Notices                       notices.rs: storage trouble, unreadable storage
//! │   ├── ArrivalNotice             arrival.rs: a link that cannot be read; replace/merge/keep
//! │   ├── ExamPrompt › ExamChoice   exam_prompt.rs: which certificate gets the estimator's exam
//! │   └── OfferHelp                 offer.rs: when a file offered from here does not arrive
//! ├── CertificateCard (For, by id)  card.rs: name, 初领日期, buttons or the open form
//! │   ├── CardBody                  card_body.rs: status, next action, warnings
//! │   │   └── TimelineLine (For)    item.rs: a milestone, an event (修改), or today
//! │   └── EntryForm › FormField     entry_form.rs, field.rs: add/edit a certificate or an event
//! ├── Adder › EntryForm             adder.rs: the empty state and 添加证书, or its form
//! └── Keeping                       keeping.rs: .ics, backup, copy link, import
//!     ├── OfferHelp
//!     └── ClearData                 clear.rs: 清除我的数据 after a question
//! ```
//!
//! State: [`TimelineCtx`] ([`state`]) holds the timeline and its ties to storage, the link and
//! other tabs; every rule is `fushen_domain::timeline`'s. Each open form owns its [`form::Form`]
//! in a signal, listed in [`drafts::Drafts`] so that a reload reopens it; the last file offered
//! is [`offer::Offered`]. All three are contexts provided by [`Timeline`].

pub mod adder;
pub mod arrival;
pub mod button;
pub mod card;
pub mod card_body;
pub mod clear;
pub mod drafts;
pub mod entry_form;
pub mod exam_prompt;
pub mod field;
pub mod form;
pub mod item;
pub mod keeping;
pub mod notice;
pub mod notices;
pub mod offer;
pub mod state;

use leptos::prelude::*;

use crate::web::page;

use adder::Adder;
use card::CertificateCard;
use keeping::Keeping;
use notices::Notices;
use offer::Offered;
pub use state::TimelineCtx;

/// The timeline tool, mounted into `#timeline-root`.
#[component]
pub fn Timeline(
    /// The timeline's state (see [`TimelineCtx::start`]).
    ctx: TimelineCtx,
) -> impl IntoView {
    // Provided here too: the tool may be mounted outside the owner that started the state.
    provide_context(ctx);
    provide_context(drafts::Drafts::start(ctx));
    provide_context(Offered(RwSignal::new(None)));
    let ids = move || {
        ctx.timeline
            .with(|t| t.certificates.iter().map(|c| c.id).collect::<Vec<_>>())
    };
    // Keeping (backup, import, 清除我的数据) and the caveat, at the tool's end, a task later.
    let end = NodeRef::new();
    page::mount_next_task(end, || {
        view! {
            <Keeping />
            <p class="tl-caveat">{fushen_domain::rules::RULES_CAVEAT}</p>
        }
    });
    view! {
        <p class="tl-said" role="status">
            {Signal::<String>::from(ctx.said)}
        </p>
        <Notices />
        <For each=ids key=|id| *id let:id>
            <CertificateCard id />
        </For>
        <Adder />
        <div class="tl-end" node_ref=end></div>
    }
}
