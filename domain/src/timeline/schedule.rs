//! Where the holder stands with each certificate: its current review, status and countdown, the
//! next action, warnings, and the dated items of its vertical timeline. Review dates come from
//! [`dues`]; every number from [`crate::rules`]; query dates from the estimator ([`QueryPlan`]).
//!
//! - **The current review**, among those after the last done one: the next one ahead once a step
//!   of it is recorded; else the latest one missed up to today; else the next one ahead.
//! - **Its status**: 复审中 once a step of the review is recorded; else 已逾期 after the due date;
//!   即将逾期 within [`rules::DUE_SOON_DAYS`] of it; 申请窗口已开启 from 60 days before; before that
//!   已完成 when the last review's result was recorded, or 正常.

use chrono::NaiveDate;

use crate::calendar::{Basis, Ranged, WorkingCalendar};
use crate::estimate::{Assumptions, QueryPlan, Status as QueryStatus};
use crate::rules;
use crate::timeline::dues::{self, Review};
use crate::timeline::model::{Certificate, Event, EventData, EventKind, Id};

/// Where the holder stands with a certificate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    /// Nothing to do yet.
    Normal,
    /// The application window is open.
    WindowOpen,
    /// The window is open and the due date is near.
    DueSoon,
    /// The due date has passed with no step of the review recorded.
    Overdue,
    /// A step of the review is recorded and its result is not.
    InReview,
    /// The last review's result was recorded; the next window is not open yet.
    Done,
}

/// What the countdown counts to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Countdown {
    /// The application window opening on this date.
    WindowOpens(NaiveDate),
    /// The due date (past when overdue).
    Due(NaiveDate),
    /// The date of the next action.
    Action(NaiveDate),
}

/// What to do next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Apply from this date (the window opens).
    ApplyFrom(NaiveDate),
    /// Apply before this date (the due date).
    ApplyBy(NaiveDate),
    /// The due date has passed: contact the authority or the institution (or record the result).
    Overdue(NaiveDate),
    /// Sit the exam on this date.
    SitExam(NaiveDate),
    /// The result can be looked up from this date.
    QueryFrom(NaiveDate),
    /// Look the result up now; check again on this date, if any.
    QueryNow(Option<NaiveDate>),
    /// Past the usual time: ask the training institution.
    AskInstitution,
    /// Applied, waiting for the exam; the authority's deadline, when known.
    AwaitExam(Option<NaiveDate>),
}

impl Action {
    /// The date the action is about, if any.
    pub fn date(self) -> Option<NaiveDate> {
        match self {
            Action::ApplyFrom(d)
            | Action::ApplyBy(d)
            | Action::Overdue(d)
            | Action::SitExam(d)
            | Action::QueryFrom(d) => Some(d),
            Action::QueryNow(d) | Action::AwaitExam(d) => d,
            Action::AskInstitution => None,
        }
    }
}

/// A date the rules derive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MilestoneKind {
    /// 初领日期.
    FirstIssued,
    /// The application window opens.
    WindowOpens,
    /// A review is due; `expires` when 有效期至 is the same day.
    ReviewDue {
        /// The review is finished.
        done: bool,
        /// 有效期至 falls on the same day.
        expires: bool,
    },
    /// 有效期至.
    ValidUntil,
    /// The earliest query date after the exam.
    EarliestQuery,
    /// The usual query date after the exam, with the platform's sync.
    UsualQuery,
    /// The next suggested check date.
    NextCheck,
    /// The authority's 20-working-day deadline; `from_application` when counted from the
    /// application because no acceptance date is recorded.
    LegalDeadline {
        /// Counted from 申请提交 rather than 受理.
        from_application: bool,
    },
}

impl MilestoneKind {
    /// True for the dates worth a calendar reminder.
    pub fn remind(self) -> bool {
        matches!(
            self,
            MilestoneKind::WindowOpens
                | MilestoneKind::ReviewDue { done: false, .. }
                | MilestoneKind::ValidUntil
                | MilestoneKind::EarliestQuery
                | MilestoneKind::LegalDeadline { .. }
        )
    }
}

