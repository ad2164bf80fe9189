//! The receiver's check: the frozen payloads are accepted, every way of breaking one is refused
//! with its own reason (hostile text and dishonest clocks included), anything the form can send
//! is accepted, and nothing panics.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::certificate::CATALOGUE;
use crate::dates::DateError;
use crate::enquiry::catalogue::DISTRICTS;
use crate::enquiry::notice::NOTICE_IN_FORCE_MS;
use crate::enquiry::payload::{client_id, payload_json};

const PAYLOAD: &str = include_str!("../../../tests/fixtures/enquiry/v1-payload.json");
const PAYLOAD_OTHER: &str = include_str!("../../../tests/fixtures/enquiry/v1-payload-other.json");

/// The day the fixtures were written, in China.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

/// When the receiver got the fixtures: 2026-11-26T19:30:30+08:00, 25 s after the submit.
const RECEIVED_MS: i64 = 1_795_692_630_000;
/// The fixture's `submitted_at`, 2026-11-26T19:30:05.123+08:00.
const SUBMITTED_MS: i64 = 1_795_692_605_123;
const DAY_MS: i64 = 24 * 60 * 60 * 1000;

fn fixture() -> EnquiryPayload {
    serde_json::from_str(PAYLOAD).unwrap()
}

#[test]
fn the_frozen_payloads_are_accepted_as_they_are() {
    let payload = fixture();
    let checked = check(payload.clone(), RECEIVED_MS).unwrap();
    assert_eq!(checked.payload(), &payload);
    assert_eq!(checked.clone().into_payload(), payload);
    // 2026-11-26T19:30:05.123+08:00 and the consent 15 s earlier.
    assert_eq!(checked.submitted_at_ms(), SUBMITTED_MS);
    assert_eq!(checked.consent_at_ms(), 1_795_692_590_123);

    // The 其他 fixture was written with the placeholder page "p", an address no browser gives
    // (`location.origin` always names a scheme, or is "null"): refused for that alone, and
    // accepted with everything else as frozen once the page is a real address.
    let mut other: EnquiryPayload = serde_json::from_str(PAYLOAD_OTHER).unwrap();
    assert_eq!(other.page, "p");
    assert_eq!(check(other.clone(), RECEIVED_MS), Err(Refusal::Page));
    other.page = "https://example.cn/fushen/".into();
    let checked = check(other.clone(), RECEIVED_MS).unwrap();
    assert_eq!(checked.into_payload(), other);
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
            |p| p.page = format!("https://example.cn/{}", "a".repeat(PAGE_MAX_CHARS)),
            Refusal::Page,
        ),
        (
            "page with NUL",
            |p| p.page = "https://example.cn/\0".into(),
            Refusal::Page,
        ),
        (
            "page with CRLF",
            |p| p.page = "https://example.cn/\r\nSet-Cookie: a=b".into(),
            Refusal::Page,
        ),
        (
            "page with U+2028",
            |p| p.page = "https://example.cn/\u{2028}fushen/".into(),
            Refusal::Page,
        ),
        (
            "page with markup",
            |p| p.page = "https://example.cn/<script>alert(1)</script>".into(),
            Refusal::Page,
        ),
        (
            "page with a quote",
            |p| p.page = "https://example.cn/\"onmouseover=\"alert(1)".into(),
            Refusal::Page,
        ),
        (
            "javascript: page",
            |p| p.page = "javascript:alert(1)".into(),
            Refusal::Page,
        ),
        (
            "page with a space",
            |p| p.page = "https://example.cn/fu shen/".into(),
            Refusal::Page,
        ),
        (
            "page not percent-encoded",
            |p| p.page = "https://example.cn/复审/".into(),
            Refusal::Page,
        ),
        (
            "page without scheme",
            |p| p.page = "p".into(),
            Refusal::Page,
        ),
        // Times an honest phone cannot have written.
        (
            "consent in 1970",
            |p| p.consent.given_at = "1970-01-01T08:00:00+08:00".into(),
            Refusal::Clock,
        ),
        (
            "consent before the notice took effect",
            |p| p.consent.given_at = "2026-10-31T23:59:59.999+08:00".into(),
            Refusal::Clock,
        ),
        (
            "submitted before the notice took effect",
            |p| {
                p.submitted_at = "2026-10-31T23:59:59.999+08:00".into();
                p.consent.given_at = "2026-10-31T23:59:50+08:00".into();
            },
            Refusal::Clock,
        ),
        (
            "submitted two days in the future",
            |p| p.submitted_at = "2026-11-28T19:30:30+08:00".into(),
            Refusal::Clock,
        ),
        (
            "submitted a day and a millisecond ahead",
            |p| p.submitted_at = "2026-11-27T19:30:30.001+08:00".into(),
            Refusal::Clock,
        ),
        (
            "consent an hour after the submit",
            |p| p.consent.given_at = "2026-11-26T20:30:05.123+08:00".into(),
            Refusal::Clock,
        ),
        (
            "consent ten minutes and a millisecond after the submit",
            |p| p.consent.given_at = "2026-11-26T19:40:05.124+08:00".into(),
            Refusal::Clock,
        ),
        // Hostile text: each is changed by the form's normalising, or refused by it.
        (
            "bidi override in the message",
            |p| p.fields.message = Some("回电 \u{202E}0008 3100 831\u{202C}".into()),
            Refusal::NotNormalised(Field::Message),
        ),
        (
            "right-to-left override in 其他",
            |p| {
                p.fields.certificate.code = "other".into();
                p.fields.certificate.category = "其他".into();
                p.fields.certificate.name = "\u{202E}炉司炉锅".into();
            },
            Refusal::NotNormalised(Field::CertificateOther),
        ),
        (
            "left-to-right mark in 其他",
            |p| {
                p.fields.certificate.code = "other".into();
                p.fields.certificate.category = "其他".into();
                p.fields.certificate.name = "锅炉\u{200E}司炉".into();
            },
            Refusal::NotNormalised(Field::CertificateOther),
        ),
        (
            "isolate in the name",
            |p| p.fields.name = "张\u{2066}三\u{2069}".into(),
            Refusal::NotNormalised(Field::Name),
        ),
        (
            "Arabic letter mark in the name",
            |p| p.fields.name = "张\u{061C}三".into(),
            Refusal::NotNormalised(Field::Name),
        ),
        (
            "name of Hangul fillers only",
            |p| p.fields.name = "\u{3164}\u{3164}".into(),
            Refusal::Field(Field::Name, FieldError::Empty),
        ),
        (
            "name of halfwidth and jamo fillers only",
            |p| p.fields.name = "\u{FFA0}\u{115F}\u{1160}".into(),
            Refusal::Field(Field::Name, FieldError::Empty),
        ),
        (
            "zalgo in the message",
            |p| p.fields.message = Some("你好a\u{300}\u{301}\u{302}\u{303}".into()),
            Refusal::Field(Field::Message, FieldError::StackedMarks),
        ),
        (
            "zalgo in 其他",
            |p| {
                p.fields.certificate.code = "other".into();
                p.fields.certificate.category = "其他".into();
                p.fields.certificate.name = "锅\u{1DC0}\u{1DC1}\u{20D0}\u{FE20}炉".into();
            },
            Refusal::Field(Field::CertificateOther, FieldError::StackedMarks),
        ),
        (
            "zalgo in the name",
            |p| p.fields.name = "张\u{345}\u{345}\u{345}\u{345}".into(),
            Refusal::Field(Field::Name, FieldError::StackedMarks),
        ),
        (
            "tag characters in the message",
            |p| p.fields.message = Some("你好\u{E0001}\u{E0041}\u{E007F}".into()),
            Refusal::NotNormalised(Field::Message),
        ),
        (
            "tag characters in the name",
            |p| p.fields.name = "张三\u{E0041}".into(),
            Refusal::NotNormalised(Field::Name),
        ),
        (
            "soft hyphen in the name",
            |p| p.fields.name = "张\u{AD}三".into(),
            Refusal::NotNormalised(Field::Name),
        ),
        (
            "NUL in the message",
            |p| p.fields.message = Some("你好\0请问".into()),
            Refusal::NotNormalised(Field::Message),
        ),
        (
            "NUL in the name",
            |p| p.fields.name = "张\0三".into(),
            Refusal::NotNormalised(Field::Name),
        ),
        (
            "U+2028 in the message",
            |p| p.fields.message = Some("你好\u{2028}请问".into()),
            Refusal::NotNormalised(Field::Message),
        ),
    ];
    for (what, mutate, refusal) in table {
        let mut payload = fixture();
        mutate(&mut payload);
        assert_eq!(check(payload, RECEIVED_MS).as_ref(), Err(refusal), "{what}");
    }
}

