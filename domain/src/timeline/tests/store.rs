//! The stored JSON: round trips, the frozen fixtures of each version, and refusals that keep
//! the raw value for the caller.

use proptest::prelude::*;

use super::{any_timeline, d, two_certificates};
use crate::certificate::CertificateType;
use crate::timeline::model::{EventKind, Place, Problem};
use crate::timeline::store::*;

const V1_TWO: &str = include_str!("../../../tests/fixtures/timeline/v1-two-certificates.json");
const V1_EMPTY: &str = include_str!("../../../tests/fixtures/timeline/v1-empty.json");
const V1_OTHER: &str =
    include_str!("../../../tests/fixtures/timeline/v1-other-type-and-notes.json");
const V1_INVALID: &str = include_str!("../../../tests/fixtures/timeline/v1-invalid-values.json");
const CORRUPTED: &str = include_str!("../../../tests/fixtures/timeline/corrupted-truncated.txt");
const NEWER: &str = include_str!("../../../tests/fixtures/timeline/foreign-newer-version.json");
const OTHER_APP: &str = include_str!("../../../tests/fixtures/timeline/foreign-other-app.json");
/// What the version-1 writer wrote for [`two_certificates`] and for `V1_OTHER`, byte for byte.
const V1_WRITTEN: &str = include_str!("../../../tests/fixtures/timeline/v1-written.json");
const V1_WRITTEN_OTHER: &str =
    include_str!("../../../tests/fixtures/timeline/v1-written-other.json");

#[test]
fn version_1_is_written_byte_for_byte_as_before() {
    assert_eq!(to_json(&two_certificates()), V1_WRITTEN);
    assert_eq!(to_json(&from_json(V1_OTHER).unwrap()), V1_WRITTEN_OTHER);
    assert_eq!(from_json(V1_WRITTEN).unwrap(), two_certificates());
}

#[test]
fn a_value_of_the_wrong_type_is_reported_with_its_place_in_the_text() {
    let text = "{\"app\":\"fushen-timeline\",\"version\":1,\n\"certificates\":[{\"type\":\"w1\",\"label\":5}]}";
    let Err(LoadError::Invalid(issues)) = from_json(text) else {
        panic!("should be refused");
    };
    assert_eq!(issues.len(), 1);
    assert!(matches!(
        issues[0].problem,
        IssueKind::Malformed { line: 2, .. }
    ));
    assert_eq!(
        LoadError::Invalid(issues).import_message(),
        "备份文件里有1处问题，没有导入：文件：第2行第38个字符处的内容格式不对"
    );
}

#[test]
fn version_1_fixtures_read_as_written() {
    assert_eq!(from_json(V1_TWO).unwrap(), two_certificates());
    assert!(from_json(V1_EMPTY).unwrap().is_empty());
    let t = from_json(V1_OTHER).unwrap();
    let c = &t.certificates[0];
    assert_eq!(
        c.data.kind,
        CertificateType::Other("金属非金属矿山安全检查作业".into())
    );
    assert_eq!(c.data.first_issued, d(2024, 2, 29));
    assert_eq!(c.data.valid_until, None, "missing means derived");
    assert_eq!(c.events[0].data.kind, EventKind::Note);
    assert_eq!(
        c.events[0].data.note,
        "问过培训机构, 说明年春天开班; 费用另算"
    );
    // What this version writes reads back the same.
    assert_eq!(from_json(&to_json(&t)).unwrap(), t);
}

