//! The calendar file, read back by an independent RFC 5545 parser written here (unfolding,
//! unescaping, components) rather than by the writer's own helpers.

use std::collections::HashSet;

use chrono::{NaiveDate, NaiveDateTime};

use super::{d, two_certificates};
use crate::estimate::Assumptions;
use crate::ics::{self, Alarm, AllDayEvent, Calendar};
use crate::timeline::export::{calendar, file_name};

/// A content line: name, parameters, value.
#[derive(Debug)]
struct Line {
    name: String,
    params: Vec<(String, String)>,
    value: String,
}

/// A component and what it holds.
#[derive(Debug, Default)]
struct Component {
    name: String,
    lines: Vec<Line>,
    children: Vec<Component>,
}

impl Component {
    fn get(&self, name: &str) -> Option<&Line> {
        self.lines.iter().find(|l| l.name == name)
    }
    fn text(&self, name: &str) -> String {
        unescape(&self.get(name).unwrap_or_else(|| panic!("no {name}")).value)
    }
}

fn unescape(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(c @ ('\\' | ';' | ',')) => out.push(c),
            other => panic!("bad escape \\{other:?} in {value}"),
        }
    }
    out
}

/// Parses `.ics` text strictly: CRLF only, lines of at most 75 octets, folded lines unfolded.
fn parse(text: &str) -> Component {
    assert!(text.ends_with("\r\n"));
    let physical: Vec<&str> = text[..text.len() - 2].split("\r\n").collect();
    let mut logical: Vec<String> = Vec::new();
    for line in physical {
        assert!(
            !line.contains('\n') && !line.contains('\r'),
            "bare line break"
        );
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
        match line.strip_prefix(' ').or_else(|| line.strip_prefix('\t')) {
            Some(rest) => logical
                .last_mut()
                .expect("fold before first line")
                .push_str(rest),
            None => logical.push(line.to_string()),
        }
    }
    let mut stack = vec![Component::default()];
    for line in logical {
        let (head, value) = line.split_once(':').expect("no colon");
        let mut parts = head.split(';');
        let name = parts.next().unwrap().to_ascii_uppercase();
        let params = parts
            .map(|p| {
                let (k, v) = p.split_once('=').expect("param without =");
                (k.to_ascii_uppercase(), v.to_string())
            })
            .collect();
        match name.as_str() {
            "BEGIN" => stack.push(Component {
                name: value.to_string(),
                ..Default::default()
            }),
            "END" => {
                let done = stack.pop().unwrap();
                assert_eq!(done.name, value, "END does not match BEGIN");
                stack.last_mut().unwrap().children.push(done);
            }
            _ => stack.last_mut().unwrap().lines.push(Line {
                name,
                params,
                value: value.to_string(),
            }),
        }
    }
    assert_eq!(stack.len(), 1, "unclosed component");
    let mut root = stack.pop().unwrap();
    assert_eq!(root.children.len(), 1);
    root.children.pop().unwrap()
}

fn date_of(line: &Line) -> NaiveDate {
    assert!(
        line.params.contains(&("VALUE".into(), "DATE".into())),
        "{line:?}"
    );
    NaiveDate::parse_from_str(&line.value, "%Y%m%d").unwrap()
}

fn now() -> NaiveDateTime {
    d(2026, 3, 1).and_hms_opt(2, 3, 4).unwrap()
}

