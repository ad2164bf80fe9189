//! The staff's day, on the database: search in every form staff type it, filters and pages that
//! reach every enquiry, the order of the day's work, the history (append-only, deleted with the
//! enquiry), the review-window filter and the season's numbers.

use crate::util::*;
use chrono::NaiveDate;
use fushen_domain::enquiry::payload::EnquiryPayload;
use fushen_domain::enquiry::receive;
use fushen_domain::enquiry::search::SearchTerm;
use fushen_server::clock::now_ms;
use fushen_server::db::enquiries::{self, Change, LeadStatus, NewEnquiry};
use fushen_server::db::inbox::{self, Filter, PAGE_SIZE};
use fushen_server::db::{self};
use rusqlite::Connection;

/// A database with the enquiries of `people` (name, phone, certificate code, expiry), the
/// first received at 09:00 China time `days_ago` days before [`today`] and each next one a
/// minute later: all on that one China day, whatever the hour the tests run at.
fn database(dir: &TempDir, people: &[(&str, &str, &str, &str)], days_ago: i64) -> Connection {
    let first = china_ms(today() - chrono::Duration::days(days_ago), 9);
    let mut conn = db::open(&dir.path().join("fushen.sqlite3")).unwrap();
    for (n, (name, phone, code, expiry)) in people.iter().enumerate() {
        let mut draft = draft(name, phone);
        draft.certificate = code.to_string();
        draft.expiry = expiry.to_string();
        let (body, _) = body_of(&draft, 1000 + n as u64);
        let payload: EnquiryPayload = serde_json::from_str(&body).unwrap();
        let checked = receive::check(payload, now_ms()).unwrap();
        let at = first + n as i64 * 60_000;
        let tx = conn.transaction().unwrap();
        enquiries::store(&tx, &NewEnquiry::new(&checked, at, None)).unwrap();
        tx.commit().unwrap();
    }
    conn
}

/// Today in China, read once for the whole run: every date these tests build or ask about is
/// counted from it, so a run that crosses midnight still sees one day.
fn today() -> NaiveDate {
    static TODAY: std::sync::OnceLock<NaiveDate> = std::sync::OnceLock::new();
    *TODAY.get_or_init(|| fushen_server::clock::china_today(now_ms()))
}

/// Unix ms of `hour`:00 China time on `day`.
fn china_ms(day: NaiveDate, hour: u32) -> i64 {
    fushen_server::clock::china_day_start_ms(day) + i64::from(hour) * 60 * 60 * 1000
}

fn names(conn: &Connection, filter: &Filter) -> Vec<String> {
    inbox::page(conn, filter, today(), 0)
        .unwrap()
        .enquiries
        .into_iter()
        .map(|e| e.name)
        .collect()
}

fn search(conn: &Connection, typed: &str) -> Vec<String> {
    names(
        conn,
        &Filter {
            search: SearchTerm::parse(typed),
            ..Filter::default()
        },
    )
}

const PEOPLE: [(&str, &str, &str, &str); 5] = [
    ("张三", "138 0013 8000", "fusion-welding", ""),
    ("李四", "139 0000 1111", "low-voltage", ""),
    ("张三丰", "137 1234 8000", "brazing", ""),
    ("王五", "136 5555 6666", "fusion-welding", ""),
    ("赵六", "135 0000 2222", "high-voltage", ""),
];

#[test]
fn search_finds_by_every_form_staff_type() {
    let dir = TempDir::new();
    let conn = database(&dir, &PEOPLE, 1);
    let all = enquiries::all(&conn).unwrap();
    let reference = &all.iter().find(|e| e.name == "王五").unwrap().reference;
    let spaced = format!("{} {}", &reference[..4], &reference[4..]);
    for typed in [reference.as_str(), spaced.as_str()] {
        assert_eq!(
            search(&conn, typed).first().map(String::as_str),
            Some("王五"),
            "{typed}"
        );
    }
    // A phone number in any format, or its last four digits.
    for typed in [
        "13800138000",
        "138 0013 8000",
        "+86 138-0013-8000",
        "１３８００１３８０００",
    ] {
        assert_eq!(search(&conn, typed), ["张三"], "{typed}");
    }
    assert_eq!(search(&conn, "8000"), ["张三丰", "张三"]);
    // Part of a name; a certificate type.
    assert_eq!(search(&conn, "张三"), ["张三丰", "张三"]);
    assert_eq!(search(&conn, "三丰"), ["张三丰"]);
    assert_eq!(search(&conn, "电工"), ["赵六", "李四"]);
    assert_eq!(search(&conn, "熔化焊"), ["王五", "张三"]);
    // No match; wildcards and quotes are text, never patterns or SQL.
    assert!(search(&conn, "欧阳").is_empty());
    for typed in ["%", "_", "张%", "'", "\"", "' OR 1=1 --", "\\"] {
        assert!(search(&conn, typed).is_empty(), "{typed}");
    }
    assert_eq!(
        enquiries::all(&conn).unwrap().len(),
        5,
        "nothing was changed"
    );
}