#[test]
fn what_is_not_ours_or_is_newer_is_refused_whole() {
    assert_eq!(from_json(CORRUPTED), Err(LoadError::NotJson));
    assert_eq!(from_json(""), Err(LoadError::NotJson));
    assert_eq!(from_json(OTHER_APP), Err(LoadError::NotOurs));
    assert_eq!(from_json("[1,2]"), Err(LoadError::NotOurs));
    assert_eq!(
        from_json(r#"{"app":"fushen-timeline"}"#),
        Err(LoadError::NotOurs)
    );
    assert_eq!(
        from_json(r#"{"app":"fushen-timeline","version":0,"certificates":[]}"#),
        Err(LoadError::NotOurs)
    );
    assert_eq!(from_json(NEWER), Err(LoadError::Newer(2)));
    assert!(LoadError::Newer(2).storage_message().contains("更新版本"));
}

#[test]
fn every_problem_is_reported_with_its_place() {
    let Err(LoadError::Invalid(issues)) = from_json(V1_INVALID) else {
        panic!("should be refused");
    };
    let c0 = Place {
        certificate: Some(0),
        event: None,
    };
    let e0 = Place {
        certificate: Some(0),
        event: Some(0),
    };
    let e1 = Place {
        certificate: Some(0),
        event: Some(1),
    };
    assert_eq!(
        issues,
        vec![
            Issue {
                place: c0,
                field: Some(Field::Type),
                problem: IssueKind::Unknown
            },
            Issue {
                place: c0,
                field: Some(Field::FirstIssued),
                problem: IssueKind::BadDate
            },
            Issue {
                place: c0,
                field: Some(Field::Cycle),
                problem: IssueKind::Unknown
            },
            Issue {
                place: e1,
                field: Some(Field::Kind),
                problem: IssueKind::Unknown
            },
        ]
    );
    assert_eq!(issues[1].message(), "第1本证书：初领日期不是有效日期");
    assert_eq!(
        issues[3].message(),
        "第1本证书的第2条记录：记录类型无法识别"
    );
    let message = LoadError::Invalid(issues).import_message();
    assert!(
        message.starts_with("备份文件里有4处问题，没有导入："),
        "{message}"
    );

    // Rules of the model are checked too, once the values can be read.
    let hours = r#"{"app":"fushen-timeline","version":1,"certificates":[{"type":"w1","first_issued":"2020-01-01","valid_until":"2019-01-01","cycle":3,"events":[{"kind":"training","date":"2021-01-01","hours":0}]}]}"#;
    assert_eq!(
        from_json(hours),
        Err(LoadError::Invalid(vec![
            Issue {
                place: c0,
                field: None,
                problem: IssueKind::Rule(Problem::ValidBeforeIssue)
            },
            Issue {
                place: e0,
                field: None,
                problem: IssueKind::Rule(Problem::HoursOutOfRange)
            },
        ]))
    );
    let many = format!(
        r#"{{"app":"fushen-timeline","version":1,"certificates":[{}]}}"#,
        vec![r#"{"type":"w1","first_issued":"2020-01-01","cycle":3}"#; 21].join(",")
    );
    assert!(
        matches!(from_json(&many), Err(LoadError::Invalid(i)) if i[0].problem == IssueKind::Rule(Problem::TooManyCertificates))
    );
}

proptest! {
    #[test]
    fn any_timeline_round_trips(t in any_timeline()) {
        prop_assert_eq!(from_json(&to_json(&t)).unwrap().parts(), t.parts());
    }

    #[test]
    fn any_text_is_read_or_refused_without_panic(text in "\\PC{0,200}") {
        let _ = from_json(&text);
    }

    #[test]
    fn damaged_documents_are_refused_or_read_without_panic(
        cut in 0usize..400,
        flip in 0usize..400,
        byte in any::<u8>(),
    ) {
        let mut bytes = to_json(&two_certificates()).into_bytes();
        if let Some(b) = bytes.get_mut(flip) {
            *b = byte;
        }
        bytes.truncate(cut);
        let _ = from_json(&String::from_utf8_lossy(&bytes));
    }
}

proptest! {
    #[test]
    fn any_words_survive_the_json(label in "\\PC{0,30}", note in any::<String>()) {
        let mut t = two_certificates();
        t.certificates[0].data.label = label.chars().take(30).collect();
        t.certificates[0].events[0].data.note = note.chars().take(200).collect();
        let text = to_json(&t);
        prop_assert!(serde_json::from_str::<serde_json::Value>(&text).is_ok(), "{}", text);
        prop_assert_eq!(from_json(&text).unwrap(), t);
    }
}

#[test]
fn quotes_backslashes_and_control_characters_are_escaped() {
    let mut t = two_certificates();
    t.certificates[0].data.label = "a\"b\\c\nd\u{1}e\u{7f}😀".into();
    let text = to_json(&t);
    assert!(text.contains(r#""label":"a\"b\\c\nd\u0001e"#), "{text}");
    assert_eq!(from_json(&text).unwrap(), t);
}
