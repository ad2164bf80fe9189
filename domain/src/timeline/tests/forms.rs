//! The forms' checks: one field at a time, and all together in form order.

use super::d;
use crate::certificate::{CertificateKind, CertificateType};
use crate::dates::DateError;
use crate::timeline::forms::*;
use crate::timeline::messages::{certificate_field_error, event_field_error};
use crate::timeline::model::{Cycle, EventKind};

fn today() -> chrono::NaiveDate {
    d(2026, 11, 26)
}

fn good_certificate() -> CertificateDraft {
    CertificateDraft {
        kind: "w1".into(),
        first_issued: "2020-05-10".into(),
        ..Default::default()
    }
}

#[test]
fn an_empty_certificate_form_names_every_required_field_in_order() {
    let errors = CertificateDraft::default().finish(today()).unwrap_err();
    assert_eq!(
        errors,
        vec![
            (CertField::Kind, FieldError::Required),
            (CertField::FirstIssued, FieldError::Required)
        ]
    );
    let messages: Vec<_> = errors
        .iter()
        .map(|(f, e)| certificate_field_error(*f, *e))
        .collect();
    assert_eq!(messages, ["请选择证书类型", "请填写初领日期"]);
}

#[test]
fn a_good_certificate_form_gives_its_facts() {
    let mut draft = good_certificate();
    draft.label = "  证号尾号 1234 ".into();
    draft.valid_until = "2026-05-10".into();
    draft.extended = true;
    let data = draft.finish(today()).unwrap();
    assert_eq!(
        data.kind,
        CertificateType::Listed(CertificateKind::FusionWelding)
    );
    assert_eq!(data.label, "证号尾号 1234");
    assert_eq!(data.first_issued, d(2020, 5, 10));
    assert_eq!(data.valid_until, Some(d(2026, 5, 10)));
    assert_eq!(data.cycle, Cycle::Extended);
    assert_eq!(CertificateDraft::of(&data).finish(today()).unwrap(), data);
}

#[test]
fn certificate_fields_refuse_what_cannot_be() {
    use CertField::*;
    let label_30 = "号".repeat(30);
    let label_31 = "号".repeat(31);
    // (field, what is typed into it, its check)
    let cases = [
        (
            FirstIssued,
            "2020-02-30",
            Err(FieldError::Date(DateError::NoSuchDay)),
        ),
        (
            FirstIssued,
            "2020/05/10",
            Err(FieldError::Date(DateError::Format)),
        ),
        (FirstIssued, "2026-11-27", Err(FieldError::InFuture)),
        (FirstIssued, "2026-11-26", Ok(())),
        (FirstIssued, "1969-12-31", Err(FieldError::TooEarly)),
        (ValidUntil, "2020-05-10", Err(FieldError::NotAfterIssue)),
        (ValidUntil, "2020-05-11", Ok(())),
        // Renewed today at the earliest: valid 6 years from a due date 60 days ahead.
        (ValidUntil, "2033-01-25", Ok(())),
        (ValidUntil, "2033-01-26", Err(FieldError::TooFarAhead)),
        (ValidUntil, "", Ok(())),
        (Kind, "zz", Err(FieldError::Required)),
        (Kind, "", Err(FieldError::Required)),
        (Other, "写了也不用，只对其他有效", Ok(())),
        (Label, label_31.as_str(), Err(FieldError::TooLong(30))),
        (Label, label_30.as_str(), Ok(())),
    ];
    for (field, text, expected) in cases {
        let mut draft = good_certificate();
        draft.set(field, text.to_string());
        assert_eq!(draft.check(field, today()), expected, "{field:?} {text}");
    }
    let mut draft = good_certificate();
    draft.set(Kind, "ot".into());
    assert_eq!(draft.check(Other, today()), Err(FieldError::Required));
    let mut other = good_certificate();
    other.kind = "ot".into();
    other.other = " 金属非金属矿山安全检查作业 ".into();
    assert_eq!(
        other.finish(today()).unwrap().kind,
        CertificateType::Other("金属非金属矿山安全检查作业".into())
    );
}

#[test]
fn event_fields_follow_their_kind() {
    let first = d(2020, 5, 10);
    let draft = |kind: &str, date: &str, hours: &str, note: &str| EventDraft {
        kind: kind.into(),
        date: date.into(),
        hours: hours.into(),
        note: note.into(),
    };
    let e = draft("training", "2026-04-01", "８", "")
        .finish(first, today())
        .unwrap();
    assert_eq!(
        e.kind,
        EventKind::Training { hours: 8 },
        "full-width digits count"
    );
    assert_eq!(
        draft("training", "2026-04-01", "", "")
            .finish(first, today())
            .unwrap_err(),
        vec![(EventField::Hours, FieldError::Required)]
    );
    for bad in ["0", "100", "8.5", "-1", "八"] {
        assert_eq!(
            draft("training", "2026-04-01", bad, "").check(EventField::Hours, first, today()),
            Err(FieldError::Hours),
            "{bad}"
        );
    }
    assert_eq!(
        draft("exam", "2026-04-01", "abc", "").check(EventField::Hours, first, today()),
        Ok(())
    );
    assert_eq!(
        draft("result", "2026-11-27", "", "").check(EventField::Date, first, today()),
        Err(FieldError::InFuture)
    );
    assert_eq!(
        draft("exam", "2026-12-01", "", "").check(EventField::Date, first, today()),
        Ok(())
    );
    assert_eq!(
        draft("exam", "2028-11-27", "", "").check(EventField::Date, first, today()),
        Err(FieldError::TooFarAhead)
    );
    assert_eq!(
        draft("exam", "2020-05-09", "", "").check(EventField::Date, first, today()),
        Err(FieldError::BeforeIssue)
    );
    assert_eq!(
        draft("note", "2026-01-01", "", " ")
            .finish(first, today())
            .unwrap_err(),
        vec![(EventField::Note, FieldError::Required)]
    );
    assert_eq!(
        draft("", "", "", "").finish(first, today()).unwrap_err(),
        vec![
            (EventField::Kind, FieldError::Required),
            (EventField::Date, FieldError::Required)
        ]
    );
    assert_eq!(
        event_field_error(EventField::Date, FieldError::Required),
        "请填写日期"
    );
    assert_eq!(
        event_field_error(EventField::Hours, FieldError::Hours),
        "学时请填1到99的整数"
    );
    let e = draft("note", "2026-01-01", "", " 问过培训机构 ")
        .finish(first, today())
        .unwrap();
    assert_eq!(EventDraft::of(&e).finish(first, today()).unwrap(), e);
}