/// What a timeline item shows.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum What {
    /// A derived date; `range` is the spread of a projected working-day count.
    Milestone {
        /// Which date.
        kind: MilestoneKind,
        /// Lowest and highest date when the working-day count is projected.
        range: Option<(NaiveDate, NaiveDate)>,
    },
    /// One of the holder's events.
    Event {
        /// Its id.
        id: Id,
        /// Its content.
        data: EventData,
    },
}

/// One line of a certificate's vertical timeline.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Item {
    /// Its date.
    pub date: NaiveDate,
    /// What happens.
    pub what: What,
    /// Before today (shown dimmed).
    pub past: bool,
    /// The next action (highlighted).
    pub next: bool,
}

/// Something worth saying about a certificate besides its status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Warning {
    /// The training recorded for the current review totals fewer than 8 hours.
    TrainingShort(u32),
    /// The review was started only after its due date.
    StartedAfterDue,
    /// The validity has moved on since the given 有效期至 (renewed): update it.
    ValidUntilMoved(NaiveDate),
    /// Working days cannot be counted for dates this far off (2000–2050 only).
    NoWorkingDays,
}

/// Everything the rules say about one certificate today.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertificatePlan {
    /// Where the holder stands.
    pub status: Status,
    /// The current review's due date.
    pub due: NaiveDate,
    /// Its application window opens on this date.
    pub window_opens: NaiveDate,
    /// 有效期至 as it stands after the reviews done.
    pub valid_until: NaiveDate,
    /// What the countdown counts to.
    pub countdown: Countdown,
    /// What to do next.
    pub action: Action,
    /// The vertical timeline, by date.
    pub items: Vec<Item>,
    /// Things worth saying.
    pub warnings: Vec<Warning>,
}

/// A date, with its lowest and highest value when a working-day count is projected.
type Spread = (NaiveDate, Option<(NaiveDate, NaiveDate)>);

/// A date from a working-day count, with its spread when projected.
fn ranged(r: &Ranged<NaiveDate>) -> Spread {
    let range = (r.basis == Basis::Projected && !r.is_exact()).then_some((r.low, r.high));
    (r.likely, range)
}

/// The events of the current review.
struct Steps<'a> {
    events: Vec<&'a EventData>,
}

impl Steps<'_> {
    /// The latest date of a `kind` event.
    fn latest(&self, kind: EventKind) -> Option<NaiveDate> {
        self.events
            .iter()
            .filter(|e| e.kind == kind)
            .map(|e| e.date)
            .max()
    }

    /// The first step of the review under way (applied, accepted, trained, examined).
    fn first_step(&self) -> Option<NaiveDate> {
        self.events
            .iter()
            .filter(|e| e.kind.is_progress())
            .map(|e| e.date)
            .min()
    }

    /// Whether any training is recorded, and its hours.
    fn training(&self) -> (bool, u32) {
        self.events
            .iter()
            .fold((false, 0), |(any, sum), e| match e.kind {
                EventKind::Training { hours } => (true, sum + hours),
                _ => (any, sum),
            })
    }

    /// Where the authority's 20 working days count from: the acceptance, or else the
    /// application (`true`).
    fn deadline_from(&self) -> Option<(NaiveDate, bool)> {
        self.latest(EventKind::Accepted)
            .map(|d| (d, false))
            .or_else(|| self.latest(EventKind::Applied).map(|d| (d, true)))
    }
}

fn started(review: &Review, events: &[Event]) -> bool {
    review
        .events
        .iter()
        .any(|&i| events.get(i).is_some_and(|e| e.data.kind.is_progress()))
}

