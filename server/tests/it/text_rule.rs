//! The one text rule (`fushen_domain::enquiry::hygiene`), end to end: whatever the form accepts,
//! however hostile the Unicode it was typed with, is stored, shown in the inbox and exported to
//! CSV unchanged, and no invisible or direction-changing character reaches any of them; what the
//! rule refuses is refused by the receiver too, with the form's own words.

use crate::util::*;
use axum::http::StatusCode;
use fushen_domain::enquiry::draft::{EnquiryDraft, Field};
use fushen_domain::enquiry::hygiene::is_clean;
use fushen_server::clock::{china_today, now_ms};
use fushen_server::csv::{cell, FORMULA_STARTS};
use fushen_server::db::enquiries;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// Characters an attacker or a copy-paste brings: direction controls, invisible fillers, tags,
/// stacked marks, line separators, NUL and friends.
const HOSTILE: &[char] = &[
    '\u{202E}',
    '\u{202D}',
    '\u{202A}',
    '\u{202C}',
    '\u{2066}',
    '\u{2067}',
    '\u{2068}',
    '\u{2069}',
    '\u{061C}',
    '\u{200E}',
    '\u{200F}',
    '\u{00AD}',
    '\u{3164}',
    '\u{115F}',
    '\u{FFA0}',
    '\u{E0041}',
    '\u{E007F}',
    '\u{0301}',
    '\u{0336}',
    '\u{20DD}',
    '\u{200B}',
    '\u{FEFF}',
    '\u{2028}',
    '\u{2029}',
    '\u{0}',
    '\u{7}',
    '\u{1B}',
    '\u{85}',
    '\r',
    '\n',
    '\t',
    '=',
    '＝',
    '＋',
    '－',
    '＠',
    '<',
    '>',
    '&',
    '"',
    '\'',
    ',',
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => prop::sample::select(HOSTILE),
            3 => prop::char::range('一', '龥'),
            1 => prop::char::range('a', 'z'),
            1 => Just(' '),
            1 => any::<char>(),
        ],
        0..40,
    )
    .prop_map(String::from_iter)
}

/// The byte order mark the CSV starts with, for Excel and WPS.
const BOM: &str = "\u{feff}";

/// The CSV cell's text as a spreadsheet reads it (quotes undone).
fn unquoted(cell: &str) -> String {
    cell.strip_prefix('"')
        .and_then(|c| c.strip_suffix('"'))
        .map(|c| c.replace("\"\"", "\""))
        .unwrap_or_else(|| cell.to_string())
}

