//! The add/edit forms' rules: what each field accepts, checked one field at a time (on blur, and
//! again while the holder corrects it) and all together on submit. Drafts hold the text as typed,
//! so nothing typed is lost to a refusal.

use chrono::{Duration, NaiveDate};

use crate::certificate::{CertificateType, OTHER_CODE, OTHER_MAX_CHARS};
use crate::dates::{parse_iso, DateError};
use crate::rules;
use crate::timeline::dues::add_years;
use crate::timeline::model::{
    first_date, last_date, CertificateData, Cycle, EventData, EventKind, MAX_LABEL_CHARS,
    MAX_NOTE_CHARS, MAX_TRAINING_HOURS,
};

/// Why a field was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FieldError {
    /// Nothing chosen or typed where something is needed.
    #[error("required")]
    Required,
    /// A date that is not a date.
    #[error("bad date: {0}")]
    Date(DateError),
    /// A date before the years the timeline handles.
    #[error("too early")]
    TooEarly,
    /// A date after today where only the past makes sense.
    #[error("in the future")]
    InFuture,
    /// A date too far ahead.
    #[error("too far ahead")]
    TooFarAhead,
    /// 有效期至 not after 初领日期.
    #[error("valid-until not after first issue")]
    NotAfterIssue,
    /// An event before 初领日期.
    #[error("before first issue")]
    BeforeIssue,
    /// Text longer than this many characters.
    #[error("longer than {0}")]
    TooLong(usize),
    /// Hours that are not a whole number from 1 to 99.
    #[error("bad hours")]
    Hours,
}

/// Fields of the certificate form, in form order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CertField {
    /// 证书类型.
    Kind,
    /// 其他: the holder's own words.
    Other,
    /// 初领日期.
    FirstIssued,
    /// 有效期至 (optional).
    ValidUntil,
    /// The private label (optional).
    Label,
}

impl CertField {
    /// Every field, in form order (the first invalid one gets the focus).
    pub const ALL: [CertField; 5] = [
        CertField::Kind,
        CertField::Other,
        CertField::FirstIssued,
        CertField::ValidUntil,
        CertField::Label,
    ];
}

/// The certificate form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CertificateDraft {
    /// The type's code ([`crate::certificate`]), empty when none is chosen.
    pub kind: String,
    /// The description of a 其他 type.
    pub other: String,
    /// 初领日期, YYYY-MM-DD.
    pub first_issued: String,
    /// 有效期至, YYYY-MM-DD or empty.
    pub valid_until: String,
    /// The private label.
    pub label: String,
    /// The 6-year review cycle switch.
    pub extended: bool,
}

fn required_date(text: &str) -> Result<NaiveDate, FieldError> {
    let date = parse_iso(text).map_err(|e| match e {
        DateError::Empty => FieldError::Required,
        other => FieldError::Date(other),
    })?;
    if date < first_date() {
        return Err(FieldError::TooEarly);
    }
    if date > last_date() {
        return Err(FieldError::TooFarAhead);
    }
    Ok(date)
}

fn at_most(text: &str, max: usize) -> Result<(), FieldError> {
    if text.trim().chars().count() > max {
        Err(FieldError::TooLong(max))
    } else {
        Ok(())
    }
}

/// The furthest 有效期至 can be: a certificate renewed today at the earliest moment (60 days
/// before its due date) is valid 6 years from that due date.
fn latest_valid_until(today: NaiveDate) -> NaiveDate {
    add_years(today, rules::VALID_YEARS as i32) + Duration::days(rules::APPLY_WITHIN_DAYS)
}

impl CertificateDraft {
    /// The draft of an existing certificate.
    pub fn of(data: &CertificateData) -> CertificateDraft {
        CertificateDraft {
            kind: data.kind.code().to_string(),
            other: match &data.kind {
                CertificateType::Other(text) => text.clone(),
                CertificateType::Listed(_) => String::new(),
            },
            first_issued: crate::dates::iso(data.first_issued),
            valid_until: data.valid_until.map(crate::dates::iso).unwrap_or_default(),
            label: data.label.clone(),
            extended: data.cycle == Cycle::Extended,
        }
    }

