//! The rules of the timeline: when each review of a certificate is due, when its application
//! window opens, how long it is valid, where the holder stands (status and countdown), what to
//! do next, and the dated items of its vertical timeline. Every number comes from
//! [`crate::rules`]; query dates come from the estimator ([`QueryPlan`]).
//!
//! - **Due dates** fall every 3 years on the anniversary of the validity's end (有效期至, as given,
//!   or 初领日期 + 6 years), after 初领日期. With the 6-year switch on, reviews that fall once the
//!   holder has 10+ years keep only the validity ends (every 6 years); earlier ones stay 3-yearly.
//! - **Years on 02-29** land on 02-28 in years without one: every due date is counted from its
//!   anchor directly (never year by year), so 2024-02-29 + 3 years is 2027-02-28 and + 12 years is
//!   2036-02-29.
//! - **Events belong to the nearest due date** (a review finished a few weeks after its due date
//!   still belongs to it; the next one is years away). A due date is done when a 查到结果 event
//!   belongs to it, or when the given 有效期至 starts after it (the certificate was renewed since).
//! - **The current review**, among those after the last done one: the next one ahead once a step
//!   of it is recorded; else the latest one missed up to today; else the next one ahead. Its status: 复审中 once a step of the review is recorded; else
//!   已逾期 after the due date; 即将逾期 within [`rules::DUE_SOON_DAYS`] of it; 申请窗口已开启 from 60
//!   days before; before that 已完成 when the last review's result was recorded, or 正常.

use chrono::{Datelike, Duration, Months, NaiveDate};

use crate::calendar::{Basis, Ranged, WorkingCalendar};
use crate::estimate::{Assumptions, QueryPlan, Status as QueryStatus};
use crate::rules;
use crate::timeline::model::{Certificate, CertificateData, EventData, EventKind, Id};

/// `date` plus `years` (negative: minus). 02-29 lands on 02-28 in a year without one.
pub fn add_years(date: NaiveDate, years: i32) -> NaiveDate {
    let months = Months::new(years.unsigned_abs().saturating_mul(12));
    let moved = if years >= 0 {
        date.checked_add_months(months)
    } else {
        date.checked_sub_months(months)
    };
    // Only leaves chrono's range (±262,000 years) on absurd input; the date then stays put.
    moved.unwrap_or(date)
}

/// The day the application window of a review due on `due` opens (60 days before).
pub fn window_opens(due: NaiveDate) -> NaiveDate {
    due - Duration::days(rules::APPLY_WITHIN_DAYS)
}

/// 有效期至: as given, or derived from 初领日期.
pub fn valid_until(data: &CertificateData) -> NaiveDate {
    data.valid_until
        .unwrap_or_else(|| add_years(data.first_issued, years(rules::VALID_YEARS)))
}

fn years(n: u32) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// Dates `anchor + k·step` years (any whole `k`) with `after < date <= until`.
fn every(anchor: NaiveDate, step: u32, after: NaiveDate, until: NaiveDate) -> Vec<NaiveDate> {
    let step = years(step.max(1));
    let first = -((anchor.year() - after.year()) / step) - 1;
    let mut out = Vec::new();
    // Bounded: checked dates span at most a few hundred years, far fewer steps than this.
    for k in first..first.saturating_add(1000) {
        let date = add_years(anchor, step.saturating_mul(k));
        if date > until {
            break;
        }
        if date > after && out.last().is_none_or(|last| date > *last) {
            out.push(date);
        }
    }
    out
}

/// What due dates and validity ends are counted from: 有效期至 when given, else 初领日期 (never
/// the derived 有效期至, whose 02-29 may already have become 02-28).
fn anchor(data: &CertificateData) -> NaiveDate {
    data.valid_until.unwrap_or(data.first_issued)
}

/// The review due dates of a certificate after 初领日期, up to and including `until`.
pub fn due_dates(data: &CertificateData, until: NaiveDate) -> Vec<NaiveDate> {
    let anchor = anchor(data);
    let standard = every(anchor, rules::REVIEW_EVERY_YEARS, data.first_issued, until);
    match data.cycle {
        crate::timeline::Cycle::Standard => standard,
        crate::timeline::Cycle::Extended => {
            let from = add_years(data.first_issued, years(rules::EXTENDED_AFTER_YEARS));
            let mut dues: Vec<_> = standard.into_iter().filter(|d| *d < from).collect();
            dues.extend(
                every(
                    anchor,
                    rules::EXTENDED_REVIEW_EVERY_YEARS,
                    data.first_issued,
                    until,
                )
                .into_iter()
                .filter(|d| *d >= from),
            );
            dues
        }
    }
}

/// One review of a certificate and the events that belong to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Review {
    /// Its due date.
    pub due: NaiveDate,
    /// Positions (in the certificate's events) of the events that belong to it.
    pub events: Vec<usize>,
    /// The date its result was found, when recorded.
    pub result: Option<NaiveDate>,
    /// Done because the given 有效期至 starts after it.
    pub renewed_since: bool,
}

