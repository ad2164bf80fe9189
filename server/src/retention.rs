//! Retention: enquiries are deleted when they are older than the retention period (365 days by
//! default, the privacy notice's "最多保存12个月"), once a day while serving and with `purge` on demand.
//! Their ids are remembered (hashed), so a phone still retrying one does not bring it back.

use std::time::Duration;

use rusqlite::Connection;

use crate::clock::{now_ms, DAY_MS};
use crate::db::{enquiries, staff, Database, DbError};

/// What a purge deleted (or, in a dry run, would delete).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Purged {
    /// Reference numbers and arrival times of the enquiries, oldest first.
    pub enquiries: Vec<(String, i64)>,
    /// Expired staff sessions.
    pub sessions: usize,
}

/// Deletes what is older than `retention_days` at `now`.
pub fn purge(
    conn: &mut Connection,
    retention_days: u32,
    now: i64,
    dry_run: bool,
) -> Result<Purged, DbError> {
    let cutoff = now - i64::from(retention_days) * DAY_MS;
    let gone = enquiries::purge_before(conn, cutoff, now, dry_run)?;
    let sessions = if dry_run {
        0
    } else {
        staff::end_expired_sessions(conn, now)?
    };
    Ok(Purged {
        enquiries: gone
            .into_iter()
            .map(|e| (e.reference, e.received_at))
            .collect(),
        sessions,
    })
}

/// Purges now and then every day while the server runs.
pub fn spawn_daily(db: Database, retention_days: u32) {
    tokio::spawn(async move {
        let mut every_day = tokio::time::interval(Duration::from_secs(24 * 60 * 60));
        loop {
            every_day.tick().await;
            let result = db
                .call(move |conn| purge(conn, retention_days, now_ms(), false))
                .await;
            match result {
                Ok(purged) => tracing::info!(
                    enquiries = purged.enquiries.len(),
                    sessions = purged.sessions,
                    retention_days,
                    "retention purge"
                ),
                Err(error) => tracing::error!(%error, "retention purge failed"),
            }
        }
    });
}
