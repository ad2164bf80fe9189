//! The dates of a certificate's reviews, counted from one anchor.
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

use chrono::{Datelike, Duration, Months, NaiveDate};

use crate::rules;
use crate::timeline::model::{Certificate, CertificateData, Cycle, EventKind};

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
        Cycle::Standard => standard,
        Cycle::Extended => {
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

/// 有效期至 as it stands: the given (or derived) date, moved on by whole validity periods while
/// it falls before the current review's due date (each review at the end of a period renews it).
pub fn effective_valid_until(data: &CertificateData, due: NaiveDate) -> NaiveDate {
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