#[test]
fn a_reference_finds_its_own_enquiry_and_other_digits_search_within_numbers() {
    let dir = TempDir::new();
    let conn = database(&dir, &PEOPLE[..2], 1);
    let target = enquiries::all(&conn).unwrap()[0].clone();
    // Another enquiry whose phone holds the reference's eight digits.
    let digits = target.reference.clone();
    let mut other = draft("钱七", "138 0000 0000");
    other.phone = format!("139{digits}");
    let (body, _) = body_of(&other, 77);
    let payload: EnquiryPayload = serde_json::from_str(&body).unwrap();
    let checked = receive::check(payload, now_ms()).unwrap();
    let mut conn2 = db::open(&dir.path().join("fushen.sqlite3")).unwrap();
    let tx = conn2.transaction().unwrap();
    enquiries::store(&tx, &NewEnquiry::new(&checked, now_ms(), None)).unwrap();
    tx.commit().unwrap();
    // Eight digits read out are a reference number: that enquiry only.
    assert_eq!(search(&conn, &digits), vec![target.name.clone()]);
    // Six of them are searched within references and phone numbers alike.
    let six = &digits[1..7];
    let mut found = search(&conn, six);
    found.sort();
    let mut expected = vec![target.name.clone(), "钱七".to_string()];
    expected.sort();
    assert_eq!(found, expected);
}

#[test]
fn filters_combine_and_pages_reach_every_enquiry() {
    let dir = TempDir::new();
    let mut people = Vec::new();
    let names: Vec<String> = (0..(2 * PAGE_SIZE + 5))
        .map(|n| {
            format!(
                "学员{}",
                "甲乙丙丁戊己庚辛壬癸".chars().nth(n % 10).unwrap()
            )
        })
        .collect();
    let phones: Vec<String> = (0..names.len()).map(|n| format!("139{:08}", n)).collect();
    for n in 0..names.len() {
        let code = if n % 3 == 0 {
            "low-voltage"
        } else {
            "fusion-welding"
        };
        people.push((names[n].as_str(), phones[n].as_str(), code, ""));
    }
    let mut conn = database(&dir, &people, 3);
    // Every page together holds every enquiry once.
    let filter = Filter::default();
    let first = inbox::page(&conn, &filter, today(), 0).unwrap();
    assert_eq!(first.total as usize, people.len());
    let mut seen: Vec<String> = Vec::new();
    for page in 0..3 {
        seen.extend(
            inbox::page(&conn, &filter, today(), page)
                .unwrap()
                .enquiries
                .into_iter()
                .map(|e| e.id),
        );
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), people.len());
    // Status, certificate and the search combine; counts per status follow the other filters.
    let ids: Vec<String> = enquiries::all(&conn)
        .unwrap()
        .into_iter()
        .map(|e| e.id)
        .collect();
    for id in &ids[..4] {
        let change = Change {
            status: LeadStatus::Contacted,
            note: String::new(),
            follow_up_on: None,
        };
        enquiries::follow_up(&mut conn, id, &change, "wang", now_ms()).unwrap();
    }
    let electric = Filter {
        certificate: Some("low-voltage".into()),
        ..Filter::default()
    };
    let page = inbox::page(&conn, &electric, today(), 0).unwrap();
    assert_eq!(page.total as usize, people.len().div_ceil(3));
    let counts = inbox::counts(&conn, &electric, today()).unwrap();
    assert_eq!(
        counts[1],
        (LeadStatus::Contacted, 2),
        "ids 0 and 3 are 低压电工"
    );
    // A search counts its matches in the pass that finds them: the same numbers as counting
    // apart, on its first page and on a page past its end.
    let words = Filter {
        search: SearchTerm::parse("学员"),
        ..Filter::default()
    };
    let counted_apart = inbox::counts(&conn, &words, today()).unwrap();
    assert_eq!(counted_apart[0].1 + counted_apart[1].1, people.len() as u64);
    for page in [0, 1, 9] {
        let found = inbox::page(&conn, &words, today(), page).unwrap();
        assert_eq!(found.counts, counted_apart, "page {page}");
        assert_eq!(found.total as usize, people.len());
    }
    let contacted_electric = Filter {
        status: Some(LeadStatus::Contacted),
        ..electric.clone()
    };
    assert_eq!(
        inbox::page(&conn, &contacted_electric, today(), 0)
            .unwrap()
            .total,
        2
    );
    // Date received: the window around three days ago has them all, yesterday none.
    let yesterday = today().pred_opt().unwrap();
    let since_yesterday = Filter {
        from: Some(yesterday),
        ..Filter::default()
    };
    assert_eq!(
        inbox::page(&conn, &since_yesterday, today(), 0)
            .unwrap()
            .total,
        0
    );
    let three_days = today() - chrono::Duration::days(3);
    let that_day = Filter {
        from: Some(three_days),
        to: Some(three_days),
        ..Filter::default()
    };
    assert_eq!(
        inbox::page(&conn, &that_day, today(), 0).unwrap().total as usize,
        people.len()
    );
}

