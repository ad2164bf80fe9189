//! The timeline's data: certificates and the holder's own events, and the edits the app makes
//! to them. Everything here is checked by [`check_certificate`] wherever it comes from (a form,
//! storage, a link or a backup file).

use chrono::NaiveDate;

use crate::certificate::{CertificateType, OTHER_MAX_CHARS};
use crate::rules;

/// Identifies a certificate or an event while the page is open (not stored: given again on
/// every load, in order).
pub type Id = u32;

/// At most this many certificates (a guard against hostile links and files).
pub const MAX_CERTIFICATES: usize = 20;
/// At most this many events per certificate.
pub const MAX_EVENTS: usize = 100;
/// The longest private label, in characters.
pub const MAX_LABEL_CHARS: usize = 30;
/// The longest note, in characters.
pub const MAX_NOTE_CHARS: usize = 200;
/// The most training hours one event may record (two digits in the link).
pub const MAX_TRAINING_HOURS: u32 = 99;

/// The first date the timeline accepts.
pub fn first_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default()
}

/// The last date the timeline accepts (the link codec's three base-36 digits reach 2097).
pub fn last_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2096, 12, 31).unwrap_or_default()
}

/// How often the certificate is reviewed (复审周期).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Cycle {
    /// Every [`rules::REVIEW_EVERY_YEARS`] years.
    #[default]
    Standard,
    /// Every [`rules::EXTENDED_REVIEW_EVERY_YEARS`] years once the holder has worked
    /// [`rules::EXTENDED_AFTER_YEARS`]+ years in the trade without violations (the authority
    /// decides; the holder sets the switch).
    Extended,
}

impl Cycle {
    /// The cycle's length in years.
    pub fn years(self) -> u32 {
        match self {
            Cycle::Standard => rules::REVIEW_EVERY_YEARS,
            Cycle::Extended => rules::EXTENDED_REVIEW_EVERY_YEARS,
        }
    }

    /// The cycle with this length in years.
    pub fn from_years(years: u64) -> Option<Cycle> {
        [Cycle::Standard, Cycle::Extended]
            .into_iter()
            .find(|c| u64::from(c.years()) == years)
    }
}

/// What the holder did, or noted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EventKind {
    /// 申请提交: the review application was handed in.
    Applied,
    /// 申请受理: the authority accepted it (its 20-working-day clock starts).
    Accepted,
    /// 培训: safety training, with its hours (学时).
    Training {
        /// Hours of training.
        hours: u32,
    },
    /// 考试: the review exam.
    Exam,
    /// 查到结果: the new review record is visible on the national platform.
    ResultFound,
    /// 备注: a dated note.
    Note,
}

impl EventKind {
    /// The code stored and used in forms.
    pub fn code(self) -> &'static str {
        match self {
            EventKind::Applied => "applied",
            EventKind::Accepted => "accepted",
            EventKind::Training { .. } => "training",
            EventKind::Exam => "exam",
            EventKind::ResultFound => "result",
            EventKind::Note => "note",
        }
    }

    /// The kind with this code; training gets `hours`.
    pub fn from_code(code: &str, hours: u32) -> Option<EventKind> {
        Some(match code {
            "applied" => EventKind::Applied,
            "accepted" => EventKind::Accepted,
            "training" => EventKind::Training { hours },
            "exam" => EventKind::Exam,
            "result" => EventKind::ResultFound,
            "note" => EventKind::Note,
            _ => return None,
        })
    }

    /// Every kind's code, in the order a review goes.
    pub const CODES: [&'static str; 6] =
        ["applied", "accepted", "training", "exam", "result", "note"];

    /// True for the steps of a review under way (applied, accepted, trained, examined).
    pub fn is_progress(self) -> bool {
        matches!(
            self,
            EventKind::Applied | EventKind::Accepted | EventKind::Training { .. } | EventKind::Exam
        )
    }

    /// Order within one day: the order a review goes.
    fn rank(self) -> u8 {
        match self {
            EventKind::Applied => 0,
            EventKind::Accepted => 1,
            EventKind::Training { .. } => 2,
            EventKind::Exam => 3,
            EventKind::ResultFound => 4,
            EventKind::Note => 5,
        }
    }
}

/// One of the holder's events.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// Identifies it while the page is open.
    pub id: Id,
    /// Its content.
    pub data: EventData,
}

/// An event's content.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct EventData {
    /// When.
    pub date: NaiveDate,
    /// What.
    pub kind: EventKind,
    /// The holder's own words (private: never in the link or the calendar file).
    pub note: String,
}

/// A certificate's own facts (without its events).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertificateData {
    /// Its type.
    pub kind: CertificateType,
    /// A private label, e.g. the certificate number (stays on the phone); may be empty.
    pub label: String,
    /// 初领日期.
    pub first_issued: NaiveDate,
    /// 有效期至 as printed, when the holder gave it; otherwise derived (see `schedule`).
    pub valid_until: Option<NaiveDate>,
    /// The review cycle.
    pub cycle: Cycle,
}

