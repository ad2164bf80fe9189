//! The form's ties to the phone's storage: what a visit starts from, the effects that keep the
//! draft, the outbox and the sent log on the phone as they change, and what another tab changes.
//!
//! The signals are the truth for this page; storage follows them. The outbox and the sent log
//! are shared with the page's other tabs, so their changes there come back through `storage`
//! events (writing back the same text changes nothing and raises no event).

use leptos::prelude::*;

use crate::ui::enquiry::ctx::EnquiryCtx;
use crate::web::{events, storage};
use fushen_domain::enquiry::store::{decode, encode, Stored};
use fushen_domain::keys::StorageKey;

/// Reads what is stored under `key`. Text that cannot be read is copied, untouched, to
/// [`StorageKey::EnquiryUnreadable`] before anything can overwrite it, and a default is used.
pub fn load<T: Stored + Default>(key: StorageKey) -> T {
    let Ok(Some(text)) = storage::get(key) else {
        return T::default();
    };
    decode(&text).unwrap_or_else(|_| {
        let kept = storage::get(StorageKey::EnquiryUnreadable)
            .ok()
            .flatten()
            .unwrap_or_default();
        let _ = storage::set(
            StorageKey::EnquiryUnreadable,
            &format!("{kept}{}\t{text}\n", key.as_str()),
        );
        T::default()
    })
}

/// Writes `value` under `key` (or removes the key when `empty`). False when the phone refused.
fn keep<T: Stored>(key: StorageKey, value: &T, empty: bool) -> bool {
    if empty {
        storage::remove(key).is_ok()
    } else {
        storage::set(key, &encode(value)).is_ok()
    }
}

/// Keeps the draft, the outbox and the sent log on the phone whenever they change (not on the
/// first run: what was just read needs no writing back).
pub fn keep_on_phone(ctx: EnquiryCtx) {
    // The draft alone: a field's error coming and going is no reason to write.
    let draft = Memo::new(move |_| ctx.form.with(|f| f.draft.clone()));
    Effect::new(move |ran: Option<()>| {
        draft.with(|draft| {
            if ran.is_some() {
                let kept = keep(StorageKey::EnquiryDraft, draft, draft.is_empty());
                ctx.draft_kept.set(kept);
            }
        });
    });
    Effect::new(move |ran: Option<()>| {
        ctx.outbox.with(|outbox| {
            if ran.is_some() {
                let kept = keep(StorageKey::Outbox, outbox, outbox.entries.is_empty());
                ctx.outbox_kept.set(kept);
            }
        });
    });
    Effect::new(move |ran: Option<()>| {
        ctx.sent.with(|log| {
            if ran.is_some() {
                keep(StorageKey::Sent, log, false);
            }
        });
    });
}

/// Takes in what another tab writes under `key` (a removal as the empty value); text this page
/// cannot read (a newer version's) leaves the page's own value as it is.
pub fn follow_other_tabs<T>(key: StorageKey, value: RwSignal<T>)
where
    T: Stored + Default + Send + Sync + 'static,
{
    events::on_storage_change(key, move |text| {
        let theirs = match text {
            Some(text) => decode(&text).ok(),
            None => Some(T::default()),
        };
        if let Some(theirs) = theirs {
            value.set(theirs);
        }
    });
}
