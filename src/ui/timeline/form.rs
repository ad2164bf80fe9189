//! The one short form of the timeline as the page holds it: add or change a certificate, record
//! or change an event. What it is for ([`Target`]), what was typed ([`Draft`]), which errors
//! show, and the small text that keeps open forms across a reload. Checks and messages are
//! `fushen_domain::timeline::forms`'; the HTML is [`super::markup`]'s.

use chrono::NaiveDate;

use super::state::TimelineCtx;
use fushen_domain::fragment::{percent_decode, percent_encode};
use fushen_domain::timeline::forms::{CertField, CertificateDraft, EventDraft, EventField};
use fushen_domain::timeline::messages::{certificate_field_error, event_field_error};
use fushen_domain::timeline::model::Problem;
use fushen_domain::timeline::{Id, Timeline};

/// What a form is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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

    /// The form's title (also its accessible name).
    pub fn title(self) -> &'static str {
        match self {
            Target::NewCertificate => "添加证书",
            Target::Certificate(_) => "修改证书信息",
            Target::NewEvent(_) => "记一笔",
            Target::Event(..) => "修改记录",
        }
    }

    /// The remove button's words, before and after the first tap, for forms that change
    /// something already there.
    pub fn remove(self) -> Option<(&'static str, &'static str)> {
        match self {
            Target::Certificate(_) => Some(("删除这本证书", "确定删除这本证书和它的记录")),
            Target::Event(..) => Some(("删除这条记录", "确定删除这条记录")),
            _ => None,
        }
    }

    /// The target's key: the prefix of its form's element ids, and in the drafts text (where
    /// the numbers are positions, not ids).
    fn key(self) -> String {
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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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

impl Draft {
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
    pub fn value(&self, field: Field) -> String {
        match (self, field) {
            (Draft::Cert(d), Field::Cert(f)) => d.value(f).to_string(),
            (Draft::Cert(d), Field::Cycle) if d.extended => "1".to_string(),
            (Draft::Event(d), Field::Event(f)) => d.value(f).to_string(),
            _ => String::new(),
        }
    }

    /// Sets the text of `field`.
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
}

/// An open form: what it is for, what was typed, and what it says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Form {
    /// What it is for.
    pub target: Target,
    /// What was typed.
    pub draft: Draft,
    /// The certificate's 初领日期 (events cannot be earlier).
    pub first_issued: NaiveDate,
    /// Today in China.
    pub today: NaiveDate,
    /// Fields the holder has left (their errors show).
    pub left: Vec<Field>,
    /// Submitted once: every error shows.
    pub submitted: bool,
    /// The remove button was tapped once.
    pub confirm_remove: bool,
    /// The form's status line.
    pub status: String,
}

impl Form {
    /// A form for `target`, filled from what the timeline holds.
    pub fn open(target: Target, timeline: &Timeline, today: NaiveDate) -> Form {
        let of = |c: Id| timeline.certificate(c);
        let (first_issued, draft) = match target {
            Target::NewCertificate => (today, Draft::Cert(CertificateDraft::default())),
            Target::Certificate(c) => (
                today,
                Draft::Cert(
                    of(c)
                        .map(|c| CertificateDraft::of(&c.data))
                        .unwrap_or_default(),
                ),
            ),
            Target::NewEvent(c) | Target::Event(c, _) => {
                let event = match target {
                    Target::Event(_, e) => of(c)
                        .and_then(|c| c.events.iter().find(|x| x.id == e))
                        .map(|e| EventDraft::of(&e.data)),
                    _ => None,
                };
                (
                    of(c).map_or(today, |c| c.data.first_issued),
                    Draft::Event(event.unwrap_or_default()),
                )
            }
        };
        Form {
            target,
            draft,
            first_issued,
            today,
            left: Vec::new(),
            submitted: false,
            confirm_remove: false,
            status: String::new(),
        }
    }

    /// The element id of `field`'s control.
    pub fn id(&self, field: Field) -> String {
        format!("{}-{}", self.target.key(), field.name())
    }

    /// The field whose control is named `name`.
    pub fn field_named(&self, name: &str) -> Option<Field> {
        self.draft
            .fields()
            .iter()
            .copied()
            .find(|f| f.name() == name)
    }