/// A certificate with its events, kept in date order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Certificate {
    /// Identifies it while the page is open.
    pub id: Id,
    /// Its facts.
    pub data: CertificateData,
    /// The holder's events, by date (then in the order a review goes).
    pub events: Vec<Event>,
}

/// The whole timeline: the holder's certificates, in the order added.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Timeline {
    /// The certificates.
    pub certificates: Vec<Certificate>,
}

/// Where in a timeline a problem is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Place {
    /// The certificate's position, from 0.
    pub certificate: Option<usize>,
    /// The event's position within it, from 0.
    pub event: Option<usize>,
}

/// What is wrong with a certificate or an event, wherever it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    /// A date outside the years the timeline handles.
    #[error("date out of range")]
    DateOutOfRange,
    /// 有效期至 is not after 初领日期.
    #[error("valid-until not after first issue")]
    ValidBeforeIssue,
    /// The private label is too long.
    #[error("label too long")]
    LabelTooLong,
    /// The 其他 description is too long.
    #[error("other type too long")]
    OtherTooLong,
    /// A note is too long.
    #[error("note too long")]
    NoteTooLong,
    /// A note event without words.
    #[error("empty note")]
    EmptyNote,
    /// Training hours outside 1–[`MAX_TRAINING_HOURS`].
    #[error("training hours out of range")]
    HoursOutOfRange,
    /// More than [`MAX_EVENTS`] events.
    #[error("too many events")]
    TooManyEvents,
    /// More than [`MAX_CERTIFICATES`] certificates.
    #[error("too many certificates")]
    TooManyCertificates,
}

fn in_range(date: NaiveDate) -> bool {
    (first_date()..=last_date()).contains(&date)
}

/// Problems with a certificate's facts.
pub fn check_certificate_data(data: &CertificateData) -> Vec<Problem> {
    let mut problems = Vec::new();
    if !in_range(data.first_issued) || data.valid_until.is_some_and(|v| !in_range(v)) {
        problems.push(Problem::DateOutOfRange);
    }
    if data.valid_until.is_some_and(|v| v <= data.first_issued) {
        problems.push(Problem::ValidBeforeIssue);
    }
    if data.label.chars().count() > MAX_LABEL_CHARS {
        problems.push(Problem::LabelTooLong);
    }
    if let CertificateType::Other(text) = &data.kind {
        if text.chars().count() > OTHER_MAX_CHARS {
            problems.push(Problem::OtherTooLong);
        }
    }
    problems
}

/// Problems with an event.
pub fn check_event_data(data: &EventData) -> Vec<Problem> {
    let mut problems = Vec::new();
    if !in_range(data.date) {
        problems.push(Problem::DateOutOfRange);
    }
    if let EventKind::Training { hours } = data.kind {
        if !(1..=MAX_TRAINING_HOURS).contains(&hours) {
            problems.push(Problem::HoursOutOfRange);
        }
    }
    if data.note.chars().count() > MAX_NOTE_CHARS {
        problems.push(Problem::NoteTooLong);
    }
    if data.kind == EventKind::Note && data.note.trim().is_empty() {
        problems.push(Problem::EmptyNote);
    }
    problems
}

/// Every problem of a certificate and its events, with where it is (`index` is the
/// certificate's position).
pub fn check_certificate(
    index: usize,
    data: &CertificateData,
    events: &[EventData],
) -> Vec<(Place, Problem)> {
    let here = Place {
        certificate: Some(index),
        event: None,
    };
    let mut problems: Vec<_> = check_certificate_data(data)
        .into_iter()
        .map(|p| (here, p))
        .collect();
    if events.len() > MAX_EVENTS {
        problems.push((here, Problem::TooManyEvents));
    }
    for (i, event) in events.iter().enumerate() {
        let place = Place {
            event: Some(i),
            ..here
        };
        problems.extend(check_event_data(event).into_iter().map(|p| (place, p)));
    }
    problems
}

/// What adding the estimator's exam date did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AddedExam {
    /// The exam (and acceptance) were added.
    Added,
    /// The certificate already had an exam on that day: nothing changed.
    AlreadyThere,
}

impl Timeline {
    /// Builds a timeline from checked parts, giving ids in order and sorting events.
    pub fn from_parts(parts: Vec<(CertificateData, Vec<EventData>)>) -> Timeline {
        let mut next = 0;
        let mut take = || {
            next += 1;
            next
        };
        let certificates = parts
            .into_iter()
            .map(|(data, events)| {
                let id = take();
                let events = events
                    .into_iter()
                    .map(|data| Event { id: take(), data })
                    .collect();
                let mut certificate = Certificate { id, data, events };
                certificate.sort_events();
                certificate
            })
            .collect();
        Timeline { certificates }
    }

