//! Delivery without loss: what each answer from the receiver means ([`Outcome`]), the outbox of
//! enquiries waiting to go out, when to try again (exponential backoff with a cap), and the log
//! of enquiries delivered.

use serde::{Deserialize, Serialize};

use crate::enquiry::draft::EnquiryDraft;

/// The first retry waits this long; each further one twice as long…
pub const FIRST_RETRY_MS: i64 = 5_000;
/// …up to this.
pub const MAX_RETRY_MS: i64 = 5 * 60_000;
/// The receiver's own explanation of a refusal is shown up to this many characters.
const SERVER_MESSAGE_MAX_CHARS: usize = 120;
/// The sent log keeps this many deliveries.
const SENT_LOG_LEN: usize = 5;

/// What one attempt to deliver came to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// A 2xx: the receiver has it.
    Delivered,
    /// A 4xx the enquiry cannot get past by waiting: it must be changed (or phoned in).
    Rejected {
        /// The HTTP status.
        status: u16,
        /// The receiver's own short explanation, if it gave a readable one.
        message: Option<String>,
    },
    /// Not delivered, for a reason that may pass: try again later.
    Failed(Failure),
}

/// Why an attempt failed for now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    /// No connection, DNS, CORS or a blocked request: `fetch` itself failed.
    Network,
    /// No answer within the time limit (about 10 s).
    Timeout,
    /// A 5xx, or a 4xx that says "later" (408, 409 in progress, 425, 429).
    Status(u16),
}

/// What an HTTP status (and, for a refusal, the body) means for the enquiry.
pub fn outcome_for_status(status: u16, body: &str) -> Outcome {
    match status {
        200..=299 => Outcome::Delivered,
        408 | 409 | 425 | 429 => Outcome::Failed(Failure::Status(status)),
        // Nobody receives enquiries at this address; the host's own error page says nothing
        // about the enquiry, so it is not passed on (see [`no_receiver`]).
        _ if no_receiver(status) => Outcome::Rejected {
            status,
            message: None,
        },
        400..=499 => Outcome::Rejected {
            status,
            message: server_message(body),
        },
        _ => Outcome::Failed(Failure::Status(status)),
    }
}

/// True for the answers of a static host that has no receiver at the endpoint's address: 404
/// (no such path), 405 (the path is a file, POST not allowed) and 501 (the server does not do
/// POST at all). The enquiry is not at fault and waiting will not help: the form keeps it on the
/// phone and offers the phone number, as when no endpoint is configured
/// ([`crate::enquiry::Form::delivery`]).
pub fn no_receiver(status: u16) -> bool {
    matches!(status, 404 | 405 | 501)
}

/// A receiver's JSON answer to a refusal.
#[derive(Deserialize)]
struct Reply {
    message: Option<String>,
    error: Option<String>,
}

/// The receiver's explanation: `{"message": "…"}` or `{"error": "…"}`, or a short plain text.
/// HTML error pages and anything unreadable give `None` (the form then says it in its own words).
pub fn server_message(body: &str) -> Option<String> {
    let body = body.trim();
    let text = if body.starts_with('{') {
        let reply: Reply = serde_json::from_str(body).ok()?;
        reply.message.or(reply.error)?
    } else if body.starts_with('<') {
        return None;
    } else {
        body.to_string()
    };
    let text: String = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    match text.chars().count() {
        0 => None,
        n if n > SERVER_MESSAGE_MAX_CHARS => Some(
            text.chars()
                .take(SERVER_MESSAGE_MAX_CHARS)
                .chain(['…'])
                .collect(),
        ),
        _ => Some(text),
    }
}

/// How long to wait after the `attempts`-th failure: 5 s, 10 s, 20 s … at most 5 minutes.
pub fn retry_delay_ms(attempts: u32) -> i64 {
    let doublings = attempts.saturating_sub(1).min(16);
    (FIRST_RETRY_MS << doublings).min(MAX_RETRY_MS)
}

/// An enquiry waiting to be delivered: the exact body to send again, and the draft it came from
/// (so that a refusal puts it back into the form).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OutboxEntry {
    /// The client id: the `Idempotency-Key`, the same for every attempt.
    pub id: String,
    /// The reference number shown to the user.
    pub reference: String,
    /// The JSON body, byte for byte the same for every attempt.
    pub body: String,
    /// What the user typed.
    pub draft: EnquiryDraft,
    /// When it was first submitted (Unix ms).
    pub queued_at_ms: i64,
    /// Failed attempts so far.
    pub attempts: u32,
    /// Not to be tried before this (Unix ms), unless the network comes back or the page opens.
    pub next_attempt_ms: i64,
}

