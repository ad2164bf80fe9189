//! The timeline at work in the page: one delegated listener per event kind turns taps and typing
//! into calls on [`TimelineCtx`] (every rule is the domain's), and [`Controller::render`] keeps
//! the page in step. Display parts are rewritten as HTML text, and only when their text
//! changes; an open form keeps its element (so focus and typed text are never lost) and is
//! only moved into its card's place. Open forms are also kept on the phone as a small draft,
//! so a reload reopens them as they were.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event};

use super::form::{drafts_text, read_drafts, Field, Form, Target};
use super::markup::{self, ids, Notices, Offer};
use super::render;
use super::state::{Choice, TimelineCtx};
use crate::ui::dom::{self, find, listen, property, set_flag, set_text};
use crate::web::{clock, download, events, file, storage, url};
use fushen_domain::dates::iso;
use fushen_domain::ics;
use fushen_domain::keys::StorageKey;
use fushen_domain::timeline::messages::fix_count;
use fushen_domain::timeline::{export, store, Id, Timeline};

/// An open form and its element.
struct Open {
    serial: u32,
    form: Form,
    el: Element,
}

/// What the page shows besides the timeline itself.
#[derive(Default)]
struct Ui {
    forms: Vec<Open>,
    serial: u32,
    /// The last file offered, and whether it was offered from the notices.
    offer: Option<(Offer, bool)>,
    confirm_discard: bool,
    confirm_clear: bool,
    import_error: String,
}

/// The timeline tool's controller; cheap to clone (shared state).
#[derive(Clone)]
pub struct Controller {
    root: Element,
    ctx: TimelineCtx,
    ui: Rc<RefCell<Ui>>,
}

impl Controller {
    /// Builds the tool inside `root`, reopens the forms kept on the phone, and keeps the page
    /// in step with the timeline from now on.
    pub fn start(root: Element, ctx: TimelineCtx) {
        root.set_inner_html(&markup::frame());
        let c = Controller {
            root,
            ctx,
            ui: Rc::new(RefCell::new(Ui::default())),
        };
        c.reopen_drafts();
        let events = ["input", "change", "focusout", "submit", "click"];
        let handler = c.clone();
        listen(&c.root, &events, move |ev| handler.on_event(&ev));
        // Renders now, and again after every change, whoever made it (this tool, another tab,
        // the link, the estimator). The tool lives as long as the page.
        std::mem::forget(RenderEffect::new(move |_| {
            ctx.timeline.track();
            ctx.assumptions.track();
            ctx.keeping.track();
            ctx.arriving.track();
            ctx.exam.track();
            ctx.said.track();
            c.render();
        }));
    }

    /// Brings the whole tool in line with the timeline and the page's own state.
    fn render(&self) {
        let ctx = self.ctx;
        let today = ctx.today;
        let assumptions = ctx.assumptions.get_untracked();
        let pending = ctx.exam.get_untracked();
        let Ok(mut ui) = self.ui.try_borrow_mut() else {
            return;
        };
        {
            let guard = ctx.timeline.read_untracked();
            let t: &Timeline = &guard;
            // A form whose certificate is gone goes with it.
            ui.forms.retain(|o| {
                o.form
                    .target
                    .card()
                    .is_none_or(|c| t.certificate(c).is_some())
            });
            // The estimator's exam waits for a first certificate: the add form opens by itself.
            let adding = ui.forms.iter().any(|o| o.form.target.card().is_none());
            if t.is_empty() && pending.is_some() && !adding {
                self.open(&mut ui, t, Target::NewCertificate, None);
            }
            let form_of = |card| {
                ui.forms
                    .iter()
                    .find(|o| o.form.target.card() == card)
                    .map(|o| &o.el)
            };
            if let Some(cards) = find(&self.root, ids::CARDS) {
                render::cards(&cards, t, today, assumptions, form_of);
            }
            if let Some(adder) = find(&self.root, ids::ADDER) {
                render::adder(&adder, t.is_empty(), form_of(None));
            }
            let keeping = ctx.keeping.read_untracked();
            let arriving = ctx.arriving.read_untracked();
            let mut notices = markup::notices(&Notices {
                keeping: &keeping,
                arriving: arriving.as_ref(),
                pending,
                timeline: t,
                confirm_discard: ui.confirm_discard,
                today,
            });
            let mut kept = String::new();
            if let Some((offer, in_notices)) = &ui.offer {
                let help = markup::offer(offer, download::in_wechat());
                if *in_notices {
                    notices.push_str(&help);
                } else {
                    kept = help;
                }
            }
            for (id, html) in [
                (ids::NOTICES, notices),
                (ids::OFFER, kept),
                (ids::CLEAR, markup::clear(ui.confirm_clear)),
            ] {
                if let Some(el) = find(&self.root, id) {
                    render::set_html(&el, &html);
                }
            }
            set_flag(&self.root, ids::EXPORTS, "hidden", t.is_empty());
        }
        set_text(&self.root, ids::IMPORT_ERROR, &ui.import_error);
        set_text(&self.root, ids::SAID, &ctx.said.read_untracked());
    }

