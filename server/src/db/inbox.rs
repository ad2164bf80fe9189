//! What the staff inbox reads: one page of enquiries for a search and filters (in the database,
//! with its indexes, never by loading every row), one enquiry's history and the other enquiries
//! from its phone, and the season's numbers.

use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection};

use fushen_domain::certificate::{CATALOGUE, OTHER_NAME, OTHER_SLUG};
use fushen_domain::enquiry::search::{like_anywhere, SearchTerm};
use fushen_domain::timeline::window::ReviewWindow;

use super::enquiries::{read, Enquiry, LeadStatus, COLUMNS};
use crate::clock::{china_day_number, china_day_start_ms, CHINA_UTC_OFFSET_MS, DAY_MS};

/// Enquiries per inbox page.
pub const PAGE_SIZE: usize = 30;
/// The last page number (from 1) the inbox reads: 30 million enquiries, far past any
/// institution's; a larger number typed into the address is read as this one, before any
/// arithmetic.
pub const MAX_PAGE: usize = 1_000_000;

/// What the inbox is asked to show (every part optional, all combined).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// The search, read.
    pub search: Option<SearchTerm>,
    /// One status only.
    pub status: Option<LeadStatus>,
    /// One certificate code only (a catalogue slug or `other`).
    pub certificate: Option<String>,
    /// Received on or after this day (China).
    pub from: Option<NaiveDate>,
    /// Received on or before this day (China).
    pub to: Option<NaiveDate>,
    /// Only those whose review window is open today (the calls to make first).
    pub window_open: bool,
}

/// One page of the inbox.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// The enquiries on it, in the inbox's order.
    pub enquiries: Vec<Enquiry>,
    /// How many enquiries match in all.
    pub total: u64,
    /// How many each status has among those the search and the other filters find (the
    /// status filter aside): the inbox's status links.
    pub counts: StatusCounts,
}

/// The table to read for `filter`: a search within text or digits reads the narrow covering
/// index of every searched and filtered column (a tenth of the rows' size) instead of the rows;
/// SQLite would otherwise count by the status index and read each row for its text.
fn source(filter: &Filter) -> &'static str {
    match filter.search {
        Some(SearchTerm::Words(_) | SearchTerm::Digits(_)) => {
            "enquiries INDEXED BY enquiries_for_words"
        }
        _ => "enquiries",
    }
}

/// The `WHERE` clause and its values for `filter` on `today`.
fn condition(filter: &Filter, today: NaiveDate) -> (String, Vec<Value>) {
    let mut clauses: Vec<String> = Vec::new();
    let mut values: Vec<Value> = Vec::new();
    let bind = |value: Value, values: &mut Vec<Value>| {
        values.push(value);
        format!("?{}", values.len())
    };
    match &filter.search {
        None => {}
        Some(SearchTerm::Reference(digits)) => {
            // Eight digits are a reference number (read from the index); a phone number is
            // found by all eleven digits or its last four.
            let exact = bind(Value::Text(digits.clone()), &mut values);
            clauses.push(format!("reference = {exact}"));
        }
        Some(SearchTerm::Phone(phone)) => {
            let exact = bind(Value::Text(phone.clone()), &mut values);
            clauses.push(format!("phone = {exact}"));
        }
        Some(SearchTerm::PhoneTail(tail)) => {
            let tail = bind(Value::Text(tail.clone()), &mut values);
            clauses.push(format!("substr(phone, 8) = {tail}"));
        }
        Some(SearchTerm::Digits(digits)) => {
            let part = bind(Value::Text(like_anywhere(digits)), &mut values);
            clauses.push(format!(
                "(reference LIKE {part} ESCAPE '\\' OR phone LIKE {part} ESCAPE '\\')"
            ));
        }
        Some(SearchTerm::Words(words)) => {
            // Part of a name, or of a certificate type: the catalogue's types are matched here
            // (their codes are then compared), only the words typed for 其他 are searched in
            // the rows; so each row costs one text search, not three.
            let part = bind(Value::Text(like_anywhere(words)), &mut values);
            let mut either = vec![format!("name LIKE {part} ESCAPE '\\'")];
            let kinds: Vec<String> = CATALOGUE
                .iter()
                .flat_map(|category| category.kinds.iter())
                .filter(|kind| {
                    kind.name().contains(words.as_str()) || kind.category().contains(words.as_str())
                })
                .map(|kind| bind(Value::Text(kind.slug().into()), &mut values))
                .collect();
            if !kinds.is_empty() {
                either.push(format!("cert_code IN ({})", kinds.join(", ")));
            }
            let other = bind(Value::Text(OTHER_SLUG.into()), &mut values);
            if OTHER_NAME.contains(words.as_str()) {
                either.push(format!("cert_code = {other}"));
            } else {
                either.push(format!(
                    "(cert_code = {other} AND cert_name LIKE {part} ESCAPE '\\')"
                ));
            }
            clauses.push(format!("({})", either.join(" OR ")));
        }
    }
    if let Some(status) = filter.status {
        let status = bind(Value::Text(status.as_str().into()), &mut values);
        clauses.push(format!("status = {status}"));
    }
    if let Some(code) = &filter.certificate {
        let code = bind(Value::Text(code.clone()), &mut values);
        clauses.push(format!("cert_code = {code}"));
    }
    if let Some(from) = filter.from {
        let from = bind(Value::Integer(china_day_start_ms(from)), &mut values);
        clauses.push(format!("received_at >= {from}"));
    }
    if let Some(to) = filter.to {
        let next = to.succ_opt().unwrap_or(to);
        let before = bind(Value::Integer(china_day_start_ms(next)), &mut values);
        clauses.push(format!("received_at < {before}"));
    }
    if filter.window_open {
        let first = bind(Value::Text(today.to_string()), &mut values);
        let last = bind(
            Value::Text(ReviewWindow::last_due_open(today).to_string()),
            &mut values,
        );
        clauses.push(format!("expiry_date BETWEEN {first} AND {last}"));
    }
    let clause = if clauses.is_empty() {
        "1".to_string()
    } else {
        clauses.join(" AND ")
    };
    (clause, values)
}

