//! The open forms kept across a reload: the frozen drafts text, positions instead of ids, and
//! text that cannot be read.

use super::{cert, d, event};
use crate::certificate::CertificateKind::{Brazing, FusionWelding};
use crate::timeline::drafts::*;
use crate::timeline::forms::{CertField, EventDraft, EventField, FieldError};
use crate::timeline::model::{EventKind, Timeline};

const V1_DRAFTS: &str = include_str!("../../../tests/fixtures/timeline/v1-drafts.txt");

/// The timeline the fixture's forms were open on: 钎焊 with no event, then 熔化焊 with one.
fn timeline() -> Timeline {
    Timeline::from_parts(vec![
        (cert(Brazing, d(2021, 1, 5)), vec![]),
        (
            cert(FusionWelding, d(2020, 5, 10)),
            vec![event(EventKind::Training { hours: 8 }, d(2026, 2, 20))],
        ),
    ])
}

#[test]
fn the_version_1_drafts_text_still_reads_and_is_written_the_same() {
    let t = timeline();
    let read = read_drafts(V1_DRAFTS);
    let targets: Vec<_> = read.iter().map(|(at, _)| at.from_positions(&t)).collect();
    assert_eq!(
        targets,
        vec![
            Some(Target::NewCertificate),
            Some(Target::NewEvent(1)),
            Some(Target::Event(2, 3))
        ]
    );
    let drafts: Vec<(Target, Draft)> = read
        .iter()
        .zip(&targets)
        .map(|((at, values), target)| {
            let mut draft = Draft::open(target.unwrap(), &t);
            draft.restore(values);
            (*at, draft)
        })
        .collect();
    let Draft::Cert(added) = &drafts[0].1 else {
        panic!("{:?}", drafts[0])
    };
    assert_eq!(
        (added.kind.as_str(), added.other.as_str(), added.extended),
        ("ot", "矿山 & <b>检查</b>", true)
    );
    assert_eq!(
        drafts[1].1.value(Field::Event(EventField::Note)),
        "第一行\n第二行 \"引号\""
    );
    assert_eq!(drafts[2].1.value(Field::Event(EventField::Hours)), "8");
    assert_eq!(
        drafts_text(drafts.iter().map(|(at, d)| (*at, d))),
        V1_DRAFTS
    );
    assert_eq!(drafts_text([]), "");
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
    let events = &reloaded.certificate(c).unwrap().events;
    assert_eq!(
        events.iter().find(|x| x.id == e).unwrap().data.date,
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
fn a_form_opens_with_what_the_timeline_holds_and_checks_in_form_order() {
    let t = timeline();
    assert_eq!(
        Draft::open(Target::Event(2, 3), &t).value(Field::Event(EventField::Date)),
        "2026-02-20"
    );
    assert_eq!(
        Draft::open(Target::Certificate(1), &t).value(Field::Cert(CertField::FirstIssued)),
        "2021-01-05"
    );
    assert_eq!(
        Draft::open(Target::NewEvent(1), &t),
        Draft::Event(EventDraft::default())
    );
    let today = d(2026, 3, 1);
    let mut draft = Draft::open(Target::NewCertificate, &t);
    // Fields in the domain's order: the first error the domain reports is the first field.
    let cert: Vec<Field> = CertField::ALL.into_iter().map(Field::Cert).collect();
    assert_eq!(draft.fields()[..5], cert[..]);
    assert_eq!(
        draft.finish(today, today),
        Err(vec![
            Field::Cert(CertField::Kind),
            Field::Cert(CertField::FirstIssued)
        ])
    );
    draft.set(Field::Cert(CertField::FirstIssued), "2027-01-01".into());
    assert_eq!(
        draft.check(Field::Cert(CertField::FirstIssued), today, today),
        Err(FieldError::InFuture)
    );
    assert!(!draft.visible(Field::Cert(CertField::Other)));
    draft.set(Field::Cert(CertField::Kind), "ot".into());
    assert!(draft.visible(Field::Cert(CertField::Other)));
    draft.set(Field::Cycle, "1".into());
    assert_eq!(draft.value(Field::Cycle), "1");
    let event: Vec<Field> = EventField::ALL.into_iter().map(Field::Event).collect();
    assert_eq!(Draft::open(Target::NewEvent(1), &t).fields(), &event[..]);
}

#[test]
fn every_field_and_form_has_its_words() {
    let fields = Draft::open(Target::NewCertificate, &Timeline::default())
        .fields()
        .iter()
        .chain(Draft::Event(EventDraft::default()).fields());
    for &field in fields {
        assert!(!field.label().is_empty(), "{field:?}");
        assert!(!field.error_message(FieldError::Required).is_empty());
    }
    assert_eq!(
        Field::Cert(CertField::FirstIssued).error_message(FieldError::InFuture),
        "初领日期不能晚于今天"
    );
    assert!(Field::Cycle.label().starts_with("每6年复审一次"));
    assert_eq!(Target::NewEvent(1).title(), "记一笔");
    assert!(!Target::NewEvent(1).changes() && Target::Event(1, 2).changes());
    assert_eq!(Target::Event(1, 2).remove_words(true), "确定删除这条记录");
    assert_eq!(Target::Certificate(1).remove_words(false), "删除这本证书");
}
