//! Host tests of the enquiry rules: tables for phone numbers and names, property tests where the
//! input space is large, and the draft, payload and outbox behaviour.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::catalogue::DISTRICTS;
use super::draft::{Certificate, Consent, EnquiryDraft, Feedback, Field};
use super::messages::{self, counter, invalid_summary, saved_at, sent_before, FieldError};
use super::notice::NOTICE_VERSION;
use super::outbox::{
    outcome_for_status, retry_delay_ms, server_message, Failure, Outbox, Outcome, SentLog, Step,
};
use super::payload::{
    china_time_rfc3339, client_id, payload_json, reference, reference_for_display,
};
use super::phone::{normalise_phone, phone_tail, tel_href};
use super::store::{decode, encode, StoreError};
use super::text::{message_len, normalise_message, normalise_name, normalise_short_text};
use crate::certificate::{CATALOGUE, OTHER_SLUG};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

/// 2026-11-26T19:30:05.123+08:00.
const NOW_MS: i64 = 1_795_692_605_123;

// ---- phone numbers ----

const VALID: &str = "13800138000";

#[test]
fn phone_table() {
    use FieldError::{Empty, Phone};
    let ok = |s: &str| Ok::<String, FieldError>(s.to_string());
    let table: &[(&str, Result<String, FieldError>)] = &[
        // Plain valid numbers, every allowed second digit.
        ("13800138000", ok(VALID)),
        ("13912345678", ok("13912345678")),
        ("14712345678", ok("14712345678")),
        ("15012345678", ok("15012345678")),
        ("16612345678", ok("16612345678")),
        ("17712345678", ok("17712345678")),
        ("18812345678", ok("18812345678")),
        ("19912345678", ok("19912345678")),
        // Spaced and dashed as people group them.
        ("138 0013 8000", ok(VALID)),
        ("138-0013-8000", ok(VALID)),
        ("138 - 0013 - 8000", ok(VALID)),
        ("  13800138000  ", ok(VALID)),
        ("1 3 8 0 0 1 3 8 0 0 0", ok(VALID)),
        ("138\t0013\t8000", ok(VALID)),
        ("138\u{3000}0013\u{3000}8000", ok(VALID)),
        ("138\u{a0}0013\u{a0}8000", ok(VALID)),
        ("138–0013–8000", ok(VALID)),
        ("138—0013—8000", ok(VALID)),
        ("138－0013－8000", ok(VALID)),
        ("\u{200b}13800138000\u{feff}", ok(VALID)),
        // Country code prefixes.
        ("+8613800138000", ok(VALID)),
        ("+86 138 0013 8000", ok(VALID)),
        ("+86-138-0013-8000", ok(VALID)),
        ("(+86) 13800138000", ok(VALID)),
        ("（+86）13800138000", ok(VALID)),
        ("008613800138000", ok(VALID)),
        ("0086 138 0013 8000", ok(VALID)),
        ("8613800138000", ok(VALID)),
        ("86 138 0013 8000", ok(VALID)),
        ("＋８６１３８００１３８０００", ok(VALID)),
        // Full-width digits from Chinese keyboards.
        ("１３８００１３８０００", ok(VALID)),
        ("１３８ ００１３ ８０００", ok(VALID)),
        ("１３８－００１３－８０００", ok(VALID)),
        ("13８00138０00", ok(VALID)),
        // Empty.
        ("", Err(Empty)),
        ("   ", Err(Empty)),
        ("\u{3000}", Err(Empty)),
        ("\t\n", Err(Empty)),
        // Too short, too long (12 digits and more).
        ("1380013800", Err(Phone)),
        ("138001380001", Err(Phone)),
        ("1380013800012", Err(Phone)),
        ("013800138000", Err(Phone)),
        ("1", Err(Phone)),
        // Not a mobile prefix.
        ("12800138000", Err(Phone)),
        ("11800138000", Err(Phone)),
        ("10800138000", Err(Phone)),
        ("23800138000", Err(Phone)),
        ("03800138000", Err(Phone)),
        // Landlines (Hengyang is 0734).
        ("0734-8123456", Err(Phone)),
        ("07348123456", Err(Phone)),
        ("(0734) 8123456", Err(Phone)),
        ("8123456", Err(Phone)),
        ("400-123-4567", Err(Phone)),
        // Letters and other characters.
        ("1380013800a", Err(Phone)),
        ("138OO138OOO", Err(Phone)),
        ("abc", Err(Phone)),
        ("138.0013.8000", Err(Phone)),
        ("138/0013/8000", Err(Phone)),
        ("138_0013_8000", Err(Phone)),
        ("手机13800138000", Err(Phone)),
        ("13800138000#", Err(Phone)),
        ("--", Err(Phone)),
        ("<script>", Err(Phone)),
        // Wrong or misplaced prefixes.
        ("+113800138000", Err(Phone)),
        ("+85213800138000", Err(Phone)),
        ("+86", Err(Phone)),
        ("+", Err(Phone)),
        ("++8613800138000", Err(Phone)),
        ("138+0013800", Err(Phone)),
        ("86138001380", Err(Phone)),
        ("0086138001380", Err(Phone)),
        ("+0086 13800138000", Err(Phone)),
        ("8612800138000", Err(Phone)),
        ("86 0734 8123456", Err(Phone)),
    ];
    assert!(table.len() >= 60, "{} cases", table.len());
    for (input, expected) in table {
        assert_eq!(&normalise_phone(input), expected, "input {input:?}");
    }
}