    /// What is wrong with `field` as typed, whether shown or not.
    fn check(&self, field: Field) -> Option<String> {
        match (&self.draft, field) {
            (Draft::Cert(d), Field::Cert(f)) => d
                .check(f, self.today)
                .err()
                .map(|e| certificate_field_error(f, e)),
            (Draft::Event(d), Field::Event(f)) => d
                .check(f, self.first_issued, self.today)
                .err()
                .map(|e| event_field_error(f, e)),
            _ => None,
        }
    }

    /// The error shown under `field`: once it has been left, or the form submitted.
    pub fn error(&self, field: Field) -> Option<String> {
        if self.submitted || self.left.contains(&field) {
            self.check(field)
        } else {
            None
        }
    }

    /// The holder left `field`.
    pub fn leave(&mut self, field: Field) {
        if !self.left.contains(&field) {
            self.left.push(field);
        }
    }

    /// Saves the draft to the timeline; the fields to fix, or a refusal of the timeline's rules.
    pub fn save(&self, ctx: TimelineCtx) -> Result<(), Result<Vec<Field>, Problem>> {
        let target = self.target;
        let saved = match &self.draft {
            Draft::Cert(d) => {
                let data = d
                    .finish(self.today)
                    .map_err(|e| Ok(e.into_iter().map(|(f, _)| Field::Cert(f)).collect()))?;
                match target {
                    Target::Certificate(c) => {
                        ctx.change(|t| t.update_certificate(c, data).map(drop))
                    }
                    _ => ctx.add_certificate(data).map(drop),
                }
            }
            Draft::Event(d) => {
                let data = d
                    .finish(self.first_issued, self.today)
                    .map_err(|e| Ok(e.into_iter().map(|(f, _)| Field::Event(f)).collect()))?;
                ctx.change(|t| match target {
                    Target::Event(c, e) => t.update_event(c, e, data).map(drop),
                    Target::NewEvent(c) => t.add_event(c, data).map(drop),
                    _ => Ok(()),
                })
            }
        };
        saved.map_err(Err)
    }

