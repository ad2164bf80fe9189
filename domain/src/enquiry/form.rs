//! The form as a whole, free of the browser: what it holds, which errors are on screen, what it
//! says after a submit, and what each event does to it. The UI feeds it events and renders it.

use chrono::NaiveDate;

use crate::enquiry::draft::{EnquiryDraft, Feedback, Field};
use crate::enquiry::messages::{self, FieldError};
use crate::enquiry::outbox::{no_receiver, Step};
use crate::enquiry::phone::{normalise_phone, phone_tail};
use crate::enquiry::submit::{plan_submit, Occasion, Plan};

/// The latest word on a submit, shown (and announced) above the buttons.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// Nothing to say.
    Idle,
    /// These fields need changing.
    Invalid(Vec<Field>),
    /// The user's enquiry is on its way.
    Sending,
    /// The receiver refused it (4xx).
    Rejected {
        /// The HTTP status.
        status: u16,
        /// The receiver's explanation.
        message: Option<String>,
    },
    /// No endpoint configured: kept on the phone (unless the phone refused, `saved` false).
    KeptHere {
        /// Whether the draft is stored on the phone.
        saved: bool,
    },
    /// The honeypot was filled.
    NotSent,
    /// The form was cleared; this was in it (for 撤销).
    Cleared(EnquiryDraft),
}

impl Status {
    /// The words of the status line (`has_phone`: the phone number follows).
    pub fn text(&self, has_phone: bool) -> String {
        match self {
            Status::Idle => String::new(),
            Status::Invalid(fields) => messages::invalid_summary(fields),
            Status::Sending => messages::SENDING.into(),
            Status::Rejected { status, message } => messages::rejected(*status, message.as_deref()),
            Status::KeptHere { saved } => messages::no_endpoint(*saved, has_phone),
            Status::NotSent => messages::NOT_SENT.into(),
            Status::Cleared(_) => messages::CLEARED.into(),
        }
    }

    /// Whether the line reports a problem.
    pub fn is_problem(&self) -> bool {
        matches!(self, Status::Invalid(_) | Status::Rejected { .. })
    }

    /// Whether the line ends with the institution's phone number.
    pub fn offers_phone(&self) -> bool {
        matches!(
            self,
            Status::Rejected { .. } | Status::KeptHere { .. } | Status::NotSent
        )
    }
}

/// A delivered enquiry, for the confirmation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Delivered {
    /// Its reference number.
    pub reference: String,
    /// The last four digits of the user's phone.
    pub tail: Option<String>,
    /// Delivered by a retry rather than straight after the tap.
    pub later: bool,
}

impl Delivered {
    /// The confirmation's title.
    pub fn title(&self) -> &'static str {
        if self.later {
            messages::DELIVERED_LATER_TITLE
        } else {
            messages::DELIVERED_TITLE
        }
    }
}

/// Where the focus goes after an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    /// A field (the first invalid one, or the first after taking an enquiry back).
    Field(Field),
    /// The confirmation.
    Outcome,
    /// The panel of enquiries waiting to go out.
    Pending,
    /// The submit button (next to a refusal's explanation).
    Submit,
}

/// What the UI must do after a submit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Submitted {
    /// Nothing to send (errors shown, bot dropped, or kept on the phone); move the focus here.
    Stay(Option<Focus>),
    /// Queue this and send it.
    Send {
        /// The client id.
        id: String,
        /// Its reference number.
        reference: String,
        /// The JSON body.
        body: String,
        /// The draft it came from.
        draft: Box<EnquiryDraft>,
    },
}

/// The enquiry form's state.
#[derive(Clone, Debug)]
pub struct Form {
    /// What the user has typed.
    pub draft: EnquiryDraft,
    feedback: [Feedback; 8],
    /// The status line.
    pub status: Status,
    /// The confirmation, once an enquiry is delivered.
    pub delivered: Option<Delivered>,
    /// What the hidden honeypot field holds.
    pub honeypot: String,
    /// False when the phone refused to keep the draft (private modes, full storage).
    pub draft_saved: bool,
    today: NaiveDate,
}

impl Form {
    /// A form holding `draft` (as restored from the phone).
    pub fn new(draft: EnquiryDraft, today: NaiveDate) -> Form {
        Form {
            draft,
            feedback: [Feedback::default(); 8],
            status: Status::Idle,
            delivered: None,
            honeypot: String::new(),
            draft_saved: true,
            today,
        }
    }

    /// The error shown for `field`.
    pub fn error(&self, field: Field) -> Option<FieldError> {
        self.feedback[field.index()].shown()
    }

    fn check(&self, field: Field) -> Result<(), FieldError> {
        self.draft.check(field, self.today)
    }