#[test]
fn phone_tail_and_tel_links() {
    assert_eq!(phone_tail(VALID), "8000");
    assert_eq!(phone_tail("12"), "12");
    assert_eq!(tel_href("0734-8123456").as_deref(), Some("tel:07348123456"));
    assert_eq!(
        tel_href("+86 734 812 3456").as_deref(),
        Some("tel:+867348123456")
    );
    assert_eq!(
        tel_href("０７３４ ８１２３４５６").as_deref(),
        Some("tel:07348123456")
    );
    assert_eq!(tel_href("javascript:alert(1)").as_deref(), Some("tel:1"));
    assert_eq!(tel_href("电话"), None);
    assert_eq!(tel_href(""), None);
}

proptest! {
    /// Any mobile number, however it is grouped and whatever prefix it carries, comes back as
    /// its 11 digits.
    #[test]
    fn formatted_mobiles_normalise(
        second in 3u8..=9,
        rest in proptest::collection::vec(0u8..=9, 9),
        prefix in prop::sample::select(vec!["", "+86", "0086", "86", "+86 ", "(+86)", "＋８６"]),
        separators in proptest::collection::vec(prop::sample::select(vec!["", " ", "-", "\u{3000}", "－"]), 11),
        full_width in proptest::collection::vec(any::<bool>(), 11),
    ) {
        let digits: Vec<u8> = [1, second].into_iter().chain(rest).collect();
        let expected: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
        let mut typed = prefix.to_string();
        for (i, d) in digits.iter().enumerate() {
            typed.push(if full_width[i] { char::from_u32('０' as u32 + u32::from(*d)).unwrap() } else { char::from(b'0' + d) });
            typed.push_str(separators[i]);
        }
        prop_assert_eq!(normalise_phone(&typed), Ok(expected));
    }

    /// Whatever is typed, the answer is either 11 digits starting 1[3-9] or an error: never a
    /// panic, never anything else.
    #[test]
    fn phone_never_panics_and_only_returns_mobiles(input in "\\PC{0,30}") {
        if let Ok(number) = normalise_phone(&input) {
            prop_assert_eq!(number.len(), 11);
            prop_assert!(number.bytes().all(|b| b.is_ascii_digit()));
            prop_assert!(number.starts_with('1'));
            prop_assert!((b'3'..=b'9').contains(&number.as_bytes()[1]));
        }
    }

    /// A digit string of the wrong length never passes.
    #[test]
    fn wrong_lengths_fail(digits in "[0-9]{1,10}|[0-9]{12}|[0-9]{14}|[0-9]{16,20}") {
        let prefixed = (digits.len() == 13 && digits.starts_with("86"))
            || (digits.len() == 15 && digits.starts_with("0086"));
        prop_assume!(!prefixed);
        prop_assert_eq!(normalise_phone(&digits), Err(FieldError::Phone));
    }
}

// ---- names ----

#[test]
fn name_rules() {
    use FieldError::{Empty, NameCharacters, TooLong};
    let ok = |s: &str| Ok::<String, FieldError>(s.to_string());
    let thirty = "张".repeat(30);
    let thirty_one = "张".repeat(31);
    let table: Vec<(&str, Result<String, FieldError>)> = vec![
        ("张三", ok("张三")),
        ("  张三  ", ok("张三")),
        ("\u{3000}张三\u{3000}", ok("张三")),
        ("欧阳 娜娜", ok("欧阳 娜娜")),
        ("欧阳   娜娜", ok("欧阳 娜娜")),
        ("阿依古丽·买买提", ok("阿依古丽·买买提")),
        ("阿依古丽・买买提", ok("阿依古丽·买买提")),
        ("阿依古丽•买买提", ok("阿依古丽·买买提")),
        ("阿依古丽 · 买买提", ok("阿依古丽·买买提")),
        ("John Smith", ok("John Smith")),
        ("Zoë Ångström", ok("Zoë Ångström")),
        ("Иван Петров", ok("Иван Петров")),
        ("𠮷野家", ok("𠮷野家")),
        ("张\u{200b}三", ok("张三")),
        (thirty.as_str(), Ok(thirty.clone())),
        // Empty and blank.
        ("", Err(Empty)),
        ("   ", Err(Empty)),
        ("\u{3000}\u{3000}", Err(Empty)),
        ("\u{200b}", Err(Empty)),
        // Too long: 31 characters.
        (thirty_one.as_str(), Err(TooLong { max: 30, len: 31 })),
        // Not letters.
        ("张三😀", Err(NameCharacters)),
        ("👷", Err(NameCharacters)),
        ("<script>alert(1)</script>", Err(NameCharacters)),
        ("<b>张三</b>", Err(NameCharacters)),
        ("张三1", Err(NameCharacters)),
        ("张三，李四", Err(NameCharacters)),
        ("O'Neil", Err(NameCharacters)),
        ("张-三", Err(NameCharacters)),
        // The dot only inside, one at a time.
        ("·张三", Err(NameCharacters)),
        ("张三·", Err(NameCharacters)),
        ("张··三", Err(NameCharacters)),
        ("·", Err(NameCharacters)),
    ];
    for (input, expected) in &table {
        assert_eq!(&normalise_name(input), expected, "input {input:?}");
    }
}

#[test]
fn a_script_tag_in_the_name_is_kept_in_the_draft_as_plain_text() {
    // Refused as a name, and kept exactly as typed, so the user sees what they typed.
    let mut draft = EnquiryDraft::default();
    draft.set_text(Field::Name, "<script>alert(1)</script>".into());
    assert_eq!(
        draft.check(Field::Name, today()),
        Err(FieldError::NameCharacters)
    );
    let back: EnquiryDraft = decode(&encode(&draft)).unwrap();
    assert_eq!(back.name, "<script>alert(1)</script>");
}

