//! Enquiries in the database: storing one exactly once (idempotent by the phone's id), reading
//! them for the inbox and the export, following them up, and deleting them on request or at the
//! end of retention without letting a retry bring them back.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

use fushen_domain::enquiry::receive::Checked;

use super::sha256_hex;

/// Where a lead stands (跟进状态).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LeadStatus {
    /// 新: not yet followed up.
    New,
    /// 已联系: called back.
    Contacted,
    /// 已报名: signed up for the training.
    Enrolled,
    /// 无效: a wrong number, a joke, a duplicate.
    Invalid,
}

impl LeadStatus {
    /// Every status, in the order staff move through them.
    pub const ALL: [LeadStatus; 4] = [
        LeadStatus::New,
        LeadStatus::Contacted,
        LeadStatus::Enrolled,
        LeadStatus::Invalid,
    ];

    /// The word stored in the database and sent by the inbox's forms.
    pub fn as_str(self) -> &'static str {
        match self {
            LeadStatus::New => "new",
            LeadStatus::Contacted => "contacted",
            LeadStatus::Enrolled => "enrolled",
            LeadStatus::Invalid => "invalid",
        }
    }

    /// The status named `word` ([`Self::as_str`]).
    pub fn parse(word: &str) -> Option<LeadStatus> {
        LeadStatus::ALL.into_iter().find(|s| s.as_str() == word)
    }

    /// How staff read it.
    pub fn label(self) -> &'static str {
        match self {
            LeadStatus::New => "新",
            LeadStatus::Contacted => "已联系",
            LeadStatus::Enrolled => "已报名",
            LeadStatus::Invalid => "无效",
        }
    }
}

/// A checked enquiry about to be stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewEnquiry {
    /// The phone's id (the `Idempotency-Key`).
    pub id: String,
    /// The reference number.
    pub reference: String,
    /// SHA-256 of the payload as read, in one canonical form (field order and spacing of the
    /// sent JSON do not matter; any change of a value does).
    pub fingerprint: String,
    /// When it arrived (Unix ms).
    pub received_at: i64,
    /// `submitted_at` as sent.
    pub submitted_at: String,
    /// The page it was sent from.
    pub page: String,
    /// 姓名.
    pub name: String,
    /// 11 digits.
    pub phone: String,
    /// The certificate code, category and name.
    pub certificate: (String, String, String),
    /// 所在区县.
    pub district: Option<String>,
    /// 证书到期日.
    pub expiry_date: Option<String>,
    /// 留言.
    pub message: Option<String>,
    /// When the consent was given, as sent.
    pub consent_at: String,
    /// The version of the privacy notice it was given for.
    pub privacy_notice_version: u32,
    /// The line for the group robot, when one is configured (queued with the enquiry).
    pub alert_line: Option<String>,
}

impl NewEnquiry {
    /// The row for `checked`, arrived at `received_at`; `alert_line` when a robot is to be told.
    pub fn new(checked: &Checked, received_at: i64, alert_line: Option<String>) -> NewEnquiry {
        let p = checked.payload();
        // Serialising strings and integers cannot fail.
        let canonical = serde_json::to_vec(p).unwrap_or_default();
        NewEnquiry {
            id: p.id.clone(),
            reference: p.reference.clone(),
            fingerprint: sha256_hex(&canonical),
            received_at,
            submitted_at: p.submitted_at.clone(),
            page: p.page.clone(),
            name: p.fields.name.clone(),
            phone: p.fields.phone.clone(),
            certificate: (
                p.fields.certificate.code.clone(),
                p.fields.certificate.category.clone(),
                p.fields.certificate.name.clone(),
            ),
            district: p.fields.district.clone(),
            expiry_date: p.fields.expiry_date.clone(),
            message: p.fields.message.clone(),
            consent_at: p.consent.given_at.clone(),
            privacy_notice_version: p.consent.notice_version,
            alert_line,
        }
    }
}

/// What storing an enquiry came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stored {
    /// New: stored now, at this time.
    Created {
        /// When it was stored (Unix ms).
        received_at: i64,
    },
    /// The same enquiry again (a retry): nothing new stored; first stored at this time.
    Replayed {
        /// When it was first stored (Unix ms).
        received_at: i64,
    },
    /// Another enquiry under an id already used: refused.
    Conflict,
    /// An enquiry deleted on request or at the end of retention: nothing stored.
    Forgotten,
}