/// Page `page` (from 0) of the enquiries `filter` finds on `today`, in the inbox's order:
/// follow-ups due today or overdue (earliest first); then new enquiries; then the rest; newest
/// first within each. (A reference number or a whole phone number finds its own enquiries only,
/// so they come first by themselves.)
///
/// Without a search, the three groups are read one after the other, each in the order of an
/// index, so the first page costs the same with 100 enquiries as with 100,000. A search is one
/// query over the rows it matches (few, or, for words, found in a narrow covering index); only
/// the page's row ids are sorted, then the page's rows are read.
pub fn page(
    conn: &Connection,
    filter: &Filter,
    today: NaiveDate,
    page: usize,
) -> rusqlite::Result<Page> {
    let (clause, values) = condition(filter, today);
    let offset = page.min(MAX_PAGE - 1) * PAGE_SIZE;
    let today_text = Value::Text(today.to_string());
    let (rowids, counted) = if filter.search.is_some() {
        searched(conn, filter, &clause, &values, today_text, offset)?
    } else {
        (groups(conn, &clause, &values, today_text, offset)?, None)
    };
    let counts = match counted {
        Some(counts) => counts,
        None => counts(conn, filter, today)?,
    };
    let total = match filter.status {
        Some(status) => counts
            .iter()
            .find(|(s, _)| *s == status)
            .map_or(0, |(_, n)| *n),
        None => counts.iter().map(|(_, n)| n).sum(),
    };
    let mut statement =
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM enquiries WHERE rowid = ?1"))?;
    let mut enquiries = Vec::with_capacity(rowids.len());
    for rowid in rowids {
        enquiries.extend(statement.query_map([rowid], read)?.next().transpose()?);
    }
    Ok(Page {
        enquiries,
        total,
        counts,
    })
}

/// How many enquiries have each status, in [`LeadStatus::ALL`]'s order.
pub type StatusCounts = Vec<(LeadStatus, u64)>;

/// A search's page: one query over the rows it matches, in the inbox's order. Without a status
/// filter the same pass counts the matches of each status (window sums over all of them, before
/// the page is cut), so a search scans its index once; they come back unless the page is empty.
fn searched(
    conn: &Connection,
    filter: &Filter,
    clause: &str,
    values: &[Value],
    today: Value,
    offset: usize,
) -> rusqlite::Result<(Vec<i64>, Option<StatusCounts>)> {
    let counting = filter.status.is_none();
    let sums: String = if counting {
        LeadStatus::ALL
            .iter()
            .map(|s| format!(", sum(status = '{}') OVER ()", s.as_str()))
            .collect()
    } else {
        String::new()
    };
    let sql = format!(
        "SELECT rowid{sums} FROM {} WHERE {clause}
         ORDER BY
           CASE WHEN follow_up_on <= ?{t} THEN 0 WHEN status = 'new' THEN 1 ELSE 2 END,
           CASE WHEN follow_up_on <= ?{t} THEN follow_up_on END,
           received_at DESC, rowid DESC
         LIMIT ?{l} OFFSET ?{o}",
        source(filter),
        t = values.len() + 1,
        l = values.len() + 2,
        o = values.len() + 3,
    );
    let mut all = values.to_vec();
    all.extend([
        today,
        Value::Integer(PAGE_SIZE as i64),
        Value::Integer(offset as i64),
    ]);
    let mut statement = conn.prepare_cached(&sql)?;
    let mut rowids = Vec::with_capacity(PAGE_SIZE);
    let mut counts = None;
    let mut rows = statement.query(params_from_iter(all.iter()))?;
    while let Some(row) = rows.next()? {
        rowids.push(row.get(0)?);
        if counting && counts.is_none() {
            let mut found = Vec::with_capacity(LeadStatus::ALL.len());
            for (i, status) in LeadStatus::ALL.into_iter().enumerate() {
                found.push((status, row.get(i + 1)?));
            }
            counts = Some(found);
        }
    }
    Ok((rowids, counts))
}