proptest! {
    /// A normalised name is accepted again unchanged, has no edge spaces or dots, and is short.
    #[test]
    fn names_normalise_idempotently(input in "[\\p{L}·・ \u{3000}]{0,40}") {
        if let Ok(name) = normalise_name(&input) {
            prop_assert_eq!(normalise_name(&name), Ok(name.clone()));
            prop_assert!(!name.starts_with([' ', '·']) && !name.ends_with([' ', '·']));
            prop_assert!(!name.contains("  ") && !name.contains("··"));
            prop_assert!(name.chars().count() <= 30);
        }
    }

    /// Any name with a digit or an emoji is refused, never accepted or panicking.
    #[test]
    fn names_with_digits_or_emoji_fail(head in "\\p{Han}{1,5}", bad in "[0-9😀🔥👍]", tail in "\\p{Han}{0,5}") {
        let input = format!("{head}{bad}{tail}");
        prop_assert_eq!(normalise_name(&input), Err(FieldError::NameCharacters));
    }
}

// ---- the other text fields ----

/// The receiver checks that a sent value normalises to itself: a word made only of invisible
/// characters once left a double (or trailing) space that a second pass removed.
#[test]
fn short_text_with_an_invisible_word_normalises_once() {
    assert_eq!(
        normalise_short_text("锅炉 \u{200b} 司炉 \u{feff}", 30),
        Ok("锅炉 司炉".into())
    );
    assert_eq!(
        normalise_short_text("\u{200b} \u{feff}", 30),
        Err(FieldError::Empty)
    );
}

proptest! {
    /// The "其他" text and the message are accepted again unchanged once normalised.
    #[test]
    fn short_text_and_message_normalise_idempotently(input in "[\\PC\u{200b}\u{feff}\t\r\n ]{0,60}") {
        if let Ok(text) = normalise_short_text(&input, 30) {
            prop_assert_eq!(normalise_short_text(&text, 30), Ok(text.clone()));
        }
        if let Ok(Some(message)) = normalise_message(&input) {
            prop_assert_eq!(normalise_message(&message), Ok(Some(message.clone())));
        }
    }
}

#[test]
fn other_certificate_text_and_message() {
    assert_eq!(
        normalise_short_text("  锅炉  司炉 ", 30),
        Ok("锅炉 司炉".into())
    );
    assert_eq!(
        normalise_short_text(" \u{3000} ", 30),
        Err(FieldError::Empty)
    );
    assert_eq!(
        normalise_short_text(&"字".repeat(31), 30),
        Err(FieldError::TooLong { max: 30, len: 31 })
    );
    assert_eq!(normalise_message(""), Ok(None));
    assert_eq!(normalise_message("  \n "), Ok(None));
    assert_eq!(
        normalise_message(" 你好\r\n请问\r几时开班？ "),
        Ok(Some("你好\n请问\n几时开班？".into()))
    );
    assert_eq!(
        normalise_message(&"字".repeat(500)).map(|m| m.map(|m| m.chars().count())),
        Ok(Some(500))
    );
    assert_eq!(
        normalise_message(&"字".repeat(501)),
        Err(FieldError::TooLong { max: 500, len: 501 })
    );
    // An emoji is one character, as people count.
    assert_eq!(message_len("👍好"), 2);
    assert_eq!(message_len("a\r\nb"), 3);
    assert_eq!(counter(0, 500), "0/500，还能写500字");
    assert_eq!(counter(498, 500), "498/500，还能写2字");
    assert_eq!(counter(503, 500), "503/500，超出3字");
}

// ---- the draft ----

fn filled() -> EnquiryDraft {
    let mut draft = EnquiryDraft {
        name: " 张三 ".into(),
        phone: "138 0013 8000".into(),
        certificate: "fusion-welding".into(),
        district: "珠晖区".into(),
        expiry: "2027-03-01".into(),
        message: "想参加下个月的复审培训".into(),
        ..EnquiryDraft::default()
    };
    draft.set_consent(true, NOW_MS - 15_000);
    draft
}

#[test]
fn the_three_anchor_messages_are_exact() {
    assert_eq!(FieldError::Empty.message(), "不能为空");
    assert_eq!(FieldError::Phone.message(), "请输入有效的手机号码");
    assert_eq!(FieldError::NoCertificate.message(), "请先选择证书类型");
}

#[test]
fn optional_fields_are_those_an_empty_draft_may_leave_empty() {
    let blank = EnquiryDraft::default();
    let other = EnquiryDraft {
        certificate: OTHER_SLUG.into(),
        ..EnquiryDraft::default()
    };
    for field in Field::ALL {
        let may_be_empty =
            blank.check(field, today()).is_ok() && other.check(field, today()).is_ok();
        assert_eq!(field.is_optional(), may_be_empty, "{field:?}");
    }
    let hinted: Vec<Field> = Field::ALL
        .into_iter()
        .filter(|f| f.hint().is_some())
        .collect();
    assert_eq!(
        hinted,
        [Field::Phone, Field::CertificateOther, Field::Expiry]
    );
}

#[test]
fn an_empty_draft_reports_the_required_fields_in_page_order() {
    let errors = EnquiryDraft::default().validate(today()).unwrap_err();
    assert_eq!(
        errors,
        vec![
            (Field::Name, FieldError::Empty),
            (Field::Phone, FieldError::Empty),
            (Field::Certificate, FieldError::NoCertificate),
            (Field::Consent, FieldError::NoConsent),
        ]
    );
    assert_eq!(
        invalid_summary(&errors.iter().map(|(f, _)| *f).collect::<Vec<_>>()),
        "还有4处需要修改：姓名、手机号码、证书类型、同意《个人信息说明》。"
    );
}

