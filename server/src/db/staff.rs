//! Staff accounts (argon2 hashes, never passwords) and their sign-in sessions.

use rusqlite::{params, Connection, OptionalExtension};

/// A signed-in staff member's session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    /// The staff member's name.
    pub username: String,
    /// The token every form of this session must carry.
    pub csrf: String,
}

/// A staff account as listed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    /// The name used to sign in.
    pub username: String,
    /// When the password was last set (Unix ms).
    pub updated_at: i64,
}

/// Creates `username` or sets a new password hash for it, ending its sessions. True when the
/// account is new.
pub fn set_password(
    conn: &mut Connection,
    username: &str,
    hash: &str,
    now: i64,
) -> rusqlite::Result<bool> {
    let tx = conn.transaction()?;
    let existing: Option<i64> = tx
        .query_row(
            "SELECT id FROM staff WHERE username = ?1",
            [username],
            |r| r.get(0),
        )
        .optional()?;
    match existing {
        Some(id) => {
            tx.execute(
                "UPDATE staff SET password_hash = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, hash, now],
            )?;
            tx.execute("DELETE FROM sessions WHERE staff_id = ?1", [id])?;
        }
        None => {
            tx.execute(
                "INSERT INTO staff (username, password_hash, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?3)",
                params![username, hash, now],
            )?;
        }
    }
    tx.commit()?;
    Ok(existing.is_none())
}

/// The account id and password hash of `username`.
pub fn password_hash(conn: &Connection, username: &str) -> rusqlite::Result<Option<(i64, String)>> {
    conn.query_row(
        "SELECT id, password_hash FROM staff WHERE username = ?1",
        [username],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()
}

/// Every account, by name.
pub fn accounts(conn: &Connection) -> rusqlite::Result<Vec<Account>> {
    let mut statement = conn.prepare("SELECT username, updated_at FROM staff ORDER BY username")?;
    let rows = statement.query_map([], |r| {
        Ok(Account {
            username: r.get(0)?,
            updated_at: r.get(1)?,
        })
    })?;
    rows.collect()
}

/// Removes `username` and its sessions. False when there is no such account.
pub fn remove(conn: &Connection, username: &str) -> rusqlite::Result<bool> {
    Ok(conn.execute("DELETE FROM staff WHERE username = ?1", [username])? == 1)
}

/// Starts a session for account `staff_id`.
pub fn start_session(
    conn: &Connection,
    staff_id: i64,
    token_hash: &str,
    csrf: &str,
    expires_at: i64,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO sessions (token_hash, staff_id, csrf, expires_at) VALUES (?1, ?2, ?3, ?4)",
        params![token_hash, staff_id, csrf, expires_at],
    )?;
    Ok(())
}

/// The session whose cookie hashes to `token_hash`, if it has not expired at `now`.
pub fn session(conn: &Connection, token_hash: &str, now: i64) -> rusqlite::Result<Option<Session>> {
    conn.query_row(
        "SELECT staff.username, sessions.csrf FROM sessions JOIN staff ON staff.id = sessions.staff_id
         WHERE sessions.token_hash = ?1 AND sessions.expires_at > ?2",
        params![token_hash, now],
        |r| {
            Ok(Session {
                username: r.get(0)?,
                csrf: r.get(1)?,
            })
        },
    )
    .optional()
}

/// Ends the session whose cookie hashes to `token_hash`.
pub fn end_session(conn: &Connection, token_hash: &str) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM sessions WHERE token_hash = ?1", [token_hash])?;
    Ok(())
}

/// Deletes sessions expired at `now`; returns how many.
pub fn end_expired_sessions(conn: &Connection, now: i64) -> rusqlite::Result<usize> {
    conn.execute("DELETE FROM sessions WHERE expires_at <= ?1", [now])
}
