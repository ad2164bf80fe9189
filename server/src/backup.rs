//! Backups of the database: a consistent copy taken while serving (`VACUUM INTO`, which copies
//! one snapshot and leaves out deleted rows' free space), readable by its owner only; one a day
//! into the backup folder while serving, the newest `FUSHEN_BACKUP_KEEP` kept and none older
//! than the retention period (the privacy notice's promise covers backups too); and `restore`,
//! which puts one back only when no server runs on the data folder and the file is one of ours.
//!
//! While serving, the server holds an exclusive lock on `fushen.lock` in the data folder
//! ([`DataLock`]); a second server on the same folder and a restore under a running server are
//! both refused by it.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use rusqlite::{Connection, OpenFlags};
use thiserror::Error;

use crate::clock::{china_today, china_wall_clock_ms, now_ms, DAY_MS};
use crate::config::Config;
use crate::db::{self, DbError};
use crate::private::{create_private_dir, create_private_file, make_private_dir, open_private};

/// Backups in the backup folder are named `fushen-<date>-<time>.sqlite3` (China time).
const PREFIX: &str = "fushen-";
const SUFFIX: &str = ".sqlite3";
/// A database a restore replaced is kept beside it as `fushen.sqlite3.before-restore-<time>`.
const BEFORE_RESTORE: &str = ".before-restore-";
/// The lock file a serving server holds in the data folder.
pub const LOCK_FILE: &str = "fushen.lock";
/// The tables every database of ours has, from the first schema on.
const OUR_TABLES: [&str; 5] = ["enquiries", "forgotten", "staff", "sessions", "notices"];
/// How old the newest backup may be before the serving server takes another.
const BACKUP_EVERY: Duration = Duration::from_secs(24 * 60 * 60);

/// Why a backup or a restore could not be made. The operator's words for it are
/// [`crate::cli::CliError`]'s; this Display is for the log.
#[derive(Debug, Error)]
pub enum BackupError {
    /// The database could not be read or written.
    #[error("database: {0}")]
    Db(#[from] DbError),
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    File {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// A server is running on this data folder.
    #[error("a server is running ({0} is locked)")]
    Running(String),
    /// The file is not a database of this program.
    #[error("{path} is not a backup of this program: {why:?}")]
    NotOurs {
        /// The file.
        path: String,
        /// What gave it away.
        why: Unlike,
    },
    /// The file to write a backup into is already there.
    #[error("{0} already exists")]
    Exists(String),
}

/// What shows that a file is not a copy of a database this program made (the operator's words
/// for each are the command line's, `cli::backup_words`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unlike {
    /// It does not start as an SQLite database does.
    NotSqlite,
    /// Its header's page count is not valid.
    BadPageCount,
    /// Its size is not the one its header declares: cut short, or padded.
    Size {
        /// Its size in bytes.
        size: u64,
        /// The size its header declares.
        declared: u64,
    },
    /// SQLite cannot read it.
    Unreadable,
    /// SQLite's check found it damaged (its report).
    Damaged(String),
    /// Tables of ours are not in it.
    MissingTables(Vec<String>),
    /// A table of ours that a restore does not know how to copy (a migration added it).
    UnknownTable(String),
    /// A table's rows do not fit ours (SQLite's words).
    Rows {
        /// The table.
        table: String,
        /// What SQLite said.
        error: String,
    },
    /// It changed while it was being checked.
    ChangedWhileChecked,
    /// Its schema is not ours: what it has beyond ours, and what of ours is gone or changed.
    Schema {
        /// Objects ours does not have.
        added: Vec<String>,
        /// Objects of ours deleted or changed.
        changed: Vec<String>,
    },
}

fn file_error(path: &Path) -> impl FnOnce(std::io::Error) -> BackupError + '_ {
    move |source| BackupError::File {
        path: path.display().to_string(),
        source,
    }
}