#[test]
fn a_filled_draft_validates_to_normalised_values() {
    let enquiry = filled().validate(today()).unwrap();
    assert_eq!(enquiry.name, "张三");
    assert_eq!(enquiry.phone, VALID);
    assert!(
        matches!(enquiry.certificate, Certificate::Listed(k) if k.category() == "焊接与热切割作业" && k.name() == "熔化焊接与热切割作业")
    );
    assert_eq!(enquiry.district, Some("珠晖区"));
    assert_eq!(enquiry.expiry, NaiveDate::from_ymd_opt(2027, 3, 1));
    assert_eq!(enquiry.consent.notice_version, NOTICE_VERSION);
}

#[test]
fn other_needs_its_text() {
    let mut draft = filled();
    draft.certificate = OTHER_SLUG.into();
    assert!(draft.wants_other());
    assert_eq!(
        draft.validate(today()).unwrap_err(),
        vec![(Field::CertificateOther, FieldError::Empty)]
    );
    draft.certificate_other = "特种设备焊接".into();
    let enquiry = draft.validate(today()).unwrap();
    assert_eq!(
        enquiry.certificate,
        Certificate::Other("特种设备焊接".into())
    );
    // The text is not required (nor checked) for a listed type.
    draft.certificate = "brazing".into();
    draft.certificate_other = String::new();
    assert_eq!(draft.check(Field::CertificateOther, today()), Ok(()));
}

#[test]
fn optional_fields_are_checked_only_when_given() {
    let mut draft = filled();
    draft.district = String::new();
    draft.expiry = String::new();
    draft.message = "   ".into();
    let enquiry = draft.validate(today()).unwrap();
    assert_eq!(
        (enquiry.district, enquiry.expiry, enquiry.message),
        (None, None, None)
    );

    draft.district = "长沙市".into();
    assert_eq!(
        draft.check(Field::District, today()),
        Err(FieldError::UnknownDistrict)
    );
    draft.certificate = "no-such-type".into();
    assert_eq!(
        draft.check(Field::Certificate, today()),
        Err(FieldError::NoCertificate)
    );
    for (expiry, ok) in [
        ("2026-02-30", false),
        ("2026/03/01", false),
        ("0202-03-01", false),
        ("2047-01-01", false),
        ("2046-11-26", true),
        ("2006-11-26", true),
        ("2020-01-01", true),
    ] {
        draft.expiry = expiry.into();
        assert_eq!(draft.check(Field::Expiry, today()).is_ok(), ok, "{expiry}");
    }
}

#[test]
fn consent_belongs_to_a_notice_version() {
    let mut draft = filled();
    assert!(draft.consented());
    draft.consent = Some(Consent {
        at_ms: NOW_MS,
        notice_version: NOTICE_VERSION + 1,
    });
    assert!(!draft.consented());
    assert_eq!(
        draft.check(Field::Consent, today()),
        Err(FieldError::NoConsent)
    );
    draft.set_consent(false, NOW_MS);
    assert_eq!(draft.consent, None);
    assert!(EnquiryDraft::default().is_empty());
    assert!(!filled().is_empty());
}

#[test]
fn feedback_shows_on_leaving_and_follows_corrections() {
    let check = |text: &str| {
        let mut draft = EnquiryDraft::default();
        draft.set_text(Field::Phone, text.into());
        draft.check(Field::Phone, today())
    };
    // Typing into a fresh field shows nothing.
    let fresh = Feedback::default().typed(check("138"));
    assert_eq!(fresh.shown(), None);
    // Leaving it shows the error…
    let left = Feedback::left(check("138"));
    assert_eq!(left.shown(), Some(FieldError::Phone));
    // …which follows each keystroke, and goes once the number is right.
    assert_eq!(left.typed(check("")).shown(), Some(FieldError::Empty));
    let fixed = left.typed(check(VALID));
    assert_eq!(fixed.shown(), None);
    // A field once right shows nothing new while retyped, until it is left again.
    assert_eq!(fixed.typed(check("13")).shown(), None);
}