    /// The text of `field` as typed.
    pub fn value(&self, field: CertField) -> &str {
        match field {
            CertField::Kind => &self.kind,
            CertField::Other => &self.other,
            CertField::FirstIssued => &self.first_issued,
            CertField::ValidUntil => &self.valid_until,
            CertField::Label => &self.label,
        }
    }

    /// Sets the text of `field`.
    pub fn set(&mut self, field: CertField, text: String) {
        match field {
            CertField::Kind => self.kind = text,
            CertField::Other => self.other = text,
            CertField::FirstIssued => self.first_issued = text,
            CertField::ValidUntil => self.valid_until = text,
            CertField::Label => self.label = text,
        }
    }

    /// True when the 其他 description field applies.
    pub fn wants_other(&self) -> bool {
        self.kind == OTHER_CODE
    }

    /// Checks one field.
    pub fn check(&self, field: CertField, today: NaiveDate) -> Result<(), FieldError> {
        match field {
            CertField::Kind => CertificateType::from_code(&self.kind)
                .map(|_| ())
                .ok_or(FieldError::Required),
            CertField::Other if !self.wants_other() => Ok(()),
            CertField::Other if self.other.trim().is_empty() => Err(FieldError::Required),
            CertField::Other => at_most(&self.other, OTHER_MAX_CHARS),
            CertField::FirstIssued => {
                let date = required_date(&self.first_issued)?;
                if date > today {
                    return Err(FieldError::InFuture);
                }
                Ok(())
            }
            CertField::ValidUntil if self.valid_until.trim().is_empty() => Ok(()),
            CertField::ValidUntil => {
                let date = required_date(&self.valid_until)?;
                if date > latest_valid_until(today) {
                    return Err(FieldError::TooFarAhead);
                }
                match parse_iso(&self.first_issued) {
                    Ok(first) if date <= first => Err(FieldError::NotAfterIssue),
                    _ => Ok(()),
                }
            }
            CertField::Label => at_most(&self.label, MAX_LABEL_CHARS),
        }
    }

    /// Checks every field; the certificate's facts, or every refusal in form order.
    pub fn finish(
        &self,
        today: NaiveDate,
    ) -> Result<CertificateData, Vec<(CertField, FieldError)>> {
        let errors: Vec<_> = CertField::ALL
            .into_iter()
            .filter_map(|f| self.check(f, today).err().map(|e| (f, e)))
            .collect();
        let kind = match CertificateType::from_code(&self.kind) {
            Some(CertificateType::Other(_)) => CertificateType::Other(self.other.trim().into()),
            Some(listed) => listed,
            None => return Err(errors),
        };
        let (Ok(first_issued), true) = (parse_iso(&self.first_issued), errors.is_empty()) else {
            return Err(errors);
        };
        Ok(CertificateData {
            kind,
            label: self.label.trim().to_string(),
            first_issued,
            valid_until: parse_iso(&self.valid_until).ok(),
            cycle: if self.extended {
                Cycle::Extended
            } else {
                Cycle::Standard
            },
        })
    }
}

/// Fields of the event form, in form order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EventField {
    /// What happened.
    Kind,
    /// When.
    Date,
    /// Training hours (training only).
    Hours,
    /// The note.
    Note,
}

impl EventField {
    /// Every field, in form order.
    pub const ALL: [EventField; 4] = [
        EventField::Kind,
        EventField::Date,
        EventField::Hours,
        EventField::Note,
    ];
}

/// The event form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventDraft {
    /// The kind's code ([`EventKind::code`]), empty when none is chosen.
    pub kind: String,
    /// YYYY-MM-DD.
    pub date: String,
    /// Training hours as typed.
    pub hours: String,
    /// The note.
    pub note: String,
}

