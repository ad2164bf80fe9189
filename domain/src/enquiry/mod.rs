//! The enquiry form's rules, free of the browser: what each field accepts (names, phone numbers,
//! certificate types, districts, dates, messages), the draft kept on the phone, the JSON sent,
//! the outbox that delivers it without loss, and every Chinese message the form shows.
//!
//! Nothing here reads the clock or the random generator: `now`, `today` and random bytes are
//! parameters, so every rule is tested on the host.

pub mod catalogue;
pub mod draft;
pub mod form;
pub mod hygiene;
pub mod messages;
pub mod notice;
pub mod outbox;
pub mod payload;
pub mod phone;
pub mod receive;
pub mod search;
pub mod store;
pub mod submit;
pub mod text;

#[cfg(test)]
mod tests;

pub use draft::{Consent, Enquiry, EnquiryDraft, Feedback, Field};
pub use form::{Delivered, Focus, Form, Status, Submitted};
pub use messages::FieldError;
pub use outbox::{Outbox, OutboxEntry, Outcome, SentLog, Step};
pub use submit::{plan_submit, Occasion, Plan, Settings};