    /// Opens the form for `target` (with `values` typed before a reload) in place of any other
    /// form of its card.
    fn open(&self, ui: &mut Ui, t: &Timeline, target: Target, values: Option<&[String]>) {
        let mut form = Form::open(target, t, self.ctx.today);
        if let Some(values) = values {
            form.restore(values);
        }
        let serial = ui.serial;
        let Some(el) = render::element_from(&markup::form(&form, serial)) else {
            return;
        };
        ui.serial += 1;
        render::fill(&el, &form);
        render::sync_form(&el, &form);
        ui.forms.retain(|o| o.form.target.card() != target.card());
        ui.forms.push(Open { serial, form, el });
    }

    /// Opens a form on a tap, keeps the drafts, and shows it.
    fn open_on_tap(&self, target: Target) {
        {
            let mut ui = self.ui.borrow_mut();
            let t = self.ctx.timeline.read_untracked();
            self.open(&mut ui, &t, target, None);
        }
        self.keep_drafts();
    }

    /// Closes form `serial` and moves the focus to its card's heading (or the add button).
    fn close(&self, serial: u32) {
        let target = {
            let mut ui = self.ui.borrow_mut();
            let target = ui
                .forms
                .iter()
                .find(|o| o.serial == serial)
                .map(|o| o.form.target);
            ui.forms.retain(|o| o.serial != serial);
            target
        };
        self.keep_drafts();
        self.render();
        if let Some(target) = target {
            let id = match target.card() {
                Some(c) => format!("cert-{c}-title"),
                None => ids::ADD.to_string(),
            };
            dom::focus(&self.root, &id);
        }
    }

    /// Keeps the open forms on the phone (removed when none is open). Losing this only costs
    /// retyping; storage trouble is reported by the timeline's notices.
    fn keep_drafts(&self) {
        let ui = self.ui.borrow();
        let t = self.ctx.timeline.read_untracked();
        let forms: Vec<(Target, &Form)> = ui
            .forms
            .iter()
            .filter_map(|o| Some((o.form.target.to_positions(&t)?, &o.form)))
            .collect();
        let text = drafts_text(&forms);
        let _ = if text.is_empty() {
            storage::remove(StorageKey::TimelineDraft)
        } else {
            storage::set(StorageKey::TimelineDraft, &text)
        };
    }

    /// Reopens the forms that were open when the page was left.
    fn reopen_drafts(&self) {
        let Ok(Some(text)) = storage::get(StorageKey::TimelineDraft) else {
            return;
        };
        let mut ui = self.ui.borrow_mut();
        let t = self.ctx.timeline.read_untracked();
        for (at, values) in read_drafts(&text) {
            if let Some(target) = at.from_positions(&t) {
                self.open(&mut ui, &t, target, Some(&values));
            }
        }
    }