#[test]
fn drafts_round_trip_and_old_or_damaged_ones_are_reported() {
    let draft = filled();
    let text = encode(&draft);
    let raw: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(raw["v"], 1);
    assert_eq!(raw["data"]["phone"], "138 0013 8000");
    assert_eq!(decode::<EnquiryDraft>(&text), Ok(draft));
    // Fields missing from an older draft default.
    assert_eq!(
        decode::<EnquiryDraft>(r#"{"v":1,"data":{"name":"张三"}}"#),
        Ok(EnquiryDraft {
            name: "张三".into(),
            ..EnquiryDraft::default()
        })
    );
    assert_eq!(decode::<EnquiryDraft>("{"), Err(StoreError::Unreadable));
    assert_eq!(
        decode::<EnquiryDraft>(r#"{"v":1,"data":7}"#),
        Err(StoreError::Unreadable)
    );
    assert_eq!(
        decode::<EnquiryDraft>(r#"{"v":2,"data":{}}"#),
        Err(StoreError::UnknownVersion(2))
    );
}

proptest! {
    /// Whatever the user types survives the trip through storage, byte for byte.
    #[test]
    fn any_draft_round_trips(
        name in "\\PC{0,40}", phone in "\\PC{0,20}", message in "\\PC{0,80}",
        other in "\\PC{0,10}", at in any::<i64>(), ticked in any::<bool>(),
    ) {
        let mut draft = EnquiryDraft { name, phone, message, certificate_other: other, ..EnquiryDraft::default() };
        draft.set_consent(ticked, at);
        let back: EnquiryDraft = decode(&encode(&draft)).unwrap();
        prop_assert_eq!(back, draft);
    }

    /// Stored text of any shape is read or refused, never a panic.
    #[test]
    fn stored_garbage_never_panics(text in "\\PC{0,60}") {
        let _ = decode::<EnquiryDraft>(&text);
        let _ = decode::<Outbox>(&text);
    }
}

// ---- the payload ----

#[test]
fn ids_are_version_4_uuids_and_references_come_from_them() {
    let id = client_id([0xab; 16]);
    assert_eq!(id, "abababab-abab-4bab-abab-abababababab");
    assert_eq!(client_id([0; 16]), "00000000-0000-4000-8000-000000000000");
    // 0xabababababab4bab = 12370169555311086507.
    assert_eq!(reference(&id), "11086507");
    assert_eq!(reference_for_display("11086507"), "1108 6507");
    assert_eq!(reference(&client_id([0; 16])), "00016384");
    assert_eq!(reference("zzzz"), "00000000");
}

proptest! {
    #[test]
    fn every_id_has_the_uuid_shape_and_an_8_digit_reference(bytes in any::<[u8; 16]>()) {
        let id = client_id(bytes);
        prop_assert_eq!(id.len(), 36);
        prop_assert_eq!(&id[14..15], "4");
        prop_assert!(matches!(&id[19..20], "8" | "9" | "a" | "b"));
        let r = reference(&id);
        prop_assert!(r.len() == 8 && r.bytes().all(|b| b.is_ascii_digit()));
    }
}

#[test]
fn times_are_china_time() {
    assert_eq!(saved_at(NOW_MS, today()), "11月26日 19:30");
    assert_eq!(
        sent_before(NOW_MS, "11086507", today()),
        "你在11月26日提交过咨询，编号 1108 6507。"
    );
    assert_eq!(saved_at(NOW_MS + 5 * 3_600_000, today()), "11月27日 00:30");
    // Another year is named (the staff inbox shows older enquiries this way too).
    assert_eq!(
        saved_at(NOW_MS - 365 * 86_400_000, today()),
        "2025年11月26日 19:30"
    );
    assert_eq!(china_time_rfc3339(NOW_MS), "2026-11-26T19:30:05.123+08:00");
    assert_eq!(china_time_rfc3339(0), "1970-01-01T08:00:00.000+08:00");
}

#[test]
fn the_payload_is_exactly_this_json() {
    let enquiry = filled().validate(today()).unwrap();
    let id = client_id([0xab; 16]);
    let json = payload_json(&enquiry, &id, NOW_MS, "https://example.cn/fushen/");
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&json).unwrap(),
        serde_json::json!({
            "version": 1,
            "id": "abababab-abab-4bab-abab-abababababab",
            "reference": "11086507",
            "submitted_at": "2026-11-26T19:30:05.123+08:00",
            "page": "https://example.cn/fushen/",
            "fields": {
                "name": "张三",
                "phone": "13800138000",
                "certificate": {
                    "code": "fusion-welding",
                    "category": "焊接与热切割作业",
                    "name": "熔化焊接与热切割作业"
                },
                "district": "珠晖区",
                "expiry_date": "2027-03-01",
                "message": "想参加下个月的复审培训"
            },
            "consent": { "given_at": "2026-11-26T19:29:50.123+08:00", "notice_version": 1 }
        })
    );

    let mut other = filled();
    other.certificate = OTHER_SLUG.into();
    other.certificate_other = "锅炉司炉".into();
    other.district = String::new();
    other.expiry = String::new();
    other.message = String::new();
    let json = payload_json(&other.validate(today()).unwrap(), &id, NOW_MS, "p");
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        value["fields"],
        serde_json::json!({
            "name": "张三",
            "phone": "13800138000",
            "certificate": { "code": "other", "category": "其他", "name": "锅炉司炉" },
            "district": null,
            "expiry_date": null,
            "message": null
        })
    );
}

#[test]
fn every_listed_item_and_district_can_be_sent() {
    for category in CATALOGUE {
        for kind in category.kinds {
            let mut draft = filled();
            draft.certificate = kind.slug().into();
            assert!(draft.validate(today()).is_ok(), "{}", kind.slug());
        }
    }
    for district in DISTRICTS {
        let mut draft = filled();
        draft.district = (*district).into();
        assert!(draft.validate(today()).is_ok(), "{district}");
    }
}

// ---- delivery ----

