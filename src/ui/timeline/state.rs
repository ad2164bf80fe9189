//! The timeline while the page is open ([`TimelineCtx`]), and its ties to the outside world:
//! loading from and saving to `localStorage`, keeping the link's `t` up to date, the link and
//! backup files that arrive, other tabs' changes, and the estimator's "add to timeline". Every
//! decision is the domain's (`fushen_domain::timeline`); this module only carries the results.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::ui::holidays::Holidays;
use crate::web::storage::{self, StorageError};
use crate::web::{events, url};
use fushen_domain::estimate::Assumptions;
use fushen_domain::keys::{StorageKey, UrlParam};
use fushen_domain::timeline::drafts::{Entry, Target};
use fushen_domain::timeline::link::{self, LinkError};
use fushen_domain::timeline::merge::{self, Arrival};
use fushen_domain::timeline::model::{AddedExam, CertificateData, Id, Problem, Timeline};
use fushen_domain::timeline::schedule::{exam_target_with, ExamOutcome, ExamTarget};
use fushen_domain::timeline::store::{self, LoadError};

/// What stands between the timeline and this phone's storage.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Keeping {
    /// The last attempt to use storage failed: the timeline lives in this page only.
    pub trouble: Option<StorageError>,
    /// Storage held a timeline that could not be read.
    pub unreadable: Option<Unreadable>,
}

/// A stored value that could not be read, kept as it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreadable {
    /// The value, untouched.
    pub raw: String,
    /// Why it was not read.
    pub error: LoadError,
    /// A copy is safe under [`StorageKey::TimelineBackup`]; until there is one (or while a newer
    /// page's data is there), nothing is saved over it.
    pub kept: bool,
}

impl Unreadable {
    /// True while saving would overwrite something not kept elsewhere, or a newer page's data.
    pub fn blocks_saving(&self) -> bool {
        !self.kept || matches!(self.error, LoadError::Newer(_))
    }
}

/// Where an arriving timeline came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// The page link.
    Link,
    /// A backup file.
    File,
}

/// A timeline that arrived and waits for the holder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arriving {
    /// Different from this phone's: replace, merge, or keep mine?
    Conflict {
        /// The arriving timeline.
        incoming: Timeline,
        /// Where it came from.
        from: Source,
    },
    /// The link could not be read; nothing changed.
    Unreadable(LinkError),
}

/// The holder's answer to a conflict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    /// Take the arriving timeline instead of this phone's.
    Replace,
    /// Keep this phone's and add what the arriving one has more.
    Merge,
    /// Keep this phone's; forget the arriving one.
    KeepMine,
}

/// An exam date from the estimator waiting for a certificate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PendingExam {
    /// The exam date.
    pub exam: NaiveDate,
    /// The acceptance date, when the estimator knows it.
    pub accepted: Option<NaiveDate>,
}

/// The timeline tool's state, shared through context (`use_context::<TimelineCtx>()`).
///
/// **For the estimator**: to add its answer with one tap, call
/// [`TimelineCtx::add_exam`]`(exam, accepted)` and show [`ExamOutcome::message`] in its live
/// region. The query windows count with the working-day data and the estimator's assumptions
/// given to [`TimelineCtx::start`], read as signals: they follow both without being told.
#[derive(Clone, Copy, Debug)]
pub struct TimelineCtx {
    /// Today in China.
    pub today: NaiveDate,
    // The tool's components read the signals directly; change them only through the methods
    // below, which save and update the link.
    pub(crate) timeline: RwSignal<Timeline>,
    /// The working-day data in use.
    pub(crate) holidays: Holidays,
    /// The estimator's assumptions (its last valid ones).
    pub(crate) assumptions: Signal<Assumptions>,
    pub(crate) keeping: RwSignal<Keeping>,
    pub(crate) arriving: RwSignal<Option<Arriving>>,
    pub(crate) exam: RwSignal<Option<PendingExam>>,
    pub(crate) said: RwSignal<String>,
}

