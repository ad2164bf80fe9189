//! The timeline as JSON: what `localStorage` keeps and what the backup file holds (the same
//! document, so a backup is exactly what the phone had).
//!
//! ```json
//! {"app": "fushen-timeline", "version": 1, "certificates": [
//!   {"type": "w1", "other": "", "label": "证号尾号1234", "first_issued": "2020-05-10",
//!    "valid_until": "2026-05-10", "cycle": 3,
//!    "events": [{"kind": "training", "date": "2026-03-20", "hours": 8, "note": ""}]}]}
//! ```
//!
//! `version` says how to read the rest. Reading goes through [`from_json`], which takes each known
//! version to the current model (today there is one version; a second one adds a step here and
//! keeps the frozen fixtures of version 1 in `tests/fixtures/timeline/` as its test). A document
//! of a newer version is refused, never rewritten: a newer page wrote it. Every value is checked
//! as a link or a form would be; a document with any problem is refused as a whole and the caller
//! keeps it untouched (see `StorageKey::TimelineBackup`).

use crate::json::{Map, Value};

use crate::certificate::CertificateType;
use crate::dates::{iso, parse_iso};
use crate::timeline::model::{
    check_certificate, CertificateData, Cycle, EventData, EventKind, Place, Problem, Timeline,
    MAX_CERTIFICATES,
};

/// The `app` marker of our documents.
pub const APP: &str = "fushen-timeline";
/// The version this code writes.
pub const VERSION: u64 = 1;
/// At most this many problems are reported.
const MAX_ISSUES: usize = 20;

/// A field of the document, for messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// The list of certificates.
    Certificates,
    /// `type`.
    Type,
    /// `other`.
    Other,
    /// `label`.
    Label,
    /// `first_issued`.
    FirstIssued,
    /// `valid_until`.
    ValidUntil,
    /// `cycle`.
    Cycle,
    /// `events`.
    Events,
    /// An event's `kind`.
    Kind,
    /// An event's `date`.
    Date,
    /// An event's `hours`.
    Hours,
    /// An event's `note`.
    Note,
}

/// One thing wrong in a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Issue {
    /// Where.
    pub place: Place,
    /// Which field, when one is to blame.
    pub field: Option<Field>,
    /// What.
    pub problem: IssueKind,
}

/// What is wrong with a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IssueKind {
    /// Missing, or of the wrong JSON type.
    Missing,
    /// Not a YYYY-MM-DD date.
    BadDate,
    /// A code we do not know.
    Unknown,
    /// A rule of the model.
    Rule(Problem),
}

/// Why a stored or imported document was not read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    /// Not JSON.
    #[error("not JSON")]
    NotJson,
    /// JSON, but not a timeline of this app.
    #[error("not a timeline")]
    NotOurs,
    /// A timeline written by a newer version of the app.
    #[error("version {0} is newer")]
    Newer(u64),
    /// A timeline with problems (at most 20 are listed).
    #[error("{} problems", .0.len())]
    Invalid(Vec<Issue>),
}

/// The document for `timeline` (stored, and the backup file). Written by hand: a few lines
/// that need none of serde's serializer in the WebAssembly; read back by [`from_json`].
pub fn to_json(timeline: &Timeline) -> String {
    let mut out = format!("{{\"app\":\"{APP}\",\"version\":{VERSION},\"certificates\":[");
    for (i, (c, events)) in timeline.parts().iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let other = match &c.kind {
            CertificateType::Other(text) => text.as_str(),
            CertificateType::Listed(_) => "",
        };
        out.push_str(&format!(
            "{{\"type\":\"{}\",\"other\":{},\"label\":{},\"first_issued\":\"{}\",\"valid_until\":{},\"cycle\":{},\"events\":[",
            c.kind.code(),
            string(other),
            string(&c.label),
            iso(c.first_issued),
            c.valid_until.map_or("null".to_string(), |v| format!("\"{}\"", iso(v))),
            c.cycle.years(),
        ));
        for (j, e) in events.iter().enumerate() {
            if j > 0 {
                out.push(',');
            }
            let hours = match e.kind {
                EventKind::Training { hours } => format!(",\"hours\":{hours}"),
                _ => String::new(),
            };
            out.push_str(&format!(
                "{{\"kind\":\"{}\",\"date\":\"{}\"{hours},\"note\":{}}}",
                e.kind.code(),
                iso(e.date),
                string(&e.note)
            ));
        }
        out.push_str("]}");
    }
    out.push_str("]}");
    out
}

/// A JSON string literal.
fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    crate::json::write_string(&mut out, text);
    out
}

/// Reads a document of any known version.
pub fn from_json(text: &str) -> Result<Timeline, LoadError> {
    let value: Value = crate::json::parse(text).map_err(|_| LoadError::NotJson)?;
    let doc = value.as_object().ok_or(LoadError::NotOurs)?;
    if doc.get("app").and_then(Value::as_str) != Some(APP) {
        return Err(LoadError::NotOurs);
    }
    match doc.get("version").and_then(Value::as_u64) {
        Some(1) => read_v1(doc),
        Some(v) if v > VERSION => Err(LoadError::Newer(v)),
        _ => Err(LoadError::NotOurs),
    }
}

