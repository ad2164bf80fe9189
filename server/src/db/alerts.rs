//! The queue of group-robot alerts: one line per new enquiry, written with the enquiry, sent
//! and retried by [`crate::notify`]. An alert that keeps failing is given up after
//! [`MAX_ATTEMPTS`] (`next_attempt_at` becomes NULL); the enquiry is in the inbox either way.
//!
//! The table keeps the name it was created with, `notices` (renaming it would need a
//! migration and change what backups hold); in code these are alerts, so that "notice" is
//! left to the privacy notice the welder agreed to.

use rusqlite::{params, Connection, Transaction};

/// Attempts before an alert is given up (with the backoff of [`crate::notify::retry_delay_ms`],
/// about ten hours of trying).
pub const MAX_ATTEMPTS: u32 = 16;

/// An alert waiting to be sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pending {
    /// Its row.
    pub id: i64,
    /// The line to send.
    pub line: String,
    /// Failed attempts so far.
    pub attempts: u32,
}

/// Queues an alert for enquiry `enquiry_id`, due at `now`.
pub fn queue(tx: &Transaction<'_>, enquiry_id: &str, line: &str, now: i64) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO notices (enquiry_id, line, next_attempt_at) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![enquiry_id, line, now])?;
    Ok(())
}

/// The oldest alerts due at `now`, at most `limit`.
pub fn due(conn: &Connection, now: i64, limit: usize) -> rusqlite::Result<Vec<Pending>> {
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let mut statement = conn.prepare_cached(
        "SELECT id, line, attempts FROM notices
         WHERE sent_at IS NULL AND next_attempt_at <= ?1 ORDER BY id LIMIT ?2",
    )?;
    let rows = statement.query_map(params![now, limit], |r| {
        Ok(Pending {
            id: r.get(0)?,
            line: r.get(1)?,
            attempts: r.get(2)?,
        })
    })?;
    rows.collect()
}

/// When the next alert falls due, if any is waiting.
pub fn next_due(conn: &Connection) -> rusqlite::Result<Option<i64>> {
    conn.query_row(
        "SELECT min(next_attempt_at) FROM notices WHERE sent_at IS NULL",
        [],
        |r| r.get(0),
    )
}

/// Marks alerts sent at `now`.
pub fn sent(conn: &mut Connection, ids: &[i64], now: i64) -> rusqlite::Result<()> {
    let tx = conn.transaction()?;
    for id in ids {
        tx.execute(
            "UPDATE notices SET sent_at = ?2, last_error = NULL WHERE id = ?1",
            params![id, now],
        )?;
    }
    tx.commit()
}

/// Records a failed attempt: tried again at `retry_at`, or given up (`None`).
pub fn failed(
    conn: &mut Connection,
    ids: &[i64],
    retry_at: Option<i64>,
    error: &str,
) -> rusqlite::Result<()> {
    let tx = conn.transaction()?;
    for id in ids {
        tx.execute(
            "UPDATE notices SET attempts = attempts + 1, next_attempt_at = ?2, last_error = ?3
             WHERE id = ?1",
            params![id, retry_at, error],
        )?;
    }
    tx.commit()
}

/// Alerts not sent (waiting or given up).
pub fn unsent(conn: &Connection) -> rusqlite::Result<u64> {
    conn.query_row(
        "SELECT count(*) FROM notices WHERE sent_at IS NULL",
        [],
        |r| r.get(0),
    )
}
