//! Arriving timelines: nothing, the same, new, or different; and merging two.

use proptest::prelude::*;

use super::{any_timeline, cert, d, event, two_certificates};
use crate::certificate::CertificateKind::{Brazing, FusionWelding};
use crate::timeline::link::{encode, projection, LinkError};
use crate::timeline::merge::*;
use crate::timeline::model::{EventKind, Timeline};

#[test]
fn a_link_arrives_as_nothing_new_same_or_conflict() {
    let mine = two_certificates();
    let empty = Timeline::default();
    let text = encode(&mine).unwrap();
    assert_eq!(from_link(&mine, None), Arrival::Nothing);
    assert_eq!(
        from_link(&empty, Some(&text)),
        Arrival::Adopt(projection(&mine))
    );
    // The same dates: the label and notes on this phone are not in any link.
    assert_eq!(from_link(&mine, Some(&text)), Arrival::Same);
    let other = Timeline::from_parts(vec![(cert(Brazing, d(2021, 1, 5)), vec![])]);
    let other_text = encode(&other).unwrap();
    assert_eq!(
        from_link(&mine, Some(&other_text)),
        Arrival::Conflict(other.clone())
    );
    assert_eq!(
        from_link(&mine, Some("1.zz")),
        Arrival::Unreadable(LinkError::Garbled)
    );
    assert_eq!(
        from_link(&empty, Some("garbage")),
        Arrival::Unreadable(LinkError::Garbled)
    );
    assert_eq!(from_file(&mine, mine.clone()), Arrival::Same);
    assert_eq!(
        from_file(&mine, projection(&mine)),
        Arrival::Conflict(projection(&mine))
    );
    assert_eq!(from_file(&empty, other.clone()), Arrival::Adopt(other));
    assert_eq!(from_file(&mine, Timeline::default()), Arrival::Nothing);
}

#[test]
fn merging_keeps_all_of_mine_and_adds_what_is_new() {
    let mine = two_certificates();
    // Another phone: the same welding certificate with the exam and the result, plus 钎焊.
    let theirs = Timeline::from_parts(vec![
        (
            cert(FusionWelding, d(2020, 5, 10)),
            vec![
                event(EventKind::Exam, d(2026, 4, 15)),
                event(EventKind::Training { hours: 16 }, d(2026, 4, 1)),
                event(EventKind::ResultFound, d(2026, 5, 6)),
            ],
        ),
        (cert(Brazing, d(2021, 1, 5)), vec![]),
    ]);
    let merged = merge(&mine, &theirs);
    assert_eq!(merged.certificates.len(), 3);
    let welding = &merged.certificates[0];
    assert_eq!(welding.data.label, "证号尾号 1234", "mine kept");
    let kinds: Vec<_> = welding.events.iter().map(|e| e.data.kind).collect();
    assert_eq!(
        kinds,
        vec![
            EventKind::Applied,
            EventKind::Training { hours: 8 },
            EventKind::Exam,
            EventKind::ResultFound
        ],
        "no duplicates; my hours win"
    );
    assert_eq!(welding.events[0].data.note, "在市政务中心交的材料");
    assert_eq!(merged.certificates[2].data.kind.code(), "w3");
}

#[test]
fn merging_fills_what_mine_leaves_open() {
    let mut with_validity = cert(FusionWelding, d(2020, 5, 10));
    with_validity.valid_until = Some(d(2032, 5, 10));
    let mine = Timeline::from_parts(vec![(cert(FusionWelding, d(2020, 5, 10)), vec![])]);
    let theirs = Timeline::from_parts(vec![(with_validity, vec![])]);
    assert_eq!(
        merge(&mine, &theirs).certificates[0].data.valid_until,
        Some(d(2032, 5, 10))
    );
}

proptest! {
    #[test]
    fn merging_is_idempotent_and_never_loses_mine(a in any_timeline(), b in any_timeline()) {
        prop_assert_eq!(merge(&a, &a).parts(), a.parts());
        prop_assert_eq!(merge(&a, &projection(&a)).parts(), a.parts());
        let merged = merge(&a, &b);
        prop_assert!(merged.certificates.len() >= a.certificates.len());
        for (mine, kept) in a.certificates.iter().zip(&merged.certificates) {
            prop_assert_eq!(&mine.data.label, &kept.data.label);
            for e in &mine.events {
                prop_assert!(kept.events.iter().any(|k| k.data == e.data));
            }
        }
    }
}