#[test]
fn the_day_starts_with_due_follow_ups_then_new_ones_then_the_rest() {
    let dir = TempDir::new();
    let mut conn = database(&dir, &PEOPLE, 2);
    let by_name = |conn: &Connection, name: &str| {
        enquiries::all(conn)
            .unwrap()
            .into_iter()
            .find(|e| e.name == name)
            .unwrap()
            .id
    };
    let day = |offset: i64| today() + chrono::Duration::days(offset);
    let set = |conn: &mut Connection, name: &str, status, on: Option<NaiveDate>| {
        let id = by_name(conn, name);
        let change = Change {
            status,
            note: String::new(),
            follow_up_on: on,
        };
        enquiries::follow_up(conn, &id, &change, "wang", now_ms()).unwrap();
    };
    set(&mut conn, "张三", LeadStatus::Contacted, Some(day(-2)));
    set(&mut conn, "李四", LeadStatus::Contacted, Some(day(0)));
    set(&mut conn, "王五", LeadStatus::Contacted, Some(day(1)));
    set(&mut conn, "赵六", LeadStatus::Enrolled, None);
    // Overdue (张三, two days), due today (李四), then the one still new (张三丰), then the rest
    // newest first (赵六, then 王五 whose call is tomorrow).
    assert_eq!(
        names(&conn, &Filter::default()),
        ["张三", "李四", "张三丰", "赵六", "王五"]
    );
    // Tomorrow, 王五 is due too.
    let tomorrow: Vec<String> = inbox::page(&conn, &Filter::default(), day(1), 0)
        .unwrap()
        .enquiries
        .into_iter()
        .map(|e| e.name)
        .collect();
    assert_eq!(tomorrow, ["张三", "李四", "王五", "张三丰", "赵六"]);
}

#[test]
fn the_history_is_append_only_says_who_and_goes_with_the_enquiry() {
    let dir = TempDir::new();
    let mut conn = database(&dir, &PEOPLE[..2], 1);
    let id = enquiries::all(&conn).unwrap()[0].id.clone();
    let thursday = today() + chrono::Duration::days(3);
    let steps = [
        (
            "wang",
            Change {
                status: LeadStatus::Contacted,
                note: "没接，周四再打".into(),
                follow_up_on: Some(thursday),
            },
        ),
        (
            "li",
            Change {
                status: LeadStatus::Contacted,
                note: String::new(),
                follow_up_on: Some(thursday),
            },
        ),
        (
            "li",
            Change {
                status: LeadStatus::Enrolled,
                note: "已报名下月的班".into(),
                follow_up_on: None,
            },
        ),
    ];
    for (n, (by, change)) in steps.iter().enumerate() {
        enquiries::follow_up(&mut conn, &id, change, by, 1_000 + n as i64).unwrap();
    }
    let history = inbox::history(&conn, &id).unwrap();
    // The second step changed nothing: no entry.
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].by, "wang");
    assert_eq!(history[0].status, Some(LeadStatus::Contacted));
    assert_eq!(history[0].note.as_deref(), Some("没接，周四再打"));
    assert_eq!(history[0].follow_up_on, Some(Some(thursday)));
    assert_eq!(history[1].by, "li");
    assert_eq!(history[1].status, Some(LeadStatus::Enrolled));
    assert_eq!(history[1].follow_up_on, Some(None), "the date was removed");
    // An earlier entry cannot be edited.
    let edited = conn.execute(
        "UPDATE history SET note = 'changed' WHERE enquiry_id = ?1",
        [&id],
    );
    assert!(edited.is_err());
    // Deletion on request takes the history along; so does the retention purge.
    let phone = enquiries::all(&conn).unwrap()[0].phone.clone();
    enquiries::forget_phone(&mut conn, &phone, now_ms(), false).unwrap();
    let left: i64 = conn
        .query_row("SELECT count(*) FROM history", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 0);
    let other = enquiries::all(&conn).unwrap()[0].id.clone();
    let change = Change {
        status: LeadStatus::Contacted,
        note: "记一笔".into(),
        follow_up_on: None,
    };
    enquiries::follow_up(&mut conn, &other, &change, "wang", 5).unwrap();
    conn.execute("UPDATE enquiries SET received_at = 0", [])
        .unwrap();
    fushen_server::retention::purge(&mut conn, 30, now_ms(), false).unwrap();
    let left: i64 = conn
        .query_row("SELECT count(*) FROM history", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 0);
}

