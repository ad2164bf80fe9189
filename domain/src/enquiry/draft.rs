//! The enquiry being typed ([`EnquiryDraft`]): what each field holds, how each is checked, when
//! its error shows ([`Feedback`]), and the checked [`Enquiry`] a submit produces.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::certificate::{CertificateKind, OTHER_MAX_CHARS, OTHER_SLUG};
use crate::dates::parse_iso;
use crate::enquiry::catalogue;
use crate::enquiry::messages::FieldError;
use crate::enquiry::notice::NOTICE_VERSION;
use crate::enquiry::phone::normalise_phone;
use crate::enquiry::text::{normalise_message, normalise_name, normalise_short_text};

/// The form's fields, in the order they appear (the first invalid one gets the focus).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// 姓名 (required).
    Name,
    /// 手机号码 (required).
    Phone,
    /// 证书类型 (required select).
    Certificate,
    /// The type typed when 证书类型 is "其他" (then required).
    CertificateOther,
    /// 所在区县 (optional select).
    District,
    /// 证书到期日 (optional date).
    Expiry,
    /// 留言 (optional, at most 500 characters).
    Message,
    /// The consent box (required).
    Consent,
}

impl Field {
    /// Every field, in page order.
    pub const ALL: [Field; 8] = [
        Field::Name,
        Field::Phone,
        Field::Certificate,
        Field::CertificateOther,
        Field::District,
        Field::Expiry,
        Field::Message,
        Field::Consent,
    ];

    /// The field's place in [`Field::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// True for the fields a person may leave empty (their labels say “选填”); the others are
    /// required (“其他证书类型” once “其他” is chosen).
    pub fn is_optional(self) -> bool {
        matches!(self, Field::District | Field::Expiry | Field::Message)
    }
}

/// The user's consent to the privacy notice: when the box was ticked, and to which version.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    /// Unix time in milliseconds when the box was ticked.
    pub at_ms: i64,
    /// The notice version shown then ([`NOTICE_VERSION`]).
    pub notice_version: u32,
}

/// What the user has typed, exactly as typed: kept on the phone between visits until it is sent
/// ([`crate::enquiry::store`]). Fields missing from stored text take their defaults.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EnquiryDraft {
    /// 姓名.
    pub name: String,
    /// 手机号码, as typed.
    pub phone: String,
    /// The chosen certificate type's code ([`catalogue`]), `other`, or empty.
    pub certificate: String,
    /// The type named when `certificate` is `other`.
    pub certificate_other: String,
    /// The chosen district's name, or empty.
    pub district: String,
    /// 证书到期日 as `YYYY-MM-DD`, or empty.
    pub expiry: String,
    /// 留言.
    pub message: String,
    /// Set while the consent box is ticked.
    pub consent: Option<Consent>,
}

/// A certificate type as chosen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Certificate {
    /// An item of the catalogue.
    Listed(CertificateKind),
    /// "其他", with the type the user named.
    Other(String),
}

/// A checked enquiry: every value normalised, ready to be sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Enquiry {
    /// The normalised name.
    pub name: String,
    /// 11 digits.
    pub phone: String,
    /// The certificate type.
    pub certificate: Certificate,
    /// The district, if chosen.
    pub district: Option<&'static str>,
    /// The expiry date, if given.
    pub expiry: Option<NaiveDate>,
    /// The message, if any.
    pub message: Option<String>,
    /// The consent.
    pub consent: Consent,
}

/// An expiry date further than this from today is taken for a mistyped year.
const EXPIRY_YEARS_AROUND_TODAY: u32 = 20;

impl EnquiryDraft {
    /// The text held for `field` (empty for the consent box).
    pub fn text(&self, field: Field) -> &str {
        match field {
            Field::Name => &self.name,
            Field::Phone => &self.phone,
            Field::Certificate => &self.certificate,
            Field::CertificateOther => &self.certificate_other,
            Field::District => &self.district,
            Field::Expiry => &self.expiry,
            Field::Message => &self.message,
            Field::Consent => "",
        }
    }

    /// Sets the text of `field` (nothing for the consent box: see [`Self::set_consent`]).
    pub fn set_text(&mut self, field: Field, value: String) {
        let slot = match field {
            Field::Name => &mut self.name,
            Field::Phone => &mut self.phone,
            Field::Certificate => &mut self.certificate,
            Field::CertificateOther => &mut self.certificate_other,
            Field::District => &mut self.district,
            Field::Expiry => &mut self.expiry,
            Field::Message => &mut self.message,
            Field::Consent => return,
        };
        *slot = value;
    }

    /// Ticks (at `now_ms`, to the current notice) or unticks the consent box.
    pub fn set_consent(&mut self, ticked: bool, now_ms: i64) {
        self.consent = ticked.then_some(Consent {
            at_ms: now_ms,
            notice_version: NOTICE_VERSION,
        });
    }

