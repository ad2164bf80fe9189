//! The receiver's check: the frozen payloads are accepted, every way of breaking one is refused
//! with its own reason, anything the form can send is accepted, and nothing panics.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::certificate::CATALOGUE;
use crate::dates::DateError;
use crate::enquiry::catalogue::DISTRICTS;
use crate::enquiry::payload::{client_id, payload_json};

const PAYLOAD: &str = include_str!("../../../tests/fixtures/enquiry/v1-payload.json");
const PAYLOAD_OTHER: &str = include_str!("../../../tests/fixtures/enquiry/v1-payload-other.json");

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

fn fixture() -> EnquiryPayload {
    serde_json::from_str(PAYLOAD).unwrap()
}

#[test]
fn the_frozen_payloads_are_accepted_as_they_are() {
    for text in [PAYLOAD, PAYLOAD_OTHER] {
        let payload: EnquiryPayload = serde_json::from_str(text).unwrap();
        let checked = check(payload.clone(), today()).unwrap();
        assert_eq!(checked.payload(), &payload);
        assert_eq!(checked.clone().into_payload(), payload);
    }
    let checked = check(fixture(), today()).unwrap();
    // 2026-11-26T19:30:05.123+08:00 and the consent 15 s earlier.
    assert_eq!(checked.submitted_at_ms(), 1_795_692_605_123);
    assert_eq!(checked.consent_at_ms(), 1_795_692_590_123);
}

#[test]
fn each_broken_rule_has_its_own_refusal() {
    type Mutation = fn(&mut EnquiryPayload);
    let table: &[(&str, Mutation, Refusal)] = &[
        ("newer version", |p| p.version = 2, Refusal::Version(2)),
        ("upper-case id", |p| p.id = p.id.to_uppercase(), Refusal::Id),
        (
            "version-1 uuid",
            |p| p.id.replace_range(14..15, "1"),
            Refusal::Id,
        ),
        (
            "wrong variant",
            |p| p.id.replace_range(19..20, "c"),
            Refusal::Id,
        ),
        ("short id", |p| p.id.truncate(35), Refusal::Id),
        ("empty id", |p| p.id.clear(), Refusal::Id),
        (
            "id of another enquiry",
            |p| p.id.replace_range(0..1, "0"),
            Refusal::Reference,
        ),
        (
            "reference typed",
            |p| p.reference = "11086508".into(),
            Refusal::Reference,
        ),
        (
            "submitted_at unreadable",
            |p| p.submitted_at = "2026-11-26 19:30".into(),
            Refusal::Time,
        ),
        (
            "given_at empty",
            |p| p.consent.given_at.clear(),
            Refusal::Time,
        ),
        (
            "consent to an old notice",
            |p| p.consent.notice_version = 0,
            Refusal::Notice(0),
        ),
        (
            "unknown certificate code",
            |p| p.fields.certificate.code = "welding".into(),
            Refusal::Certificate,
        ),
        (
            "code with another item's name",
            |p| p.fields.certificate.name = "压力焊作业".into(),
            Refusal::Certificate,
        ),
        (
            "code with another category",
            |p| p.fields.certificate.category = "电工作业".into(),
            Refusal::Certificate,
        ),
        (
            "其他 in a listed category",
            |p| {
                p.fields.certificate.code = "other".into();
                p.fields.certificate.category = "焊接与热切割作业".into();
            },
            Refusal::Certificate,
        ),
        (
            "其他 without words",
            |p| {
                p.fields.certificate.code = "other".into();
                p.fields.certificate.category = "其他".into();
                p.fields.certificate.name = " ".into();
            },
            Refusal::Field(Field::CertificateOther, FieldError::Empty),
        ),
        (
            "其他 with a trailing space",
            |p| {
                p.fields.certificate.code = "other".into();
                p.fields.certificate.category = "其他".into();
                p.fields.certificate.name = "锅炉司炉 ".into();
            },
            Refusal::NotNormalised(Field::CertificateOther),
        ),
        (
            "empty name",
            |p| p.fields.name.clear(),
            Refusal::Field(Field::Name, FieldError::Empty),
        ),
        (
            "name with a digit",
            |p| p.fields.name = "张三1".into(),
            Refusal::Field(Field::Name, FieldError::NameCharacters),
        ),
        (
            "name with a space around it",
            |p| p.fields.name = " 张三".into(),
            Refusal::NotNormalised(Field::Name),
        ),
        (
            "name too long",
            |p| p.fields.name = "张".repeat(31),
            Refusal::Field(Field::Name, FieldError::TooLong { max: 30, len: 31 }),
        ),
        (
            "phone as typed",
            |p| p.fields.phone = "138 0013 8000".into(),
            Refusal::NotNormalised(Field::Phone),
        ),
        (
            "phone with +86",
            |p| p.fields.phone = "+8613800138000".into(),
            Refusal::NotNormalised(Field::Phone),
        ),
        (
            "landline",
            |p| p.fields.phone = "07348123456".into(),
            Refusal::Field(Field::Phone, FieldError::Phone),
        ),
        (
            "district not in the list",
            |p| p.fields.district = Some("长沙市".into()),
            Refusal::Field(Field::District, FieldError::UnknownDistrict),
        ),
        (
            "empty district instead of null",
            |p| p.fields.district = Some(String::new()),
            Refusal::NotNormalised(Field::District),
        ),
        (
            "expiry not ISO",
            |p| p.fields.expiry_date = Some("2027-3-1".into()),
            Refusal::Field(Field::Expiry, FieldError::Date(DateError::Format)),
        ),
        (
            "expiry that does not exist",
            |p| p.fields.expiry_date = Some("2027-02-30".into()),
            Refusal::Field(Field::Expiry, FieldError::Date(DateError::NoSuchDay)),
        ),
        (
            "expiry a mistyped year",
            |p| p.fields.expiry_date = Some("2207-03-01".into()),
            Refusal::Field(Field::Expiry, FieldError::DateOutOfRange),
        ),
        (
            "expiry with spaces",
            |p| p.fields.expiry_date = Some(" 2027-03-01".into()),
            Refusal::NotNormalised(Field::Expiry),
        ),
        (
            "empty message instead of null",
            |p| p.fields.message = Some(String::new()),
            Refusal::NotNormalised(Field::Message),
        ),
        (
            "message with Windows line ends",
            |p| p.fields.message = Some("你好\r\n请问".into()),
            Refusal::NotNormalised(Field::Message),
        ),
        (
            "message too long",
            |p| p.fields.message = Some("字".repeat(501)),
            Refusal::Field(Field::Message, FieldError::TooLong { max: 500, len: 501 }),
        ),
        (
            "page address too long",
            |p| p.page = "a".repeat(PAGE_MAX_CHARS + 1),
            Refusal::Page,
        ),
    ];
    for (what, mutate, refusal) in table {
        let mut payload = fixture();
        mutate(&mut payload);
        assert_eq!(check(payload, today()).as_ref(), Err(refusal), "{what}");
    }
}

