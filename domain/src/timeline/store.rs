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

use serde::{Deserialize, Serialize};

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
    /// A value of the wrong JSON type, found at this line and column of the text.
    Malformed {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
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

/// A version-1 document as it is written and read. Text fields a hand-edited file may leave out
/// or set to `null` are optional here; their absence is judged with the values, in [`Reader`].
#[derive(Serialize, Deserialize)]
struct DocumentV1 {
    app: String,
    version: u64,
    #[serde(default)]
    certificates: Option<Vec<CertificateV1>>,
}

#[derive(Serialize, Deserialize)]
struct CertificateV1 {
    #[serde(rename = "type", default)]
    kind: Option<String>,
    #[serde(default)]
    other: Option<String>,
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    first_issued: Option<String>,
    #[serde(default)]
    valid_until: Option<String>,
    #[serde(default)]
    cycle: Option<u64>,
    #[serde(default)]
    events: Option<Vec<EventV1>>,
}

#[derive(Serialize, Deserialize)]
struct EventV1 {
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    hours: Option<u64>,
    #[serde(default)]
    note: Option<String>,
}

/// Just enough of any document to tell whose it is and how to read the rest.
#[derive(Deserialize)]
struct Head {
    #[serde(default)]
    app: Option<String>,
    #[serde(default)]
    version: Option<u64>,
}

/// The document for `timeline` (stored, and the backup file); read back by [`from_json`].
pub fn to_json(timeline: &Timeline) -> String {
    let certificates = timeline
        .parts()
        .iter()
        .map(|(c, events)| CertificateV1 {
            kind: Some(c.kind.code().to_string()),
            other: Some(match &c.kind {
                CertificateType::Other(text) => text.clone(),
                CertificateType::Listed(_) => String::new(),
            }),
            label: Some(c.label.clone()),
            first_issued: Some(iso(c.first_issued)),
            valid_until: c.valid_until.map(iso),
            cycle: Some(u64::from(c.cycle.years())),
            events: Some(
                events
                    .iter()
                    .map(|e| EventV1 {
                        kind: Some(e.kind.code().to_string()),
                        date: Some(iso(e.date)),
                        hours: match e.kind {
                            EventKind::Training { hours } => Some(u64::from(hours)),
                            _ => None,
                        },
                        note: Some(e.note.clone()),
                    })
                    .collect(),
            ),
        })
        .collect();
    let document = DocumentV1 {
        app: APP.to_string(),
        version: VERSION,
        certificates: Some(certificates),
    };
    // Strings, integers and nulls only: serialising cannot fail.
    serde_json::to_string(&document).unwrap_or_default()
}

/// Reads a document of any known version.
pub fn from_json(text: &str) -> Result<Timeline, LoadError> {
    let head: Head = serde_json::from_str(text).map_err(|e| {
        if e.is_data() {
            LoadError::NotOurs
        } else {
            LoadError::NotJson
        }
    })?;
    if head.app.as_deref() != Some(APP) {
        return Err(LoadError::NotOurs);
    }
    match head.version {
        Some(1) => {
            let document: DocumentV1 = serde_json::from_str(text).map_err(|e| {
                LoadError::Invalid(vec![Issue {
                    place: Place::default(),
                    field: None,
                    problem: IssueKind::Malformed {
                        line: e.line(),
                        column: e.column(),
                    },
                }])
            })?;
            read_v1(document)
        }
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

    fn date(
        &mut self,
        text: Option<&str>,
        place: Place,
        field: Field,
    ) -> Option<chrono::NaiveDate> {
        match text.map(parse_iso) {
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

    fn event(&mut self, event: EventV1, place: Place) -> Option<EventData> {
        let date = self.date(event.date.as_deref(), place, Field::Date);
        let code = event.kind.unwrap_or_default();
        let hours = match event.hours {
            Some(h) if code == "training" => match u32::try_from(h) {
                Ok(h) => h,
                Err(_) => {
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
        let kind = EventKind::from_code(&code, hours);
        if kind.is_none() {
            self.note(place, Some(Field::Kind), IssueKind::Unknown);
        }
        Some(EventData {
            date: date?,
            kind: kind?,
            note: event.note.unwrap_or_default(),
        })
    }

    fn certificate(
        &mut self,
        certificate: CertificateV1,
        index: usize,
    ) -> Option<(CertificateData, Vec<EventData>)> {
        let place = Place {
            certificate: Some(index),
            event: None,
        };
        let code = certificate.kind.unwrap_or_default();
        let kind = match CertificateType::from_code(&code) {
            Some(CertificateType::Other(_)) => Some(CertificateType::Other(
                certificate.other.unwrap_or_default(),
            )),
            Some(listed) => Some(listed),
            None => {
                self.note(place, Some(Field::Type), IssueKind::Unknown);
                None
            }
        };
        let first_issued = self.date(
            certificate.first_issued.as_deref(),
            place,
            Field::FirstIssued,
        );
        let valid_until = match certificate.valid_until.as_deref() {
            None => Some(None),
            text => self.date(text, place, Field::ValidUntil).map(Some),
        };
        let cycle = certificate.cycle.and_then(Cycle::from_years);
        if cycle.is_none() {
            self.note(place, Some(Field::Cycle), IssueKind::Unknown);
        }
        let events: Vec<Option<EventData>> = certificate
            .events
            .unwrap_or_default()
            .into_iter()
            .enumerate()
            .map(|(i, e)| {
                let place = Place {
                    event: Some(i),
                    ..place
                };
                self.event(e, place)
            })
            .collect();
        let data = CertificateData {
            kind: kind?,
            label: certificate.label.unwrap_or_default(),
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

fn read_v1(document: DocumentV1) -> Result<Timeline, LoadError> {
    let mut reader = Reader::default();
    let whole = Place::default();
    let list = document.certificates.unwrap_or_else(|| {
        reader.note(whole, Some(Field::Certificates), IssueKind::Missing);
        Vec::new()
    });
    if list.len() > MAX_CERTIFICATES {
        reader.note(whole, None, IssueKind::Rule(Problem::TooManyCertificates));
    }
    let parts: Vec<_> = list
        .into_iter()
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