    /// The draft as one line of text (see [`drafts_text`]).
    fn line(&self, target: Target) -> String {
        let mut parts = vec![target.key()];
        parts.extend(self.draft.fields().iter().map(|f| self.draft.value(*f)));
        parts
            .iter()
            .map(|p| percent_encode(p))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// Puts back the values of a line of [`drafts_text`] (in field order).
    pub fn restore(&mut self, values: &[String]) {
        for (field, value) in self.draft.fields().iter().zip(values) {
            self.draft.set(*field, value.clone());
        }
    }
}

/// The version line of the drafts text.
const DRAFTS_VERSION: &str = "v1";

/// The open forms as text for the phone: a version line, then one line per form, its target
/// (with positions instead of ids, which are not kept) and its values, each percent-encoded
/// and joined by `&`. Empty when no form is open.
pub fn drafts_text(forms: &[(Target, &Form)]) -> String {
    if forms.is_empty() {
        return String::new();
    }
    let mut lines = vec![DRAFTS_VERSION.to_string()];
    lines.extend(forms.iter().map(|(target, form)| form.line(*target)));
    lines.join("\n")
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

#[cfg(test)]
mod tests {
    use super::*;
    use fushen_domain::certificate::CertificateKind::FusionWelding;
    use fushen_domain::timeline::model::EventKind;
    use fushen_domain::timeline::testing::{cert, d, event};

    #[test]
    fn drafts_round_trip_whatever_was_typed() {
        let today = d(2026, 3, 1);
        let t = Timeline::from_parts(vec![(
            cert(FusionWelding, d(2020, 5, 10)),
            vec![event(EventKind::Exam, d(2026, 2, 1))],
        )]);
        let mut new = Form::open(Target::NewCertificate, &t, today);
        new.draft
            .set(Field::Cert(CertField::Label), "a&b\n=%é 证".into());
        new.draft.set(Field::Cycle, "1".into());
        let edit = Form::open(Target::Event(1, 2), &t, today);
        let text = drafts_text(&[(Target::NewCertificate, &new), (Target::Event(0, 0), &edit)]);
        let read = read_drafts(&text);
        assert_eq!(read.len(), 2);
        assert_eq!(read[1].0, Target::Event(0, 0));
        let mut back = Form::open(read[0].0, &t, today);
        back.restore(&read[0].1);
        assert_eq!(back, new);
        let mut back = Form::open(Target::Event(1, 2), &t, today);
        back.restore(&read[1].1);
        assert_eq!(back.draft, edit.draft);
        assert_eq!(
            back.draft.value(Field::Event(EventField::Date)),
            "2026-02-01"
        );
        assert_eq!(drafts_text(&[]), "");
    }

    #[test]
    fn drafts_name_certificates_and_events_by_position() {
        let mut t = Timeline::from_parts(vec![
            (cert(FusionWelding, d(2020, 5, 10)), vec![]),
            (
                cert(FusionWelding, d(2021, 1, 5)),
                vec![event(EventKind::Exam, d(2026, 2, 1))],
            ),
        ]);
        // Ids given while the page is open differ from those of the next load.
        let late = t
            .add_event(1, event(EventKind::Exam, d(2026, 1, 1)))
            .unwrap()
            .unwrap();
        let target = Target::Event(1, late);
        assert_eq!(target.to_positions(&t), Some(Target::Event(0, 0)));
        let reloaded = Timeline::from_parts(t.parts());
        let back = Target::Event(0, 0).from_positions(&reloaded).unwrap();
        let Target::Event(c, e) = back else {
            panic!("{back:?}")
        };
        let event = &reloaded.certificate(c).unwrap().events;
        assert_eq!(
            event.iter().find(|x| x.id == e).unwrap().data.date,
            d(2026, 1, 1)
        );
        assert_eq!(
            Target::NewEvent(2).to_positions(&t),
            Some(Target::NewEvent(1))
        );
        assert_eq!(Target::Certificate(7).from_positions(&reloaded), None);
        assert_eq!(Target::Event(0, 5).from_positions(&reloaded), None);
        assert_eq!(
            Target::NewCertificate.from_positions(&Timeline::default()),
            Some(Target::NewCertificate)
        );
    }

    #[test]
    fn unreadable_drafts_are_skipped_not_a_panic() {
        for text in [
            "",
            "v2\nn",
            "v1\nx&1",
            "v1\nc",
            "v1\ne1",
            "v1\ne1.x",
            "v1\n%ZZ&&",
            "v1\né",
        ] {
            assert!(read_drafts(text).is_empty(), "{text}");
        }
        assert_eq!(
            read_drafts("v1\ncert-new&w1\ncert-1&&\nev-3-4\nev-0-new"),
            vec![
                (Target::NewCertificate, vec!["w1".to_string()]),
                (Target::Certificate(1), vec![String::new(), String::new()]),
                (Target::Event(3, 4), vec![]),
                (Target::NewEvent(0), vec![]),
            ]
        );
    }

    #[test]
    fn errors_show_once_a_field_is_left_or_the_form_submitted() {
        let t = Timeline::default();
        let mut form = Form::open(Target::NewCertificate, &t, d(2026, 3, 1));
        let first = Field::Cert(CertField::FirstIssued);
        form.draft.set(first, "2027-01-01".into());
        assert_eq!(form.error(first), None);
        form.leave(first);
        assert_eq!(form.error(first).as_deref(), Some("初领日期不能晚于今天"));
        let kind = Field::Cert(CertField::Kind);
        assert_eq!(form.error(kind), None);
        form.submitted = true;
        assert_eq!(form.error(kind).as_deref(), Some("请选择证书类型"));
        assert_eq!(form.id(kind), "cert-new-kind");
        assert_eq!(form.field_named("cycle"), Some(Field::Cycle));
        assert_eq!(form.field_named("hours"), None);
        // Fields in the domain's order: the first error the domain reports is the first field.
        let cert: Vec<Field> = CertField::ALL.into_iter().map(Field::Cert).collect();
        assert_eq!(form.draft.fields()[..5], cert[..]);
        let event: Vec<Field> = EventField::ALL.into_iter().map(Field::Event).collect();
        assert_eq!(Draft::Event(EventDraft::default()).fields(), &event[..]);
    }
}