#[test]
fn refusals_speak_chinese() {
    let table = [
        (
            Refusal::Version(2),
            "页面版本和接收方不一致，请刷新页面后再提交",
        ),
        (Refusal::Reference, "咨询编号不对，请刷新页面后再提交"),
        (
            Refusal::Notice(0),
            "《个人信息说明》已经更新，请刷新页面，阅读后重新勾选同意",
        ),
        (Refusal::Certificate, "证书类型不在列表里，请重新选择"),
        (
            Refusal::Field(Field::Phone, FieldError::Phone),
            "手机号码：请输入有效的手机号码",
        ),
        (
            Refusal::NotNormalised(Field::Name),
            "姓名的写法不对，请刷新页面后再提交",
        ),
    ];
    for (refusal, message) in table {
        assert_eq!(refusal.message(), message);
    }
}

#[test]
fn optional_fields_may_be_null_and_other_times_zones_are_read() {
    let mut payload = fixture();
    payload.fields.district = None;
    payload.fields.expiry_date = None;
    payload.fields.message = None;
    payload.submitted_at = "2026-11-26T11:30:05Z".into();
    let checked = check(payload, today()).unwrap();
    assert_eq!(checked.submitted_at_ms(), 1_795_692_605_000);
}

#[test]
fn uuids_as_the_form_writes_them() {
    assert!(is_v4_uuid(&client_id([0; 16])));
    assert!(is_v4_uuid(&client_id([0xff; 16])));
    assert!(!is_v4_uuid("abababab-abab-4bab-abab-ababababababa"));
    assert!(!is_v4_uuid("abababab_abab-4bab-abab-abababababab"));
    assert!(!is_v4_uuid("abababab-abab-4bab-abab-ababababab\u{e9}"));
    assert!(!is_v4_uuid("gbababab-abab-4bab-abab-abababababab"));
}

