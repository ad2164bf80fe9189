//! The link codec: a known example, round trips, privacy, and 10,000 random and mutated
//! fragments that never panic and never change the stored timeline.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use super::{any_timeline, d, two_certificates};
use crate::fragment::Fragment;
use crate::keys::UrlParam;
use crate::timeline::link::*;
use crate::timeline::merge::{from_link, Arrival};
use crate::timeline::model::{CertificateData, EventData, EventKind, Timeline};

/// What a link may keep: no labels, notes, note events or 其他 descriptions.
fn without_private(t: &Timeline) -> Timeline {
    Timeline::from_parts(
        t.parts()
            .into_iter()
            .map(|(c, events)| {
                let c = CertificateData {
                    label: String::new(),
                    kind: crate::certificate::CertificateType::from_code(c.kind.code()).unwrap(),
                    ..c
                };
                let events = events
                    .into_iter()
                    .filter(|e| e.kind != EventKind::Note)
                    .map(|e| EventData {
                        note: String::new(),
                        ..e
                    })
                    .collect();
                (c, events)
            })
            .collect(),
    )
}

#[test]
fn the_two_certificate_example() {
    let t = two_certificates();
    let text = encode(&t).unwrap();
    // w1, every 3 years, 2020-05-10 (18392 days = "e6w"); 申请 2026-03-20, 培训 8 学时, 考试;
    // e1, 6-year switch, 2012-08-01, valid until 2030-08-01.
    assert_eq!(date_code(d(2020, 5, 10)), "e6w");
    assert_eq!(date_code(d(1970, 1, 1)), "000");
    assert!(text.starts_with("1.w13e6wa"), "{text}");
    assert!(text.contains("_e16"), "{text}");
    assert!(
        text.contains(&format!("p{}08", date_code(d(2026, 4, 1)))),
        "{text}"
    );
    assert!(
        text.contains(&format!("v{}", date_code(d(2030, 8, 1)))),
        "{text}"
    );
    assert!(text.len() < 60, "compact: {} characters", text.len());
    assert!(text
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'_'));
    assert_eq!(decode(&text).unwrap(), without_private(&t));
    assert_eq!(encode(&Timeline::default()), None);
}

#[test]
fn private_words_never_reach_the_link() {
    let mut t = two_certificates();
    t.certificates[0].data.label = "T430421199001011234".into();
    let text = encode(&t).unwrap();
    assert!(!text.contains("430421"));
    let mut fragment = Fragment::default();
    fragment.set(UrlParam::Timeline, Some(&text));
    assert_eq!(fragment.to_text(), format!("t={text}"), "nothing to escape");
}

#[test]
fn truncation_alteration_and_other_versions_are_refused() {
    let text = encode(&two_certificates()).unwrap();
    for end in 0..text.len() {
        assert!(
            decode(&text[..end]).is_err(),
            "prefix {end} read: {}",
            &text[..end]
        );
    }
    // Dropping a whole certificate (a cut at "_") is caught by the check.
    let (body, _) = text.rsplit_once('.').unwrap();
    let first_only = body.split('_').next().unwrap();
    assert_eq!(
        decode(&format!("{first_only}.{}", &text[text.len() - 4..])),
        Err(LinkError::Garbled)
    );
    assert_eq!(
        decode(&text.replacen("w1", "w2", 1)),
        Err(LinkError::Garbled)
    );
    assert_eq!(decode(&text.to_uppercase()), Err(LinkError::Garbled));
    assert_eq!(decode(&format!("2{}", &text[1..])), Err(LinkError::Newer));
    assert_eq!(decode("x.abc.0000"), Err(LinkError::Garbled));
    assert_eq!(decode(&"1".repeat(MAX_CHARS + 1)), Err(LinkError::Garbled));
}

#[test]
fn well_formed_values_that_break_the_rules_are_refused() {
    // 有效期至 before 初领日期, with a correct check.
    let body = format!(
        "1.w13{}v{}",
        date_code(d(2020, 5, 10)),
        date_code(d(2019, 5, 10))
    );
    let linked = with_check(&body);
    assert_eq!(decode(&linked), Err(LinkError::Invalid));
    // Training with 0 hours.
    let body = format!(
        "1.w13{}p{}00",
        date_code(d(2020, 5, 10)),
        date_code(d(2021, 5, 10))
    );
    assert_eq!(decode(&with_check(&body)), Err(LinkError::Invalid));
    // An empty list is an empty timeline.
    assert_eq!(decode(&with_check("1.")), Ok(Timeline::default()));
}