    /// The user typed `value` into `field`.
    pub fn typed(&mut self, field: Field, value: String) {
        self.draft.set_text(field, value);
        let check = self.check(field);
        let slot = &mut self.feedback[field.index()];
        *slot = slot.typed(check);
    }

    /// The user left `field`.
    pub fn left(&mut self, field: Field) {
        self.feedback[field.index()] = Feedback::left(self.check(field));
    }

    /// The user chose `value` in a select or a date field: set and check at once.
    pub fn chose(&mut self, field: Field, value: String) {
        self.draft.set_text(field, value);
        self.left(field);
        if field == Field::Certificate && !self.draft.wants_other() {
            // The "其他" text field is gone: so is its error.
            self.feedback[Field::CertificateOther.index()] = Feedback::default();
        }
    }

    /// The user ticked or unticked the consent box at `now_ms`.
    pub fn consent(&mut self, ticked: bool, now_ms: i64) {
        self.draft.set_consent(ticked, now_ms);
        self.left(Field::Consent);
    }

    /// The user tapped 提交 (`occasion` from the browser).
    pub fn submit(&mut self, occasion: Occasion<'_>) -> Submitted {
        self.delivered = None;
        match plan_submit(&self.draft, occasion) {
            Plan::Fix(errors) => {
                for field in Field::ALL {
                    let error = errors.iter().find(|(f, _)| *f == field).map(|(_, e)| *e);
                    self.feedback[field.index()] = Feedback::left(error.map_or(Ok(()), Err));
                }
                let fields: Vec<Field> = errors.iter().map(|(f, _)| *f).collect();
                let first = fields.first().copied().map(Focus::Field);
                self.status = Status::Invalid(fields);
                Submitted::Stay(first)
            }
            Plan::Drop => {
                self.status = Status::NotSent;
                Submitted::Stay(None)
            }
            Plan::KeepHere => {
                self.status = Status::KeptHere {
                    saved: self.draft_saved,
                };
                Submitted::Stay(None)
            }
            Plan::Send {
                id,
                reference,
                body,
            } => {
                self.status = Status::Sending;
                Submitted::Send {
                    id,
                    reference,
                    body,
                    draft: Box::new(self.draft.clone()),
                }
            }
        }
    }

    /// Replaces the whole draft and forgets the errors on screen.
    pub fn replace(&mut self, draft: EnquiryDraft) {
        self.draft = draft;
        self.feedback = [Feedback::default(); 8];
    }

    /// 清空: empties the form, keeping what it held for 撤销.
    pub fn clear(&mut self) {
        if self.draft.is_empty() {
            return;
        }
        let previous = std::mem::take(&mut self.draft);
        self.feedback = [Feedback::default(); 8];
        self.status = Status::Cleared(previous);
    }

    /// 撤销: puts back what 清空 took.
    pub fn undo(&mut self) -> Option<Focus> {
        let Status::Cleared(previous) = std::mem::replace(&mut self.status, Status::Idle) else {
            return None;
        };
        self.replace(previous);
        Some(Focus::Field(Field::Name))
    }

    /// The user took a queued enquiry back to change it.
    pub fn take_back(&mut self, draft: EnquiryDraft) -> Focus {
        self.replace(draft);
        self.status = Status::Idle;
        Focus::Field(Field::Name)
    }

    /// An attempt to deliver came back; `foreground` when it answers the user's own tap.
    pub fn delivery(&mut self, step: Step, foreground: bool) -> Option<Focus> {
        match step {
            Step::Delivered(entry) => {
                // The form still shows what was sent: it is done with.
                if self.draft == entry.draft {
                    self.replace(EnquiryDraft::default());
                }
                let tail = normalise_phone(&entry.draft.phone)
                    .ok()
                    .map(|p| phone_tail(&p).to_string());
                self.status = Status::Idle;
                self.delivered = Some(Delivered {
                    reference: entry.reference,
                    tail,
                    later: !foreground,
                });
                Some(Focus::Outcome)
            }
            Step::RetryAt(_) if foreground => {
                self.status = Status::Idle;
                Some(Focus::Pending)
            }
            Step::RetryAt(_) | Step::Gone => None,
            // A static host without a receiver: not a refusal of what the user wrote. Say what
            // a page without an endpoint says, and keep the draft (it is back in the form).
            Step::Rejected { entry, status, .. } if no_receiver(status) => {
                self.replace(entry.draft);
                self.status = Status::KeptHere {
                    saved: self.draft_saved,
                };
                Some(Focus::Submit)
            }
            Step::Rejected {
                entry,
                status,
                message,
            } => {
                self.replace(entry.draft);
                self.status = Status::Rejected { status, message };
                Some(Focus::Submit)
            }
        }
    }
}