/// The row ids a query of one column gives.
fn ids(conn: &Connection, sql: &str, values: &[Value]) -> rusqlite::Result<Vec<i64>> {
    let mut statement = conn.prepare_cached(sql)?;
    let rows = statement.query_map(params_from_iter(values.iter()), |r| r.get(0))?;
    rows.collect()
}

/// The page at `offset` of the three groups in turn: due follow-ups, new, the rest.
fn groups(
    conn: &Connection,
    clause: &str,
    values: &[Value],
    today: Value,
    offset: usize,
) -> rusqlite::Result<Vec<i64>> {
    let t = values.len() + 1;
    let not_due = format!("(follow_up_on IS NULL OR follow_up_on > ?{t})");
    let parts = [
        (
            format!("follow_up_on <= ?{t}"),
            "follow_up_on, received_at DESC, rowid DESC",
        ),
        (
            format!("status = 'new' AND {not_due}"),
            "received_at DESC, rowid DESC",
        ),
        (
            format!("status <> 'new' AND {not_due}"),
            "received_at DESC, rowid DESC",
        ),
    ];
    let mut found = Vec::new();
    let mut skip = offset;
    let last = parts.len() - 1;
    for (i, (part, order)) in parts.into_iter().enumerate() {
        let want = PAGE_SIZE - found.len();
        if want == 0 {
            break;
        }
        let mut all = values.to_vec();
        all.push(today.clone());
        // The last group's size is not needed: whatever the offset leaves of it is read.
        if i < last {
            let count: usize = conn
                .prepare_cached(&format!(
                    "SELECT count(*) FROM enquiries WHERE {clause} AND {part}"
                ))?
                .query_row(params_from_iter(all.iter()), |r| r.get(0))?;
            if skip >= count {
                skip -= count;
                continue;
            }
        }
        all.extend([Value::Integer(want as i64), Value::Integer(skip as i64)]);
        let sql = format!(
            "SELECT rowid FROM enquiries WHERE {clause} AND {part} ORDER BY {order}
             LIMIT ?{} OFFSET ?{}",
            t + 1,
            t + 2
        );
        found.extend(ids(conn, &sql, &all)?);
        skip = 0;
    }
    Ok(found)
}

/// How many enquiries each status has among those `filter` finds (its status aside).
pub fn counts(
    conn: &Connection,
    filter: &Filter,
    today: NaiveDate,
) -> rusqlite::Result<StatusCounts> {
    let unfiltered = Filter {
        status: None,
        ..filter.clone()
    };
    let (clause, values) = condition(&unfiltered, today);
    let mut statement = conn.prepare_cached(&format!(
        "SELECT status, count(*) FROM {} WHERE {clause} GROUP BY status",
        source(filter)
    ))?;
    let found: Vec<(String, u64)> = statement
        .query_map(params_from_iter(values.iter()), |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(LeadStatus::ALL
        .into_iter()
        .map(|status| {
            let n = found
                .iter()
                .find(|(word, _)| word == status.as_str())
                .map_or(0, |(_, n)| *n);
            (status, n)
        })
        .collect())
}

/// Enquiry `id`, if it exists.
pub fn one(conn: &Connection, id: &str) -> rusqlite::Result<Option<Enquiry>> {
    let mut statement =
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM enquiries WHERE id = ?1"))?;
    let mut rows = statement.query_map([id], read)?;
    rows.next().transpose()
}

/// The other enquiries from `phone` than `id`, newest first.
pub fn same_phone(conn: &Connection, phone: &str, id: &str) -> rusqlite::Result<Vec<Enquiry>> {
    let mut statement = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM enquiries WHERE phone = ?1 AND id <> ?2
         ORDER BY received_at DESC, rowid DESC LIMIT 50"
    ))?;
    let rows = statement.query_map(params![phone, id], read)?;
    rows.collect()
}

