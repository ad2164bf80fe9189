//! A certificate's card: its name, 初领日期 and label, what the rules say about it (the body),
//! and its buttons, or the one form open on it.

use leptos::html::H3;
use leptos::prelude::*;

use super::button::{flag, focus_soon, text, Button};
use super::card_body::CardBody;
use super::drafts::Drafts;
use super::entry_form::EntryForm;
use super::state::TimelineCtx;
use fushen_domain::timeline::drafts::Target;
use fushen_domain::timeline::messages::issued_line;
use fushen_domain::timeline::schedule::plan_with;
use fushen_domain::timeline::{Certificate, Id};

/// The card of certificate `id`.
#[component]
pub fn CertificateCard(
    /// The certificate.
    id: Id,
) -> impl IntoView {
    let ctx = expect_context::<TimelineCtx>();
    let drafts = expect_context::<Drafts>();
    // The card's certificate, and what the rules say about it today: recomputed only when this
    // certificate or the estimator's assumptions change. `None` once it is removed, until the
    // card goes.
    let certificate = Memo::new(move |_| ctx.timeline.with(|t| t.certificate(id).cloned()));
    let plan = Memo::new(move |_| {
        let assumptions = ctx.assumptions.get();
        ctx.holidays.with(|calendar| {
            certificate.with(|c| {
                c.as_ref()
                    .map(|c| plan_with(calendar, c, ctx.today, assumptions))
            })
        })
    });
    // The form open on this card, if any (reopened as it was left on the last visit).
    let open = RwSignal::new(drafts.reopens(Some(id)));
    let heading = NodeRef::<H3>::new();
    let close = Callback::new(move |()| {
        open.set(None);
        focus_soon(heading);
    });
    let open_on = move |target| Callback::new(move |()| open.set(Some(target)));
    let about = move |f: fn(&Certificate) -> String| {
        text(move || certificate.with(|c| c.as_ref().map(f).unwrap_or_default()))
    };
    let title = format!("cert-{id}-title");
    let labelled_by = title.clone();
    view! {
        <article class="tl-card" aria-labelledby=labelled_by>
            <h3 id=title tabindex="-1" node_ref=heading>
                {about(|c| c.data.kind.name().to_string())}
            </h3>
            <p class="tl-sub">{about(|c| issued_line(&c.data))}</p>
            <CardBody plan card=id open />
            // `hidden` on a wrapper: the row's own `display: flex` would override it.
            <div hidden=flag(move || open.with(Option::is_some))>
                <div class="tl-buttons">
                    <Button
                        label="记一笔"
                        class="tl-primary"
                        on_click=open_on(Target::NewEvent(id))
                    />
                    <Button label="修改证书信息" on_click=open_on(Target::Certificate(id)) />
                </div>
            </div>
            // The open form, keyed by what it is for: another target gets a fresh form.
            <For each=move || open.get() key=|target| *target let:target>
                <EntryForm target on_close=close />
            </For>
        </article>
    }
}