#[test]
fn the_two_certificate_timeline_as_a_calendar() {
    let today = d(2026, 3, 1);
    let text = ics::write(
        &calendar(&two_certificates(), today, Assumptions::default()),
        now(),
    );
    let cal = parse(&text);
    assert_eq!(cal.name, "VCALENDAR");
    assert_eq!(cal.text("VERSION"), "2.0");
    assert!(cal.get("PRODID").is_some());
    let events: Vec<&Component> = cal.children.iter().filter(|c| c.name == "VEVENT").collect();
    assert!(events.len() >= 10, "{}", events.len());
    let mut uids = HashSet::new();
    for e in &events {
        assert!(uids.insert(e.text("UID")), "UIDs are unique");
        assert_eq!(e.get("DTSTAMP").unwrap().value, "20260301T020304Z");
        let start = date_of(e.get("DTSTART").unwrap());
        assert!(start >= today, "nothing from the past");
        assert_eq!(
            date_of(e.get("DTEND").unwrap()),
            start + chrono::Duration::days(1)
        );
    }
    // The due date, with two alarms, and two separate reminder days before it.
    let due = events
        .iter()
        .find(|e| e.get("DTSTART").unwrap().value == "20260510")
        .expect("the due date");
    assert_eq!(
        due.text("SUMMARY"),
        "复审到期 · 证书有效期至：熔化焊接与热切割作业（2020年5月10日初领）"
    );
    assert!(
        due.text("DESCRIPTION").contains("应急管理部令第19号"),
        "the caveat, unfolded"
    );
    let triggers: Vec<_> = due
        .children
        .iter()
        .map(|a| {
            assert_eq!(a.name, "VALARM");
            assert_eq!(a.text("ACTION"), "DISPLAY");
            a.get("TRIGGER").unwrap().value.clone()
        })
        .collect();
    assert_eq!(
        triggers,
        ["-P6DT15H", "-PT15H"],
        "09:00 seven days and one day before"
    );
    for (day, when) in [("20260503", "7天后"), ("20260509", "明天")] {
        let reminder = events
            .iter()
            .find(|e| {
                e.get("DTSTART").unwrap().value == day && e.text("SUMMARY").starts_with("提醒")
            })
            .unwrap_or_else(|| panic!("no reminder on {day}"));
        assert!(
            reminder.text("SUMMARY").contains(when),
            "{}",
            reminder.text("SUMMARY")
        );
        assert!(reminder.children.is_empty());
    }
    // The exam ahead gets reminders; private words never appear.
    assert!(events
        .iter()
        .any(|e| e.text("SUMMARY").starts_with("复审考试") && e.children.len() == 2));
    assert!(!text.contains("证号") && !text.contains("政务中心"));
    assert_eq!(file_name(today), "fushen-timeline-2026-03-01.ics");
}

#[test]
fn text_is_escaped_and_long_lines_folded_between_characters() {
    let long = "复审".repeat(60);
    let cal = Calendar {
        name: "a,b".into(),
        events: vec![AllDayEvent {
            uid: "x@y".into(),
            date: d(2027, 2, 28),
            summary: "a,b;c\\d\ne".into(),
            description: format!("x{long}"),
            alarms: vec![Alarm {
                days_before: 0,
                hour: 9,
                description: "当天".into(),
            }],
        }],
    };
    let text = ics::write(&cal, now());
    let parsed = parse(&text);
    assert_eq!(parsed.text("X-WR-CALNAME"), "a,b");
    let event = &parsed.children[0];
    assert_eq!(event.text("SUMMARY"), "a,b;c\\d\ne");
    assert_eq!(event.text("DESCRIPTION"), format!("x{long}"));
    assert_eq!(event.children[0].get("TRIGGER").unwrap().value, "PT9H");
    assert!(text.contains("SUMMARY:a\\,b\\;c\\\\d\\ne\r\n"));
    // 120 three-octet characters: folded into lines of at most 75 octets.
    assert!(text.lines().filter(|l| l.starts_with(' ')).count() >= 4);
}

#[test]
fn triggers_are_durations_before_the_day() {
    let alarm = |days_before, hour| {
        Alarm {
            days_before,
            hour,
            description: String::new(),
        }
        .trigger()
    };
    assert_eq!(alarm(7, 9), "-P6DT15H");
    assert_eq!(alarm(1, 9), "-PT15H");
    assert_eq!(alarm(1, 0), "-P1D");
    assert_eq!(alarm(0, 9), "PT9H");
}

#[test]
fn the_words_typed_for_a_other_type_stay_out_of_the_file() {
    use crate::certificate::CertificateType;
    use crate::timeline::model::Timeline;
    use crate::timeline::testing::cert;
    let mut own = cert(
        crate::certificate::CertificateKind::FusionWelding,
        d(2020, 5, 10),
    );
    own.kind = CertificateType::Other("某某厂内部焊接证".into());
    let timeline = Timeline::from_parts(vec![(own, vec![])]);
    let text = ics::write(
        &calendar(&timeline, d(2026, 3, 1), Assumptions::default()),
        now(),
    );
    assert!(text.contains("其他（2020年5月10日初领）"), "{text}");
    assert!(!text.contains("某某厂"), "{text}");
}
