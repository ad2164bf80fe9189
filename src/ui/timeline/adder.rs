//! Below the cards: the empty state and 添加证书, or the form that adds a certificate.

use leptos::html;
use leptos::prelude::*;

use super::button::{flag, focus_soon};
use super::drafts::Drafts;
use super::entry_form::EntryForm;
use super::state::TimelineCtx;
use fushen_domain::timeline::drafts::Target;
use fushen_domain::timeline::Timeline;

/// The way to add a certificate.
#[component]
pub fn Adder() -> impl IntoView {
    let ctx = expect_context::<TimelineCtx>();
    // Opened by a tap, or left open on the last visit.
    let adding = RwSignal::new(expect_context::<Drafts>().reopens(None).is_some());
    let empty = move || ctx.timeline.with(Timeline::is_empty);
    // The estimator's exam waits for a first certificate: the form is open by itself.
    let waiting = move || ctx.exam.with(Option::is_some) && empty();
    let button = NodeRef::<html::Button>::new();
    let close = Callback::new(move |()| {
        adding.set(false);
        focus_soon(button);
    });
    let open = move || (adding.get() || waiting()).then_some(Target::NewCertificate);
    view! {
        <div hidden=flag(move || open().is_some())>
            <p class="tl-empty" hidden=flag(move || !empty())>
                "先添加一本证书：选上证书类型，填上证书上印的初领日期就行。"
            </p>
            <div class="tl-buttons">
                <button
                    type="button"
                    class="tl-primary tl-add"
                    node_ref=button
                    on:click=move |_| adding.set(true)
                >
                    "添加证书"
                </button>
            </div>
        </div>
        // The form, while open (keyed like a card's forms: it is built once per opening).
        <For each=open key=|target| *target let:target>
            <EntryForm target on_close=close />
        </For>
    }
}