impl Review {
    /// True when the review is finished.
    pub fn done(&self) -> bool {
        self.result.is_some() || self.renewed_since
    }
}

/// The reviews of `certificate`, each with its events, far enough ahead to cover `today` and
/// every event.
pub fn reviews(certificate: &Certificate, today: NaiveDate) -> Vec<Review> {
    let data = &certificate.data;
    let last_event = certificate.events.iter().map(|e| e.data.date).max();
    let horizon = [Some(today), last_event, Some(data.first_issued)]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(today);
    let until = add_years(horizon, 2 * years(rules::EXTENDED_REVIEW_EVERY_YEARS));
    let renewed_from = data
        .valid_until
        .map(|v| add_years(v, -years(rules::VALID_YEARS)));
    let mut reviews: Vec<Review> = due_dates(data, until)
        .into_iter()
        .map(|due| Review {
            due,
            events: Vec::new(),
            result: None,
            renewed_since: renewed_from.is_some_and(|r| due <= r),
        })
        .collect();
    for (i, event) in certificate.events.iter().enumerate() {
        let date = event.data.date;
        // The nearest due date; on a tie, the later one.
        let nearest = reviews
            .iter_mut()
            .min_by_key(|r| ((r.due - date).num_days().abs(), date - r.due));
        if let Some(review) = nearest {
            review.events.push(i);
            if event.data.kind == EventKind::ResultFound {
                review.result = Some(review.result.map_or(date, |r| r.max(date)));
            }
        }
    }
    reviews
}

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
#[derive(Clone, Debug, PartialEq, Eq)]
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
#[derive(Clone, Debug, PartialEq, Eq)]
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

/// The lowest and highest date of a projected working-day count.
type Spread = (NaiveDate, NaiveDate);

/// A date from a working-day count, with its range when projected.
fn ranged(r: &Ranged<NaiveDate>) -> (NaiveDate, Option<Spread>) {
    let range = (r.basis == Basis::Projected && !r.is_exact()).then_some((r.low, r.high));
    (r.likely, range)
}