#[test]
fn honest_clocks_and_late_deliveries_are_accepted() {
    type Mutation = fn(&mut EnquiryPayload);
    let table: &[(&str, i64, Mutation)] = &[
        ("as frozen", RECEIVED_MS, |_| {}),
        (
            // The outbox retries for weeks: no bound on how late a delivery may be.
            "delivered 40 days after the submit",
            SUBMITTED_MS + 40 * DAY_MS,
            |_| {},
        ),
        (
            "delivered a year later",
            SUBMITTED_MS + 365 * DAY_MS,
            |_| {},
        ),
        ("the phone's clock a day ahead", RECEIVED_MS, |p| {
            p.submitted_at = "2026-11-27T19:30:30+08:00".into()
        }),
        ("consent ten minutes after the submit", RECEIVED_MS, |p| {
            p.consent.given_at = "2026-11-26T19:40:05.123+08:00".into()
        }),
        (
            "ticked the moment the notice took effect",
            RECEIVED_MS,
            |p| p.consent.given_at = "2026-11-01T00:00:00+08:00".into(),
        ),
        ("ticked weeks before the submit", RECEIVED_MS, |p| {
            p.consent.given_at = "2026-11-02T08:00:00+08:00".into()
        }),
        ("empty page", RECEIVED_MS, |p| p.page = String::new()),
        ("http page", RECEIVED_MS, |p| {
            p.page = "http://localhost:8080/".into()
        }),
        ("percent-encoded path", RECEIVED_MS, |p| {
            p.page = "https://example.cn/%E5%A4%8D%E5%AE%A1/index.html".into()
        }),
        ("file page in Firefox", RECEIVED_MS, |p| {
            p.page = "null/C:/Users/zhang/fushen/index.html".into()
        }),
        ("file page in Chrome", RECEIVED_MS, |p| {
            p.page = "file:///sdcard/Download/fushen/index.html".into()
        }),
        ("longest page", RECEIVED_MS, |p| {
            p.page = format!("https://x.cn/{}", "a".repeat(PAGE_MAX_CHARS - 13))
        }),
    ];
    for (what, received_at_ms, mutate) in table {
        let mut payload = fixture();
        mutate(&mut payload);
        let checked = check(payload.clone(), *received_at_ms);
        assert_eq!(checked.map(Checked::into_payload), Ok(payload), "{what}");
    }
}