/// The lock a serving server holds on its data folder.
#[derive(Debug)]
pub struct DataLock(#[allow(dead_code)] File);

impl DataLock {
    /// Takes the data folder's lock, or says that a server already holds it.
    pub fn take(data_dir: &Path) -> Result<DataLock, BackupError> {
        create_private_dir(data_dir).map_err(file_error(data_dir))?;
        let path = data_dir.join(LOCK_FILE);
        let file = open_private(&path).map_err(file_error(&path))?;
        match file.try_lock() {
            Ok(()) => Ok(DataLock(file)),
            Err(std::fs::TryLockError::WouldBlock) => {
                Err(BackupError::Running(path.display().to_string()))
            }
            Err(std::fs::TryLockError::Error(source)) => Err(BackupError::File {
                path: path.display().to_string(),
                source,
            }),
        }
    }
}

/// Copies the database behind `conn` into `target` (which must not exist), mode 600, synced.
pub fn take(conn: &Connection, target: &Path) -> Result<u64, BackupError> {
    if target.exists() {
        return Err(BackupError::Exists(target.display().to_string()));
    }
    // A half-written copy never carries the final name: written beside it, then renamed.
    let partial = sibling(target, ".partial");
    let _ = std::fs::remove_file(&partial);
    // VACUUM INTO writes into an empty file as it finds it: created first, private.
    drop(create_private_file(&partial).map_err(file_error(&partial))?);
    let written = conn
        .execute("VACUUM INTO ?1", [partial.to_string_lossy()])
        .map_err(DbError::from)
        .map_err(BackupError::from);
    if let Err(error) = written {
        let _ = std::fs::remove_file(&partial);
        return Err(error);
    }
    File::open(&partial)
        .and_then(|f| f.sync_all())
        .map_err(file_error(&partial))?;
    std::fs::rename(&partial, target).map_err(file_error(target))?;
    sync_folder(target);
    Ok(std::fs::metadata(target).map(|m| m.len()).unwrap_or(0))
}

/// A new backup's path in `folder`, named by the time in China.
pub fn new_name(folder: &Path, now: i64) -> PathBuf {
    let stamp = crate::clock::china_datetime(now).replace([' ', ':'], "-");
    folder.join(format!("{PREFIX}{stamp}{SUFFIX}"))
}

/// The backups in `folder` (files named like ours), newest first, with the time each was
/// taken: read from its name (the file's own time changes when a purge reaches into it), or
/// the file's time for a name that does not say.
pub fn list(folder: &Path) -> Vec<(PathBuf, SystemTime)> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut found: Vec<(PathBuf, SystemTime)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let stamp = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?.to_string();
            let taken = taken_at(&stamp).or_else(|| e.metadata().ok()?.modified().ok())?;
            Some((e.path(), taken))
        })
        .collect();
    found.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| b.0.cmp(&a.0)));
    found
}

/// The databases restores kept beside `db_path` (`fushen.sqlite3.before-restore-<time>`), by
/// name; they hold personal data until the operator deletes them.
pub fn before_restore_files(db_path: &Path) -> Vec<PathBuf> {
    let (Some(folder), Some(name)) = (db_path.parent(), db_path.file_name()) else {
        return Vec::new();
    };
    let folder = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    let prefix = format!("{}{BEFORE_RESTORE}", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with(&prefix)
                && !["-wal", "-shm", "-journal"]
                    .iter()
                    .any(|suffix| name.ends_with(suffix))
        })
        .map(|e| e.path())
        .collect();
    found.sort();
    found
}

/// Every copy of the database that may hold personal data: the backups in the backup folder,
/// then the databases restores kept; deletion and retention go through each.
pub fn copies(config: &Config) -> Vec<PathBuf> {
    let mut all: Vec<PathBuf> = config
        .backup_dir
        .as_deref()
        .map(|folder| list(folder).into_iter().map(|(path, _)| path).collect())
        .unwrap_or_default();
    all.extend(before_restore_files(&config.db_path));
    all
}

/// The time in a backup's name (`2026-11-26-19-30-05`, China time).
fn taken_at(stamp: &str) -> Option<SystemTime> {
    let china = chrono::NaiveDateTime::parse_from_str(stamp, "%Y-%m-%d-%H-%M-%S").ok()?;
    let ms = u64::try_from(china_wall_clock_ms(china)).ok()?;
    SystemTime::UNIX_EPOCH.checked_add(Duration::from_millis(ms))
}

/// True when a backup's time falls on a China day after `now`'s: taken while the clock was
/// wrong (the first backup is taken at start). Such a backup is stale: it is not the newest, it
/// counts for nothing, and it is pruned.
pub fn after_today(taken: SystemTime, now: SystemTime) -> bool {
    china_today(ms_of(taken)) > china_today(ms_of(now))
}