/// Everything the form can produce from a valid draft.
fn any_valid_draft() -> impl Strategy<Value = EnquiryDraft> {
    let name = "[\\p{Han}]{1,4}([ ·][\\p{L}]{1,6})?|[A-Za-z]{1,10}( [A-Za-z]{1,10})?";
    let phone =
        ("1[3-9][0-9]", "[0-9]{4}", "[0-9]{4}", 0..4usize).prop_map(
            |(a, b, c, style)| match style {
                0 => format!("{a}{b}{c}"),
                1 => format!("{a} {b} {c}"),
                2 => format!("+86-{a}-{b}-{c}"),
                _ => format!("{a}{b}{c}")
                    .chars()
                    .map(|d| char::from_u32(d as u32 - '0' as u32 + '０' as u32).unwrap_or(d))
                    .collect(),
            },
        );
    let kinds: Vec<&'static str> = CATALOGUE
        .iter()
        .flat_map(|c| c.kinds.iter().map(|k| k.slug()))
        .chain(["other"])
        .collect();
    (
        name,
        phone,
        proptest::sample::select(kinds),
        "\\PC{1,30}",
        proptest::option::of(proptest::sample::select(DISTRICTS.to_vec())),
        proptest::option::of(-7000i64..7000),
        "[\\PC\\r\\n\\t]{0,120}",
        0i64..4_000_000_000_000,
    )
        .prop_map(
            |(name, phone, code, other, district, expiry, message, consent_ms)| {
                let mut draft = EnquiryDraft {
                    name,
                    phone,
                    certificate: code.to_string(),
                    certificate_other: if code == "other" {
                        other
                    } else {
                        String::new()
                    },
                    district: district.unwrap_or_default().to_string(),
                    expiry: expiry
                        .and_then(|days| today().checked_add_signed(chrono::Duration::days(days)))
                        .map(crate::dates::iso)
                        .unwrap_or_default(),
                    message,
                    consent: None,
                };
                draft.set_consent(true, consent_ms);
                draft
            },
        )
}

proptest! {
    /// Any enquiry the form sends is accepted, exactly as sent.
    #[test]
    fn whatever_the_form_sends_is_accepted(
        draft in any_valid_draft(),
        random in any::<[u8; 16]>(),
        now in 0i64..4_000_000_000_000,
        page in "\\PC{0,80}",
    ) {
        let enquiry = draft.validate(today());
        prop_assume!(enquiry.is_ok());
        let enquiry = enquiry.unwrap();
        let id = client_id(random);
        let body = payload_json(&enquiry, &id, now, &page);
        let received: EnquiryPayload = serde_json::from_str(&body).unwrap();
        let checked = check(received.clone(), today());
        prop_assert!(checked.is_ok(), "{:?}", checked);
        let checked = checked.unwrap();
        prop_assert_eq!(checked.payload(), &received);
        prop_assert_eq!(checked.submitted_at_ms(), now);
    }

    /// A sent enquiry changed in a way the form never would is refused.
    #[test]
    fn changed_payloads_are_refused(
        draft in any_valid_draft(),
        random in any::<[u8; 16]>(),
        which in 0..8usize,
        digit in 0..8usize,
        number in 2u32..1000,
    ) {
        let enquiry = draft.validate(today());
        prop_assume!(enquiry.is_ok());
        let enquiry = enquiry.unwrap();
        let id = client_id(random);
        let mut payload: EnquiryPayload =
            serde_json::from_str(&payload_json(&enquiry, &id, 0, "p")).unwrap();
        match which {
            0 => payload.version = number,
            1 => payload.consent.notice_version = number,
            // Another id with the old reference: the first 16 hex digits make the reference.
            2 => {
                let old = payload.id.as_bytes()[digit];
                let new = if old == b'0' { "1" } else { "0" };
                payload.id.replace_range(digit..digit + 1, new);
            }
            3 => payload.fields.name.push(' '),
            4 => payload.fields.phone.insert(3, ' '),
            5 => payload.fields.message = Some(format!("{}\r\n", payload.fields.message.unwrap_or_default())),
            6 => payload.fields.certificate.code = format!("x{}", payload.fields.certificate.code),
            _ => payload.submitted_at.push('x'),
        }
        prop_assert!(check(payload, today()).is_err());
    }

    /// Any text in any field is accepted or refused, never a panic.
    #[test]
    fn garbage_never_panics(
        strings in proptest::collection::vec("\\PC{0,40}", 12),
        numbers in any::<(u32, u32)>(),
        nulls in any::<[bool; 3]>(),
    ) {
        let text = |i: usize| strings[i].clone();
        let mut payload = fixture();
        payload.version = numbers.0 % 3;
        payload.id = text(0);
        payload.reference = text(1);
        payload.submitted_at = text(2);
        payload.page = text(3);
        payload.fields.name = text(4);
        payload.fields.phone = text(5);
        payload.fields.certificate.code = text(6);
        payload.fields.certificate.category = text(7);
        payload.fields.certificate.name = text(8);
        payload.fields.district = (!nulls[0]).then(|| text(9));
        payload.fields.expiry_date = (!nulls[1]).then(|| text(10));
        payload.fields.message = (!nulls[2]).then(|| text(11));
        payload.consent.notice_version = numbers.1 % 3;
        let _ = check(payload, today());
    }
}