/// Reads whole hours; full-width digits (as some Chinese keyboards type them) count too.
fn hours(text: &str) -> Result<u32, FieldError> {
    let digits: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => {
                char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')).unwrap_or(c)
            }
            c => c,
        })
        .collect();
    if digits.is_empty() {
        return Err(FieldError::Required);
    }
    match digits.parse::<u32>() {
        Ok(h)
            if digits.bytes().all(|b| b.is_ascii_digit())
                && (1..=MAX_TRAINING_HOURS).contains(&h) =>
        {
            Ok(h)
        }
        _ => Err(FieldError::Hours),
    }
}

/// How far ahead an event may be planned.
pub const PLAN_AHEAD_YEARS: i32 = 2;

impl EventDraft {
    /// The draft of an existing event.
    pub fn of(data: &EventData) -> EventDraft {
        EventDraft {
            kind: data.kind.code().to_string(),
            date: crate::dates::iso(data.date),
            hours: match data.kind {
                EventKind::Training { hours } => hours.to_string(),
                _ => String::new(),
            },
            note: data.note.clone(),
        }
    }

    /// The text of `field` as typed.
    pub fn value(&self, field: EventField) -> &str {
        match field {
            EventField::Kind => &self.kind,
            EventField::Date => &self.date,
            EventField::Hours => &self.hours,
            EventField::Note => &self.note,
        }
    }

    /// Sets the text of `field`.
    pub fn set(&mut self, field: EventField, text: String) {
        match field {
            EventField::Kind => self.kind = text,
            EventField::Date => self.date = text,
            EventField::Hours => self.hours = text,
            EventField::Note => self.note = text,
        }
    }

    /// True when the hours field applies.
    pub fn wants_hours(&self) -> bool {
        self.kind == EventKind::Training { hours: 0 }.code()
    }

    fn is_note(&self) -> bool {
        self.kind == EventKind::Note.code()
    }

    /// Checks one field; `first_issued` is the certificate's 初领日期.
    pub fn check(
        &self,
        field: EventField,
        first_issued: NaiveDate,
        today: NaiveDate,
    ) -> Result<(), FieldError> {
        match field {
            EventField::Kind => EventKind::from_code(&self.kind, 0)
                .map(|_| ())
                .ok_or(FieldError::Required),
            EventField::Date => {
                let date = required_date(&self.date)?;
                if date < first_issued {
                    return Err(FieldError::BeforeIssue);
                }
                if self.kind == EventKind::ResultFound.code() && date > today {
                    return Err(FieldError::InFuture);
                }
                if date > add_years(today, PLAN_AHEAD_YEARS) {
                    return Err(FieldError::TooFarAhead);
                }
                Ok(())
            }
            EventField::Hours if self.wants_hours() => hours(&self.hours).map(|_| ()),
            EventField::Hours => Ok(()),
            EventField::Note if self.is_note() && self.note.trim().is_empty() => {
                Err(FieldError::Required)
            }
            EventField::Note => at_most(&self.note, MAX_NOTE_CHARS),
        }
    }

    /// Checks every field; the event, or every refusal in form order.
    pub fn finish(
        &self,
        first_issued: NaiveDate,
        today: NaiveDate,
    ) -> Result<EventData, Vec<(EventField, FieldError)>> {
        let errors: Vec<_> = EventField::ALL
            .into_iter()
            .filter_map(|f| self.check(f, first_issued, today).err().map(|e| (f, e)))
            .collect();
        let hours = if self.wants_hours() {
            hours(&self.hours).unwrap_or(0)
        } else {
            0
        };
        match (
            EventKind::from_code(&self.kind, hours),
            parse_iso(&self.date),
            errors.is_empty(),
        ) {
            (Some(kind), Ok(date), true) => Ok(EventData {
                date,
                kind,
                note: self.note.trim().to_string(),
            }),
            _ => Err(errors),
        }
    }
}
