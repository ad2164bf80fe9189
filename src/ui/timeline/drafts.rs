//! The open forms, and their keeping on the phone (`fushen.timeline.draft`): a reload reopens
//! them as they were. Each form owns its state ([`Form`] in a signal) and is listed here while it
//! is open; one effect writes the list to storage whenever a form, the list or the timeline
//! changes. The text's format is the domain's ([`fushen_domain::timeline::drafts`]).

use leptos::prelude::*;

use super::form::Form;
use super::state::TimelineCtx;
use crate::web::storage;
use fushen_domain::keys::StorageKey;
use fushen_domain::timeline::drafts::{drafts_text, read_drafts, Draft, Target};
use fushen_domain::timeline::Id;

/// The open forms, shared through context.
#[derive(Clone, Copy, Debug)]
pub struct Drafts {
    /// The forms open now.
    open: RwSignal<Vec<RwSignal<Form>>>,
    /// Forms left open on the last visit and not reopened yet: their target and values.
    kept: StoredValue<Vec<(Target, Vec<String>)>>,
}

impl Drafts {
    /// Reads the forms left open on the last visit, and keeps the open ones on the phone from
    /// now on. Losing a draft only costs retyping: storage trouble is the timeline's notice.
    pub fn start(ctx: TimelineCtx) -> Drafts {
        let kept = match storage::get(StorageKey::TimelineDraft) {
            Ok(Some(text)) => ctx.timeline.with_untracked(|t| {
                read_drafts(&text)
                    .into_iter()
                    .filter_map(|(at, values)| Some((at.from_positions(t)?, values)))
                    .collect()
            }),
            _ => Vec::new(),
        };
        let drafts = Drafts {
            open: RwSignal::new(Vec::new()),
            kept: StoredValue::new(kept),
        };
        // The text to keep: a field's error or a status line changing is no reason to write,
        // and what was just read needs no writing back (the first run).
        let text = Memo::new(move |_| {
            let forms: Vec<(Target, Draft)> = drafts.open.with(|open| {
                ctx.timeline.with(|t| {
                    open.iter()
                        .filter_map(|form| {
                            form.try_with(|f| Some((f.target.to_positions(t)?, f.draft.clone())))
                                .flatten()
                        })
                        .collect()
                })
            });
            drafts_text(forms.iter().map(|(at, draft)| (*at, draft)))
        });
        Effect::new(move |ran: Option<()>| {
            text.with(|text| {
                if ran.is_some() {
                    let _ = if text.is_empty() {
                        storage::remove(StorageKey::TimelineDraft)
                    } else {
                        storage::set(StorageKey::TimelineDraft, text)
                    };
                }
            });
        });
        drafts
    }

    /// The form card `card` (`None`: the adder) had open on the last visit, if any.
    pub fn reopens(self, card: Option<Id>) -> Option<Target> {
        self.kept.with_value(|kept| {
            kept.iter()
                .rev()
                .map(|(target, _)| *target)
                .find(|target| target.card() == card)
        })
    }

    /// The state of a new form for `target`: what the timeline holds, or what was typed before
    /// a reload. Listed while the calling component lives.
    pub fn open(self, ctx: TimelineCtx, target: Target) -> RwSignal<Form> {
        let mut form = ctx
            .timeline
            .with_untracked(|t| Form::open(target, t, ctx.today));
        let typed = self.kept.try_update_value(|kept| {
            let at = kept.iter().rposition(|(t, _)| *t == target)?;
            Some(kept.remove(at).1)
        });
        if let Some(values) = typed.flatten() {
            form.draft.restore(&values);
        }
        let form = RwSignal::new(form);
        self.open.update(|open| open.push(form));
        on_cleanup(move || {
            self.open.try_update(|open| open.retain(|f| *f != form));
        });
        form
    }

    /// Keeps no form any more (everything on the phone is being cleared).
    pub fn forget(self) {
        self.kept.set_value(Vec::new());
        self.open.set(Vec::new());
    }
}
