//! The form at work in the page: turns DOM events into [`Form`] events, keeps the draft and the
//! outbox on the phone, delivers the outbox (when due, when the network comes back, when the
//! page opens), and re-renders after each change. What each event means is the domain's.

use std::cell::RefCell;
use std::rc::Rc;

use chrono::NaiveDate;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, Event};

use crate::ui::dom::{self, find, listen, property, target_id};
use crate::ui::enquiry::markup::{field_id, field_of, ids, Action};
use crate::ui::enquiry::render::{self, fill, Scene};
use crate::web::{device, net, storage};
use fushen_domain::enquiry::messages::sent_before;
use fushen_domain::enquiry::outbox::SentLog;
use fushen_domain::enquiry::store::{decode, encode, Stored};
use fushen_domain::enquiry::{
    EnquiryDraft, Field, Focus, Form, Occasion, Outbox, Outcome, Settings, Status, Step, Submitted,
};
use fushen_domain::keys::StorageKey;

/// Everything that changes.
struct State {
    form: Form,
    outbox: Outbox,
    /// False when the outbox could not be written to the phone (it then lives in this page).
    persisted: bool,
    /// Ids of the entries being sent now.
    in_flight: Vec<String>,
    /// The retry timer.
    timer: Option<i32>,
    /// "你在…提交过咨询".
    sent_before: String,
}

/// The form's controller; cheap to clone (shared state).
#[derive(Clone)]
pub struct Controller {
    root: Element,
    settings: Rc<Settings>,
    today: NaiveDate,
    state: Rc<RefCell<State>>,
}

