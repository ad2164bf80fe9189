//! The enquiry form (课程咨询 / 我要报名): validates kindly, delivers reliably, loses nothing.
//!
//! The rules, the form's state machine and every message are in [`fushen_domain::enquiry`].
//! Here the form is a tree of small components sharing one state model ([`EnquiryCtx`]):
//! the domain's [`fushen_domain::enquiry::Form`] in a signal, changed only through its
//! methods; the outbox and the requests in flight in signals; effects only to keep them on the
//! phone ([`store`]) and to deliver them ([`delivery`]).

pub mod actions;
pub mod call_link;
pub mod certificate;
pub mod choice;
pub mod confirmation;
pub mod consent;
pub mod ctx;
pub mod delivery;
pub mod district;
pub mod expiry;
pub mod field;
pub mod message;
pub mod notice;
pub mod pending;
pub mod status;
pub mod store;
pub mod text_field;

use chrono::NaiveDate;
use leptos::ev;
use leptos::prelude::*;

use crate::web::{device, page};
use actions::FormActions;
use certificate::CertificateField;
use confirmation::{Confirmation, SentBefore};
use consent::ConsentField;
pub use ctx::EnquiryCtx;
use district::DistrictField;
use expiry::ExpiryField;
use fushen_domain::enquiry::messages::CALL_INSTEAD;
use fushen_domain::enquiry::{Field, Focus, Settings};
use fushen_domain::keys::StorageKey;
use message::MessageField;
use pending::PendingPanel;
use status::StatusLine;
use text_field::TextField;

/// The deployment's settings, from the page's `<meta>` tags (see docs/developer.md,
/// "Enquiry endpoint").
pub fn page_settings() -> Settings {
    Settings {
        endpoint: page::meta("fushen-endpoint"),
        phone: page::meta("fushen-phone"),
        institution: page::meta("fushen-institution"),
    }
}

/// Starts the form's state, restored from the phone, and what keeps it: saving it on the phone,
/// following other tabs, delivering the waiting enquiries, and the page's `[data-enroll]` links.
/// `today` is today in China (it bounds the certificate's expiry date and dates the waiting
/// enquiries); `settings` say where to send, whom to call and who receives (from the page's
/// `<meta>` tags). Made before the form is mounted: the page's start does each in a task of
/// its own.
pub fn start(today: NaiveDate, settings: Settings) -> EnquiryCtx {
    let ctx = EnquiryCtx::new(today, settings);
    store::keep_on_phone(ctx);
    store::follow_other_tabs(StorageKey::Outbox, ctx.outbox);
    store::follow_other_tabs(StorageKey::Sent, ctx.sent);
    delivery::start(ctx);
    follow_enroll_links(ctx);
    ctx
}

/// The enquiry form. Appears once in the page; the page's `[data-enroll]` links bring the user
/// to it. `novalidate`: the form says what is wrong in its own words, never in browser bubbles;
/// `post`: should a submit ever escape the handler, what was typed stays out of the address.
#[component]
pub fn Enquiry(
    /// Its state ([`start`]).
    ctx: EnquiryCtx,
) -> impl IntoView {
    provide_context(ctx);
    // The fields come in two parts, a task and two tasks later, so that no part blocks a slow
    // phone for long. The form sits well below the first screen.
    let first = NodeRef::new();
    page::mount_next_task(first, || {
        view! {
            <TextField field=Field::Name autocomplete="name" />
            <TextField field=Field::Phone kind="tel" inputmode="numeric" autocomplete="tel" />
            <CertificateField />
        }
    });
    let rest = NodeRef::new();
    page::mount_next_task(rest, || {
        view! {
            <DistrictField />
            <ExpiryField />
            <MessageField />
            <ConsentField />
        }
    });
    view! {
        <form
            class="enq-form"
            method="post"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                ctx.submit();
            }
        >
            <Confirmation />
            <PendingPanel />
            <SentBefore />
            <p class="enq-intro">
                "填好下面几项，培训机构会打电话联系你。标着“选填”的可以不填。"
                <call_link::CallLink lead=CALL_INSTEAD />
            </p>
            <fieldset class="enq-fields" disabled=ctx.locked>
                <legend class="enq-legend">"咨询内容"</legend>
                <div node_ref=first></div>
                <div node_ref=rest></div>
            </fieldset>
            // A person never sees this field; a simple bot fills it in.
            <div class="enq-hp" aria-hidden="true">
                <label for="enq-website">"网址（请不要填写）"</label>
                <input
                    id="enq-website"
                    name="website"
                    type="text"
                    tabindex="-1"
                    autocomplete="off"
                    on:input=move |ev| ctx.form.update(|f| f.honeypot = event_target_value(&ev))
                />
            </div>
            <StatusLine />
            <FormActions />
        </form>
    }
}

/// A page link marked `[data-enroll]` ("我要报名", "咨询报名") brings the form to the top of the
/// screen and the focus to its first field, or to the waiting enquiry while the form is locked.
fn follow_enroll_links(ctx: EnquiryCtx) {
    let _ = window_event_listener(ev::click, move |ev| {
        if !device::is_enroll_click(&ev) {
            return;
        }
        ev.prevent_default();
        let target = if ctx.locked.get_untracked() {
            Focus::Pending
        } else {
            Focus::Field(Field::Name)
        };
        device::scroll_and_focus("enquiry", ctx.targets.element(target).as_ref());
    });
}