/// Works out the plan for `certificate` as seen on `today`, with the estimator's assumptions.
pub fn plan(
    certificate: &Certificate,
    today: NaiveDate,
    assumptions: Assumptions,
) -> CertificatePlan {
    let events = &certificate.events;
    let reviews = reviews(certificate, today);
    let last_done = reviews.iter().rposition(Review::done);
    let outstanding = &reviews[last_done.map_or(0, |i| i + 1)..];
    let started = |r: &Review| {
        r.events
            .iter()
            .any(|&i| events.get(i).is_some_and(|e| e.data.kind.is_progress()))
    };
    let past = outstanding.iter().rev().find(|r| r.due <= today);
    let ahead = outstanding.iter().find(|r| r.due > today);
    // The review ahead once started; else the latest one missed; else the one ahead.
    let current = match (past, ahead) {
        (_, Some(next)) if started(next) => Some(next),
        (Some(missed), _) => Some(missed),
        (None, next) => next,
    };
    let fallback = Review {
        due: valid_until(&certificate.data),
        events: Vec::new(),
        result: None,
        renewed_since: false,
    };
    let current = current.unwrap_or(&fallback);
    let due = current.due;
    let opens = window_opens(due);
    let recorded_done = last_done.is_some_and(|i| reviews[i].result.is_some());

    let in_current = |pred: &dyn Fn(&EventData) -> bool| -> Vec<&EventData> {
        current
            .events
            .iter()
            .filter_map(|&i| events.get(i).map(|e| &e.data))
            .filter(|d| pred(d))
            .collect()
    };
    let progress = in_current(&|d| d.kind.is_progress());
    let latest = |kind: EventKind| {
        in_current(&|d| d.kind == kind)
            .into_iter()
            .map(|d| d.date)
            .max()
    };

    let mut warnings = Vec::new();
    let mut milestones: Vec<(NaiveDate, MilestoneKind, Option<Spread>)> = Vec::new();
    let calendar = WorkingCalendar::china();

    // The query window after the latest exam, and the authority's deadline.
    let exam = latest(EventKind::Exam);
    let query = exam.and_then(|exam| {
        QueryPlan::new(calendar, exam, None, assumptions, today)
            .map_err(|_| warnings.push(Warning::NoWorkingDays))
            .ok()
    });
    let deadline_from = latest(EventKind::Accepted)
        .map(|d| (d, false))
        .or_else(|| latest(EventKind::Applied).map(|d| (d, true)));
    let applied = deadline_from.is_some();
    let deadline = deadline_from.and_then(|(from, from_application)| {
        match calendar.add_working_days(from, rules::AUTHORITY_WORKING_DAYS) {
            Ok(r) => Some((ranged(&r), from_application)),
            Err(_) => {
                warnings.push(Warning::NoWorkingDays);
                None
            }
        }
    });

    let status = if !progress.is_empty() {
        Status::InReview
    } else if today > due {
        Status::Overdue
    } else if today >= opens {
        if (due - today).num_days() <= rules::DUE_SOON_DAYS {
            Status::DueSoon
        } else {
            Status::WindowOpen
        }
    } else if recorded_done {
        Status::Done
    } else {
        Status::Normal
    };

    let next_check = query.as_ref().and_then(|p| {
        (today >= p.earliest.likely && today <= p.with_sync.likely)
            .then(|| p.checks.iter().copied().find(|c| *c >= today))
            .flatten()
    });
    let action = match status {
        Status::Normal | Status::Done => Action::ApplyFrom(opens),
        Status::WindowOpen | Status::DueSoon => Action::ApplyBy(due),
        Status::Overdue => Action::Overdue(due),
        Status::InReview => match (exam, &query) {
            (Some(exam), _) if exam >= today => Action::SitExam(exam),
            (Some(_), Some(p)) => match p.status {
                QueryStatus::ExamAhead | QueryStatus::TooEarly => {
                    Action::QueryFrom(p.earliest.likely)
                }
                QueryStatus::QueryNow => Action::QueryNow(next_check),
                QueryStatus::Overdue => Action::AskInstitution,
            },
            (Some(_), None) => Action::AskInstitution,
            // Trained (or noted) before applying: applying is still the next step.
            (None, _) if !applied && today < opens => Action::ApplyFrom(opens),
            (None, _) if !applied => Action::ApplyBy(due),
            (None, _) => Action::AwaitExam(deadline.map(|((d, _), _)| d)),
        },
    };
    let countdown = match status {
        Status::Normal | Status::Done => Countdown::WindowOpens(opens),
        Status::WindowOpen | Status::DueSoon | Status::Overdue => Countdown::Due(due),
        Status::InReview => action.date().map_or(Countdown::Due(due), Countdown::Action),
    };

    // Milestones: 初领, the reviews the holder recorded something for, the current one with its
    // window, 有效期至, and the current review's query window and deadline.
    let valid = effective_valid_until(&certificate.data, due);
    milestones.push((
        certificate.data.first_issued,
        MilestoneKind::FirstIssued,
        None,
    ));
    for review in &reviews {
        let is_current = review.due == due;
        if is_current || !review.events.is_empty() {
            let kind = MilestoneKind::ReviewDue {
                done: review.done(),
                expires: review.due == valid,
            };
            milestones.push((review.due, kind, None));
        }
    }
    milestones.push((opens, MilestoneKind::WindowOpens, None));
    if valid != due {
        milestones.push((valid, MilestoneKind::ValidUntil, None));
    }
    if let Some(p) = &query {
        let (earliest, range) = ranged(&p.earliest);
        milestones.push((earliest, MilestoneKind::EarliestQuery, range));
        let (usual, range) = ranged(&p.with_sync);
        milestones.push((usual, MilestoneKind::UsualQuery, range));
        if let Some(check) = next_check.filter(|c| *c != earliest && *c != usual) {
            milestones.push((check, MilestoneKind::NextCheck, None));
        }
    }
    if let Some(((date, range), from_application)) = deadline {
        milestones.push((
            date,
            MilestoneKind::LegalDeadline { from_application },
            range,
        ));
    }

    // Warnings.
    let hours: u32 = in_current(&|d| matches!(d.kind, EventKind::Training { .. }))
        .iter()
        .map(|d| match d.kind {
            EventKind::Training { hours } => hours,
            _ => 0,
        })
        .sum();
    let trained = progress
        .iter()
        .any(|d| matches!(d.kind, EventKind::Training { .. }));
    if trained && hours < rules::MIN_TRAINING_HOURS {
        warnings.push(Warning::TrainingShort(hours));
    }
    if progress
        .iter()
        .map(|d| d.date)
        .min()
        .is_some_and(|d| d > due)
    {
        warnings.push(Warning::StartedAfterDue);
    }
    if let Some(given) = certificate.data.valid_until {
        if given < valid {
            warnings.push(Warning::ValidUntilMoved(valid));
        }
    }
    warnings.dedup();

    let mut items: Vec<Item> = milestones
        .into_iter()
        .map(|(date, kind, range)| Item {
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
    crate::timeline::model::sort_small(&mut items, |i| {
        (i.date, matches!(i.what, What::Event { .. }))
    });
    if let Some(i) = items.iter().position(|i| is_action_item(i, action)) {
        items[i].next = true;
    }

    CertificatePlan {
        status,
        due,
        window_opens: opens,
        valid_until: valid,
        countdown,
        action,
        items,
        warnings,
    }
}

/// 有效期至 as it stands: the given (or derived) date, moved on by whole validity periods while
/// it falls before the current review's due date (each review at the end of a period renews it).
fn effective_valid_until(data: &CertificateData, due: NaiveDate) -> NaiveDate {
    let anchor = anchor(data);
    let mut periods = i32::from(data.valid_until.is_none());
    loop {
        let date = add_years(anchor, years(rules::VALID_YEARS).saturating_mul(periods));
        if date >= due || periods > 100 {
            return date;
        }
        periods += 1;
    }
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

/// Finds the certificate an exam on any day belongs to, as seen on `today`.
pub fn exam_target(
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
                        plan(c, today, assumptions).status,
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
