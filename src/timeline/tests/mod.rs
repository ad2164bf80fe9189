//! Host tests of the timeline's rules, codecs and files.

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

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

pub fn cert(kind: CertificateKind, first: NaiveDate) -> CertificateData {
    CertificateData {
        kind: CertificateType::Listed(kind),
        label: String::new(),
        first_issued: first,
        valid_until: None,
        cycle: Cycle::Standard,
    }
}

pub fn event(kind: EventKind, date: NaiveDate) -> EventData {
    EventData {
        date,
        kind,
        note: String::new(),
    }
}

/// The welder with two certificates of PRODUCT.md: 熔化焊 (under review) and 低压电工.
pub fn two_certificates() -> Timeline {
    let mut welding = cert(CertificateKind::FusionWelding, d(2020, 5, 10));
    welding.label = "证号尾号 1234".into();
    let mut electric = cert(CertificateKind::LowVoltage, d(2012, 8, 1));
    electric.valid_until = Some(d(2030, 8, 1));
    electric.cycle = Cycle::Extended;
    let mut applied = event(EventKind::Applied, d(2026, 3, 20));
    applied.note = "在市政务中心交的材料".into();
    Timeline::from_parts(vec![
        (
            welding,
            vec![
                applied,
                event(EventKind::Training { hours: 8 }, d(2026, 4, 1)),
                event(EventKind::Exam, d(2026, 4, 15)),
            ],
        ),
        (electric, vec![]),
    ])
}

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