    fn on_event(&self, event: &Event) {
        let kind = event.type_();
        if kind == "click" {
            return self.on_click(event);
        }
        let (Some(el), id) = dom::target_id(event) else {
            return;
        };
        if id == ids::IMPORT {
            if kind == "change" {
                self.import(el);
            }
            return;
        }
        let serial = el
            .closest("form[data-form]")
            .ok()
            .flatten()
            .and_then(|f| f.get_attribute("data-form"))
            .and_then(|s| s.parse::<u32>().ok());
        let Some(serial) = serial else {
            return;
        };
        if kind == "submit" {
            event.prevent_default();
            return self.submit(serial);
        }
        let name = el.get_attribute("name").unwrap_or_default();
        {
            // A field that loses the focus because a render removed it is not the holder
            // leaving it: events that arrive during a render are not taken.
            let Ok(mut ui) = self.ui.try_borrow_mut() else {
                return;
            };
            let Some(open) = ui.forms.iter_mut().find(|o| o.serial == serial) else {
                return;
            };
            let Some(field) = open.form.field_named(&name) else {
                return;
            };
            if kind == "focusout" {
                open.form.leave(field);
            } else if field == Field::Cycle {
                let ticked = property(&el, "checked").as_bool().unwrap_or(false);
                open.form
                    .draft
                    .set(field, if ticked { "1" } else { "" }.into());
            } else {
                let value = property(&el, "value").as_string().unwrap_or_default();
                open.form.draft.set(field, value);
            }
            render::sync_form(&open.el, &open.form);
        }
        if kind != "focusout" {
            self.keep_drafts();
        }
    }

    /// Checks every field and saves; or says what to fix and focuses the first of them.
    fn submit(&self, serial: u32) {
        let first = {
            let mut ui = self.ui.borrow_mut();
            let Some(open) = ui.forms.iter_mut().find(|o| o.serial == serial) else {
                return;
            };
            open.form.submitted = true;
            // Saving only changes signals: their effects run later, never inside this borrow.
            // `None`: saved; otherwise the field to focus, if any.
            let first = match open.form.save(self.ctx) {
                Ok(()) => None,
                Err(Ok(fields)) => {
                    open.form.status = fix_count(fields.len());
                    Some(fields.first().map(|f| open.form.id(*f)))
                }
                Err(Err(problem)) => {
                    open.form.status = problem.message();
                    Some(None)
                }
            };
            render::sync_form(&open.el, &open.form);
            first
        };
        match first {
            None => self.close(serial),
            Some(Some(id)) => dom::focus(&self.root, &id),
            Some(None) => {}
        }
    }

    /// Removes what form `serial` changes, on the second tap.
    fn remove(&self, serial: u32) {
        let target = {
            let mut ui = self.ui.borrow_mut();
            let Some(open) = ui.forms.iter_mut().find(|o| o.serial == serial) else {
                return;
            };
            if !open.form.confirm_remove {
                open.form.confirm_remove = true;
                render::sync_form(&open.el, &open.form);
                return;
            }
            open.form.target
        };
        self.ctx.change(|t| match target {
            Target::Certificate(c) => t.remove_certificate(c),
            Target::Event(c, e) => t.remove_event(c, e),
            _ => false,
        });
        self.ctx.say("已删除");
        self.close(serial);
    }

