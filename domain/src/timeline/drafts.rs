//! The add/edit forms as the holder types them, and the small text that keeps the open ones
//! across a reload (`fushen.timeline.draft`): what a form is for ([`Target`]), its fields
//! ([`Field`]), what was typed ([`Draft`]) and what saving it gives ([`Entry`]). The checks
//! themselves are [`super::forms`]'; the words are [`super::messages`]'.
//!
//! The drafts text is a line `v1`, then one line per open form: its target's key (`cert-new`,
//! `cert-<i>`, `ev-<i>-new`, `ev-<i>-<j>`, with positions counted from 0 in stored order, since
//! ids are given again on every load) and each field's value in form order, every part
//! percent-encoded and joined by `&`. Lines that cannot be read are skipped, never a panic.

use chrono::NaiveDate;

use crate::fragment::{percent_decode, percent_encode};
use crate::timeline::forms::{CertField, CertificateDraft, EventDraft, EventField, FieldError};
use crate::timeline::model::{CertificateData, EventData, Id, Timeline};

/// What a form is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    /// Add a certificate.
    NewCertificate,
    /// Change certificate `id`.
    Certificate(Id),
    /// Record an event of certificate `id`.
    NewEvent(Id),
    /// Change event `.1` of certificate `.0`.
    Event(Id, Id),
}

impl Target {
    /// The certificate the form belongs to (its card), if any.
    pub fn card(self) -> Option<Id> {
        match self {
            Target::NewCertificate => None,
            Target::Certificate(c) | Target::NewEvent(c) | Target::Event(c, _) => Some(c),
        }
    }

    /// True for forms that change something already there (they offer to remove it).
    pub fn changes(self) -> bool {
        matches!(self, Target::Certificate(_) | Target::Event(..))
    }

    /// The target's key: the prefix of its form's element ids, and, with positions instead of
    /// ids, its name in the drafts text.
    pub fn key(self) -> String {
        match self {
            Target::NewCertificate => "cert-new".to_string(),
            Target::Certificate(c) => format!("cert-{c}"),
            Target::NewEvent(c) => format!("ev-{c}-new"),
            Target::Event(c, e) => format!("ev-{c}-{e}"),
        }
    }

    fn from_key(key: &str) -> Option<Target> {
        let number = |s: &str| s.parse::<Id>().ok();
        if let Some(rest) = key.strip_prefix("cert-") {
            return Some(match rest {
                "new" => Target::NewCertificate,
                c => Target::Certificate(number(c)?),
            });
        }
        let (c, e) = key.strip_prefix("ev-")?.split_once('-')?;
        Some(match e {
            "new" => Target::NewEvent(number(c)?),
            e => Target::Event(number(c)?, number(e)?),
        })
    }

    /// The same target with its certificate and event named by `f(certificate, id)`:
    /// `certificate` is `None` for the certificate itself.
    fn map(self, mut f: impl FnMut(Option<Id>, Id) -> Option<Id>) -> Option<Target> {
        Some(match self {
            Target::NewCertificate => Target::NewCertificate,
            Target::Certificate(c) => Target::Certificate(f(None, c)?),
            Target::NewEvent(c) => Target::NewEvent(f(None, c)?),
            Target::Event(c, e) => {
                let certificate = f(None, c)?;
                Target::Event(certificate, f(Some(c), e)?)
            }
        })
    }

    /// The target with positions in `t` (from 0, in stored order) instead of ids: ids are
    /// given again on every load, positions stay.
    pub fn to_positions(self, t: &Timeline) -> Option<Target> {
        self.map(|cert, id| {
            let at = match cert {
                None => t.certificates.iter().position(|c| c.id == id),
                Some(c) => t.certificate(c)?.events.iter().position(|e| e.id == id),
            };
            Id::try_from(at?).ok()
        })
    }

    /// The target named by positions in `t`, if they are there.
    pub fn from_positions(self, t: &Timeline) -> Option<Target> {
        self.map(|cert, at| {
            let at = usize::try_from(at).ok()?;
            match cert {
                None => t.certificates.get(at).map(|c| c.id),
                Some(c) => {
                    let c = t.certificates.get(usize::try_from(c).ok()?)?;
                    c.events.get(at).map(|e| e.id)
                }
            }
        })
    }
}

/// A field of either form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// A certificate field.
    Cert(CertField),
    /// The 6-year review cycle switch.
    Cycle,
    /// An event field.
    Event(EventField),
}

impl Field {
    /// The control's `name` (the last part of its id).
    pub fn name(self) -> &'static str {
        match self {
            Field::Cert(CertField::Kind) | Field::Event(EventField::Kind) => "kind",
            Field::Cert(CertField::Other) => "other",
            Field::Cert(CertField::FirstIssued) => "first",
            Field::Cert(CertField::ValidUntil) => "valid",
            Field::Cert(CertField::Label) => "label",
            Field::Cycle => "cycle",
            Field::Event(EventField::Date) => "date",
            Field::Event(EventField::Hours) => "hours",
            Field::Event(EventField::Note) => "note",
        }
    }
}

/// A form as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Draft {
    /// The certificate form.
    Cert(CertificateDraft),
    /// The event form.
    Event(EventDraft),
}

/// What a checked form gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    /// A certificate's facts.
    Certificate(CertificateData),
    /// An event.
    Event(EventData),
}