/// The current review among `reviews`, and whether the last finished one's result was recorded.
fn current_review(
    reviews: &[Review],
    events: &[Event],
    today: NaiveDate,
) -> Option<(Review, bool)> {
    let last_done = reviews.iter().rposition(Review::done);
    let recorded = last_done.is_some_and(|i| reviews[i].result.is_some());
    let outstanding = &reviews[last_done.map_or(0, |i| i + 1)..];
    let past = outstanding.iter().rev().find(|r| r.due <= today);
    let ahead = outstanding.iter().find(|r| r.due > today);
    // The review ahead once started; else the latest one missed; else the one ahead.
    let current = match (past, ahead) {
        (_, Some(next)) if started(next, events) => Some(next),
        (Some(missed), _) => Some(missed),
        (None, next) => next,
    };
    current.map(|r| (r.clone(), recorded))
}

fn status(steps: &Steps, due: NaiveDate, today: NaiveDate, recorded_done: bool) -> Status {
    if steps.first_step().is_some() {
        Status::InReview
    } else if today > due {
        Status::Overdue
    } else if today >= dues::window_opens(due) {
        if (due - today).num_days() <= rules::DUE_SOON_DAYS {
            Status::DueSoon
        } else {
            Status::WindowOpen
        }
    } else if recorded_done {
        Status::Done
    } else {
        Status::Normal
    }
}

/// What to do next while the review is under way.
fn action_in_review(
    steps: &Steps,
    query: Option<&QueryPlan>,
    next_check: Option<NaiveDate>,
    deadline: Option<NaiveDate>,
    due: NaiveDate,
    today: NaiveDate,
) -> Action {
    match (steps.latest(EventKind::Exam), query) {
        (Some(exam), _) if exam >= today => Action::SitExam(exam),
        (Some(_), Some(p)) => match p.status {
            QueryStatus::ExamAhead | QueryStatus::TooEarly => Action::QueryFrom(p.earliest.likely),
            QueryStatus::QueryNow => Action::QueryNow(next_check),
            QueryStatus::Overdue => Action::AskInstitution,
        },
        (Some(_), None) => Action::AskInstitution,
        // Trained (or noted) before applying: applying is still the next step.
        (None, _) if steps.deadline_from().is_none() && today < dues::window_opens(due) => {
            Action::ApplyFrom(dues::window_opens(due))
        }
        (None, _) if steps.deadline_from().is_none() => Action::ApplyBy(due),
        (None, _) => Action::AwaitExam(deadline),
    }
}

/// [`plan_with`] the built-in holiday data ([`WorkingCalendar::china`]), for tests: the page
/// calls [`plan_with`] with the calendar it chose ([`crate::calendar::CalendarChoice`]).
#[cfg(test)]
pub fn plan(
    certificate: &Certificate,
    today: NaiveDate,
    assumptions: Assumptions,
) -> CertificatePlan {
    plan_with(WorkingCalendar::china(), certificate, today, assumptions)
}

