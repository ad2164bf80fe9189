//! What a tap on 提交 does, decided in one place: fix the fields, quietly drop a bot's form,
//! keep the enquiry on the phone when no endpoint is configured, or send this body under this id.

use chrono::NaiveDate;

use crate::enquiry::draft::{EnquiryDraft, Field};
use crate::enquiry::messages::FieldError;
use crate::enquiry::payload::{client_id, payload_json, reference};

/// The deployment's settings, read from the page's `<meta>` tags (see docs/developer.md,
/// "Enquiry endpoint").
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Settings {
    /// Where enquiries are POSTed (`fushen-endpoint`); `None`: nowhere, keep them on the phone.
    pub endpoint: Option<String>,
    /// The institution's phone number, shown as a `tel:` link (`fushen-phone`).
    pub phone: Option<String>,
    /// The institution's name (`fushen-institution`).
    pub institution: Option<String>,
}

/// Everything a submit needs besides the draft; the browser supplies it.
#[derive(Clone, Copy, Debug)]
pub struct Occasion<'a> {
    /// Today in China (bounds the expiry date).
    pub today: NaiveDate,
    /// Now, Unix ms: the submission time.
    pub now_ms: i64,
    /// Random bytes for a new id.
    pub random: [u8; 16],
    /// The page's address without query or fragment.
    pub page: &'a str,
    /// Whether an endpoint is configured.
    pub has_endpoint: bool,
    /// What the hidden honeypot field holds (people leave it empty).
    pub honeypot: &'a str,
}

/// What to do with a submit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Plan {
    /// Show these errors, focus the first.
    Fix(Vec<(Field, FieldError)>),
    /// The honeypot was filled: send nothing, claim nothing.
    Drop,
    /// No endpoint: keep the draft on the phone and show the phone number.
    KeepHere,
    /// Queue and send.
    Send {
        /// The new client id (the `Idempotency-Key`).
        id: String,
        /// The reference number derived from it.
        reference: String,
        /// The JSON body.
        body: String,
    },
}

/// Decides what a submit of `draft` does.
pub fn plan_submit(draft: &EnquiryDraft, occasion: Occasion<'_>) -> Plan {
    let enquiry = match draft.validate(occasion.today) {
        Ok(enquiry) => enquiry,
        Err(errors) => return Plan::Fix(errors),
    };
    if !occasion.honeypot.trim().is_empty() {
        return Plan::Drop;
    }
    if !occasion.has_endpoint {
        return Plan::KeepHere;
    }
    let id = client_id(occasion.random);
    Plan::Send {
        body: payload_json(&enquiry, &id, occasion.now_ms, occasion.page),
        reference: reference(&id),
        id,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn occasion(has_endpoint: bool, honeypot: &str) -> Occasion<'_> {
        Occasion {
            today: NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
            now_ms: 1_795_692_605_123,
            random: [7; 16],
            page: "https://example.cn/",
            has_endpoint,
            honeypot,
        }
    }

    fn valid() -> EnquiryDraft {
        let mut draft = EnquiryDraft {
            name: "李四".into(),
            phone: "13900001111".into(),
            certificate: "low-voltage".into(),
            ..EnquiryDraft::default()
        };
        draft.set_consent(true, 1_795_692_600_000);
        draft
    }

    #[test]
    fn invalid_drafts_are_fixed_first() {
        let plan = plan_submit(&EnquiryDraft::default(), occasion(true, "spam"));
        assert!(matches!(plan, Plan::Fix(errors) if errors.len() == 4));
    }

    #[test]
    fn a_filled_honeypot_sends_nothing() {
        assert_eq!(
            plan_submit(&valid(), occasion(true, "http://spam")),
            Plan::Drop
        );
        assert_ne!(plan_submit(&valid(), occasion(true, "  ")), Plan::Drop);
    }

    #[test]
    fn without_an_endpoint_the_enquiry_stays_here() {
        assert_eq!(plan_submit(&valid(), occasion(false, "")), Plan::KeepHere);
    }

    #[test]
    fn with_an_endpoint_it_is_sent_under_a_new_id() {
        let Plan::Send {
            id,
            reference: r,
            body,
        } = plan_submit(&valid(), occasion(true, ""))
        else {
            panic!("not sent");
        };
        assert_eq!(id, client_id([7; 16]));
        assert_eq!(r, reference(&id));
        assert!(body.contains(&format!("\"id\":\"{id}\"")));
        assert!(body.contains("\"phone\":\"13900001111\""));
    }
}