fn ms_of(time: SystemTime) -> i64 {
    time.duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// Deletes the backups dated after today, those past the newest `keep` and those older than
/// `retention_days`; returns the deleted files.
pub fn prune(folder: &Path, keep: u32, retention_days: u32, now: SystemTime) -> Vec<PathBuf> {
    let oldest = now
        .checked_sub(Duration::from_millis(
            u64::from(retention_days) * DAY_MS as u64,
        ))
        .unwrap_or(SystemTime::UNIX_EPOCH);
    let mut deleted = Vec::new();
    let mut newer_kept = 0usize;
    for (path, taken) in list(folder) {
        let future = after_today(taken, now);
        let stale = future || newer_kept >= keep as usize || taken < oldest;
        if !future {
            newer_kept += 1;
        }
        if stale && std::fs::remove_file(&path).is_ok() {
            deleted.push(path);
        }
    }
    deleted
}

/// Takes a backup into `folder` when the newest there is a day old or there is none, then
/// prunes the folder and purges what passed retention inside the backups kept; what the serving
/// server asks every hour (nothing is touched in the hours between, once a day is enough).
pub fn daily(
    conn: &Connection,
    folder: &Path,
    keep: u32,
    retention_days: u32,
) -> Result<Option<PathBuf>, BackupError> {
    let now = SystemTime::now();
    let newest = list(folder)
        .into_iter()
        .find(|(_, taken)| !after_today(*taken, now));
    let due = newest.as_ref().is_none_or(|(_, newest)| {
        now.duration_since(*newest)
            .is_ok_and(|age| age >= BACKUP_EVERY - Duration::from_secs(60))
    });
    if !due {
        return Ok(None);
    }
    make_private_dir(folder).map_err(file_error(folder))?;
    let target = new_name(folder, now_ms());
    take(conn, &target)?;
    prune(folder, keep, retention_days, now);
    // What passed retention since a backup was taken leaves the backups too.
    // A backup that is not exactly ours is not touched (`open_copy`); the others still are, and
    // the first failure is returned, naming its file.
    let mut failed = None;
    for (file, _) in list(folder) {
        let purged = open_copy(&file).and_then(|mut conn| {
            crate::retention::purge(&mut conn, retention_days, now_ms(), false)?;
            Ok(())
        });
        if let Err(error) = purged {
            failed.get_or_insert(error);
        }
    }
    match failed {
        Some(error) => Err(error),
        None => Ok(Some(target)),
    }
}

/// Checks that `file` is a database of ours; returns its schema version.
pub fn verify(file: &Path) -> Result<usize, BackupError> {
    let not_ours = |why: Unlike| BackupError::NotOurs {
        path: file.display().to_string(),
        why,
    };
    let mut header = [0u8; 100];
    let mut opened = File::open(file).map_err(file_error(file))?;
    let size = opened.metadata().map_err(file_error(file))?.len();
    if std::io::Read::read_exact(&mut opened, &mut header).is_err()
        || &header[..16] != b"SQLite format 3\0"
    {
        return Err(not_ours(Unlike::NotSqlite));
    }
    drop(opened);
    // Only the pages the header counts are ours: a file padded past them (or cut short) is not
    // a copy we made, and SQLite would read what it finds past the last page as free space.
    let declared = declared_size(&header).ok_or_else(|| not_ours(Unlike::BadPageCount))?;
    if declared != size {
        return Err(not_ours(Unlike::Size { size, declared }));
    }
    let conn = Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(DbError::from)?;
    distrust_schema(&conn)?;
    let check: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(|_| not_ours(Unlike::Unreadable))?;
    if check != "ok" {
        return Err(not_ours(Unlike::Damaged(check)));
    }
    let version: usize = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(DbError::from)?;
    let known = db::schema_version();
    if version > known {
        return Err(db::newer(&conn, version).into());
    }
    let mut statement = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table'")
        .map_err(DbError::from)?;
    let tables: Vec<String> = statement
        .query_map([], |r| r.get(0))
        .and_then(|rows| rows.collect())
        .map_err(DbError::from)?;
    let missing: Vec<String> = OUR_TABLES
        .into_iter()
        .filter(|t| !tables.iter().any(|found| found == t))
        .map(String::from)
        .collect();
    if version == 0 || !missing.is_empty() {
        return Err(not_ours(Unlike::MissingTables(missing)));
    }
    Ok(version)
}

/// The size an SQLite header declares (page size × page count), when the count is valid (SQLite
/// keeps it so since 3.7.0: its "valid for" number equals the change counter).
fn declared_size(header: &[u8; 100]) -> Option<u64> {
    let be32 = |at: usize| {
        u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536,
        n if n >= 512 && n.is_power_of_two() => u64::from(n),
        _ => return None,
    };
    let pages = be32(28);
    (pages > 0 && be32(92) == be32(24)).then(|| page_size * u64::from(pages))
}

/// A file handed to us is read as data, never as code: functions in its views and triggers are
/// not run (`trusted_schema`), and its schema cannot be changed by writing to it (defensive).
fn distrust_schema(conn: &Connection) -> Result<(), DbError> {
    conn.pragma_update(None, "trusted_schema", "OFF")?;
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    Ok(())
}

/// Our tables, in the order a restore copies them (a row's parent first). `sessions` is not
/// copied: a restore signs everyone out.
const COPIED_TABLES: [&str; 6] = [
    "enquiries",
    "forgotten",
    "staff",
    "notices",
    "history",
    "meta",
];
/// Our table that a restore leaves empty.
const SESSIONS: &str = "sessions";

/// What a restore did.
#[derive(Debug)]
pub struct Restored {
    /// The schema version of the file restored (migrated forward on opening).
    pub version: usize,
    /// Where the database that was replaced now is, if there was one.
    pub previous: Option<PathBuf>,
    /// Enquiries and staff accounts in the restored database.
    pub counts: (i64, i64),
    /// What the file held that is not ours and was left behind (`表 spy`, `触发器 keep`).
    pub skipped: Vec<String>,
}

/// Puts `file` in place of the configured database: refused while a server runs on the data
/// folder or when `file` is not one of ours. Only our tables' rows are taken, into a fresh
/// database made by our migrations (so no table, trigger, index or view of the file comes
/// along), and no session: everyone signs in again. The database it replaces is kept beside it
/// (`fushen.sqlite3.before-restore-…`, mode 600) until the operator deletes it.
pub fn restore(config: &Config, file: &Path) -> Result<Restored, BackupError> {
    let _lock = DataLock::take(&config.data_dir)?;
    let version = verify(file)?;
    let db_path = &config.db_path;
    let incoming = sibling(db_path, ".restoring");
    let skipped = match copy_ours(file, &incoming, version) {
        Ok(skipped) => skipped,
        Err(error) => {
            let _ = std::fs::remove_file(&incoming);
            let _ = std::fs::remove_file(sibling(&incoming, "-journal"));
            return Err(error);
        }
    };
    let previous = if db_path.exists() {
        // Everything of the current database into its main file, so that one file keeps it.
        if let Ok(conn) = Connection::open(db_path) {
            let _ = db::erase_deleted(&conn);
        }
        let stamp = crate::clock::china_datetime(now_ms()).replace([' ', ':'], "-");
        let kept = sibling(db_path, &format!("{BEFORE_RESTORE}{stamp}"));
        std::fs::rename(db_path, &kept).map_err(file_error(db_path))?;
        Some(kept)
    } else {
        None
    };
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(sibling(db_path, suffix));
    }
    std::fs::rename(&incoming, db_path).map_err(file_error(db_path))?;
    sync_folder(db_path);
    let conn = db::open(db_path)?;
    let count = |table: &str| -> Result<i64, BackupError> {
        Ok(conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .map_err(DbError::from)?)
    };
    Ok(Restored {
        version,
        previous,
        counts: (count("enquiries")?, count("staff")?),
        skipped,
    })
}