#[test]
fn the_window_filter_finds_those_who_can_apply_now() {
    let dir = TempDir::new();
    let day = |offset: i64| (today() + chrono::Duration::days(offset)).to_string();
    let (in_60, in_61, today_s, past) = (day(60), day(61), day(0), day(-1));
    let people = [
        ("甲", "139 0000 0001", "fusion-welding", in_60.as_str()),
        ("乙", "139 0000 0002", "fusion-welding", in_61.as_str()),
        ("丙", "139 0000 0003", "fusion-welding", today_s.as_str()),
        ("丁", "139 0000 0004", "fusion-welding", past.as_str()),
        ("戊", "139 0000 0005", "fusion-welding", ""),
    ];
    // The form refuses an expiry too far off; these are all within its range.
    let conn = database(&dir, &people, 1);
    let open = Filter {
        window_open: true,
        ..Filter::default()
    };
    let mut found = names(&conn, &open);
    found.sort();
    assert_eq!(found, ["丙", "甲"]);
}

#[test]
fn the_season_counts_weeks_and_how_far_enquiries_came() {
    let dir = TempDir::new();
    let mut conn = database(&dir, &PEOPLE, 0);
    let ids: Vec<String> = enquiries::all(&conn)
        .unwrap()
        .into_iter()
        .map(|e| e.id)
        .collect();
    for (id, status) in ids
        .iter()
        .zip([LeadStatus::Contacted, LeadStatus::Enrolled])
    {
        let change = Change {
            status,
            note: String::new(),
            follow_up_on: None,
        };
        enquiries::follow_up(&mut conn, id, &change, "wang", now_ms()).unwrap();
    }
    // One more, 20 weeks ago: outside the season.
    conn.execute(
        "UPDATE enquiries SET received_at = received_at - 140 * 86400000 WHERE id = ?1",
        [&ids[4]],
    )
    .unwrap();
    let season = inbox::season(&conn, today()).unwrap();
    assert_eq!(season.weeks.len(), 12);
    assert_eq!(
        season.weeks.last().unwrap().format("%u").to_string(),
        "1",
        "weeks start on Monday"
    );
    assert!(*season.weeks.last().unwrap() <= today());
    assert_eq!(season.totals().last().copied(), Some(4));
    assert_eq!(season.totals().iter().sum::<u64>(), 4);
    assert_eq!(
        (season.received, season.contacted, season.enrolled),
        (4, 2, 1)
    );
    let welding = season
        .by_category
        .iter()
        .find(|(c, _)| c == "焊接与热切割作业")
        .unwrap();
    assert_eq!(
        welding.1.last().copied(),
        Some(3),
        "张三, 张三丰 and 王五 (赵六, 高压电工, is outside)"
    );
}

#[test]
fn the_seasons_weeks_start_at_monday_00_00_china_time() {
    use chrono::Datelike;
    let dir = TempDir::new();
    let conn = database(&dir, &PEOPLE[..2], 0);
    let monday =
        today() - chrono::Duration::days(i64::from(today().weekday().num_days_from_monday()));
    // 张三 at the week's first millisecond in China (Sunday 16:00 UTC), 李四 at the one before:
    // the last of the week before.
    for (name, at) in [
        ("张三", china_ms(monday, 0)),
        ("李四", china_ms(monday, 0) - 1),
    ] {
        let changed = conn
            .execute(
                "UPDATE enquiries SET received_at = ?1 WHERE name = ?2",
                rusqlite::params![at, name],
            )
            .unwrap();
        assert_eq!(changed, 1, "{name}");
    }
    let season = inbox::season(&conn, today()).unwrap();
    assert_eq!(season.weeks.last().copied(), Some(monday));
    let totals = season.totals();
    assert_eq!(totals[totals.len() - 2..], [1, 1], "{totals:?}");
    assert_eq!(season.received, 2);
}