#[test]
fn statuses_map_to_outcomes() {
    assert_eq!(outcome_for_status(200, ""), Outcome::Delivered);
    assert_eq!(outcome_for_status(201, ""), Outcome::Delivered);
    assert_eq!(outcome_for_status(204, ""), Outcome::Delivered);
    for retry in [408, 409, 425, 429, 500, 502, 503, 504, 302, 0] {
        assert_eq!(
            outcome_for_status(retry, "busy"),
            Outcome::Failed(Failure::Status(retry)),
            "{retry}"
        );
    }
    assert_eq!(
        outcome_for_status(400, r#"{"message":"手机号码已登记"}"#),
        Outcome::Rejected {
            status: 400,
            message: Some("手机号码已登记".into())
        }
    );
    assert_eq!(
        outcome_for_status(422, r#"{"error":"bad phone"}"#),
        Outcome::Rejected {
            status: 422,
            message: Some("bad phone".into())
        }
    );
    assert_eq!(
        outcome_for_status(404, "<html><body>Not Found</body></html>"),
        Outcome::Rejected {
            status: 404,
            message: None
        }
    );
}

#[test]
fn server_messages_are_short_plain_text() {
    assert_eq!(
        server_message("  请稍后\n再试  ").as_deref(),
        Some("请稍后 再试")
    );
    assert_eq!(server_message(""), None);
    assert_eq!(server_message("{}"), None);
    assert_eq!(server_message(r#"{"message": 3}"#), None);
    assert_eq!(server_message("{broken"), None);
    let long = server_message(&"长".repeat(300)).unwrap();
    assert_eq!(long.chars().count(), 121);
    assert!(long.ends_with('…'));
}

#[test]
fn backoff_doubles_up_to_a_cap() {
    let delays: Vec<i64> = (1..=9).map(retry_delay_ms).collect();
    assert_eq!(
        delays,
        vec![5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000]
    );
    assert_eq!(retry_delay_ms(0), 5_000);
    assert_eq!(retry_delay_ms(u32::MAX), 300_000);
}

fn queued(ids: &[&str]) -> Outbox {
    let mut outbox = Outbox::default();
    for id in ids {
        outbox.queue(
            (*id).into(),
            reference(id),
            format!("body {id}"),
            filled(),
            NOW_MS,
        );
    }
    outbox
}

#[test]
fn failures_keep_the_entry_and_push_its_time_back() {
    let mut outbox = queued(&["a", "b"]);
    assert_eq!(outbox.due(Some(NOW_MS)), vec!["a", "b"]);
    let step = outbox.record("a", Outcome::Failed(Failure::Network), NOW_MS);
    assert_eq!(step, Step::RetryAt(NOW_MS + 5_000));
    let step = outbox.record("a", Outcome::Failed(Failure::Timeout), NOW_MS + 5_000);
    assert_eq!(step, Step::RetryAt(NOW_MS + 15_000));
    assert_eq!(outbox.due(Some(NOW_MS + 6_000)), vec!["b"]);
    assert_eq!(outbox.due(None), vec!["a", "b"]);
    assert_eq!(outbox.next_due_ms(), Some(NOW_MS));
    let entry = outbox.get("a").unwrap();
    assert_eq!((entry.attempts, entry.body.as_str()), (2, "body a"));
}

#[test]
fn delivery_and_refusal_take_the_entry_out() {
    let mut outbox = queued(&["a", "b"]);
    match outbox.record("a", Outcome::Delivered, NOW_MS) {
        Step::Delivered(entry) => assert_eq!(entry.id, "a"),
        other => panic!("{other:?}"),
    }
    let refused = Outcome::Rejected {
        status: 400,
        message: None,
    };
    match outbox.record("b", refused.clone(), NOW_MS) {
        Step::Rejected { entry, status, .. } => assert_eq!((entry.draft, status), (filled(), 400)),
        other => panic!("{other:?}"),
    }
    assert!(outbox.entries.is_empty());
    assert_eq!(outbox.record("a", Outcome::Delivered, NOW_MS), Step::Gone);
    assert_eq!(outbox.next_due_ms(), None);
}

#[test]
fn the_outbox_waits_once_an_attempt_failed_or_when_nothing_is_being_sent() {
    assert!(!Outbox::default().is_waiting(false));
    let mut outbox = queued(&["a"]);
    // The first attempt under way: not waiting yet; left by an earlier visit: waiting.
    assert!(!outbox.is_waiting(true));
    assert!(outbox.is_waiting(false));
    outbox.record("a", Outcome::Failed(Failure::Network), NOW_MS);
    assert!(outbox.is_waiting(true));
    assert_eq!(
        messages::queued_entry(&outbox.entries[0], today()),
        "咨询编号 0000 0010，11月26日 19:30保存"
    );
}

#[test]
fn the_outbox_round_trips_through_storage() {
    let mut outbox = queued(&["a"]);
    outbox.record("a", Outcome::Failed(Failure::Status(503)), NOW_MS);
    assert_eq!(decode::<Outbox>(&encode(&outbox)), Ok(outbox));
}

#[test]
fn the_sent_log_keeps_the_last_five() {
    let mut log = SentLog::default();
    for i in 0..7 {
        log.add(format!("{i:08}"), i);
    }
    assert_eq!(log.records.len(), 5);
    assert_eq!(log.records[0].reference, "00000002");
    assert_eq!(log.latest().map(|r| r.at_ms), Some(6));
}

#[test]
fn the_readme_example_reference_is_right() {
    assert_eq!(
        reference("3f2a8c1e-5b7d-4e9f-8a6b-1c2d3e4f5a6b"),
        "23153823"
    );
}

proptest! {
    /// Whatever the receiver says in `{"message": …}`, the user reads it (whitespace tidied, long
    /// texts cut), and an odd body never panics.
    #[test]
    fn receiver_messages_are_read(said in "[^\\p{Cc}]{1,100}", body in "\\PC{0,80}") {
        let json = serde_json::json!({ "message": said }).to_string();
        let tidy = said.split_whitespace().collect::<Vec<_>>().join(" ");
        prop_assert_eq!(server_message(&json), (!tidy.is_empty()).then_some(tidy));
        let _ = server_message(&body);
    }
}

// ---- the form as a whole ----

mod form {
    use super::*;
    use crate::enquiry::form::{Delivered, Focus, Form, Status, Submitted};
    use crate::enquiry::submit::Occasion;

    fn occasion(has_endpoint: bool) -> Occasion<'static> {
        Occasion {
            today: today(),
            now_ms: NOW_MS,
            random: [0xab; 16],
            page: "https://example.cn/",
            has_endpoint,
            honeypot: "",
        }
    }

    fn filled_form() -> Form {
        Form::new(filled(), today())
    }

    #[test]
    fn a_failed_submit_shows_every_error_and_focuses_the_first() {
        let mut form = Form::new(EnquiryDraft::default(), today());
        form.typed(Field::Phone, "12".into());
        assert_eq!(form.error(Field::Phone), None);
        let submitted = form.submit(occasion(true));
        assert_eq!(submitted, Submitted::Stay(Some(Focus::Field(Field::Name))));
        assert_eq!(form.error(Field::Name), Some(FieldError::Empty));
        assert_eq!(form.error(Field::Phone), Some(FieldError::Phone));
        assert_eq!(
            form.error(Field::Certificate),
            Some(FieldError::NoCertificate)
        );
        assert_eq!(form.error(Field::Consent), Some(FieldError::NoConsent));
        assert_eq!(form.error(Field::District), None);
        assert!(form.status.is_problem());
        assert_eq!(
            form.status.text(true),
            "还有4处需要修改：姓名、手机号码、证书类型、同意《个人信息说明》。"
        );
        // Correcting clears the error at once.
        form.typed(Field::Phone, VALID.into());
        assert_eq!(form.error(Field::Phone), None);
        form.chose(Field::Certificate, OTHER_SLUG.into());
        assert_eq!(form.error(Field::Certificate), None);
        form.left(Field::CertificateOther);
        assert_eq!(form.error(Field::CertificateOther), Some(FieldError::Empty));
        // Choosing a listed type again takes the "其他" error away with its field.
        form.chose(Field::Certificate, "brazing".into());
        assert_eq!(form.error(Field::CertificateOther), None);
    }

    #[test]
    fn a_valid_submit_sends_or_stays_here() {
        let mut form = filled_form();
        let Submitted::Send {
            id, body, draft, ..
        } = form.submit(occasion(true))
        else {
            panic!("not sent");
        };
        assert_eq!(id, client_id([0xab; 16]));
        assert!(body.contains("\"reference\":\"11086507\""));
        assert_eq!(*draft, filled());
        assert_eq!(form.status, Status::Sending);

        let mut form = filled_form();
        assert_eq!(form.submit(occasion(false)), Submitted::Stay(None));
        assert_eq!(form.status, Status::KeptHere { saved: true });
        assert!(form.status.offers_phone());
        assert!(form.status.text(true).ends_with("请直接打电话咨询："));
        form.draft_saved = false;
        form.submit(occasion(false));
        assert!(form.status.text(false).contains("不能保存"));
        assert_eq!(form.draft, filled(), "nothing typed is lost");

        let mut form = filled_form();
        let bot = Occasion {
            honeypot: "http://x",
            ..occasion(true)
        };
        assert_eq!(form.submit(bot), Submitted::Stay(None));
        assert_eq!(form.status, Status::NotSent);
    }

    fn entry() -> crate::enquiry::OutboxEntry {
        let mut outbox = Outbox::default();
        outbox.queue(
            "id-1".into(),
            "11086507".into(),
            "{}".into(),
            filled(),
            NOW_MS,
        );
        outbox.entries.remove(0)
    }

    #[test]
    fn a_delivery_clears_the_form_and_confirms() {
        let mut form = filled_form();
        let focus = form.delivery(Step::Delivered(entry()), true);
        assert_eq!(focus, Some(Focus::Outcome));
        assert!(form.draft.is_empty());
        assert_eq!(
            form.delivered,
            Some(Delivered {
                reference: "11086507".into(),
                tail: Some("8000".into()),
                later: false
            })
        );
        // A delivery of something else leaves the form alone.
        let mut form = Form::new(
            EnquiryDraft {
                name: "王五".into(),
                ..EnquiryDraft::default()
            },
            today(),
        );
        form.delivery(Step::Delivered(entry()), false);
        assert_eq!(form.draft.name, "王五");
        assert!(form.delivered.as_ref().is_some_and(|d| d.later));
        assert_eq!(
            form.delivered.as_ref().map(Delivered::title),
            Some("之前保存的咨询已经发出")
        );
    }

    #[test]
    fn a_refusal_gives_the_enquiry_back_and_a_failure_only_moves_focus() {
        let mut form = Form::new(EnquiryDraft::default(), today());
        let focus = form.delivery(
            Step::Rejected {
                entry: entry(),
                status: 422,
                message: Some("号码已登记".into()),
            },
            false,
        );
        assert_eq!(focus, Some(Focus::Submit));
        assert_eq!(form.draft, filled());
        assert_eq!(
            form.status.text(true),
            "提交没有被接收：号码已登记（422）。请修改后再提交，或直接打电话咨询。"
        );
        let mut form = filled_form();
        assert_eq!(
            form.delivery(Step::RetryAt(NOW_MS), true),
            Some(Focus::Pending)
        );
        assert_eq!(form.delivery(Step::RetryAt(NOW_MS), false), None);
        assert_eq!(form.delivery(Step::Gone, false), None);
        assert_eq!(form.draft, filled());
    }

    /// A page put on a static host keeps the default endpoint, and the host answers the POST
    /// with 404, 405 or 501: the user hears what a page without an endpoint says, never a
    /// refusal of what they wrote, and the enquiry is neither lost nor retried for ever.
    #[test]
    fn a_static_host_without_a_receiver_keeps_the_enquiry_here() {
        let mut no_endpoint = filled_form();
        assert_eq!(no_endpoint.submit(occasion(false)), Submitted::Stay(None));
        for status in [404, 405, 501] {
            let mut outbox = Outbox::default();
            outbox.queue(
                "id-1".into(),
                "11086507".into(),
                "{}".into(),
                filled(),
                NOW_MS,
            );
            let outcome = outcome_for_status(status, "<html>405 Not Allowed</html>");
            let step = outbox.record("id-1", outcome, NOW_MS);
            assert!(outbox.entries.is_empty(), "{status}: not retried");
            for foreground in [true, false] {
                let mut form = Form::new(EnquiryDraft::default(), today());
                let focus = form.delivery(step.clone(), foreground);
                assert_eq!(focus, Some(Focus::Submit));
                assert_eq!(form.draft, filled(), "{status}: back in the form");
                assert_eq!(form.status, Status::KeptHere { saved: true });
                assert_eq!(form.status, no_endpoint.status);
                assert_eq!(
                    form.status.text(true),
                    "本页面暂时不能在线提交。你填写的内容已保存在这部手机上，请直接打电话咨询："
                );
                assert!(!form.status.is_problem() && form.status.offers_phone());
                assert_eq!(form.delivered, None);
            }
        }
        // Other refusals and 5xx keep their meaning.
        assert!(matches!(
            outcome_for_status(400, ""),
            Outcome::Rejected { .. }
        ));
        assert_eq!(
            outcome_for_status(500, ""),
            Outcome::Failed(Failure::Status(500))
        );
    }

    #[test]
    fn clear_undo_and_take_back() {
        let mut form = filled_form();
        form.submit(occasion(true));
        form.clear();
        assert!(form.draft.is_empty());
        assert!(matches!(form.status, Status::Cleared(_)));
        assert_eq!(form.undo(), Some(Focus::Field(Field::Name)));
        assert_eq!(form.draft, filled());
        assert_eq!(form.status, Status::Idle);
        assert_eq!(form.undo(), None);
        // Clearing an empty form says nothing.
        let mut empty = Form::new(EnquiryDraft::default(), today());
        empty.clear();
        assert_eq!(empty.status, Status::Idle);
        assert_eq!(empty.take_back(filled()), Focus::Field(Field::Name));
        assert_eq!(empty.draft, filled());
    }
}

// ---- frozen formats ----

mod frozen {
    use super::*;

    const DRAFT: &str = include_str!("../../tests/fixtures/enquiry/v1-draft.json");
    const DRAFT_NO_CONSENT: &str =
        include_str!("../../tests/fixtures/enquiry/v1-draft-no-consent.json");
    const OUTBOX: &str = include_str!("../../tests/fixtures/enquiry/v1-outbox.json");
    const SENT: &str = include_str!("../../tests/fixtures/enquiry/v1-sent.json");
    const PAYLOAD: &str = include_str!("../../tests/fixtures/enquiry/v1-payload.json");
    const PAYLOAD_OTHER: &str = include_str!("../../tests/fixtures/enquiry/v1-payload-other.json");

    fn other() -> EnquiryDraft {
        let mut other = filled();
        other.certificate = OTHER_SLUG.into();
        other.certificate_other = "锅炉\"司炉\"\n\\ 工".into();
        other.district = String::new();
        other.expiry = String::new();
        other.message = "第一行\n第二行 \u{1F600}".into();
        other
    }

    /// The outbox of the fixture: the first enquiry failed once with a 503.
    fn outbox() -> Outbox {
        let first = client_id([0xab; 16]);
        let second = client_id([0x12; 16]);
        let mut outbox = Outbox::default();
        outbox.queue(
            first.clone(),
            reference(&first),
            PAYLOAD.into(),
            filled(),
            NOW_MS,
        );
        outbox.queue(
            second.clone(),
            reference(&second),
            PAYLOAD_OTHER.into(),
            other(),
            NOW_MS + 1,
        );
        outbox.record(&first, Outcome::Failed(Failure::Status(503)), NOW_MS + 2000);
        outbox
    }

    #[test]
    fn stored_values_are_written_and_read_byte_for_byte_as_before() {
        assert_eq!(encode(&filled()), DRAFT);
        assert_eq!(decode::<EnquiryDraft>(DRAFT), Ok(filled()));
        let named = EnquiryDraft {
            name: "李四".into(),
            ..EnquiryDraft::default()
        };
        assert_eq!(encode(&named), DRAFT_NO_CONSENT);
        assert_eq!(decode::<EnquiryDraft>(DRAFT_NO_CONSENT), Ok(named));
        assert_eq!(encode(&outbox()), OUTBOX);
        assert_eq!(decode::<Outbox>(OUTBOX), Ok(outbox()));
        let mut log = SentLog::default();
        log.add("11086507".into(), NOW_MS);
        log.add("00000042".into(), NOW_MS + 60_000);
        assert_eq!(encode(&log), SENT);
        assert_eq!(decode::<SentLog>(SENT), Ok(log));
    }

    #[test]
    fn the_body_is_sent_byte_for_byte_as_before() {
        let enquiry = filled().validate(today()).unwrap();
        let body = payload_json(
            &enquiry,
            &client_id([0xab; 16]),
            NOW_MS,
            "https://example.cn/fushen/",
        );
        assert_eq!(body, PAYLOAD);
        let other = other().validate(today()).unwrap();
        assert_eq!(
            payload_json(&other, &client_id([0x12; 16]), NOW_MS + 1, "p"),
            PAYLOAD_OTHER
        );
        // The receiver reads it with the same type.
        let read: super::super::payload::EnquiryPayload = serde_json::from_str(PAYLOAD).unwrap();
        assert_eq!(read.fields.certificate.code, "fusion-welding");
        assert_eq!(read.consent.notice_version, NOTICE_VERSION);
    }

    #[test]
    fn an_entry_without_id_or_body_makes_the_outbox_unreadable() {
        let text = OUTBOX.replacen(
            "\"id\":\"abababab-abab-4bab-abab-abababababab\"",
            "\"id\":\"\"",
            1,
        );
        assert_eq!(decode::<Outbox>(&text), Err(StoreError::Unreadable));
    }
}