/// Builds `into` (mode 600) with our migrations up to `version`, then copies the rows of our
/// tables from `file`, opened read-only, column by column; returns what `file` holds beyond our
/// schema (left behind).
fn copy_ours(file: &Path, into: &Path, version: usize) -> Result<Vec<String>, BackupError> {
    let not_ours = |why: Unlike| BackupError::NotOurs {
        path: file.display().to_string(),
        why,
    };
    let _ = std::fs::remove_file(into);
    drop(create_private_file(into).map_err(file_error(into))?);
    let mut conn = Connection::open(into).map_err(DbError::from)?;
    conn.pragma_update(None, "foreign_keys", "ON")
        .map_err(DbError::from)?;
    db::migrate_to(&mut conn, version)?;
    distrust_schema(&conn)?;
    let uri = format!(
        "file:{}?mode=ro",
        crate::url::encode(&file.to_string_lossy()).replace("%2F", "/")
    );
    conn.execute("ATTACH DATABASE ?1 AS backup", [uri])
        .map_err(DbError::from)?;
    let ours = schema(&conn, "main")?;
    let theirs = schema(&conn, "backup")?;
    let skipped: Vec<String> = beyond(&ours, &theirs)
        .into_iter()
        .filter(|object| !object.1.starts_with("sqlite_"))
        .map(named)
        .collect();
    let tx = conn.transaction().map_err(DbError::from)?;
    for (_, table, _) in ours.iter().filter(|o| o.0 == "table") {
        if table == SESSIONS {
            continue;
        }
        if !COPIED_TABLES.contains(&table.as_str()) {
            // A migration added a table this list does not name: refuse rather than lose it.
            return Err(not_ours(Unlike::UnknownTable(table.clone())));
        }
        if !theirs.iter().any(|(k, n, _)| k == "table" && n == table) {
            return Err(not_ours(Unlike::MissingTables(vec![table.clone()])));
        }
    }
    for table in COPIED_TABLES {
        if !ours.iter().any(|(k, n, _)| k == "table" && n == table) {
            continue;
        }
        let columns: Vec<String> = {
            let mut statement = tx
                .prepare(&format!(
                    "SELECT name FROM pragma_table_info('{table}', 'main')"
                ))
                .map_err(DbError::from)?;
            let names = statement
                .query_map([], |r| r.get::<_, String>(0))
                .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
                .map_err(DbError::from)?;
            names.into_iter().map(|c| format!("\"{c}\"")).collect()
        };
        let columns = columns.join(", ");
        tx.execute(
            &format!(
                "INSERT INTO main.\"{table}\" ({columns}) SELECT {columns} FROM backup.\"{table}\""
            ),
            [],
        )
        .map_err(|e| {
            not_ours(Unlike::Rows {
                table: table.to_string(),
                error: e.to_string(),
            })
        })?;
    }
    tx.commit().map_err(DbError::from)?;
    conn.execute("DETACH DATABASE backup", [])
        .map_err(DbError::from)?;
    drop(conn);
    File::open(into)
        .and_then(|f| f.sync_all())
        .map_err(file_error(into))?;
    Ok(skipped)
}

