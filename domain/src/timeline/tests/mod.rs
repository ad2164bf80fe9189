//! Host tests of the timeline's rules, codecs and files.

mod drafts;
mod export;
mod forms;
mod link;
mod merge;
mod schedule;
mod store;

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;

use crate::certificate::{CertificateKind, CertificateType};
use crate::timeline::model::{first_date, CertificateData, Cycle, EventData, EventKind, Timeline};
pub use crate::timeline::testing::{cert, d, event, two_certificates};

fn date_in(from: NaiveDate, days: i64) -> impl Strategy<Value = NaiveDate> {
    (0..days).prop_map(move |n| from + Duration::days(n))
}

fn any_type() -> impl Strategy<Value = CertificateType> {
    prop_oneof![
        (0..CertificateKind::ALL.len())
            .prop_map(|i| CertificateType::Listed(CertificateKind::ALL[i])),
        "[a-z金属矿山 ,;]{0,12}".prop_map(CertificateType::Other),
    ]
}

fn any_event(first: NaiveDate) -> impl Strategy<Value = EventData> {
    (
        0..6usize,
        date_in(first, 40 * 365),
        1..=99u32,
        "[a-z备注 ,;\\\\]{0,20}",
    )
        .prop_map(|(k, date, hours, note)| {
            let kind = [
                EventKind::Applied,
                EventKind::Accepted,
                EventKind::Training { hours },
                EventKind::Exam,
                EventKind::ResultFound,
                EventKind::Note,
            ][k];
            let note = if kind == EventKind::Note && note.trim().is_empty() {
                "备注".to_string()
            } else {
                note
            };
            EventData { date, kind, note }
        })
}

fn any_certificate() -> impl Strategy<Value = (CertificateData, Vec<EventData>)> {
    (
        date_in(first_date(), 120 * 365),
        any_type(),
        "[a-z0-9证号 ]{0,30}",
        any::<bool>(),
    )
        .prop_flat_map(|(first, kind, label, extended)| {
            (
                Just(first),
                Just(kind),
                Just(label),
                Just(extended),
                proptest::option::of(1..=7000i64),
                proptest::collection::vec(any_event(first), 0..8),
            )
        })
        .prop_map(|(first, kind, label, extended, valid, events)| {
            let data = CertificateData {
                kind,
                label,
                first_issued: first,
                valid_until: valid
                    .map(|n| first + Duration::days(n))
                    .filter(|v| *v <= crate::timeline::model::last_date()),
                cycle: if extended {
                    Cycle::Extended
                } else {
                    Cycle::Standard
                },
            };
            let events = events
                .into_iter()
                .filter(|e| e.date <= crate::timeline::model::last_date())
                .collect();
            (data, events)
        })
}

/// Any valid timeline (0–4 certificates).
pub fn any_timeline() -> impl Strategy<Value = Timeline> {
    proptest::collection::vec(any_certificate(), 0..4).prop_map(Timeline::from_parts)
}
