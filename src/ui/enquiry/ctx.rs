//! The form's one state model, shared by its parts through context: the domain's [`Form`] state
//! machine, the outbox and the requests in flight, each in a signal, the memos several parts
//! read, and the elements the focus can be sent to.

use chrono::NaiveDate;
use leptos::html;
use leptos::prelude::*;

use crate::ui::enquiry::store::load;
use crate::web::device;
use fushen_domain::enquiry::outbox::SentLog;
use fushen_domain::enquiry::{Field, FieldError, Focus, Form, Outbox, Settings};
use fushen_domain::keys::StorageKey;

/// Everything the enquiry form's parts share. Cheap to copy: signals are handles.
#[derive(Clone, Copy)]
pub struct EnquiryCtx {
    /// The form: the draft, which errors show, the status line, the confirmation.
    pub form: RwSignal<Form>,
    /// The enquiries waiting to go out, as this page knows them.
    pub outbox: RwSignal<Outbox>,
    /// Ids of the enquiries being sent now.
    pub in_flight: RwSignal<Vec<String>>,
    /// The last deliveries (for "你在…提交过咨询").
    pub sent: RwSignal<SentLog>,
    /// False once the phone refused to keep the draft.
    pub draft_kept: RwSignal<bool>,
    /// False once the phone refused to keep the outbox (it then lives in this page only).
    pub outbox_kept: RwSignal<bool>,
    /// True for a moment while the status line is emptied, so that screen readers announce an
    /// identical second failure again (a live region speaks only when its words change).
    pub hushed: RwSignal<bool>,
    /// Something waits to go out: the form is locked so that it cannot be sent twice.
    pub locked: Memo<bool>,
    /// A request is under way.
    pub busy: Memo<bool>,
    /// The error shown for each field, in [`Field::ALL`] order.
    errors: [Memo<Option<FieldError>>; 8],
    /// Where to send, whom to call, who receives.
    pub settings: StoredValue<Settings>,
    /// Today in China.
    pub today: NaiveDate,
    /// The elements the focus can go to.
    pub targets: Targets,
}

impl EnquiryCtx {
    /// The form's state, restored from the phone: the draft, the outbox and the sent log.
    pub fn new(today: NaiveDate, settings: Settings) -> EnquiryCtx {
        let form = RwSignal::new(Form::new(load(StorageKey::EnquiryDraft), today));
        let outbox = RwSignal::new(load::<Outbox>(StorageKey::Outbox));
        let in_flight = RwSignal::new(Vec::<String>::new());
        let errors = Field::ALL.map(|field| Memo::new(move |_| form.with(|f| f.error(field))));
        EnquiryCtx {
            form,
            outbox,
            in_flight,
            sent: RwSignal::new(load(StorageKey::Sent)),
            draft_kept: RwSignal::new(true),
            outbox_kept: RwSignal::new(true),
            hushed: RwSignal::new(false),
            locked: Memo::new(move |_| outbox.with(|o| !o.entries.is_empty())),
            busy: Memo::new(move |_| in_flight.with(|ids| !ids.is_empty())),
            errors,
            settings: StoredValue::new(settings),
            today,
            targets: Targets::default(),
        }
    }

    /// The form's state, from the context [`super::Enquiry`] provides.
    pub fn get() -> EnquiryCtx {
        expect_context()
    }

    /// The error shown for `field`.
    pub fn error(self, field: Field) -> Memo<Option<FieldError>> {
        self.errors[field.index()]
    }

    /// The text of `field` as typed.
    pub fn text(self, field: Field) -> String {
        self.form.with(|f| f.draft.text(field).to_owned())
    }

    /// The user left `field`: its error shows now. Leaving because the form locked itself for
    /// sending is not the user leaving.
    pub fn left(self, field: Field) {
        if !self.locked.get_untracked() {
            self.form.update(|f| f.left(field));
        }
    }

    /// The user chose `value` in a select or a date field.
    pub fn chose(self, field: Field, value: String) {
        self.form.update(|f| f.chose(field, value));
    }

    /// The user ticked or unticked the consent box.
    pub fn consent(self, ticked: bool) {
        self.form.update(|f| f.consent(ticked, device::now_ms()));
    }

    /// 清空.
    pub fn clear(self) {
        self.form.update(Form::clear);
    }

    /// 撤销: back comes what 清空 took, and the focus goes to its first field.
    pub fn undo(self) {
        let focus = self.form.try_update(Form::undo).flatten();
        self.targets.focus(focus);
    }
}

/// The elements the domain's [`Focus`] can name.
#[derive(Clone, Copy, Default)]
pub struct Targets {
    /// 姓名.
    pub name: NodeRef<html::Input>,
    /// 手机号码.
    pub phone: NodeRef<html::Input>,
    /// 证书类型.
    pub certificate: NodeRef<html::Select>,
    /// 其他证书类型.
    pub certificate_other: NodeRef<html::Input>,
    /// 所在区县.
    pub district: NodeRef<html::Select>,
    /// 证书到期日.
    pub expiry: NodeRef<html::Input>,
    /// 留言.
    pub message: NodeRef<html::Textarea>,
    /// The consent box.
    pub consent: NodeRef<html::Input>,
    /// The confirmation.
    pub outcome: NodeRef<html::Div>,
    /// The panel of enquiries waiting to go out.
    pub pending: NodeRef<html::Div>,
    /// 提交咨询.
    pub submit: NodeRef<html::Button>,
}

impl Targets {
    /// The `<input>` of `field`: 姓名, 手机号码, 其他证书类型, 证书到期日 or the consent box.
    /// (The selects and the message have their own element types; asking for one of those
    /// here is a mistake, answered with 姓名's input.)
    pub fn input(self, field: Field) -> NodeRef<html::Input> {
        match field {
            Field::Phone => self.phone,
            Field::CertificateOther => self.certificate_other,
            Field::Expiry => self.expiry,
            Field::Consent => self.consent,
            Field::Name | Field::Certificate | Field::District | Field::Message => self.name,
        }
    }

    /// The element `focus` names, when it is in the page.
    pub fn element(self, focus: Focus) -> Option<web_sys::HtmlElement> {
        match focus {
            Focus::Field(Field::Certificate) => self.certificate.get_untracked().map(Into::into),
            Focus::Field(Field::District) => self.district.get_untracked().map(Into::into),
            Focus::Field(Field::Message) => self.message.get_untracked().map(Into::into),
            Focus::Field(field) => self.input(field).get_untracked().map(Into::into),
            Focus::Outcome => self.outcome.get_untracked().map(Into::into),
            Focus::Pending => self.pending.get_untracked().map(Into::into),
            Focus::Submit => self.submit.get_untracked().map(Into::into),
        }
    }

    /// Moves the focus to `focus` once the page shows the change that led there (an element
    /// just shown or enabled cannot take the focus before it is drawn).
    pub fn focus(self, focus: Option<Focus>) {
        let Some(focus) = focus else { return };
        request_animation_frame(move || {
            if let Some(element) = self.element(focus) {
                let _ = element.focus();
            }
        });
    }
}