    /// True when the consent box is ticked for the current notice.
    pub fn consented(&self) -> bool {
        self.current_consent().is_some()
    }

    fn current_consent(&self) -> Option<Consent> {
        self.consent
            .filter(|consent| consent.notice_version == NOTICE_VERSION)
    }

    /// True when "其他" is chosen, so its text field is shown and required.
    pub fn wants_other(&self) -> bool {
        self.certificate == OTHER_SLUG
    }

    /// True when nothing has been typed or chosen.
    pub fn is_empty(&self) -> bool {
        Field::ALL.iter().all(|f| self.text(*f).trim().is_empty()) && self.consent.is_none()
    }

    /// Checks one field; `today` bounds the expiry date.
    pub fn check(&self, field: Field, today: NaiveDate) -> Result<(), FieldError> {
        match field {
            Field::Name => normalise_name(&self.name).map(drop),
            Field::Phone => normalise_phone(&self.phone).map(drop),
            Field::Certificate => self.certificate_choice().map(drop),
            Field::CertificateOther => self.other_text().map(drop),
            Field::District => self.district_choice().map(drop),
            Field::Expiry => self.expiry_date(today).map(drop),
            Field::Message => normalise_message(&self.message).map(drop),
            Field::Consent => self
                .current_consent()
                .map(drop)
                .ok_or(FieldError::NoConsent),
        }
    }

    /// Checks every field: the enquiry to send, or each field's error in page order.
    pub fn validate(&self, today: NaiveDate) -> Result<Enquiry, Vec<(Field, FieldError)>> {
        let parts = (
            normalise_name(&self.name),
            normalise_phone(&self.phone),
            self.certificate_choice(),
            self.other_text(),
            self.district_choice(),
            self.expiry_date(today),
            normalise_message(&self.message),
            self.current_consent(),
        );
        match parts {
            (
                Ok(name),
                Ok(phone),
                Ok(listed),
                Ok(other),
                Ok(district),
                Ok(expiry),
                Ok(message),
                Some(consent),
            ) => Ok(Enquiry {
                name,
                phone,
                certificate: match (listed, other) {
                    (Some(kind), _) => Certificate::Listed(kind),
                    (None, other) => Certificate::Other(other.unwrap_or_default()),
                },
                district,
                expiry,
                message,
                consent,
            }),
            // The same checks, one field at a time, to say where.
            _ => Err(Field::ALL
                .iter()
                .filter_map(|f| self.check(*f, today).err().map(|e| (*f, e)))
                .collect()),
        }
    }

    /// `Some` for a listed type, `None` for "其他".
    fn certificate_choice(&self) -> Result<Option<CertificateKind>, FieldError> {
        if self.wants_other() {
            return Ok(None);
        }
        CertificateKind::from_slug(&self.certificate)
            .map(Some)
            .ok_or(FieldError::NoCertificate)
    }

    /// The "其他" text, when "其他" is chosen.
    fn other_text(&self) -> Result<Option<String>, FieldError> {
        if self.wants_other() {
            normalise_short_text(&self.certificate_other, OTHER_MAX_CHARS).map(Some)
        } else {
            Ok(None)
        }
    }

    fn district_choice(&self) -> Result<Option<&'static str>, FieldError> {
        if self.district.is_empty() {
            return Ok(None);
        }
        catalogue::district(&self.district)
            .map(Some)
            .ok_or(FieldError::UnknownDistrict)
    }

    fn expiry_date(&self, today: NaiveDate) -> Result<Option<NaiveDate>, FieldError> {
        if self.expiry.trim().is_empty() {
            return Ok(None);
        }
        let date = parse_iso(&self.expiry).map_err(FieldError::Date)?;
        let span = Months::new(12 * EXPIRY_YEARS_AROUND_TODAY);
        let earliest = today.checked_sub_months(span).unwrap_or(NaiveDate::MIN);
        let latest = today.checked_add_months(span).unwrap_or(NaiveDate::MAX);
        if (earliest..=latest).contains(&date) {
            Ok(Some(date))
        } else {
            Err(FieldError::DateOutOfRange)
        }
    }
}

/// When a field's error is on screen: "validate on blur, re-check while correcting, validate
/// all on submit". A field not yet left shows nothing while it is typed in; once an error shows,
/// it follows every keystroke, so it goes away the moment the value is right.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Feedback {
    shown: Option<FieldError>,
}

impl Feedback {
    /// The error on screen, if any.
    pub fn shown(self) -> Option<FieldError> {
        self.shown
    }

    /// The field was left (or, for a select, a date or a checkbox, changed): show its state.
    pub fn left(check: Result<(), FieldError>) -> Feedback {
        Feedback { shown: check.err() }
    }

    /// The field was typed in: an error on screen is re-checked, no new one appears.
    pub fn typed(self, check: Result<(), FieldError>) -> Feedback {
        match self.shown {
            Some(_) => Feedback::left(check),
            None => self,
        }
    }
}