/// One object of a schema: its type, name and SQL, as `sqlite_schema` has them.
type Object = (String, String, Option<String>);

/// The objects of `theirs` that `ours` does not have, word for word.
fn beyond<'a>(ours: &[Object], theirs: &'a [Object]) -> Vec<&'a Object> {
    theirs.iter().filter(|o| !ours.contains(o)).collect()
}

/// An object as the operator reads it (`表 spy`, `触发器 keep`).
fn named((kind, name, _): &Object) -> String {
    let kind = match kind.as_str() {
        "table" => "表",
        "index" => "索引",
        "trigger" => "触发器",
        "view" => "视图",
        other => other,
    };
    format!("{kind} {name}")
}

/// Opens a copy of the database (a backup, a database a restore kept) for `forget` and the
/// retention purge to delete from, only when it is one of ours ([`verify`]) and its schema is
/// exactly the one our migrations make at its version: every table, index, trigger and view,
/// word for word, and nothing more. A file that is not is refused unchanged (it is read with
/// `trusted_schema` off and in defensive mode, as a restore reads it): a trigger someone added
/// could otherwise keep a copy of every row deleted. One that is ours is then brought up to date
/// by our migrations, with deleted rows overwritten (`secure_delete`) and links followed.
pub fn open_copy(file: &Path) -> Result<Connection, BackupError> {
    let version = verify(file)?;
    let not_ours = |why: Unlike| BackupError::NotOurs {
        path: file.display().to_string(),
        why,
    };
    // Not created if it went away since; never through a URI the name might look like.
    let mut conn = Connection::open_with_flags(
        file,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(DbError::from)?;
    distrust_schema(&conn)?;
    // The serving server may be purging the same backup.
    conn.busy_timeout(Duration::from_secs(5))
        .map_err(DbError::from)?;
    // The file as this connection sees it is the one checked, even if it changed since `verify`.
    let now: usize = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(DbError::from)?;
    if now != version {
        return Err(not_ours(Unlike::ChangedWhileChecked));
    }
    let ours = schema(&db::made_to(version)?, "main")?;
    let theirs = schema(&conn, "main")?;
    let added: Vec<String> = beyond(&ours, &theirs).into_iter().map(named).collect();
    let changed: Vec<String> = beyond(&theirs, &ours).into_iter().map(named).collect();
    if !added.is_empty() || !changed.is_empty() {
        return Err(not_ours(Unlike::Schema { added, changed }));
    }
    conn.pragma_update(None, "foreign_keys", "ON")
        .and_then(|()| conn.pragma_update(None, "secure_delete", "ON"))
        .map_err(DbError::from)?;
    db::migrate(&mut conn)?;
    db::record_writer(&conn).map_err(DbError::from)?;
    Ok(conn)
}

/// The (type, name, SQL) of every object in the schema `of` (`main` or an attached name).
fn schema(conn: &Connection, of: &str) -> Result<Vec<Object>, DbError> {
    let mut statement = conn.prepare(&format!(
        "SELECT type, name, sql FROM {of}.sqlite_schema ORDER BY type, name"
    ))?;
    let rows = statement.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// `path` with `suffix` added to its file name.
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Syncs the folder holding `path`, so that a rename survives a power cut.
fn sync_folder(path: &Path) {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        if let Ok(folder) = File::open(parent) {
            let _ = folder.sync_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_restore_knows_every_table_of_the_newest_schema() {
        let mut conn = Connection::open_in_memory().unwrap();
        db::migrate(&mut conn).unwrap();
        let mut tables: Vec<String> = schema(&conn, "main")
            .unwrap()
            .into_iter()
            .filter(|(kind, _, _)| kind == "table")
            .map(|(_, name, _)| name)
            .collect();
        tables.sort();
        let mut known: Vec<String> = COPIED_TABLES.iter().map(|t| t.to_string()).collect();
        known.push(SESSIONS.to_string());
        known.sort();
        assert_eq!(tables, known);
    }

    #[test]
    fn what_gives_a_file_away_is_typed_not_worded() {
        let dir = std::env::temp_dir().join(format!("fushen-unlike-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let text = dir.join("notes.txt");
        std::fs::write(&text, "不是数据库").unwrap();
        let why = |file: &Path| match verify(file) {
            Err(BackupError::NotOurs { why, .. }) => why,
            other => panic!("{file:?}: {other:?}"),
        };
        assert_eq!(why(&text), Unlike::NotSqlite);
        // Ours, then padded by a byte: the header still declares the size it had.
        let ours = dir.join("ours.sqlite3");
        let mut conn = Connection::open(&ours).unwrap();
        db::migrate(&mut conn).unwrap();
        drop(conn);
        let size = std::fs::metadata(&ours).unwrap().len();
        let mut bytes = std::fs::read(&ours).unwrap();
        bytes.push(0);
        std::fs::write(&ours, &bytes).unwrap();
        assert_eq!(
            why(&ours),
            Unlike::Size {
                size: size + 1,
                declared: size
            }
        );
        // A database with none of our tables.
        let other = dir.join("other.sqlite3");
        let conn = Connection::open(&other).unwrap();
        conn.execute_batch("CREATE TABLE t (x); PRAGMA user_version = 1;")
            .unwrap();
        drop(conn);
        assert!(matches!(why(&other), Unlike::MissingTables(t) if t.len() == OUR_TABLES.len()));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_header_declares_the_size_only_when_its_page_count_is_valid() {
        let mut header = [0u8; 100];
        header[16..18].copy_from_slice(&4096u16.to_be_bytes());
        header[28..32].copy_from_slice(&12u32.to_be_bytes());
        header[24..28].copy_from_slice(&3u32.to_be_bytes());
        header[92..96].copy_from_slice(&3u32.to_be_bytes());
        assert_eq!(declared_size(&header), Some(49_152));
        header[16..18].copy_from_slice(&1u16.to_be_bytes());
        assert_eq!(declared_size(&header), Some(12 * 65_536));
        header[92..96].copy_from_slice(&2u32.to_be_bytes());
        assert_eq!(declared_size(&header), None);
    }
}