/// The enquiries waiting to be delivered, oldest first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Outbox {
    /// The entries.
    pub entries: Vec<OutboxEntry>,
}

/// What the outbox did with an attempt's outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// Delivered: the entry left the outbox.
    Delivered(OutboxEntry),
    /// Kept; the next attempt is due at this time (Unix ms).
    RetryAt(i64),
    /// Refused: the entry left the outbox and goes back to the form with this outcome's status
    /// and explanation.
    Rejected {
        /// The entry, for its draft.
        entry: OutboxEntry,
        /// The HTTP status.
        status: u16,
        /// The receiver's explanation, if any.
        message: Option<String>,
    },
    /// No such entry (another tab has dealt with it).
    Gone,
}

impl Outbox {
    /// Adds a new enquiry, due at once.
    pub fn queue(
        &mut self,
        id: String,
        reference: String,
        body: String,
        draft: EnquiryDraft,
        now_ms: i64,
    ) {
        self.entries.push(OutboxEntry {
            id,
            reference,
            body,
            draft,
            queued_at_ms: now_ms,
            attempts: 0,
            next_attempt_ms: now_ms,
        });
    }

    /// The entry `id`.
    pub fn get(&self, id: &str) -> Option<&OutboxEntry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// Takes the entry `id` out (the user cancels to change it).
    pub fn remove(&mut self, id: &str) -> Option<OutboxEntry> {
        let at = self.entries.iter().position(|e| e.id == id)?;
        Some(self.entries.remove(at))
    }

    /// Ids of the entries due at `now_ms` (`None`: all of them, as when the network comes back
    /// or the page opens).
    pub fn due(&self, now_ms: Option<i64>) -> Vec<String> {
        self.entries
            .iter()
            .filter(|e| now_ms.is_none_or(|now| e.next_attempt_ms <= now))
            .map(|e| e.id.clone())
            .collect()
    }

    /// Whether the outbox is shown as waiting (and the form stays locked meanwhile): once a
    /// first attempt has failed, or, while nothing is being sent (`sending` false), for
    /// whatever an earlier visit left. A first attempt under way is not yet "waiting".
    pub fn is_waiting(&self, sending: bool) -> bool {
        self.entries.iter().any(|e| e.attempts > 0) || (!self.entries.is_empty() && !sending)
    }

    /// When the next entry falls due.
    pub fn next_due_ms(&self) -> Option<i64> {
        self.entries.iter().map(|e| e.next_attempt_ms).min()
    }

    /// Applies an attempt's outcome for entry `id` at `now_ms`.
    pub fn record(&mut self, id: &str, outcome: Outcome, now_ms: i64) -> Step {
        let Some(at) = self.entries.iter().position(|e| e.id == id) else {
            return Step::Gone;
        };
        match outcome {
            Outcome::Delivered => Step::Delivered(self.entries.remove(at)),
            Outcome::Rejected { status, message } => Step::Rejected {
                entry: self.entries.remove(at),
                status,
                message,
            },
            Outcome::Failed(_) => {
                let entry = &mut self.entries[at];
                entry.attempts = entry.attempts.saturating_add(1);
                entry.next_attempt_ms = now_ms.saturating_add(retry_delay_ms(entry.attempts));
                Step::RetryAt(entry.next_attempt_ms)
            }
        }
    }
}

/// One delivered enquiry, for "你在…提交过咨询".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SentRecord {
    /// Its reference number.
    pub reference: String,
    /// When the receiver confirmed it (Unix ms).
    pub at_ms: i64,
}

/// The last few deliveries, newest last.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SentLog {
    /// The records.
    pub records: Vec<SentRecord>,
}

impl SentLog {
    /// Notes a delivery, forgetting the oldest beyond the last few.
    pub fn add(&mut self, reference: String, at_ms: i64) {
        self.records.push(SentRecord { reference, at_ms });
        let extra = self.records.len().saturating_sub(SENT_LOG_LEN);
        self.records.drain(..extra);
    }

    /// The newest delivery.
    pub fn latest(&self) -> Option<&SentRecord> {
        self.records.last()
    }
}