/// One entry of an enquiry's history: who changed what, when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// When (Unix ms).
    pub at: i64,
    /// Who (the staff account's name).
    pub by: String,
    /// The status it was set to, when it changed.
    pub status: Option<LeadStatus>,
    /// The note added.
    pub note: Option<String>,
    /// 下次联系 as set, when it changed: `Some(None)` when the date was removed.
    pub follow_up_on: Option<Option<NaiveDate>>,
}

/// The history of enquiry `id`, oldest first.
pub fn history(conn: &Connection, id: &str) -> rusqlite::Result<Vec<Entry>> {
    let mut statement = conn.prepare_cached(
        "SELECT at, by_staff, status, note, follow_up_on, follow_up_cleared FROM history
         WHERE enquiry_id = ?1 ORDER BY at, id",
    )?;
    let rows = statement.query_map([id], |r| {
        let status: Option<String> = r.get(2)?;
        let date: Option<String> = r.get(4)?;
        let cleared: bool = r.get(5)?;
        Ok(Entry {
            at: r.get(0)?,
            by: r.get(1)?,
            status: status.as_deref().and_then(LeadStatus::parse),
            note: r.get(3)?,
            follow_up_on: match (date.and_then(|d| d.parse().ok()), cleared) {
                (Some(day), _) => Some(Some(day)),
                (None, true) => Some(None),
                (None, false) => None,
            },
        })
    })?;
    rows.collect()
}

/// How many weeks the season page shows.
pub const SEASON_WEEKS: usize = 12;

/// The season's numbers: enquiries received per week, by certificate category, and how far
/// the season's enquiries have come.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Season {
    /// The Mondays that start the weeks, oldest first ([`SEASON_WEEKS`] of them, the current
    /// week last).
    pub weeks: Vec<NaiveDate>,
    /// The certificate categories seen, each with its count per week (in `weeks`' order).
    pub by_category: Vec<(String, Vec<u64>)>,
    /// Enquiries in these weeks.
    pub received: u64,
    /// Of those, already called back (已联系 or 已报名).
    pub contacted: u64,
    /// Of those, enrolled (已报名).
    pub enrolled: u64,
}

impl Season {
    /// The total of each week.
    pub fn totals(&self) -> Vec<u64> {
        (0..self.weeks.len())
            .map(|w| self.by_category.iter().map(|(_, n)| n[w]).sum())
            .collect()
    }
}

/// The season up to and including the week of `today`.
pub fn season(conn: &Connection, today: NaiveDate) -> rusqlite::Result<Season> {
    let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let first = monday - Duration::weeks(SEASON_WEEKS as i64 - 1);
    let weeks: Vec<NaiveDate> = (0..SEASON_WEEKS)
        .map(|w| first + Duration::weeks(w as i64))
        .collect();
    let since = china_day_start_ms(first);
    // China days since 1970-01-01 (`clock::china_day_number`, in SQL); 1970-01-01 was a
    // Thursday, so (day + 3) / 7 counts Monday-to-Sunday weeks.
    let mut statement = conn.prepare_cached(
        "SELECT ((received_at + ?3) / ?2 + 3) / 7 AS week, cert_category, count(*),
                sum(status IN ('contacted', 'enrolled')), sum(status = 'enrolled')
         FROM enquiries WHERE received_at >= ?1 GROUP BY week, cert_category",
    )?;
    let first_week = (china_day_number(since) + 3) / 7;
    let mut season = Season {
        weeks,
        ..Season::default()
    };
    let rows = statement.query_map(params![since, DAY_MS, CHINA_UTC_OFFSET_MS], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, u64>(2)?,
            r.get::<_, u64>(3)?,
            r.get::<_, u64>(4)?,
        ))
    })?;
    for row in rows {
        let (week, category, count, contacted, enrolled) = row?;
        let Some(index) = usize::try_from(week - first_week)
            .ok()
            .filter(|i| *i < SEASON_WEEKS)
        else {
            continue;
        };
        let at = match season.by_category.iter().position(|(c, _)| *c == category) {
            Some(at) => at,
            None => {
                season.by_category.push((category, vec![0; SEASON_WEEKS]));
                season.by_category.len() - 1
            }
        };
        season.by_category[at].1[index] += count;
        season.received += count;
        season.contacted += contacted;
        season.enrolled += enrolled;
    }
    season
        .by_category
        .sort_by_key(|(_, counts)| std::cmp::Reverse(counts.iter().sum::<u64>()));
    Ok(season)
}
