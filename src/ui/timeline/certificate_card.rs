//! One certificate: its name, its body (status, next action and vertical timeline, see
//! [`card_body`]) and its forms.

use std::sync::Arc;

use leptos::prelude::*;

use super::card_body;
use super::kit::{dynamic, focus, Action, Buttons};
use super::record_form::{RecordForm, Target};
use super::state::TimelineCtx;
use crate::dates::long_zh;
use crate::timeline::schedule::plan;
use crate::timeline::Id;
use crate::web::events;

/// Which form of the card is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Open {
    None,
    AddEvent,
    EditEvent(Id),
    EditCertificate,
}

/// A certificate's card. Renders the plan the rules give (`crate::timeline::schedule::plan`).
#[component]
pub fn CertificateCard(
    /// The timeline.
    ctx: TimelineCtx,
    /// The certificate shown.
    id: Id,
) -> impl IntoView {
    let today = ctx.today;
    // Name, sub-line and body, as text: one memo, so a change elsewhere in the timeline that
    // leaves this card as it was does not touch its page.
    let shown = Memo::new(move |_| {
        let assumptions = ctx.assumptions().get();
        ctx.timeline().with(|t| {
            t.certificate(id).map(|c| {
                let issued = format!("{}初领", long_zh(c.data.first_issued));
                let sub = if c.data.label.is_empty() {
                    issued
                } else {
                    format!("{issued} · {}", c.data.label)
                };
                let body = card_body::body(&plan(c, today, assumptions), today);
                [c.data.kind.name().to_string(), sub, body]
            })
        })
    });
    let part = move |i: usize| {
        Signal::derive(move || shown.with(|s| s.as_ref().map(|s| s[i].clone()).unwrap_or_default()))
    };
    let (name, sub, body) = (part(0), part(1), part(2));
    let open = RwSignal::new(Open::None);
    let heading = format!("cert-{id}-title");
    let labelled_by = heading.clone();
    let close = Callback::new(move |()| {
        open.set(Open::None);
        focus(&format!("cert-{id}-title"));
    });
    let edit = move |ev: leptos::ev::MouseEvent| {
        if let Some(event) = events::clicked(&ev, "data-event").and_then(|e| e.parse().ok()) {
            open.set(Open::EditEvent(event));
        }
    };
    let forms = dynamic(Arc::new(move || match open.get() {
        Open::None => view! {
            <Buttons actions=vec![
                Action::new("记一笔", "tl-primary", move || open.set(Open::AddEvent)),
                Action::new("修改证书信息", "", move || open.set(Open::EditCertificate)),
            ] />
        }
        .into_any(),
        Open::AddEvent => {
            view! { <RecordForm ctx target=Target::NewEvent(id) on_done=close /> }.into_any()
        }
        Open::EditEvent(e) => {
            view! { <RecordForm ctx target=Target::Event(id, e) on_done=close /> }.into_any()
        }
        Open::EditCertificate => {
            view! { <RecordForm ctx target=Target::Certificate(id) on_done=close /> }.into_any()
        }
    }));

    view! {
        <article class="tl-card" aria-labelledby=labelled_by>
            <h3 id=heading tabindex="-1">{name}</h3>
            <p class="tl-sub">{sub}</p>
            <div class="tl-card-body" inner_html=body on:click=edit></div>
            {forms}
        </article>
    }
}