#[test]
fn accepted_text_round_trips_clean_through_database_inbox_and_csv() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let app = app_with(&[("FUSHEN_RATE_LIMIT", "1000000")]);
    let session = runtime.block_on(async {
        with_account(&app).await;
        let answer = sign_in(&app, PASSWORD).await;
        set_cookie(&answer, "fushen_staff").0
    });
    let today = china_today(now_ms());
    let seed = std::cell::Cell::new(1000u64);
    let stored = std::cell::Cell::new(0);
    let mut runner = TestRunner::new(Config {
        cases: 48,
        ..Config::default()
    });
    runner
        .run(
            &(text(), text(), text(), text()),
            |(name, other, message, note)| {
                seed.set(seed.get() + 1);
                let mut draft = EnquiryDraft {
                    name,
                    certificate: "other".into(),
                    certificate_other: other,
                    message,
                    ..draft("张三", "138 0013 8000")
                };
                // A field the rule refuses is typed again plainly: the others are still tried.
                let enquiry = loop {
                    match draft.validate(today) {
                        Ok(enquiry) => break enquiry,
                        Err(errors) => match errors[0].0 {
                            Field::Name => draft.name = "张三".into(),
                            Field::CertificateOther => draft.certificate_other = "锅炉司炉".into(),
                            Field::Message => draft.message.clear(),
                            field => panic!("{field:?}: {errors:?}"),
                        },
                    }
                };
                let (body, id) = body_of(&draft, seed.get());
                let note_given = note.clone();
                let (html, csv, row) = runtime.block_on(async {
                    let answer = post(&app.router, &body, &id).await;
                    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text());
                    let page = get(&app.router, "/staff/", &[("cookie", &session)]).await;
                    let csrf = field(&page.text(), "csrf");
                    let saved = send(
                        &app.router,
                        form(
                            &format!("/staff/enquiries/{id}"),
                            &session,
                            &[
                                ("csrf", &csrf),
                                ("status", "contacted"),
                                ("note", &note_given),
                            ],
                        ),
                    )
                    .await;
                    // The list and the enquiry's own page (every field, the history's notes).
                    let list = get(&app.router, "/staff/", &[("cookie", &session)]).await;
                    let own = get(
                        &app.router,
                        &format!("/staff/enquiries/{id}"),
                        &[("cookie", &session)],
                    )
                    .await;
                    let html = format!("{}{}", list.text(), own.text());
                    let csv = get(&app.router, "/staff/export.csv", &[("cookie", &session)]).await;
                    let key = id.clone();
                    let row = app
                        .db
                        .call(move |c| Ok(enquiries::all(c)?))
                        .await
                        .unwrap()
                        .into_iter()
                        .find(|r| r.id == key)
                        .unwrap();
                    (html, csv.text(), (row, saved.status))
                });
                let (row, saved) = row;
                // The database holds exactly what the form sent.
                prop_assert_eq!(&row.name, &enquiry.name);
                prop_assert_eq!(&row.message, &enquiry.message);
                let note_kept = fushen_domain::enquiry::text::normalise_note(&note, 1000);
                match &note_kept {
                    Ok(kept) => {
                        prop_assert_eq!(saved, StatusCode::SEE_OTHER);
                        prop_assert_eq!(&row.note, kept);
                    }
                    Err(_) => prop_assert_eq!(saved, StatusCode::UNPROCESSABLE_ENTITY),
                }
                let mut texts = vec![row.name.clone(), row.cert_name.clone(), row.note.clone()];
                texts.extend(row.message.clone());
                for text in &texts {
                    prop_assert!(is_clean(text, true), "{:?}", text);
                    // The inbox shows it, escaped and otherwise as it is ...
                    if !text.is_empty() {
                        let shown = maud::html! { (text) }.into_string();
                        prop_assert!(html.contains(&shown), "inbox lacks {:?}", text);
                    }
                    // ... and the CSV cell reads back as it is.
                    let written = cell(text);
                    prop_assert!(csv.contains(&written), "csv lacks {:?}", written);
                    let guarded = text.starts_with(FORMULA_STARTS);
                    let expected = if guarded {
                        format!("'{text}")
                    } else {
                        text.clone()
                    };
                    prop_assert_eq!(unquoted(&written), expected);
                }
                // Nothing anywhere on the page or in the file is invisible or turns text around.
                // Rows end in CRLF, as spreadsheets expect; inside cells only LF is left.
                let csv_text = csv.strip_prefix(BOM).unwrap_or(&csv).replace("\r\n", "\n");
                prop_assert!(is_clean(&html, true), "the inbox page");
                prop_assert!(is_clean(&csv_text, true), "the CSV");
                stored.set(stored.get() + 1);
                Ok(())
            },
        )
        .unwrap();
    assert!(stored.get() >= 48);
}

#[tokio::test]
async fn hostile_text_sent_past_the_form_is_refused_in_the_forms_words() {
    let app = app();
    let (body, id) = enquiry(7);
    let cases: &[(&str, &str, &str)] = &[
        (
            "/fields/message",
            "回电 \u{202E}0008 3100 831\u{202C}",
            "留言的写法不对",
        ),
        ("/fields/name", "\u{3164}\u{3164}", "姓名：不能为空"),
        ("/fields/name", "张\u{2066}三", "姓名的写法不对"),
        (
            "/fields/message",
            "你好\u{E0041}\u{E0042}",
            "留言的写法不对",
        ),
        (
            "/fields/message",
            "a\u{0301}\u{0302}\u{0303}\u{0304}\u{0305}",
            "留言：有好几个符号叠在同一个字上",
        ),
        ("/fields/message", "软\u{00AD}连字符", "留言的写法不对"),
        ("/fields/message", "空\u{0}字符", "留言的写法不对"),
        (
            "/page",
            "https://example.cn/\u{2028}<script>",
            "页面地址不对",
        ),
        ("/page", "javascript:alert(1)", "页面地址不对"),
        (
            "/submitted_at",
            "1970-01-01T08:00:00+08:00",
            "这部手机的日期或时间不对",
        ),
        (
            "/consent/given_at",
            "1970-01-01T08:00:00+08:00",
            "这部手机的日期或时间不对",
        ),
    ];
    for (pointer, value, words) in cases {
        let mut payload: serde_json::Value = serde_json::from_str(&body).unwrap();
        *payload.pointer_mut(pointer).unwrap() = (*value).into();
        let answer = post(&app.router, &payload.to_string(), &id).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{value:?}");
        assert!(
            answer.message().contains(words),
            "{value:?}: {}",
            answer.message()
        );
    }
    // The 其他 words turned around by U+202E.
    let mut payload: serde_json::Value = serde_json::from_str(&body).unwrap();
    payload["fields"]["certificate"] =
        serde_json::json!({"code": "other", "category": "其他", "name": "\u{202E}炉司炉锅"});
    let answer = post(&app.router, &payload.to_string(), &id).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        answer.message().contains("其他证书类型的写法不对"),
        "{}",
        answer.message()
    );
    assert_eq!(count(&app.db).await, 0);
}
