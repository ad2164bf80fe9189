//! The staff inbox's benchmark (`scripts/bench-inbox.sh` runs it; not a test).
//!
//! `fill <database> <count>`: writes `count` valid enquiries into the database, spread over the
//! last 365 days, as the writer stores them, with follow-ups, notes and expiry dates on some;
//! prints one reference number, one phone's last four digits and one name to search for.
//!
//! `measure <address> <password> <reference> <tail> <name> <rounds>`: signs in as `bench` and
//! requests the inbox's first page, a search by reference, by the last four digits, by part of a
//! name, and the season page, `rounds` times each, one after the other; prints p50 / p99 / max
//! and each page's size.

use std::time::{Duration, Instant};

use fushen_domain::certificate::CATALOGUE;
use fushen_domain::enquiry::draft::EnquiryDraft;
use fushen_domain::enquiry::payload::{client_id, payload_json, EnquiryPayload};
use fushen_domain::enquiry::receive;
use fushen_server::clock::{china_today, now_ms, DAY_MS};
use fushen_server::db::enquiries::{self, Change, LeadStatus, NewEnquiry};

const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗";
const GIVEN: &str = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("fill") => fill(&args[1], args[2].parse().unwrap_or(100_000)),
        Some("measure") => measure(&args[1..]),
        _ => eprintln!("usage: inbox fill <db> <count> | inbox measure <address> <password> <ref> <tail> <name> <rounds>"),
    }
}