/// Works out the plan for `certificate` as seen on `today`, with the estimator's assumptions,
/// counting working days with `calendar`.
pub fn plan_with(
    calendar: &WorkingCalendar,
    certificate: &Certificate,
    today: NaiveDate,
    assumptions: Assumptions,
) -> CertificatePlan {
    let events = &certificate.events;
    let reviews = dues::reviews(certificate, today);
    let (current, recorded_done) = current_review(&reviews, events, today).unwrap_or_else(|| {
        // Never reached: the reviews always reach past today. A review at 有效期至 then.
        let due = dues::valid_until(&certificate.data);
        (
            Review {
                due,
                events: Vec::new(),
                result: None,
                renewed_since: false,
            },
            false,
        )
    });
    let due = current.due;
    let opens = dues::window_opens(due);
    let steps = Steps {
        events: current
            .events
            .iter()
            .filter_map(|&i| events.get(i).map(|e| &e.data))
            .collect(),
    };

    // The query window after the latest exam, and the authority's deadline.
    let mut warnings = Vec::new();
    let query = steps.latest(EventKind::Exam).and_then(|exam| {
        QueryPlan::new(calendar, exam, None, assumptions, today)
            .map_err(|_| warnings.push(Warning::NoWorkingDays))
            .ok()
    });
    let deadline = steps.deadline_from().and_then(|(from, from_application)| {
        match calendar.add_working_days(from, rules::AUTHORITY_WORKING_DAYS) {
            Ok(r) => Some((ranged(&r), from_application)),
            Err(_) => {
                warnings.push(Warning::NoWorkingDays);
                None
            }
        }
    });
    let next_check = query.as_ref().and_then(|p| {
        (today >= p.earliest.likely && today <= p.with_sync.likely)
            .then(|| p.checks.iter().copied().find(|c| *c >= today))
            .flatten()
    });

    let status = status(&steps, due, today, recorded_done);
    let action = match status {
        Status::Normal | Status::Done => Action::ApplyFrom(opens),
        Status::WindowOpen | Status::DueSoon => Action::ApplyBy(due),
        Status::Overdue => Action::Overdue(due),
        Status::InReview => {
            let deadline = deadline.map(|((d, _), _)| d);
            action_in_review(&steps, query.as_ref(), next_check, deadline, due, today)
        }
    };
    let countdown = match status {
        Status::Normal | Status::Done => Countdown::WindowOpens(opens),
        Status::WindowOpen | Status::DueSoon | Status::Overdue => Countdown::Due(due),
        Status::InReview => action.date().map_or(Countdown::Due(due), Countdown::Action),
    };

    // Milestones: 初领, the reviews the holder recorded something for, the current one with its
    // window, 有效期至, and the current review's query window and deadline.
    let valid = dues::effective_valid_until(&certificate.data, due);
    let mut milestones: Vec<(Spread, MilestoneKind)> = vec![(
        (certificate.data.first_issued, None),
        MilestoneKind::FirstIssued,
    )];
    for review in &reviews {
        if review.due == due || !review.events.is_empty() {
            let done = review.done();
            let expires = review.due == valid;
            milestones.push((
                (review.due, None),
                MilestoneKind::ReviewDue { done, expires },
            ));
        }
    }
    milestones.push(((opens, None), MilestoneKind::WindowOpens));
    if valid != due {
        milestones.push(((valid, None), MilestoneKind::ValidUntil));
    }
    if let Some(p) = &query {
        let (earliest, usual) = (ranged(&p.earliest), ranged(&p.with_sync));
        if let Some(check) = next_check.filter(|c| *c != earliest.0 && *c != usual.0) {
            milestones.push(((check, None), MilestoneKind::NextCheck));
        }
        milestones.push((earliest, MilestoneKind::EarliestQuery));
        milestones.push((usual, MilestoneKind::UsualQuery));
    }
    if let Some((date, from_application)) = deadline {
        milestones.push((date, MilestoneKind::LegalDeadline { from_application }));
    }

    // Warnings.
    let (trained, hours) = steps.training();
    if trained && hours < rules::MIN_TRAINING_HOURS {
        warnings.push(Warning::TrainingShort(hours));
    }
    if steps.first_step().is_some_and(|d| d > due) {
        warnings.push(Warning::StartedAfterDue);
    }
    if certificate
        .data
        .valid_until
        .is_some_and(|given| given < valid)
    {
        warnings.push(Warning::ValidUntilMoved(valid));
    }
    warnings.dedup();

    CertificatePlan {
        status,
        due,
        window_opens: opens,
        valid_until: valid,
        countdown,
        action,
        items: items(milestones, events, today, action),
        warnings,
    }
}