    /// The parts (facts and events) in order, without ids: what storage and links keep.
    pub fn parts(&self) -> Vec<(CertificateData, Vec<EventData>)> {
        self.certificates
            .iter()
            .map(|c| {
                (
                    c.data.clone(),
                    c.events.iter().map(|e| e.data.clone()).collect(),
                )
            })
            .collect()
    }

    /// True when there is no certificate.
    pub fn is_empty(&self) -> bool {
        self.certificates.is_empty()
    }

    /// The certificate `id`.
    pub fn certificate(&self, id: Id) -> Option<&Certificate> {
        self.certificates.iter().find(|c| c.id == id)
    }

    fn certificate_mut(&mut self, id: Id) -> Option<&mut Certificate> {
        self.certificates.iter_mut().find(|c| c.id == id)
    }

    fn next_id(&self) -> Id {
        self.certificates
            .iter()
            .flat_map(|c| std::iter::once(c.id).chain(c.events.iter().map(|e| e.id)))
            .max()
            .unwrap_or(0)
            + 1
    }

    /// Adds a certificate; refused beyond [`MAX_CERTIFICATES`] or when its facts have problems.
    pub fn add_certificate(&mut self, data: CertificateData) -> Result<Id, Problem> {
        if self.certificates.len() >= MAX_CERTIFICATES {
            return Err(Problem::TooManyCertificates);
        }
        first_problem(check_certificate_data(&data))?;
        let id = self.next_id();
        self.certificates.push(Certificate {
            id,
            data,
            events: Vec::new(),
        });
        Ok(id)
    }

    /// Replaces certificate `id`'s facts. False when there is no such certificate.
    pub fn update_certificate(&mut self, id: Id, data: CertificateData) -> Result<bool, Problem> {
        first_problem(check_certificate_data(&data))?;
        Ok(self.certificate_mut(id).map(|c| c.data = data).is_some())
    }

    /// Removes certificate `id` and its events.
    pub fn remove_certificate(&mut self, id: Id) -> bool {
        let before = self.certificates.len();
        self.certificates.retain(|c| c.id != id);
        self.certificates.len() != before
    }

    /// Adds an event to certificate `certificate`. `Ok(None)` when there is no such certificate.
    pub fn add_event(&mut self, certificate: Id, data: EventData) -> Result<Option<Id>, Problem> {
        first_problem(check_event_data(&data))?;
        let id = self.next_id();
        let Some(c) = self.certificate_mut(certificate) else {
            return Ok(None);
        };
        if c.events.len() >= MAX_EVENTS {
            return Err(Problem::TooManyEvents);
        }
        c.events.push(Event { id, data });
        c.sort_events();
        Ok(Some(id))
    }

    /// Replaces event `event` of certificate `certificate`. False when either is missing.
    pub fn update_event(
        &mut self,
        certificate: Id,
        event: Id,
        data: EventData,
    ) -> Result<bool, Problem> {
        first_problem(check_event_data(&data))?;
        let Some(c) = self.certificate_mut(certificate) else {
            return Ok(false);
        };
        let Some(e) = c.events.iter_mut().find(|e| e.id == event) else {
            return Ok(false);
        };
        e.data = data;
        c.sort_events();
        Ok(true)
    }

    /// Removes event `event` of certificate `certificate`.
    pub fn remove_event(&mut self, certificate: Id, event: Id) -> bool {
        let Some(c) = self.certificate_mut(certificate) else {
            return false;
        };
        let before = c.events.len();
        c.events.retain(|e| e.id != event);
        c.events.len() != before
    }

    /// Adds the estimator's answer to certificate `certificate`: the exam, and the acceptance
    /// date when known and not recorded yet. `Ok(None)` when there is no such certificate.
    pub fn add_exam(
        &mut self,
        certificate: Id,
        exam: NaiveDate,
        accepted: Option<NaiveDate>,
    ) -> Result<Option<AddedExam>, Problem> {
        let Some(c) = self.certificate(certificate) else {
            return Ok(None);
        };
        let has = |kind: EventKind, date: NaiveDate| {
            c.events
                .iter()
                .any(|e| e.data.kind == kind && e.data.date == date)
        };
        let new_accepted = accepted.filter(|a| !has(EventKind::Accepted, *a));
        if has(EventKind::Exam, exam) && new_accepted.is_none() {
            return Ok(Some(AddedExam::AlreadyThere));
        }
        let event = |date, kind| EventData {
            date,
            kind,
            note: String::new(),
        };
        if !has(EventKind::Exam, exam) {
            self.add_event(certificate, event(exam, EventKind::Exam))?;
        }
        if let Some(a) = new_accepted {
            self.add_event(certificate, event(a, EventKind::Accepted))?;
        }
        Ok(Some(AddedExam::Added))
    }
}

fn first_problem(problems: Vec<Problem>) -> Result<(), Problem> {
    problems.into_iter().next().map_or(Ok(()), Err)
}

impl Certificate {
    fn sort_events(&mut self) {
        self.events
            .sort_by_key(|e| (e.data.date, e.data.kind.rank(), e.id));
    }
}
