//! The database: one SQLite file in WAL mode, created and migrated on start, reached only through
//! this module.
//!
//! Durability: `synchronous=FULL`, so a commit is on disk (the WAL is synced) before the server
//! answers 2xx, and a power cut after the answer loses nothing; with `NORMAL` a `kill -9` would
//! still be safe but a power cut could lose the last commits. The cost of a sync per commit is
//! shared by batching: enquiries are written by one writer thread ([`writer`]) that commits
//! everything waiting in one transaction.
//!
//! Everything else (the inbox, staff sessions, operator commands) goes through [`Database::call`]
//! on a second connection; SQLite's locking and `busy_timeout` order it with the writer.

pub mod alerts;
pub mod enquiries;
pub mod inbox;
pub mod staff;
pub mod writer;

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rusqlite::Connection;
use sha2::{Digest, Sha256};
use thiserror::Error;

use self::enquiries::{NewEnquiry, Stored};
use self::writer::Writer;

/// The migrations, in order; `PRAGMA user_version` counts those applied.
const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_initial",
        include_str!("../../migrations/0001_initial.sql"),
    ),
    (
        "0002_follow_up",
        include_str!("../../migrations/0002_follow_up.sql"),
    ),
];

/// How long a connection waits for another one's write lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// A database failure, for the program and its log: it carries no words for people. Those
/// belong to the boundary that meets it: [`crate::error::ApiError`] (the receiver's JSON),
/// [`crate::routes::staff::StaffError`] (the staff pages), [`crate::cli::CliError`] (the
/// operator's commands and `check`).
#[derive(Debug, Error)]
pub enum DbError {
    /// SQLite refused or failed.
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// SQLite failed a batch of the writer; every enquiry in it shares the one cause.
    #[error("sqlite, a batch of enquiries: {0}")]
    Batch(Arc<rusqlite::Error>),
    /// The file or its folder could not be made.
    #[error("file: {0}")]
    Io(#[from] std::io::Error),
    /// The database was written by a newer version of the server.
    #[error("schema version {found} is newer than this program's {known} (written by {})",
        written_by.as_deref().unwrap_or("a newer version"))]
    Newer {
        /// The database's version.
        found: usize,
        /// The newest this program knows.
        known: usize,
        /// The version of fushen-server that last opened it, when the database says.
        written_by: Option<String>,
    },
    /// The writer thread is gone (the server is stopping).
    #[error("the writer has stopped")]
    WriterGone,
    /// A database call panicked: a fault of this program, not a passing trouble.
    #[error("a database call panicked")]
    Panicked,
}

/// Opens (creating if needed) the database at `path` and brings its schema up to date.
///
/// A new database file is readable by its owner only: it holds names and phone numbers.
pub fn open(path: &Path) -> Result<Connection, DbError> {
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        crate::private::create_private_dir(dir)?;
    }
    if !path.exists() {
        drop(crate::private::open_private(path)?);
    }
    let mut conn = Connection::open(path)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Deleted rows are overwritten with zeros, not left in free space for `grep -a` to find
    // (docs/operator.md, privacy duties); `erase_deleted` then clears them out of the WAL too.
    conn.pragma_update(None, "secure_delete", "ON")?;
    migrate(&mut conn)?;
    record_writer(&conn)?;
    Ok(conn)
}

/// How often [`erase_deleted`] tries before leaving the rest to SQLite's next checkpoint.
const ERASE_ATTEMPTS: u32 = 20;

/// After a deletion: copies every change into the database file and empties the WAL, so that
/// no earlier version of a deleted row stays in either file. With `secure_delete` on, the rows
/// themselves were overwritten with zeros when deleted. True when the WAL is empty; false when
/// another connection kept reading the whole time (the data is then erased at SQLite's next
/// checkpoint instead).
pub fn erase_deleted(conn: &Connection) -> Result<bool, DbError> {
    for attempt in 0..ERASE_ATTEMPTS {
        // (busy, frames in the WAL, frames checkpointed); TRUNCATE empties the file when done.
        let (busy, _, _): (i64, i64, i64) =
            conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?;
        if busy == 0 {
            return Ok(true);
        }
        std::thread::sleep(Duration::from_millis(50 * u64::from(attempt + 1)));
    }
    Ok(false)
}

/// The schema version this program writes (the number of its migrations).
pub fn schema_version() -> usize {
    MIGRATIONS.len()
}

/// The refusal of a database at schema version `found`, newer than this program's, naming the
/// version of fushen-server that last opened it when the database says so.
pub fn newer(conn: &Connection, found: usize) -> DbError {
    let recorded: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = 'written_by'", [], |r| {
            r.get(0)
        })
        .ok();
    DbError::Newer {
        found,
        known: MIGRATIONS.len(),
        written_by: recorded,
    }
}