/// The vertical timeline: milestones and events by date, past ones marked, the one the next
/// action is about highlighted.
fn items(
    milestones: Vec<(Spread, MilestoneKind)>,
    events: &[Event],
    today: NaiveDate,
    action: Action,
) -> Vec<Item> {
    let mut items: Vec<Item> = milestones
        .into_iter()
        .map(|((date, range), kind)| Item {
            date,
            what: What::Milestone { kind, range },
            past: date < today,
            next: false,
        })
        .chain(events.iter().map(|e| Item {
            date: e.data.date,
            what: What::Event {
                id: e.id,
                data: e.data.clone(),
            },
            past: e.data.date < today,
            next: false,
        }))
        .collect();
    items.sort_by_key(|i| (i.date, matches!(i.what, What::Event { .. })));
    if let Some(i) = items.iter().position(|i| is_action_item(i, action)) {
        items[i].next = true;
    }
    items
}

/// True when `item` is what `action` is about.
fn is_action_item(item: &Item, action: Action) -> bool {
    let milestone = match &item.what {
        What::Milestone { kind, .. } => Some(*kind),
        What::Event { .. } => None,
    };
    let event = match &item.what {
        What::Event { data, .. } => Some(data.kind),
        What::Milestone { .. } => None,
    };
    match action {
        Action::ApplyFrom(d) => item.date == d && milestone == Some(MilestoneKind::WindowOpens),
        Action::ApplyBy(d) | Action::Overdue(d) => {
            item.date == d && matches!(milestone, Some(MilestoneKind::ReviewDue { .. }))
        }
        Action::SitExam(d) => item.date == d && event == Some(EventKind::Exam),
        Action::QueryFrom(d) => item.date == d && milestone == Some(MilestoneKind::EarliestQuery),
        Action::QueryNow(Some(d)) => {
            item.date == d
                && matches!(
                    milestone,
                    Some(
                        MilestoneKind::NextCheck
                            | MilestoneKind::EarliestQuery
                            | MilestoneKind::UsualQuery
                    )
                )
        }
        Action::AskInstitution | Action::QueryNow(None) => {
            milestone == Some(MilestoneKind::UsualQuery)
        }
        Action::AwaitExam(Some(d)) => {
            item.date == d && matches!(milestone, Some(MilestoneKind::LegalDeadline { .. }))
        }
        Action::AwaitExam(None) => false,
    }
}

/// Which certificate an exam date from the estimator belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExamTarget {
    /// This one: the only certificate, or the only one whose review is due or under way.
    Only(Id),
    /// Several could be meant: the holder chooses.
    Choose,
    /// There is no certificate yet: the holder adds one first.
    NoCertificate,
}

/// [`exam_target_with`] the built-in holiday data ([`WorkingCalendar::china`]), for tests.
#[cfg(test)]
pub fn exam_target(
    timeline: &crate::timeline::Timeline,
    today: NaiveDate,
    assumptions: Assumptions,
) -> ExamTarget {
    exam_target_with(WorkingCalendar::china(), timeline, today, assumptions)
}

/// Finds the certificate an exam on any day belongs to, as seen on `today`, counting working
/// days with `calendar`.
pub fn exam_target_with(
    calendar: &WorkingCalendar,
    timeline: &crate::timeline::Timeline,
    today: NaiveDate,
    assumptions: Assumptions,
) -> ExamTarget {
    match timeline.certificates.as_slice() {
        [] => ExamTarget::NoCertificate,
        [only] => ExamTarget::Only(only.id),
        all => {
            let active: Vec<Id> = all
                .iter()
                .filter(|c| {
                    matches!(
                        plan_with(calendar, c, today, assumptions).status,
                        Status::WindowOpen | Status::DueSoon | Status::Overdue | Status::InReview
                    )
                })
                .map(|c| c.id)
                .collect();
            match active.as_slice() {
                [one] => ExamTarget::Only(*one),
                _ => ExamTarget::Choose,
            }
        }
    }
}

/// What the estimator's "add to timeline" did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExamOutcome {
    /// Added to a certificate.
    Added,
    /// That certificate already had this exam.
    AlreadyThere,
    /// The timeline asks which certificate.
    ChooseCertificate,
    /// The timeline asks for a certificate first.
    NeedCertificate,
    /// Refused (a limit, or a date out of range).
    Refused(crate::timeline::model::Problem),
}