#[test]
fn the_expiry_is_bounded_by_the_day_of_receipt_in_china() {
    // Twenty years back from the day of receipt in China, as on the phone. At 15:59:59.999 UTC
    // it is still the 26th in China; a millisecond later it is the 27th (in UTC, still the 26th).
    let mut payload = fixture();
    payload.fields.expiry_date = Some("2006-11-26".into());
    let last_moment_of_the_26th = 1_795_708_799_999;
    assert!(check(payload.clone(), last_moment_of_the_26th).is_ok());
    assert_eq!(
        check(payload, last_moment_of_the_26th + 1),
        Err(Refusal::Field(Field::Expiry, FieldError::DateOutOfRange))
    );
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
        (Refusal::Page, "页面地址不对，请刷新页面后再提交"),
        (
            Refusal::Clock,
            "这部手机的日期或时间不对，请先在手机设置里改正，再重新勾选同意《个人信息说明》后提交",
        ),
        (
            Refusal::Field(Field::Message, FieldError::StackedMarks),
            "留言：有好几个符号叠在同一个字上，请删掉后重新输入",
        ),
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
    let checked = check(payload, RECEIVED_MS).unwrap();
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
    )
        .prop_map(|(name, phone, code, other, district, expiry, message)| {
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
            // Each test sets the time it needs; this one fits the fixture's submit.
            draft.set_consent(true, SUBMITTED_MS - 15_000);
            draft
        })
}