impl Draft {
    /// The draft a form for `target` opens with: what the timeline holds, or nothing typed.
    pub fn open(target: Target, timeline: &Timeline) -> Draft {
        let of = |c: Id| timeline.certificate(c);
        match target {
            Target::NewCertificate => Draft::Cert(CertificateDraft::default()),
            Target::Certificate(c) => Draft::Cert(
                of(c)
                    .map(|c| CertificateDraft::of(&c.data))
                    .unwrap_or_default(),
            ),
            Target::NewEvent(_) => Draft::Event(EventDraft::default()),
            Target::Event(c, e) => Draft::Event(
                of(c)
                    .and_then(|c| c.events.iter().find(|x| x.id == e))
                    .map(|e| EventDraft::of(&e.data))
                    .unwrap_or_default(),
            ),
        }
    }

    /// The form's fields, in order.
    pub fn fields(&self) -> &'static [Field] {
        const CERTIFICATE: [Field; 6] = [
            Field::Cert(CertField::Kind),
            Field::Cert(CertField::Other),
            Field::Cert(CertField::FirstIssued),
            Field::Cert(CertField::ValidUntil),
            Field::Cert(CertField::Label),
            Field::Cycle,
        ];
        const EVENT: [Field; 4] = [
            Field::Event(EventField::Kind),
            Field::Event(EventField::Date),
            Field::Event(EventField::Hours),
            Field::Event(EventField::Note),
        ];
        match self {
            Draft::Cert(_) => &CERTIFICATE,
            Draft::Event(_) => &EVENT,
        }
    }

    /// The text of `field` ("1" for a ticked switch).
    pub fn value(&self, field: Field) -> &str {
        match (self, field) {
            (Draft::Cert(d), Field::Cert(f)) => d.value(f),
            (Draft::Cert(d), Field::Cycle) if d.extended => "1",
            (Draft::Event(d), Field::Event(f)) => d.value(f),
            _ => "",
        }
    }

    /// Sets the text of `field` (any text ticks the switch).
    pub fn set(&mut self, field: Field, text: String) {
        match (self, field) {
            (Draft::Cert(d), Field::Cert(f)) => d.set(f, text),
            (Draft::Cert(d), Field::Cycle) => d.extended = !text.is_empty(),
            (Draft::Event(d), Field::Event(f)) => d.set(f, text),
            _ => {}
        }
    }

    /// False when `field` does not apply (其他's words, training hours).
    pub fn visible(&self, field: Field) -> bool {
        match (self, field) {
            (Draft::Cert(d), Field::Cert(CertField::Other)) => d.wants_other(),
            (Draft::Event(d), Field::Event(EventField::Hours)) => d.wants_hours(),
            _ => true,
        }
    }

    /// What is wrong with `field` as typed; `first_issued` is the certificate's 初领日期
    /// (events cannot be earlier).
    pub fn check(
        &self,
        field: Field,
        first_issued: NaiveDate,
        today: NaiveDate,
    ) -> Result<(), FieldError> {
        match (self, field) {
            (Draft::Cert(d), Field::Cert(f)) => d.check(f, today),
            (Draft::Event(d), Field::Event(f)) => d.check(f, first_issued, today),
            _ => Ok(()),
        }
    }

    /// Checks every field: what saving gives, or the fields to fix in form order.
    pub fn finish(&self, first_issued: NaiveDate, today: NaiveDate) -> Result<Entry, Vec<Field>> {
        match self {
            Draft::Cert(d) => d
                .finish(today)
                .map(Entry::Certificate)
                .map_err(|e| e.into_iter().map(|(f, _)| Field::Cert(f)).collect()),
            Draft::Event(d) => d
                .finish(first_issued, today)
                .map(Entry::Event)
                .map_err(|e| e.into_iter().map(|(f, _)| Field::Event(f)).collect()),
        }
    }

    /// Puts back the values of a line of [`drafts_text`] (in field order).
    pub fn restore(&mut self, values: &[String]) {
        for (field, value) in self.fields().iter().zip(values) {
            self.set(*field, value.clone());
        }
    }

    /// The draft as one line of the drafts text, for `target` named by positions.
    fn line(&self, target: Target) -> String {
        let values = self.fields().iter().map(|f| percent_encode(self.value(*f)));
        std::iter::once(percent_encode(&target.key()))
            .chain(values)
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// The version line of the drafts text.
const DRAFTS_VERSION: &str = "v1";

/// The open forms as text for the phone, each form's target named by positions (see
/// [`Target::to_positions`]). Empty when no form is open.
pub fn drafts_text<'a>(forms: impl IntoIterator<Item = (Target, &'a Draft)>) -> String {
    let lines: Vec<String> = forms
        .into_iter()
        .map(|(target, draft)| draft.line(target))
        .collect();
    if lines.is_empty() {
        return String::new();
    }
    [DRAFTS_VERSION.to_string()]
        .into_iter()
        .chain(lines)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The forms of a drafts text: target (with positions) and values. Anything unreadable is
/// skipped; never a panic.
pub fn read_drafts(text: &str) -> Vec<(Target, Vec<String>)> {
    let mut lines = text.split('\n');
    if lines.next() != Some(DRAFTS_VERSION) {
        return Vec::new();
    }
    lines
        .filter_map(|line| {
            let mut parts = line.split('&').map(percent_decode);
            let target = Target::from_key(&parts.next()?)?;
            Some((target, parts.collect()))
        })
        .collect()
}