/// Keeps `raw` under the backup key unless something else is there; true when it is safe there.
fn keep_backup(raw: &str) -> bool {
    match storage::get(StorageKey::TimelineBackup) {
        Ok(None) => storage::set(StorageKey::TimelineBackup, raw).is_ok(),
        Ok(Some(kept)) => kept == raw,
        Err(_) => false,
    }
}

/// Reads the stored timeline; trouble and unreadable values are reported, never thrown away.
fn load() -> (Timeline, Keeping) {
    let mut keeping = Keeping::default();
    let raw = storage::probe().and_then(|()| storage::get(StorageKey::Timeline));
    let timeline = match raw {
        Err(e) => {
            keeping.trouble = Some(e);
            Timeline::default()
        }
        Ok(None) => Timeline::default(),
        Ok(Some(raw)) => match store::from_json(&raw) {
            Ok(t) => t,
            Err(error) => {
                let kept = keep_backup(&raw);
                keeping.unreadable = Some(Unreadable { raw, error, kept });
                Timeline::default()
            }
        },
    };
    (timeline, keeping)
}

impl TimelineCtx {
    /// Loads the timeline, reads the link, starts listening to other tabs and to link changes,
    /// and provides the context. Call once, inside the page's root owner. Query windows count
    /// with `holidays` and the estimator's `assumptions`.
    pub fn start(
        today: NaiveDate,
        holidays: Holidays,
        assumptions: Signal<Assumptions>,
    ) -> TimelineCtx {
        let (timeline, keeping) = load();
        let ctx = TimelineCtx {
            today,
            timeline: RwSignal::new(timeline),
            holidays,
            assumptions,
            keeping: RwSignal::new(keeping),
            arriving: RwSignal::new(None),
            exam: RwSignal::new(None),
            said: RwSignal::new(String::new()),
        };
        ctx.receive_link();
        events::on_storage_change(StorageKey::Timeline, move |value| {
            ctx.take_other_tabs_change(value)
        });
        events::on_fragment_change(move || ctx.receive_link());
        provide_context(ctx);
        ctx
    }

    /// The timeline.
    pub fn timeline(self) -> ReadSignal<Timeline> {
        self.timeline.read_only()
    }

    /// How the timeline is kept.
    pub fn keeping(self) -> ReadSignal<Keeping> {
        self.keeping.read_only()
    }

    /// An exam date from the estimator waiting for a certificate.
    pub fn pending_exam(self) -> ReadSignal<Option<PendingExam>> {
        self.exam.read_only()
    }

    /// Puts a short confirmation in the live region.
    pub fn say(self, text: impl Into<String>) {
        self.said.set(text.into());
    }

    /// Adds the estimator's answer: the exam date, and the acceptance date when known. It goes to
    /// the only certificate, or the only one whose review is due or under way; otherwise the
    /// timeline asks which one (or for a certificate first) and keeps the date until then.
    pub fn add_exam(self, exam: NaiveDate, accepted: Option<NaiveDate>) -> ExamOutcome {
        let assumptions = self.assumptions.get_untracked();
        let target = self.holidays.with_untracked(|calendar| {
            self.timeline
                .with_untracked(|t| exam_target_with(calendar, t, self.today, assumptions))
        });
        match target {
            ExamTarget::Only(id) => self.add_exam_to(id, exam, accepted),
            ExamTarget::Choose | ExamTarget::NoCertificate => {
                self.exam.set(Some(PendingExam { exam, accepted }));
                if target == ExamTarget::Choose {
                    ExamOutcome::ChooseCertificate
                } else {
                    ExamOutcome::NeedCertificate
                }
            }
        }
    }

