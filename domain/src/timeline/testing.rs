//! Small builders of timelines for tests, here and in the app's tests (feature `testing`).

use chrono::NaiveDate;

use crate::certificate::{CertificateKind, CertificateType};
use crate::timeline::model::{CertificateData, Cycle, EventData, EventKind, Timeline};

/// A date; panics on an impossible one (tests only).
pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A listed certificate first issued on `first`, every 3 years.
pub fn cert(kind: CertificateKind, first: NaiveDate) -> CertificateData {
    CertificateData {
        kind: CertificateType::Listed(kind),
        label: String::new(),
        first_issued: first,
        valid_until: None,
        cycle: Cycle::Standard,
    }
}

/// An event without a note.
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