/// Collects the problems of one document while reading it.
#[derive(Default)]
struct Reader {
    issues: Vec<Issue>,
}

impl Reader {
    fn note(&mut self, place: Place, field: Option<Field>, problem: IssueKind) {
        if self.issues.len() < MAX_ISSUES {
            self.issues.push(Issue {
                place,
                field,
                problem,
            });
        }
    }

    fn text<'a>(&mut self, obj: &'a Map, key: &str, place: Place, field: Field) -> &'a str {
        match obj.get(key) {
            None | Some(Value::Null) => "",
            Some(Value::String(s)) => s,
            Some(_) => {
                self.note(place, Some(field), IssueKind::Missing);
                ""
            }
        }
    }

    fn date(
        &mut self,
        obj: &Map,
        key: &str,
        place: Place,
        field: Field,
    ) -> Option<chrono::NaiveDate> {
        let date = obj.get(key).and_then(Value::as_str).map(parse_iso);
        match date {
            Some(Ok(d)) => Some(d),
            Some(Err(_)) => {
                self.note(place, Some(field), IssueKind::BadDate);
                None
            }
            None => {
                self.note(place, Some(field), IssueKind::Missing);
                None
            }
        }
    }

    fn event(&mut self, value: &Value, place: Place) -> Option<EventData> {
        let Some(obj) = value.as_object() else {
            self.note(place, None, IssueKind::Missing);
            return None;
        };
        let date = self.date(obj, "date", place, Field::Date);
        let note = self.text(obj, "note", place, Field::Note).to_string();
        let code = obj.get("kind").and_then(Value::as_str).unwrap_or_default();
        let hours = match obj.get("hours") {
            Some(h) if code == "training" => match h.as_u64().and_then(|h| u32::try_from(h).ok()) {
                Some(h) => h,
                None => {
                    self.note(place, Some(Field::Hours), IssueKind::Missing);
                    0
                }
            },
            None if code == "training" => {
                self.note(place, Some(Field::Hours), IssueKind::Missing);
                0
            }
            _ => 0,
        };
        let kind = EventKind::from_code(code, hours);
        if kind.is_none() {
            self.note(place, Some(Field::Kind), IssueKind::Unknown);
        }
        Some(EventData {
            date: date?,
            kind: kind?,
            note,
        })
    }

    fn certificate(
        &mut self,
        value: &Value,
        index: usize,
    ) -> Option<(CertificateData, Vec<EventData>)> {
        let place = Place {
            certificate: Some(index),
            event: None,
        };
        let Some(obj) = value.as_object() else {
            self.note(place, None, IssueKind::Missing);
            return None;
        };
        let code = obj.get("type").and_then(Value::as_str).unwrap_or_default();
        let kind = match CertificateType::from_code(code) {
            Some(CertificateType::Other(_)) => Some(CertificateType::Other(
                self.text(obj, "other", place, Field::Other).to_string(),
            )),
            Some(listed) => Some(listed),
            None => {
                self.note(place, Some(Field::Type), IssueKind::Unknown);
                None
            }
        };
        let label = self.text(obj, "label", place, Field::Label).to_string();
        let first_issued = self.date(obj, "first_issued", place, Field::FirstIssued);
        let valid_until = match obj.get("valid_until") {
            None | Some(Value::Null) => Some(None),
            Some(_) => self
                .date(obj, "valid_until", place, Field::ValidUntil)
                .map(Some),
        };
        let cycle = obj
            .get("cycle")
            .and_then(Value::as_u64)
            .and_then(Cycle::from_years);
        if cycle.is_none() {
            self.note(place, Some(Field::Cycle), IssueKind::Unknown);
        }
        let events: Vec<Option<EventData>> = match obj.get("events") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(list)) => list
                .iter()
                .enumerate()
                .map(|(i, e)| {
                    let place = Place {
                        event: Some(i),
                        ..place
                    };
                    self.event(e, place)
                })
                .collect(),
            Some(_) => {
                self.note(place, Some(Field::Events), IssueKind::Missing);
                Vec::new()
            }
        };
        let data = CertificateData {
            kind: kind?,
            label,
            first_issued: first_issued?,
            valid_until: valid_until?,
            cycle: cycle?,
        };
        let events: Vec<EventData> = events.into_iter().collect::<Option<_>>()?;
        for (place, problem) in check_certificate(index, &data, &events) {
            self.note(place, None, IssueKind::Rule(problem));
        }
        Some((data, events))
    }
}

fn read_v1(doc: &Map) -> Result<Timeline, LoadError> {
    let mut reader = Reader::default();
    let whole = Place::default();
    let list = match doc.get("certificates") {
        Some(Value::Array(list)) => list.as_slice(),
        _ => {
            reader.note(whole, Some(Field::Certificates), IssueKind::Missing);
            &[]
        }
    };
    if list.len() > MAX_CERTIFICATES {
        reader.note(whole, None, IssueKind::Rule(Problem::TooManyCertificates));
    }
    let parts: Vec<_> = list
        .iter()
        .take(MAX_CERTIFICATES)
        .enumerate()
        .filter_map(|(i, c)| reader.certificate(c, i))
        .collect();
    if reader.issues.is_empty() {
        Ok(Timeline::from_parts(parts))
    } else {
        Err(LoadError::Invalid(reader.issues))
    }
}