/// Reads what is stored under `key`. Text that cannot be read is copied, untouched, to
/// [`StorageKey::EnquiryUnreadable`] before anything can overwrite it, and a default is used.
fn load<T: Stored + Default>(key: StorageKey) -> T {
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
fn store<T: Stored>(key: StorageKey, value: &T, empty: bool) -> bool {
    if empty {
        storage::remove(key).is_ok()
    } else {
        storage::set(key, &encode(value)).is_ok()
    }
}

impl Controller {
    /// Builds the form inside `root`, restores the draft and the outbox, and starts delivering.
    pub fn start(root: Element, today: NaiveDate, settings: Settings) {
        root.set_inner_html(&super::markup::form_html(&settings));
        let sent_before = load::<SentLog>(StorageKey::Sent)
            .latest()
            .map(|record| sent_before(record.at_ms, &record.reference, today))
            .unwrap_or_default();
        let form = Form::new(load(StorageKey::EnquiryDraft), today);
        fill(&root, &form.draft);
        let controller = Controller {
            root: root.clone(),
            settings: Rc::new(settings),
            today,
            state: Rc::new(RefCell::new(State {
                form,
                outbox: load(StorageKey::Outbox),
                persisted: true,
                in_flight: Vec::new(),
                timer: None,
                sent_before,
            })),
        };
        controller.render();
        controller.wire();
        // On each visit, whatever waits is tried at once.
        controller.send_due(true);
    }

    fn wire(&self) {
        let form_events = ["input", "change", "focusout", "submit", "click"];
        let c = self.clone();
        listen(&self.root, &form_events, move |ev| c.on_form_event(&ev));
        if let Some(window) = web_sys::window() {
            let c = self.clone();
            listen(&window, &["online", "click"], move |ev| {
                if ev.type_() == "online" {
                    c.send_due(true);
                } else {
                    c.on_page_click(&ev);
                }
            });
        }
    }

    fn on_form_event(&self, event: &Event) {
        match event.type_().as_str() {
            "input" => self.on_input(event),
            "change" => self.on_change(event),
            "focusout" => self.on_leave(event),
            "submit" => {
                event.prevent_default();
                self.on_submit();
            }
            _ => self.on_click(event),
        }
    }

    /// Renders the current state.
    #[inline(never)]
    fn render(&self) {
        let state = self.state.borrow();
        render::sync(
            &self.root,
            &Scene {
                form: &state.form,
                outbox: &state.outbox,
                persisted: state.persisted,
                busy: !state.in_flight.is_empty(),
                sent_before: &state.sent_before,
                has_phone: self.settings.phone.is_some(),
                institution: self.settings.institution.as_deref(),
                today: self.today,
            },
        );
    }

    fn focus(&self, focus: Option<Focus>) {
        let id = match focus {
            Some(Focus::Field(field)) => field_id(field),
            Some(Focus::Outcome) => ids::OUTCOME,
            Some(Focus::Pending) => ids::PENDING,
            Some(Focus::Submit) => ids::SUBMIT,
            None => return,
        };
        dom::focus(&self.root, id);
    }

    /// Runs `change` on the form, then [`Self::edited`].
    fn edit<R>(&self, change: impl FnOnce(&mut Form) -> R) -> R {
        let result = change(&mut self.state.borrow_mut().form);
        self.edited();
        result
    }

    /// After a change of the form: keeps the draft on the phone, re-renders.
    #[inline(never)]
    fn edited(&self) {
        {
            let mut state = self.state.borrow_mut();
            let draft = &state.form.draft;
            let saved = store(StorageKey::EnquiryDraft, draft, draft.is_empty());
            state.form.draft_saved = saved;
        }
        self.render();
    }

    fn on_input(&self, event: &Event) {
        let (el, id) = target_id(event);
        let Some(el) = el else { return };
        let value = property(&el, "value").as_string().unwrap_or_default();
        if id == ids::HONEYPOT {
            self.state.borrow_mut().form.honeypot = value;
            return;
        }
        match field_of(&id) {
            // A date is chosen, not typed.
            Some(Field::Expiry) => self.edit(|f| f.chose(Field::Expiry, value)),
            Some(Field::Consent) | None => {}
            Some(field) => self.edit(|f| f.typed(field, value)),
        }
    }

    fn on_change(&self, event: &Event) {
        let (el, id) = target_id(event);
        let Some(el) = el else { return };
        match field_of(&id) {
            Some(Field::Consent) => {
                let ticked = property(&el, "checked").as_bool().unwrap_or(false);
                self.edit(|f| f.consent(ticked, device::now_ms()));
            }
            Some(field @ (Field::Certificate | Field::District | Field::Expiry)) => {
                let value = property(&el, "value").as_string().unwrap_or_default();
                self.edit(|f| f.chose(field, value));
            }
            _ => {}
        }
    }

    fn on_leave(&self, event: &Event) {
        let (_, id) = target_id(event);
        // Leaving because the form locked itself for sending is not the user leaving.
        if let Some(field) = field_of(&id).filter(|_| self.state.borrow().outbox.entries.is_empty())
        {
            self.state.borrow_mut().form.left(field);
            self.render();
        }
    }

    fn on_submit(&self) {
        // A second tap finds the enquiry already queued.
        if !self.state.borrow().outbox.entries.is_empty() {
            return;
        }
        let page = device::page_address();
        let submitted = {
            let mut state = self.state.borrow_mut();
            let honeypot = state.form.honeypot.clone();
            state.form.submit(Occasion {
                today: self.today,
                now_ms: device::now_ms(),
                random: device::random_bytes(),
                page: &page,
                has_endpoint: self.settings.endpoint.is_some(),
                honeypot: &honeypot,
            })
        };
        match submitted {
            Submitted::Stay(focus) => {
                let invalid = matches!(self.state.borrow().form.status, Status::Invalid(_));
                self.render();
                self.focus(focus);
                if invalid {
                    self.announce_again();
                }
            }
            Submitted::Send {
                id,
                reference,
                body,
                draft,
            } => self.queue(id, reference, body, *draft),
        }
    }

    /// Empties the status line, then says it again: screen readers announce a live region only
    /// when its words change, and a second failed submit has the same words.
    fn announce_again(&self) {
        let Some(el) = find(&self.root, ids::STATUS_TEXT) else {
            return;
        };
        let text = el.text_content();
        el.set_text_content(Some(""));
        let callback = Closure::once_into_js(move || el.set_text_content(text.as_deref()));
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                callback.unchecked_ref(),
                150,
            );
        }
    }

    fn on_click(&self, event: &Event) {
        let action = event
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|el| el.closest("[data-action]").ok().flatten())
            .and_then(|el| el.get_attribute("data-action"))
            .and_then(|name| Action::named(&name));
        let Some(action) = action else { return };
        match action {
            Action::Retry => self.send_due(true),
            Action::Cancel => self.cancel_newest(),
            Action::Undo => {
                let focus = self.edit(Form::undo);
                self.refill();
                self.focus(focus);
            }
            Action::Clear => {
                self.edit(Form::clear);
                self.refill();
            }
            Action::Notice => {
                // Opens the notice in place: following the link would replace the page's
                // fragment, which may carry the user's dates.
                event.prevent_default();
                if let Some(notice) = find(&self.root, ids::NOTICE) {
                    let _ = notice.set_attribute("open", "");
                }
                device::focus(ids::NOTICE_SUMMARY);
            }
        }
    }

    /// A page link marked `[data-enroll]` ("我要报名"): to the form, focus on its first field
    /// (or on the waiting enquiry, while the form is locked).
    fn on_page_click(&self, event: &Event) {
        let Some(mouse) = event.dyn_ref::<web_sys::MouseEvent>() else {
            return;
        };
        if !device::is_enroll_click(mouse) {
            return;
        }
        event.prevent_default();
        let target = if self.state.borrow().outbox.entries.is_empty() {
            field_id(Field::Name)
        } else {
            ids::PENDING
        };
        device::scroll_and_focus("enquiry", target);
    }

    fn refill(&self) {
        fill(&self.root, &self.state.borrow().form.draft);
    }

    // ---- the outbox ----

    /// The outbox as stored now (another tab may have changed it), or as this page knows it
    /// when the phone could not keep it.
    fn fresh_outbox(&self) -> Outbox {
        let state = self.state.borrow();
        if !state.persisted {
            return state.outbox.clone();
        }
        match storage::get(StorageKey::Outbox) {
            Ok(Some(text)) => decode(&text).unwrap_or_else(|_| state.outbox.clone()),
            Ok(None) => Outbox::default(),
            Err(_) => state.outbox.clone(),
        }
    }

    fn keep_outbox(&self, outbox: Outbox) {
        let persisted = store(StorageKey::Outbox, &outbox, outbox.entries.is_empty());
        let mut state = self.state.borrow_mut();
        state.persisted = persisted;
        state.outbox = outbox;
    }

    fn queue(&self, id: String, reference: String, body: String, draft: EnquiryDraft) {
        let mut outbox = self.fresh_outbox();
        outbox.queue(id.clone(), reference, body, draft, device::now_ms());
        self.keep_outbox(outbox);
        self.render();
        self.send(id, true);
    }

    fn cancel_newest(&self) {
        let mut outbox = self.fresh_outbox();
        let Some(id) = outbox.entries.last().map(|e| e.id.clone()) else {
            return;
        };
        if self.state.borrow().in_flight.contains(&id) {
            return;
        }
        let entry = outbox.remove(&id);
        self.keep_outbox(outbox);
        let focus = entry.map(|entry| self.edit(|f| f.take_back(entry.draft)));
        self.refill();
        self.schedule();
        self.render();
        self.focus(focus);
    }

    /// Sends every entry due now; `all`: every entry whatever its time (page opened, network
    /// back, "现在重试").
    fn send_due(&self, all: bool) {
        let now = (!all).then(device::now_ms);
        let due = self.state.borrow().outbox.due(now);
        if due.is_empty() {
            // A timer that fired a moment early: wait again for the next one due.
            self.schedule();
        }
        for id in due {
            self.send(id, false);
        }
    }

    fn send(&self, id: String, foreground: bool) {
        let Some(endpoint) = self.settings.endpoint.clone() else {
            return;
        };
        let body = {
            let mut state = self.state.borrow_mut();
            if state.in_flight.contains(&id) {
                return;
            }
            let Some(body) = state.outbox.get(&id).map(|e| e.body.clone()) else {
                return;
            };
            state.in_flight.push(id.clone());
            body
        };
        self.render();
        let c = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let outcome = net::post_json(&endpoint, &body, &id).await;
            c.finish(&id, outcome, foreground);
        });
    }

    fn finish(&self, id: &str, outcome: Outcome, foreground: bool) {
        let mut outbox = self.fresh_outbox();
        let step = outbox.record(id, outcome, device::now_ms());
        if let Step::Delivered(entry) = &step {
            let mut log: SentLog = load(StorageKey::Sent);
            log.add(entry.reference.clone(), device::now_ms());
            let _ = store(StorageKey::Sent, &log, false);
        }
        self.keep_outbox(outbox);
        self.state.borrow_mut().in_flight.retain(|i| i != id);
        let replaced = matches!(step, Step::Delivered(_) | Step::Rejected { .. });
        let focus = self.edit(|f| f.delivery(step, foreground));
        if replaced {
            self.refill();
        }
        self.schedule();
        self.render();
        self.focus(focus);
    }

    /// One timer, for the next entry due.
    fn schedule(&self) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let (old, next) = {
            let mut state = self.state.borrow_mut();
            (state.timer.take(), state.outbox.next_due_ms())
        };
        if let Some(handle) = old {
            window.clear_timeout_with_handle(handle);
        }
        let Some(at) = next else { return };
        let wait = i32::try_from(at.saturating_sub(device::now_ms()).max(0)).unwrap_or(i32::MAX);
        let c = self.clone();
        let callback: JsValue = Closure::once_into_js(move || c.send_due(false));
        let handle = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), wait)
            .ok();
        self.state.borrow_mut().timer = handle;
    }
}