/// Records this program's version as the last to open the database (after its migrations).
pub fn record_writer(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('written_by', ?1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE value <> excluded.value",
        [env!("CARGO_PKG_VERSION")],
    )?;
    Ok(())
}

/// Applies the migrations the database has not had, each in its own transaction.
pub fn migrate(conn: &mut Connection) -> Result<(), DbError> {
    migrate_to(conn, MIGRATIONS.len())
}

/// Applies the migrations the database has not had up to schema version `target` (a restore
/// builds a fresh database at its backup's version, then copies the rows in).
pub fn migrate_to(conn: &mut Connection, target: usize) -> Result<(), DbError> {
    apply(conn, target, true)
}

/// A database in memory made by our migrations up to schema version `target`: what a file of
/// ours at that version has for a schema (`backup::open_copy` compares them). Not logged.
pub fn made_to(target: usize) -> Result<Connection, DbError> {
    let mut conn = Connection::open_in_memory()?;
    apply(&mut conn, target, false)?;
    Ok(conn)
}

fn apply(conn: &mut Connection, target: usize, logged: bool) -> Result<(), DbError> {
    let applied: usize = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    if applied > MIGRATIONS.len() {
        return Err(newer(conn, applied));
    }
    let target = target.min(MIGRATIONS.len());
    for (number, (name, sql)) in MIGRATIONS.iter().enumerate().take(target).skip(applied) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", number + 1)?;
        tx.commit()?;
        if logged {
            tracing::info!(migration = name, "database migrated");
        }
    }
    Ok(())
}

/// The SHA-256 of `bytes`, as 64 hex digits.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut hex = String::with_capacity(64);
    for b in Sha256::digest(bytes) {
        let _ = write!(hex, "{b:02x}");
    }
    hex
}

/// The running server's way to the database: the batching writer for enquiries, and one more
/// connection for everything else.
#[derive(Clone)]
pub struct Database {
    other: Arc<Mutex<Connection>>,
    writer: Writer,
}

impl Database {
    /// Opens the database at `path` and starts its writer; `wake` is told whenever a stored
    /// enquiry queued a group-robot alert.
    pub fn start(path: &Path, wake: Option<writer::Wake>) -> Result<Database, DbError> {
        let writer_conn = open(path)?;
        let other = open(path)?;
        Ok(Database {
            other: Arc::new(Mutex::new(other)),
            writer: Writer::start(writer_conn, wake),
        })
    }

    /// Stores an enquiry through the writer; the answer comes after the commit.
    pub async fn store(&self, enquiry: NewEnquiry) -> Result<Stored, DbError> {
        self.writer.store(enquiry).await
    }

    /// Runs `f` on the second connection, off the async threads.
    pub async fn call<R, F>(&self, f: F) -> Result<R, DbError>
    where
        R: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<R, DbError> + Send + 'static,
    {
        let other = Arc::clone(&self.other);
        tokio::task::spawn_blocking(move || {
            // A panic cannot leave a half-made change behind (SQLite rolls back), so a poisoned
            // lock still guards a sound connection.
            let mut conn = other
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            f(&mut conn)
        })
        .await
        .map_err(|_| DbError::Panicked)?
    }

    /// True when the database answers a query and the writer is running.
    pub async fn is_usable(&self) -> bool {
        let alive = self.writer.is_running();
        let answers = self
            .call(|conn| {
                let n: i64 =
                    conn.query_row("SELECT count(*) FROM staff WHERE 0", [], |r| r.get(0))?;
                Ok(n == 0)
            })
            .await
            .unwrap_or(false);
        alive && answers
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh folder under the system's temporary one, removed afterwards.
    struct Scratch(std::path::PathBuf);

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn hashes_are_lowercase_hex_sha256() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn a_new_database_is_durable_private_and_keeps_its_links() {
        let scratch = Scratch(std::env::temp_dir().join(format!(
            "fushen-db-test-{}-{}",
            std::process::id(),
            crate::clock::now_ms()
        )));
        let path = scratch.0.join("data").join("fushen.sqlite3");
        let conn = open(&path).unwrap();
        // docs/operator.md: every 2xx comes after its commit has reached the disk (FULL = 2), in WAL mode;
        // `forget` relies on ON DELETE CASCADE, which needs foreign keys on.
        let pragma = |name: &str| -> String {
            conn.pragma_query_value(None, name, |row| {
                row.get::<_, rusqlite::types::Value>(0)
                    .map(|v| format!("{v:?}"))
            })
            .unwrap()
        };
        assert_eq!(pragma("synchronous"), "Integer(2)");
        assert_eq!(pragma("journal_mode"), "Text(\"wal\")");
        assert_eq!(pragma("foreign_keys"), "Integer(1)");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(path.parent().unwrap()), 0o700);
            assert_eq!(mode(&path), 0o600);
        }
    }
}