    /// Adds an exam (and acceptance) to certificate `id`, clearing any pending exam.
    pub fn add_exam_to(self, id: Id, exam: NaiveDate, accepted: Option<NaiveDate>) -> ExamOutcome {
        self.exam.set(None);
        match self.change(|t| t.add_exam(id, exam, accepted)) {
            Ok(Some(AddedExam::Added)) => ExamOutcome::Added,
            Ok(Some(AddedExam::AlreadyThere)) => ExamOutcome::AlreadyThere,
            Ok(None) => ExamOutcome::ChooseCertificate,
            Err(problem) => ExamOutcome::Refused(problem),
        }
    }

    /// Forgets the pending exam.
    pub fn drop_pending_exam(self) {
        self.exam.set(None);
    }

    /// Adds a certificate; a pending exam from the estimator goes to it.
    pub fn add_certificate(self, data: CertificateData) -> Result<Id, Problem> {
        let id = self.change(|t| t.add_certificate(data))?;
        if let Some(p) = self.exam.get_untracked() {
            let outcome = self.add_exam_to(id, p.exam, p.accepted);
            self.say(outcome.message());
        }
        Ok(id)
    }

    /// Saves what a form for `target` gives: a certificate added or changed, an event recorded
    /// or changed; refused when it breaks a rule of the timeline (a limit, a date out of range).
    pub fn save(self, target: Target, entry: Entry) -> Result<(), Problem> {
        match (entry, target) {
            (Entry::Certificate(data), Target::Certificate(c)) => {
                self.change(|t| t.update_certificate(c, data).map(drop))
            }
            (Entry::Certificate(data), _) => self.add_certificate(data).map(drop),
            (Entry::Event(data), Target::Event(c, e)) => {
                self.change(|t| t.update_event(c, e, data).map(drop))
            }
            (Entry::Event(data), Target::NewEvent(c)) => {
                self.change(|t| t.add_event(c, data).map(drop))
            }
            (Entry::Event(_), _) => Ok(()),
        }
    }

    /// Removes what a form for `target` changes (a certificate with its events, or an event),
    /// and says so.
    pub fn remove(self, target: Target) {
        let removed = self.change(|t| match target {
            Target::Certificate(c) => t.remove_certificate(c),
            Target::Event(c, e) => t.remove_event(c, e),
            Target::NewCertificate | Target::NewEvent(_) => false,
        });
        if removed {
            self.say("已删除");
        }
    }

    /// Changes the timeline with `edit`, then saves it and updates the link.
    pub fn change<R>(self, edit: impl FnOnce(&mut Timeline) -> R) -> R {
        let mut timeline = self.timeline.get_untracked();
        let result = edit(&mut timeline);
        self.timeline.set(timeline);
        self.persist();
        result
    }

    /// Saves the timeline (unless an unreadable stored value must not be overwritten) and
    /// puts it in the link.
    fn persist(self) {
        let json = self.timeline.with_untracked(store::to_json);
        let blocked = self
            .keeping
            .with_untracked(|k| k.unreadable.as_ref().is_some_and(Unreadable::blocks_saving));
        if !blocked {
            let trouble = storage::set(StorageKey::Timeline, &json).err();
            if self.keeping.with_untracked(|k| k.trouble != trouble) {
                self.keeping.update(|k| k.trouble = trouble);
            }
        }
        self.write_link();
    }

    /// Puts the timeline in the link's `t`, keeping the other parameters; not while a conflict
    /// waits (the arriving link must survive a reload until the holder chooses).
    fn write_link(self) {
        let waiting = self.arriving.with_untracked(|a| {
            matches!(
                a,
                Some(Arriving::Conflict {
                    from: Source::Link,
                    ..
                })
            )
        });
        if waiting {
            return;
        }
        let encoded = self.timeline.with_untracked(link::encode);
        let mut fragment = url::fragment();
        if fragment.get(UrlParam::Timeline) != encoded.as_deref() {
            fragment.set(UrlParam::Timeline, encoded.as_deref());
            url::replace_fragment(&fragment);
        }
    }

