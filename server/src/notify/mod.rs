//! New-lead alerts to the staff's group chat (WeCom, DingTalk or Feishu group robot).
//!
//! The enquiry is stored first; its alert line is queued in the same transaction
//! ([`crate::db::alerts`]). This worker, a thread of its own with its own connection, sends
//! what is due, several lines in one message when a few are waiting, spaced to the robot's limits,
//! and retries failures with a growing delay. An alert carries the reference number, the
//! certificate type and a masked phone number (`138****8000`), never the name or the full number:
//! a group chat is not the place for personal data.

pub mod robots;

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

use fushen_domain::certificate::OTHER_SLUG;
use fushen_domain::enquiry::payload::{reference_for_display, EnquiryPayload};
use rusqlite::Connection;

use crate::clock::now_ms;
use crate::config::Webhook;
use crate::db::{self, alerts};

/// At most this many enquiries in one message.
const LINES_PER_MESSAGE: usize = 10;
/// The first retry waits this long; each further one twice as long, up to [`MAX_RETRY_MS`].
const FIRST_RETRY_MS: i64 = 30_000;
const MAX_RETRY_MS: i64 = 60 * 60_000;
/// Even with nothing due, look again this often (the operator may have fixed the network).
const IDLE_MS: i64 = 60_000;
/// How long one call to the robot may take.
const CALL_TIMEOUT: Duration = Duration::from_secs(10);

/// The alert line of an enquiry: `编号 1108 6507 · 熔化焊接与热切割作业 · 138****8000`. Words
/// typed for 其他 are left out: they are the user's own text.
pub fn line(payload: &EnquiryPayload) -> String {
    let certificate = &payload.fields.certificate;
    let kind = if certificate.code == OTHER_SLUG {
        certificate.category.as_str()
    } else {
        certificate.name.as_str()
    };
    format!(
        "编号 {} · {kind} · {}",
        reference_for_display(&payload.reference),
        mask_phone(&payload.fields.phone)
    )
}

/// `13800138000` → `138****8000`.
pub fn mask_phone(phone: &str) -> String {
    match (phone.get(..3), phone.get(phone.len().saturating_sub(4)..)) {
        (Some(head), Some(tail)) if phone.len() == 11 => format!("{head}****{tail}"),
        _ => "****".into(),
    }
}

/// The message for `lines`, with a link to the inbox when its address is known.
pub fn message(lines: &[String], inbox_url: Option<&str>) -> String {
    let mut text = if lines.len() == 1 {
        "新的咨询\n".to_string()
    } else {
        format!("新的咨询 {} 条\n", lines.len())
    };
    for line in lines {
        text.push_str(line);
        text.push('\n');
    }
    text.push_str("请到咨询收件箱查看并跟进。");
    if let Some(url) = inbox_url {
        text.push('\n');
        text.push_str(url);
    }
    text
}

/// How long to wait after the `attempts`-th failure: 30 s, 1 min, 2 min … at most an hour.
pub fn retry_delay_ms(attempts: u32) -> i64 {
    let doublings = attempts.saturating_sub(1).min(16);
    (FIRST_RETRY_MS << doublings).min(MAX_RETRY_MS)
}

/// Starts the worker for `robot` on the database at `db_path`; it wakes when `wake` is told of a
/// new alert and stops when every sender of `wake` is gone.
pub fn start(
    robot: Webhook,
    db_path: PathBuf,
    inbox_url: Option<String>,
    wake: Receiver<()>,
) -> std::io::Result<std::thread::JoinHandle<()>> {
    std::thread::Builder::new()
        .name("fushen-notify".into())
        .spawn(move || match db::open(&db_path) {
            Ok(conn) => run(&robot, conn, inbox_url.as_deref(), &wake),
            Err(error) => tracing::error!(%error, "notices: cannot open the database"),
        })
}

/// The HTTP client of every call to a robot: a call may take [`CALL_TIMEOUT`], and a 4xx or 5xx
/// is an answer to read (robots explain themselves in the body), not an error. A redirect is an
/// answer too, never followed: the robot's address is the only one alerts go to (a 3xx from it
/// could otherwise send the message, and the request, to any host, local ones included).
pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(CALL_TIMEOUT))
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into()
}

/// `https://host[:port]` of a URL, without any user name, path or query (which may hold the key:
/// WeCom's `?key=`, DingTalk's `?access_token=`, Feishu's `/hook/<token>`).
pub fn origin_of(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return "…".into();
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    format!("{scheme}://{host}")
}

/// `text` with every part of the robot's address that may be its key, and its secret, blanked:
/// error messages and answers are printed, logged and stored, and may quote the address
/// (the worker and `check --notify` both use it).
pub fn redact(text: &str, robot: &Webhook) -> String {
    let origin = origin_of(&robot.url);
    let rest = robot
        .url
        .strip_prefix(origin.as_str())
        .unwrap_or(&robot.url);
    // Keys and tokens are long (WeCom's and Feishu's are UUIDs, DingTalk's 64 hex digits);
    // shorter pieces are words like `robot` or `send`.
    let mut secrets: Vec<&str> = rest
        .split(['/', '?', '&', '=', '#'])
        .filter(|piece| piece.len() >= 12)
        .collect();
    secrets.extend(Some(rest).filter(|rest| rest.len() > 1));
    secrets.extend(robot.secret.as_deref().filter(|s| !s.is_empty()));
    // Longest first, so that a whole address goes before its pieces.
    secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
    let mut text = text.to_string();
    for secret in secrets {
        text = text.replace(secret, "…");
    }
    text
}

