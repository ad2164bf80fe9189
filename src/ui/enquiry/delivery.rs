//! Delivery without loss: a submit queues the enquiry in the outbox and sends it; every answer
//! goes through the domain ([`Outbox::record`], [`Form::delivery`]); what is left waiting is
//! tried again when due (one timer, re-armed whenever the outbox changes), when the phone comes
//! back online, on every visit and when the user taps 现在重试.

use std::time::Duration;

use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ui::enquiry::ctx::EnquiryCtx;
use crate::web::{device, net};
use fushen_domain::enquiry::{Occasion, Outbox, Outcome, Status, Step, Submitted};

/// How long the status line stays empty before it says the same words again.
const HUSH: Duration = Duration::from_millis(150);

impl EnquiryCtx {
    /// 提交咨询 (the form's `submit`).
    pub fn submit(self) {
        // A second tap finds the enquiry already queued.
        if self.locked.get_untracked() {
            return;
        }
        let page = device::page_address();
        let has_endpoint = self.settings.with_value(|s| s.endpoint.is_some());
        let draft_saved = self.draft_kept.get_untracked();
        let submitted = self.form.try_update(|f| {
            f.draft_saved = draft_saved;
            let honeypot = f.honeypot.clone();
            f.submit(Occasion {
                today: self.today,
                now_ms: device::now_ms(),
                random: device::random_bytes(),
                page: &page,
                has_endpoint,
                honeypot: &honeypot,
            })
        });
        match submitted {
            Some(Submitted::Send {
                id,
                reference,
                body,
                draft,
            }) => {
                self.outbox
                    .update(|o| o.queue(id.clone(), reference, body, *draft, device::now_ms()));
                self.send(id, true);
            }
            Some(Submitted::Stay(focus)) => {
                if self
                    .form
                    .with_untracked(|f| matches!(f.status, Status::Invalid(_)))
                {
                    self.say_again();
                }
                self.targets.focus(focus);
            }
            None => {}
        }
    }

    /// Empties the status line for a moment: a second failed submit has the same words, and
    /// screen readers announce a live region only when its words change.
    fn say_again(self) {
        self.hushed.set(true);
        set_timeout(move || self.hushed.set(false), HUSH);
    }

    /// Sends every entry due now; `all`: every entry whatever its time (page opened, network
    /// back, 现在重试). False when none was due.
    pub fn send_due(self, all: bool) -> bool {
        let now = (!all).then(device::now_ms);
        let due = self.outbox.with_untracked(|o| o.due(now));
        for id in &due {
            self.send(id.clone(), false);
        }
        !due.is_empty()
    }

    /// Sends the entry `id`, unless it is on its way already; `foreground` when it answers the
    /// user's own tap.
    fn send(self, id: String, foreground: bool) {
        let Some(endpoint) = self.settings.with_value(|s| s.endpoint.clone()) else {
            return;
        };
        if self.in_flight.with_untracked(|ids| ids.contains(&id)) {
            return;
        }
        let Some(body) = self
            .outbox
            .with_untracked(|o| o.get(&id).map(|e| e.body.clone()))
        else {
            return;
        };
        self.in_flight.update(|ids| ids.push(id.clone()));
        spawn_local(async move {
            let outcome = net::post_json(&endpoint, &body, &id).await;
            self.finish(&id, outcome, foreground);
        });
    }

    /// An attempt came back.
    fn finish(self, id: &str, outcome: Outcome, foreground: bool) {
        let now = device::now_ms();
        let step = self
            .outbox
            .try_update(|o| o.record(id, outcome, now))
            .unwrap_or(Step::Gone);
        if let Step::Delivered(entry) = &step {
            self.sent
                .update(|log| log.add(entry.reference.clone(), now));
        }
        self.in_flight.update(|ids| ids.retain(|i| i != id));
        let focus = self
            .form
            .try_update(|f| f.delivery(step, foreground))
            .flatten();
        self.targets.focus(focus);
    }

    /// 取消发送，修改内容: the newest waiting enquiry goes back into the form.
    pub fn cancel_newest(self) {
        let Some(id) = self
            .outbox
            .with_untracked(|o| o.entries.last().map(|e| e.id.clone()))
        else {
            return;
        };
        if self.in_flight.with_untracked(|ids| ids.contains(&id)) {
            return;
        }
        if let Some(entry) = self.outbox.try_update(|o| o.remove(&id)).flatten() {
            let focus = self.form.try_update(|f| f.take_back(entry.draft));
            self.targets.focus(focus);
        }
    }
}

/// Starts delivering: whatever waits is tried at once (a new visit), again when it falls due,
/// and at once when the phone comes back online.
pub fn start(ctx: EnquiryCtx) {
    // Rings when a timer fired a moment early and nothing was due yet: arm it again.
    let early = Trigger::new();
    Effect::new(move || {
        early.track();
        let Some(at) = ctx.outbox.with(Outbox::next_due_ms) else {
            return;
        };
        // Browsers take at most 2³¹−1 ms; a stored time further out waits that long.
        let wait = at
            .saturating_sub(device::now_ms())
            .clamp(0, i64::from(i32::MAX));
        let timer = set_timeout_with_handle(
            move || {
                if !ctx.send_due(false) {
                    early.notify();
                }
            },
            Duration::from_millis(wait.unsigned_abs()),
        );
        if let Ok(timer) = timer {
            on_cleanup(move || timer.clear());
        }
    });
    let _ = window_event_listener(ev::online, move |_| {
        ctx.send_due(true);
    });
    ctx.send_due(true);
}