    /// Reads the link's `t` against the timeline held.
    fn receive_link(self) {
        let fragment = url::fragment();
        let arrival = self
            .timeline
            .with_untracked(|t| merge::from_link(t, fragment.get(UrlParam::Timeline)));
        self.arrive(arrival, Source::Link);
        self.write_link();
    }

    /// Acts on an arriving timeline: take it, ask, or say why not.
    fn arrive(self, arrival: Arrival, from: Source) {
        match arrival {
            Arrival::Nothing => {
                if from == Source::File {
                    self.say("备份文件里没有证书，没有导入");
                }
            }
            Arrival::Same => {
                if from == Source::File {
                    self.say("备份和这部手机上的一样，不用导入");
                }
            }
            Arrival::Adopt(incoming) => {
                self.timeline.set(incoming);
                self.persist();
                self.say(match from {
                    Source::Link => "已按链接里的日期恢复时间线",
                    Source::File => "已导入备份",
                });
            }
            Arrival::Conflict(incoming) => {
                self.arriving
                    .set(Some(Arriving::Conflict { incoming, from }));
            }
            Arrival::Unreadable(error) => self.arriving.set(Some(Arriving::Unreadable(error))),
        }
    }

    /// The holder's answer to a conflict.
    pub fn resolve(self, choice: Choice) {
        let Some(Arriving::Conflict { incoming, .. }) = self.arriving.get_untracked() else {
            return;
        };
        self.arriving.set(None);
        match choice {
            Choice::Replace => self.timeline.set(incoming),
            Choice::Merge => self.timeline.update(|t| *t = merge::merge(t, &incoming)),
            Choice::KeepMine => {}
        }
        self.persist();
        self.say(match choice {
            Choice::Replace => "已换成新的时间线",
            Choice::Merge => "已合并两边的时间线",
            Choice::KeepMine => "已保留这部手机上的时间线",
        });
    }

    /// Closes the message about an unreadable link.
    pub fn dismiss_arrival(self) {
        self.arriving.set(None);
    }

    /// Imports a backup file's text; why not, when it is refused.
    pub fn import(self, text: &str) -> Result<(), LoadError> {
        let incoming = store::from_json(text)?;
        let arrival = self
            .timeline
            .with_untracked(|t| merge::from_file(t, incoming));
        self.arrive(arrival, Source::File);
        Ok(())
    }

    /// Another tab saved (or removed) the timeline: show the same. Values this page cannot read
    /// are left to that tab.
    fn take_other_tabs_change(self, value: Option<String>) {
        let timeline = match value {
            None => Timeline::default(),
            Some(raw) => match store::from_json(&raw) {
                Ok(t) => t,
                Err(_) => return,
            },
        };
        if self.timeline.with_untracked(|t| *t != timeline) {
            self.timeline.set(timeline);
            self.write_link();
        }
    }

    /// The holder gave up the unreadable stored value: the backup goes, saving resumes.
    pub fn discard_unreadable(self) {
        let _ = storage::remove(StorageKey::TimelineBackup);
        self.keeping.update(|k| k.unreadable = None);
        self.persist();
        self.say("已删除读不出来的旧数据");
    }

    /// Removes everything this app stored on the phone and in the link, then loads the page
    /// again: the other tools hold what they read in memory (an unsent enquiry would otherwise
    /// still be retried), and a fresh start is the only honest "everything is gone".
    pub fn clear_everything(self) {
        for key in StorageKey::ALL {
            let _ = storage::remove(key);
        }
        let mut fragment = url::fragment();
        for param in UrlParam::ALL {
            fragment.set(param, None);
        }
        url::replace_fragment(&fragment);
        self.timeline.set(Timeline::default());
        self.keeping.update(|k| k.unreadable = None);
        self.arriving.set(None);
        self.exam.set(None);
        self.say("已清除本工具在这部手机上保存的全部内容");
        crate::web::page::reload();
    }
}