/// A robot's answer to one call, as it came (see [`robots::accepted`] for what it means).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    /// The HTTP status.
    pub status: u16,
    /// The body (the robot's JSON, or whatever a proxy on the way answered).
    pub body: String,
}

/// Posts the text message `text` to `robot`, signed at `now` as its kind asks; the answer, or
/// why none came (the network). The worker and `fushen-server check --notify` both call it.
pub fn call(agent: &ureq::Agent, robot: &Webhook, text: &str, now: i64) -> Result<Reply, String> {
    let (url, body) = robots::request(robot, text, now);
    agent
        .post(&url)
        .header("Content-Type", "application/json; charset=utf-8")
        .send(body.to_string())
        .map_err(|e| e.to_string())
        .map(|mut response| Reply {
            status: response.status().as_u16(),
            body: response.body_mut().read_to_string().unwrap_or_default(),
        })
}

fn run(robot: &Webhook, mut conn: Connection, inbox_url: Option<&str>, wake: &Receiver<()>) {
    let agent = agent();
    let spacing = robots::min_interval_ms(robot.kind);
    let mut last_call: Option<i64> = None;
    loop {
        let now = now_ms();
        let wait = match alerts::due(&conn, now, LINES_PER_MESSAGE) {
            Ok(due) if !due.is_empty() => match last_call.map(|at| at + spacing - now) {
                Some(wait) if wait > 0 => wait,
                _ => {
                    send(robot, &agent, &mut conn, &due, inbox_url);
                    last_call = Some(now_ms());
                    continue;
                }
            },
            Ok(_) => match alerts::next_due(&conn) {
                Ok(Some(at)) => (at - now).clamp(0, IDLE_MS),
                Ok(None) => IDLE_MS,
                Err(error) => {
                    tracing::error!(%error, "notices: cannot read the queue");
                    IDLE_MS
                }
            },
            Err(error) => {
                tracing::error!(%error, "notices: cannot read the queue");
                IDLE_MS
            }
        };
        let timeout = Duration::from_millis(u64::try_from(wait.max(1)).unwrap_or(1));
        match wake.recv_timeout(timeout) {
            Ok(()) | Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
    }
}

fn send(
    robot: &Webhook,
    agent: &ureq::Agent,
    conn: &mut Connection,
    due: &[alerts::Pending],
    inbox_url: Option<&str>,
) {
    let lines: Vec<String> = due.iter().map(|n| n.line.clone()).collect();
    let ids: Vec<i64> = due.iter().map(|n| n.id).collect();
    let result = call(agent, robot, &message(&lines, inbox_url), now_ms())
        .and_then(|reply| robots::accepted(robot.kind, reply.status, &reply.body));
    let recorded = match &result {
        Ok(()) => {
            tracing::info!(notices = ids.len(), "group robot told of new enquiries");
            alerts::sent(conn, &ids, now_ms())
        }
        Err(reason) => {
            // A robot's reply may quote its address, key included: not kept.
            let reason = redact(reason, robot);
            // Every line in one message shares its fate; the most-tried one sets the delay.
            let attempts = due.iter().map(|n| n.attempts).max().unwrap_or(0) + 1;
            let retry_at =
                (attempts < alerts::MAX_ATTEMPTS).then(|| now_ms() + retry_delay_ms(attempts));
            tracing::warn!(notices = ids.len(), attempts, %reason, given_up = retry_at.is_none(),
                "group robot not reached");
            alerts::failed(conn, &ids, retry_at, &reason)
        }
    };
    if let Err(error) = recorded {
        tracing::error!(%error, "notices: cannot record the attempt");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_are_masked_and_names_left_out() {
        assert_eq!(mask_phone("13800138000"), "138****8000");
        assert_eq!(mask_phone("123"), "****");
        let payload: EnquiryPayload = serde_json::from_str(include_str!(
            "../../../domain/tests/fixtures/enquiry/v1-payload.json"
        ))
        .unwrap();
        assert_eq!(
            line(&payload),
            "编号 1108 6507 · 熔化焊接与热切割作业 · 138****8000"
        );
        let other: EnquiryPayload = serde_json::from_str(include_str!(
            "../../../domain/tests/fixtures/enquiry/v1-payload-other.json"
        ))
        .unwrap();
        assert_eq!(line(&other), "编号 8539 2402 · 其他 · 138****8000");
        let text = message(&[line(&payload), line(&other)], Some("https://x.cn/staff/"));
        assert_eq!(
            text,
            "新的咨询 2 条\n编号 1108 6507 · 熔化焊接与热切割作业 · 138****8000\n编号 8539 2402 · 其他 · 138****8000\n请到咨询收件箱查看并跟进。\nhttps://x.cn/staff/"
        );
        assert!(!text.contains("张三") && !text.contains("13800138000"));
    }

    #[test]
    fn retries_back_off_to_an_hour() {
        let delays: Vec<i64> = (1..=9).map(retry_delay_ms).collect();
        assert_eq!(
            delays,
            [30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_600_000, 3_600_000]
        );
    }
}