/// Stores `e` in `tx` unless its id is known: the one place that decides "exactly once".
pub fn store(tx: &Transaction<'_>, e: &NewEnquiry) -> rusqlite::Result<Stored> {
    // Every enquiry passes here, on the one writer thread: the statements are prepared once.
    let forgotten: Option<i64> = tx
        .prepare_cached("SELECT 1 FROM forgotten WHERE id_hash = ?1")?
        .query_row([sha256_hex(e.id.as_bytes())], |r| r.get(0))
        .optional()?;
    if forgotten.is_some() {
        return Ok(Stored::Forgotten);
    }
    let inserted = tx
        .prepare_cached(
            "INSERT INTO enquiries (id, reference, fingerprint, received_at, submitted_at, page,
             name, phone, cert_code, cert_category, cert_name, district, expiry_date, message,
             consent_at, notice_version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
         ON CONFLICT (id) DO NOTHING",
        )?
        .execute(params![
            e.id,
            e.reference,
            e.fingerprint,
            e.received_at,
            e.submitted_at,
            e.page,
            e.name,
            e.phone,
            e.certificate.0,
            e.certificate.1,
            e.certificate.2,
            e.district,
            e.expiry_date,
            e.message,
            e.consent_at,
            e.privacy_notice_version,
        ])?;
    if inserted == 1 {
        if let Some(line) = &e.alert_line {
            super::alerts::queue(tx, &e.id, line, e.received_at)?;
        }
        return Ok(Stored::Created {
            received_at: e.received_at,
        });
    }
    let (fingerprint, received_at): (String, i64) = tx
        .prepare_cached("SELECT fingerprint, received_at FROM enquiries WHERE id = ?1")?
        .query_row([&e.id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(if fingerprint == e.fingerprint {
        Stored::Replayed { received_at }
    } else {
        Stored::Conflict
    })
}

/// An enquiry as staff see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Enquiry {
    /// The phone's id.
    pub id: String,
    /// The reference number.
    pub reference: String,
    /// When it arrived (Unix ms).
    pub received_at: i64,
    /// When the user tapped 提交, as sent.
    pub submitted_at: String,
    /// The page it came from.
    pub page: String,
    /// 姓名.
    pub name: String,
    /// 手机号码.
    pub phone: String,
    /// 证书类别.
    pub cert_category: String,
    /// 证书类型 (the item, or the words typed for 其他).
    pub cert_name: String,
    /// 所在区县.
    pub district: Option<String>,
    /// 证书到期日.
    pub expiry_date: Option<String>,
    /// 留言.
    pub message: Option<String>,
    /// When the consent was given, as sent.
    pub consent_at: String,
    /// The version of the privacy notice consent was given for.
    pub privacy_notice_version: u32,
    /// 跟进状态.
    pub status: LeadStatus,
    /// 备注.
    pub note: String,
    /// When staff last changed it (Unix ms), and who.
    pub updated: Option<(i64, String)>,
    /// 下次联系: the day staff plan to call again (China).
    pub follow_up_on: Option<NaiveDate>,
}

/// The columns [`read`] reads, in its order.
pub const COLUMNS: &str = "id, reference, received_at, submitted_at, page, name, phone, \
    cert_category, cert_name, district, expiry_date, message, consent_at, notice_version, \
    status, note, updated_at, updated_by, follow_up_on";

/// An enquiry from a row of [`COLUMNS`].
pub fn read(row: &Row<'_>) -> rusqlite::Result<Enquiry> {
    let status: String = row.get(14)?;
    let updated_at: Option<i64> = row.get(16)?;
    let updated_by: Option<String> = row.get(17)?;
    let follow_up_on: Option<String> = row.get(18)?;
    Ok(Enquiry {
        id: row.get(0)?,
        reference: row.get(1)?,
        received_at: row.get(2)?,
        submitted_at: row.get(3)?,
        page: row.get(4)?,
        name: row.get(5)?,
        phone: row.get(6)?,
        cert_category: row.get(7)?,
        cert_name: row.get(8)?,
        district: row.get(9)?,
        expiry_date: row.get(10)?,
        message: row.get(11)?,
        consent_at: row.get(12)?,
        privacy_notice_version: row.get(13)?,
        // The CHECK constraint admits only these words.
        status: LeadStatus::parse(&status).unwrap_or(LeadStatus::New),
        note: row.get(15)?,
        updated: updated_at.zip(updated_by),
        // Written only by `follow_up`, from a parsed date.
        follow_up_on: follow_up_on.and_then(|d| d.parse().ok()),
    })
}

/// Every enquiry, oldest first (the export).
pub fn all(conn: &Connection) -> rusqlite::Result<Vec<Enquiry>> {
    let mut statement = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM enquiries ORDER BY received_at, rowid"
    ))?;
    let rows = statement.query_map([], read)?;
    rows.collect()
}