/// Every address `location.origin + location.pathname` gives: http(s) with a percent-encoded
/// path, a file page's "null" or "file://" origin, or nothing.
fn any_page() -> impl Strategy<Value = String> {
    let segment = "/([A-Za-z0-9._~!$&'()*+,;=:@-]|%[0-9A-F]{2}){0,12}";
    prop_oneof![
        Just(String::new()),
        (
            "(https|http)://[a-z0-9-]{1,12}(\\.[a-z]{2,5}){0,2}(:[0-9]{2,5})?",
            proptest::collection::vec(segment, 0..5),
        )
            .prop_map(|(origin, path)| format!("{origin}{}", path.concat())),
        ("null|file://", proptest::collection::vec(segment, 1..5))
            .prop_map(|(origin, path)| format!("{origin}{}", path.concat())),
    ]
}

proptest! {
    /// Any enquiry the form sends is accepted, exactly as sent: submitted any time from the
    /// notice on (up to a day ahead of the receiver), delivered up to two months late, the
    /// consent ticked up to two months before the submit (or minutes after, on a clock that
    /// was corrected in between).
    #[test]
    fn whatever_the_form_sends_is_accepted(
        mut draft in any_valid_draft(),
        random in any::<[u8; 16]>(),
        now in NOTICE_IN_FORCE_MS..=RECEIVED_MS + SUBMITTED_AHEAD_MAX_MS,
        ticked_before in -CONSENT_AFTER_SUBMIT_MAX_MS..=60 * DAY_MS,
        late in 0..=60 * DAY_MS,
        page in any_page(),
    ) {
        draft.set_consent(true, (now - ticked_before).max(NOTICE_IN_FORCE_MS));
        let received_at_ms = RECEIVED_MS + late;
        let today = crate::dates::china_date_from_unix_ms(received_at_ms as f64).unwrap();
        let enquiry = draft.validate(today);
        prop_assume!(enquiry.is_ok());
        let enquiry = enquiry.unwrap();
        let id = client_id(random);
        let body = payload_json(&enquiry, &id, now, &page);
        let received: EnquiryPayload = serde_json::from_str(&body).unwrap();
        let checked = check(received.clone(), received_at_ms);
        prop_assert!(checked.is_ok(), "{:?}", checked);
        let checked = checked.unwrap();
        prop_assert_eq!(checked.payload(), &received);
        prop_assert_eq!(checked.submitted_at_ms(), now);
    }

    /// An accepted page address holds nothing that breaks a line, an attribute or a CSV cell.
    #[test]
    fn accepted_pages_are_plain_ascii(
        page in "(https://|http://|null/|file:///|javascript:|)[!-~\\x00-\\x20\\x7f\\u{80}-\\u{ff}\\u{2028}复]{0,40}",
    ) {
        if is_page_address(&page) {
            prop_assert!(page.len() <= PAGE_MAX_CHARS);
            prop_assert!(page.bytes().all(|b| b.is_ascii_graphic()));
            prop_assert!(!page.contains(['<', '>', '"', '`', '\\']));
            prop_assert!(page.is_empty() || !page.starts_with("javascript:"));
        }
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
        let mut payload: EnquiryPayload = serde_json::from_str(&payload_json(
            &enquiry,
            &id,
            SUBMITTED_MS,
            "https://example.cn/fushen/",
        ))
        .unwrap();
        // Accepted as sent: what follows is refused for the change alone.
        prop_assert!(check(payload.clone(), RECEIVED_MS).is_ok());
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
        prop_assert!(check(payload, RECEIVED_MS).is_err());
    }

    /// Any text in any field is accepted or refused, never a panic.
    #[test]
    fn garbage_never_panics(
        strings in proptest::collection::vec("\\PC{0,40}", 13),
        numbers in any::<(u32, u32)>(),
        nulls in any::<[bool; 3]>(),
        received_at_ms in prop_oneof![Just(RECEIVED_MS), any::<i64>()],
        garbage_times in any::<bool>(),
    ) {
        let text = |i: usize| strings[i].clone();
        let mut payload = fixture();
        payload.version = numbers.0 % 3;
        payload.id = text(0);
        payload.reference = text(1);
        if garbage_times {
            payload.submitted_at = text(2);
            payload.consent.given_at = text(12);
        }
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
        let _ = check(payload, received_at_ms);
    }
}