/// Appends the right check to `body` (by asking the encoder for one on a known timeline is not
/// possible, so the check is recomputed here independently: FNV-1a, 32 bits, mod 36^4).
fn with_check(body: &str) -> String {
    let hash = body.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    let mut n = hash % 36u32.pow(4);
    let mut digits = [b'0'; 4];
    for slot in digits.iter_mut().rev() {
        *slot = b"0123456789abcdefghijklmnopqrstuvwxyz"[(n % 36) as usize];
        n /= 36;
    }
    format!("{body}.{}", String::from_utf8(digits.to_vec()).unwrap())
}

proptest! {
    #[test]
    fn any_timeline_round_trips_without_its_private_words(t in any_timeline()) {
        match encode(&t) {
            None => prop_assert!(t.is_empty()),
            Some(text) => {
                prop_assert!(text.len() <= MAX_CHARS);
                prop_assert_eq!(decode(&text).unwrap(), without_private(&t));
                prop_assert_eq!(projection(&t), without_private(&t));
            }
        }
    }
}

/// Runs `check` on 10,000 fragments: half random text, half mutations of real links.
#[test]
fn ten_thousand_random_and_mutated_fragments_never_panic_or_replace_the_stored_timeline() {
    // `from_link` only borrows the stored timeline, so it cannot change it; what a hostile link
    // could still do is be taken silently, or panic: that is what is checked.
    let stored = two_certificates();
    let real = encode(&two_certificates()).unwrap();
    let mutated = (0..real.len(), 0..real.len() + 1, 0u8..128, 0u8..4).prop_map(
        move |(at, cut, byte, how)| {
            let mut bytes = real.clone().into_bytes();
            match how {
                0 => bytes[at] = byte,
                1 => bytes.insert(at, byte),
                2 => {
                    bytes.remove(at);
                }
                _ => bytes.truncate(cut),
            }
            format!("exam=2026-09-14&t={}", String::from_utf8_lossy(&bytes))
        },
    );
    let random = "\\PC{0,120}".prop_map(|s| s.to_string());
    let fragments = prop_oneof![random, mutated];
    let mut runner = TestRunner::new(Config {
        cases: 10_000,
        failure_persistence: None,
        ..Config::default()
    });
    let counts = std::cell::RefCell::new([0usize; 4]);
    runner
        .run(&fragments, |text| {
            let fragment = Fragment::parse(&text);
            let arrival = from_link(&stored, fragment.get(UrlParam::Timeline));
            // A stored timeline is never replaced without asking.
            prop_assert!(!matches!(arrival, Arrival::Adopt(_)));
            counts.borrow_mut()[match arrival {
                Arrival::Nothing => 0,
                Arrival::Same => 1,
                Arrival::Conflict(_) => 2,
                Arrival::Unreadable(_) => 3,
                Arrival::Adopt(_) => unreachable!(),
            }] += 1;
            Ok(())
        })
        .unwrap();
    let counts = counts.into_inner();
    assert!(counts[3] > 1000, "mostly unreadable: {counts:?}");
    assert_eq!(counts.iter().sum::<usize>(), 10_000);
}

#[test]
fn the_documented_example_reads_as_documented() {
    use crate::certificate::CertificateKind::{FusionWelding, LowVoltage};
    use crate::timeline::model::Cycle;
    let notes = include_str!("../../../../docs/developer.md");
    let example = "1.w13e6wpftk08_e16c01vh2n.um9f";
    assert!(notes.contains(&format!("#t={example}")));
    let mut welding = super::cert(FusionWelding, d(2020, 5, 10));
    welding.cycle = Cycle::Standard;
    let mut electric = super::cert(LowVoltage, d(2012, 8, 1));
    electric.valid_until = Some(d(2030, 8, 1));
    electric.cycle = Cycle::Extended;
    let expected = Timeline::from_parts(vec![
        (
            welding,
            vec![super::event(
                EventKind::Training { hours: 8 },
                d(2026, 2, 20),
            )],
        ),
        (electric, vec![]),
    ]);
    assert_eq!(decode(example), Ok(expected.clone()));
    assert_eq!(encode(&expected).as_deref(), Some(example));
}
