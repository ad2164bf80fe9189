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
    let check = |edit: &dyn Fn(&mut CertificateDraft), field| {
        let mut draft = good_certificate();
        edit(&mut draft);
        draft.check(field, today())
    };
    use CertField::*;
    assert_eq!(
        check(&|f| f.first_issued = "2020-02-30".into(), FirstIssued),
        Err(FieldError::Date(DateError::NoSuchDay))
    );
    assert_eq!(
        check(&|f| f.first_issued = "2020/05/10".into(), FirstIssued),
        Err(FieldError::Date(DateError::Format))
    );
    assert_eq!(
        check(&|f| f.first_issued = "2026-11-27".into(), FirstIssued),
        Err(FieldError::InFuture)
    );
    assert_eq!(
        check(&|f| f.first_issued = "2026-11-26".into(), FirstIssued),
        Ok(())
    );
    assert_eq!(
        check(&|f| f.first_issued = "1969-12-31".into(), FirstIssued),
        Err(FieldError::TooEarly)
    );
    assert_eq!(
        check(&|f| f.valid_until = "2020-05-10".into(), ValidUntil),
        Err(FieldError::NotAfterIssue)
    );
    assert_eq!(
        check(&|f| f.valid_until = "2020-05-11".into(), ValidUntil),
        Ok(())
    );
    // Renewed today at the earliest: valid 6 years from a due date 60 days ahead.
    assert_eq!(
        check(&|f| f.valid_until = "2033-01-25".into(), ValidUntil),
        Ok(())
    );
    assert_eq!(
        check(&|f| f.valid_until = "2033-01-26".into(), ValidUntil),
        Err(FieldError::TooFarAhead)
    );
    assert_eq!(
        check(&|f| f.kind = "zz".into(), Kind),
        Err(FieldError::Required)
    );
    assert_eq!(
        check(&|f| f.kind = "ot".into(), Other),
        Err(FieldError::Required)
    );
    assert_eq!(
        check(&|f| f.other = "写了也不用".into(), Other),
        Ok(()),
        "only for 其他"
    );
    assert_eq!(
        check(&|f| f.label = "号".repeat(31), Label),
        Err(FieldError::TooLong(30))
    );
    assert_eq!(check(&|f| f.label = "号".repeat(30), Label), Ok(()));
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