/// A cheap, repeatable pseudo-random sequence (no new dependency for a benchmark).
fn next(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

fn fill(path: &str, count: usize) {
    let mut conn = fushen_server::db::open(std::path::Path::new(path)).expect("database");
    let kinds: Vec<_> = CATALOGUE.iter().flat_map(|c| c.kinds.iter()).collect();
    let now = now_ms();
    let today = china_today(now);
    let surnames: Vec<char> = SURNAMES.chars().collect();
    let given: Vec<char> = GIVEN.chars().collect();
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut sample = None;
    let started = Instant::now();
    for batch in 0..count.div_ceil(1000) {
        let tx = conn.transaction().expect("transaction");
        let mut ids = Vec::new();
        for n in batch * 1000..((batch + 1) * 1000).min(count) {
            let r = next(&mut state);
            let name: String = [
                surnames[(r % 20) as usize],
                given[((r >> 8) % 20) as usize],
                given[((r >> 16) % 20) as usize],
            ]
            .iter()
            .take(2 + ((r >> 24) % 2) as usize)
            .collect();
            let phone = format!("1{}{:09}", 3 + (r >> 28) % 7, (r >> 32) % 1_000_000_000);
            let kind = kinds[((r >> 40) % kinds.len() as u64) as usize];
            let mut draft = EnquiryDraft {
                name: name.clone(),
                phone: phone.clone(),
                certificate: kind.slug().into(),
                message: "想参加下个月的复审培训".into(),
                ..EnquiryDraft::default()
            };
            if r.is_multiple_of(3) {
                let expiry = today + chrono::Duration::days((r >> 44) as i64 % 400 - 30);
                draft.expiry = expiry.to_string();
            }
            draft.set_consent(true, now - 60_000);
            let mut random = [0u8; 16];
            random[..8].copy_from_slice(&(n as u64).to_le_bytes());
            random[8..].copy_from_slice(&r.to_le_bytes());
            let id = client_id(random);
            let Ok(enquiry) = draft.validate(today) else {
                continue;
            };
            let body = payload_json(&enquiry, &id, now - 60_000, "https://example.cn/fushen/");
            let payload: EnquiryPayload = serde_json::from_str(&body).expect("payload");
            let checked = receive::check(payload, now).expect("valid");
            let received = now - ((r >> 20) % (365 * DAY_MS as u64)) as i64;
            enquiries::store(&tx, &NewEnquiry::new(&checked, received, None)).expect("store");
            if sample.is_none() && n == count / 2 {
                sample = Some((
                    checked.payload().reference.clone(),
                    phone[7..].to_string(),
                    name,
                ));
            }
            ids.push((id, r));
        }
        tx.commit().expect("commit");
        for (id, r) in ids.iter().filter(|(_, r)| r.is_multiple_of(4)) {
            let status = [
                LeadStatus::Contacted,
                LeadStatus::Enrolled,
                LeadStatus::Invalid,
            ][(r % 3) as usize];
            let follow_up_on = r
                .is_multiple_of(8)
                .then(|| today + chrono::Duration::days((*r >> 50) as i64 % 20 - 10));
            let change = Change {
                status,
                note: "已打电话".into(),
                follow_up_on,
            };
            enquiries::follow_up(&mut conn, id, &change, "bench", now).expect("follow up");
        }
    }
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;")
        .expect("analyze");
    let (reference, tail, name) = sample.expect("a sample");
    eprintln!(
        "filled {count} enquiries in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    // The name part: its last character (a given name, as staff type half a name).
    let part: String = name.chars().skip(1).collect();
    println!("{reference} {tail} {part}");
}

fn measure(args: &[String]) {
    let [base, password, reference, tail, name, rounds] = args else {
        panic!("measure <address> <password> <ref> <tail> <name> <rounds>");
    };
    let rounds: usize = rounds.parse().unwrap_or(200);
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into();
    let cookie = sign_in(&agent, base, password);
    let spaced = format!("{} {}", &reference[..4], &reference[4..]);
    let pages = [
        ("inbox, first page", "staff/".to_string()),
        (
            "search by reference",
            format!("staff/?q={}", fushen_server::url::encode(&spaced)),
        ),
        ("search by last four digits", format!("staff/?q={tail}")),
        (
            "search by part of a name",
            format!("staff/?q={}", fushen_server::url::encode(name)),
        ),
        ("season", "staff/season".to_string()),
    ];
    println!("| page | p50 | p99 | max | size |");
    println!("| --- | --- | --- | --- | --- |");
    for (what, path) in pages {
        let url = format!("{base}{path}");
        let mut times = Vec::with_capacity(rounds);
        let mut size = 0;
        for _ in 0..rounds {
            let started = Instant::now();
            let mut response = agent
                .get(&url)
                .header("Cookie", &cookie)
                .call()
                .expect("answer");
            let body = response.body_mut().read_to_string().expect("body");
            times.push(started.elapsed());
            assert_eq!(response.status().as_u16(), 200, "{what}");
            size = body.len();
        }
        times.sort_unstable();
        let at = |p: f64| {
            times[((times.len() as f64 * p) as usize).min(times.len() - 1)].as_secs_f64() * 1000.0
        };
        println!(
            "| {what} | {:.1} ms | {:.1} ms | {:.1} ms | {:.1} KB |",
            at(0.5),
            at(0.99),
            at(1.0),
            size as f64 / 1024.0
        );
    }
}

fn sign_in(agent: &ureq::Agent, base: &str, password: &str) -> String {
    let mut page = agent
        .get(&format!("{base}staff/login"))
        .call()
        .expect("sign-in page");
    let form_cookie = cookie_of(&page, "fushen_sign_in");
    let html = page.body_mut().read_to_string().expect("page");
    let csrf = html
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("form token")
        .to_string();
    let body = format!(
        "username=bench&password={}&csrf={}",
        fushen_server::url::encode(password),
        fushen_server::url::encode(&csrf)
    );
    let answer = agent
        .post(&format!("{base}staff/login"))
        .header("Cookie", &form_cookie)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .send(body)
        .expect("sign in");
    assert_eq!(answer.status().as_u16(), 303, "signed in");
    cookie_of(&answer, "fushen_staff")
}

fn cookie_of<B>(response: &ureq::http::Response<B>, name: &str) -> String {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .and_then(|v| v.split(';').next())
        .expect("cookie")
        .to_string()
}