    fn on_click(&self, event: &Event) {
        let Some(action) = events::clicked(event, "data-action") else {
            return;
        };
        let ctx = self.ctx;
        let today = ctx.today;
        let number =
            |attribute| events::clicked(event, attribute).and_then(|s| s.parse::<Id>().ok());
        let card = number("data-cert");
        let serial = events::clicked(event, "data-form").and_then(|s| s.parse::<u32>().ok());
        match (action.as_str(), card, serial) {
            ("cancel", _, Some(serial)) => return self.close(serial),
            ("remove", _, Some(serial)) => return self.remove(serial),
            ("add", ..) => self.open_on_tap(Target::NewCertificate),
            ("add-event", Some(c), _) => self.open_on_tap(Target::NewEvent(c)),
            ("edit-cert", Some(c), _) => self.open_on_tap(Target::Certificate(c)),
            ("edit", Some(c), _) => {
                if let Some(e) = number("data-event") {
                    self.open_on_tap(Target::Event(c, e));
                }
            }
            ("export-raw", ..) => {
                let raw = ctx
                    .keeping
                    .read_untracked()
                    .unreadable
                    .as_ref()
                    .map(|u| u.raw.clone());
                if let Some(raw) = raw {
                    let name = format!("fushen-timeline-unreadable-{}.txt", iso(today));
                    self.offer_file(name, "text/plain;charset=utf-8", raw, true);
                }
            }
            ("discard", ..) => {
                let mut ui = self.ui.borrow_mut();
                if ui.confirm_discard {
                    ui.confirm_discard = false;
                    ctx.discard_unreadable();
                } else {
                    ui.confirm_discard = true;
                }
            }
            ("dismiss", ..) => ctx.dismiss_arrival(),
            ("replace", ..) => ctx.resolve(Choice::Replace),
            ("merge", ..) => ctx.resolve(Choice::Merge),
            ("keep", ..) => ctx.resolve(Choice::KeepMine),
            ("drop-exam", ..) => ctx.drop_pending_exam(),
            ("copy", ..) => {
                let text = self.ui.borrow().offer.as_ref().map(|(o, _)| o.text.clone());
                if let Some(text) = text {
                    self.copy(text, false);
                }
            }
            ("close", ..) => self.ui.borrow_mut().offer = None,
            ("ics", ..) => {
                let assumptions = ctx.assumptions.get_untracked();
                let cal = export::calendar(&ctx.timeline.read_untracked(), today, assumptions);
                let text = ics::write(&cal, clock::now_utc());
                let name = export::file_name(today);
                self.offer_file(name, "text/calendar;charset=utf-8", text, false);
            }
            ("backup", ..) => {
                let text = store::to_json(&ctx.timeline.read_untracked());
                let name = format!("fushen-timeline-backup-{}.json", iso(today));
                self.offer_file(name, "application/json", text, false);
            }
            ("copy-link", ..) => {
                if let Some(href) = url::href() {
                    self.copy(href, true);
                }
            }
            ("clear", ..) => self.ui.borrow_mut().confirm_clear = true,
            ("clear-no", ..) => self.ui.borrow_mut().confirm_clear = false,
            ("clear-yes", ..) => {
                {
                    let mut ui = self.ui.borrow_mut();
                    ui.forms.clear();
                    ui.offer = None;
                    ui.confirm_clear = false;
                    ui.import_error.clear();
                }
                ctx.clear_everything();
            }
            (other, ..) => {
                let exam = other
                    .strip_prefix("exam-")
                    .and_then(|s| s.parse::<Id>().ok());
                if let (Some(id), Some(p)) = (exam, ctx.exam.get_untracked()) {
                    ctx.say(ctx.add_exam_to(id, p.exam, p.accepted).message());
                }
            }
        }
        self.render();
    }

    /// Offers `text` as the file `name`, with the help for when it does not arrive.
    fn offer_file(&self, name: String, mime: &str, text: String, in_notices: bool) {
        let started = download::offer(&name, mime, &text).is_ok();
        let offer = Offer {
            name,
            text,
            started,
            copied: None,
        };
        self.ui.borrow_mut().offer = Some((offer, in_notices));
    }

    /// Copies `text`: the page link (`link`, the live region says how it went) or an offered
    /// file's text (its help says so, and shows the text to copy by hand if copying failed).
    fn copy(&self, text: String, link: bool) {
        let c = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let copied = download::copy(&text).await.is_ok();
            if link {
                c.ctx.say(if copied {
                    "已复制本页链接，可以发给自己或收藏"
                } else {
                    "没能自动复制：请用浏览器的「复制链接」或「收藏」"
                });
            } else if let Some((offer, _)) = c.ui.borrow_mut().offer.as_mut() {
                offer.copied = Some(copied);
            }
            c.render();
        });
    }

    /// Imports the backup file picked in `input`.
    fn import(&self, input: Element) {
        let Ok(input) = input.dyn_into::<web_sys::HtmlInputElement>() else {
            return;
        };
        let c = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let result = file::read_text(&input).await;
            input.set_value("");
            let error = match result {
                Ok(text) => c.ctx.import(&text).err().unwrap_or_default(),
                Err(e) => e.message().to_string(),
            };
            c.ui.borrow_mut().import_error = error;
            c.render();
        });
    }
}