/// What a staff member changes on an enquiry at once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The status it is set to.
    pub status: LeadStatus,
    /// A note to add (empty: none).
    pub note: String,
    /// 下次联系 as it is to be (`None`: no date).
    pub follow_up_on: Option<NaiveDate>,
}

/// Applies `change` to enquiry `id`, as `by` at `now`, and appends what changed to its history
/// (one entry; nothing when nothing changed); returns its reference number, or `None` when there
/// is no such enquiry (deleted meanwhile).
pub fn follow_up(
    conn: &mut Connection,
    id: &str,
    change: &Change,
    by: &str,
    now: i64,
) -> rusqlite::Result<Option<String>> {
    let tx = conn.transaction()?;
    let current: Option<(String, String, Option<String>)> = tx
        .query_row(
            "SELECT reference, status, follow_up_on FROM enquiries WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((reference, status, follow_up_on)) = current else {
        return Ok(None);
    };
    let new_date = change.follow_up_on.map(|d| d.to_string());
    let status_changed = status != change.status.as_str();
    let date_changed = follow_up_on != new_date;
    let note = (!change.note.is_empty()).then_some(change.note.as_str());
    if !(status_changed || date_changed || note.is_some()) {
        return Ok(Some(reference));
    }
    tx.execute(
        "UPDATE enquiries SET status = ?2, note = coalesce(?3, note), follow_up_on = ?4,
         updated_at = ?5, updated_by = ?6 WHERE id = ?1",
        params![id, change.status.as_str(), note, new_date, now, by],
    )?;
    tx.execute(
        "INSERT INTO history (enquiry_id, at, by_staff, status, note, follow_up_on,
         follow_up_cleared) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            id,
            now,
            by,
            status_changed.then_some(change.status.as_str()),
            note,
            new_date.as_deref().filter(|_| date_changed),
            date_changed && new_date.is_none(),
        ],
    )?;
    tx.commit()?;
    Ok(Some(reference))
}

/// Deletes enquiries matching `condition` (with `args`) and remembers their ids' hashes, all in
/// one transaction; returns what was deleted. With `dry_run`, deletes nothing.
fn delete_where(
    conn: &mut Connection,
    condition: &str,
    args: &[&dyn rusqlite::ToSql],
    now: i64,
    dry_run: bool,
) -> rusqlite::Result<Vec<Enquiry>> {
    let tx = conn.transaction()?;
    let doomed: Vec<Enquiry> = {
        let mut statement = tx.prepare(&format!(
            "SELECT {COLUMNS} FROM enquiries WHERE {condition} ORDER BY received_at, rowid"
        ))?;
        let rows = statement.query_map(args, read)?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    if dry_run {
        return Ok(doomed);
    }
    for enquiry in &doomed {
        tx.execute(
            "INSERT INTO forgotten (id_hash, forgotten_at) VALUES (?1, ?2)
             ON CONFLICT (id_hash) DO NOTHING",
            params![sha256_hex(enquiry.id.as_bytes()), now],
        )?;
        // Its group-robot alerts go with it (ON DELETE CASCADE).
        tx.execute("DELETE FROM enquiries WHERE id = ?1", [&enquiry.id])?;
    }
    tx.commit()?;
    if !doomed.is_empty() {
        let erased = super::erase_deleted(conn).unwrap_or(false);
        if !erased {
            tracing::warn!(
                deleted = doomed.len(),
                "the WAL could not be emptied now; SQLite's next checkpoint erases the rest"
            );
        }
    }
    Ok(doomed)
}

/// Deletes everything held about `phone` (11 digits), for a request under PIPL; a retry of one
/// of its enquiries is then answered as received and not stored again.
pub fn forget_phone(
    conn: &mut Connection,
    phone: &str,
    now: i64,
    dry_run: bool,
) -> rusqlite::Result<Vec<Enquiry>> {
    delete_where(conn, "phone = ?1", &[&phone], now, dry_run)
}

/// Deletes every enquiry received before `cutoff` (Unix ms): the end of retention.
pub fn purge_before(
    conn: &mut Connection,
    cutoff: i64,
    now: i64,
    dry_run: bool,
) -> rusqlite::Result<Vec<Enquiry>> {
    delete_where(conn, "received_at < ?1", &[&cutoff], now, dry_run)
}
