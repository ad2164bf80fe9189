//! Keeps the form's HTML in step with its state: texts, `hidden`, `disabled`, `aria-invalid`,
//! `aria-describedby`, and (only when the draft is replaced) the controls' values. Each change is
//! written only when it differs, so live regions speak only when their words change and the
//! caret never jumps.

use chrono::NaiveDate;
use wasm_bindgen::JsValue;
use web_sys::Element;

use crate::ui::dom::{find, set_attr, set_flag, set_property, set_text};
use crate::ui::enquiry::markup::{field_id, hint, ids};
use fushen_domain::enquiry::messages::{self, counter, queued_item, saved_at};
use fushen_domain::enquiry::payload::reference_for_display;
use fushen_domain::enquiry::text::{message_len, MESSAGE_MAX_CHARS};
use fushen_domain::enquiry::{EnquiryDraft, Field, Form, Outbox, Status};

/// What the renderer shows besides the form itself.
pub struct Scene<'a> {
    /// The form's state.
    pub form: &'a Form,
    /// The enquiries waiting to go out.
    pub outbox: &'a Outbox,
    /// Whether the outbox is kept on the phone.
    pub persisted: bool,
    /// Whether a request is under way.
    pub busy: bool,
    /// "你在…提交过咨询", if there is an earlier delivery.
    pub sent_before: &'a str,
    /// Whether a phone number is configured.
    pub has_phone: bool,
    /// The institution's name, if configured.
    pub institution: Option<&'a str>,
    /// Today in China.
    pub today: NaiveDate,
}

fn set_hidden(root: &Element, id: &str, hidden: bool) {
    set_flag(root, id, "hidden", hidden);
}

/// Writes `draft` into the controls (after 清空, 撤销, a delivery, or on load).
pub fn fill(root: &Element, draft: &EnquiryDraft) {
    for field in Field::ALL {
        let Some(el) = find(root, field_id(field)) else {
            continue;
        };
        if field == Field::Consent {
            set_property(&el, "checked", &JsValue::from_bool(draft.consented()));
        } else {
            set_property(&el, "value", &JsValue::from_str(draft.text(field)));
        }
    }
}

fn sync_field(root: &Element, form: &Form, field: Field) {
    let id = field_id(field);
    let error = form.error(field);
    if let Some(control) = find(root, id) {
        set_attr(&control, "aria-invalid", error.map(|_| "true"));
        let extra = match field {
            Field::Message => Some(ids::COUNTER.to_string()),
            _ => hint(field).map(|_| format!("{id}-hint")),
        };
        let error_id = error.map(|_| format!("{id}-error"));
        let described: Vec<String> = extra.into_iter().chain(error_id).collect();
        let described = described.join(" ");
        set_attr(
            &control,
            "aria-describedby",
            (!described.is_empty()).then_some(described.as_str()),
        );
    }
    let error_id = format!("{id}-error");
    set_text(
        root,
        &error_id,
        &error.map(|e| e.message()).unwrap_or_default(),
    );
    set_hidden(root, &error_id, error.is_none());
}

/// Brings every text and attribute of the form in line with `scene`.
pub fn sync(root: &Element, scene: &Scene<'_>) {
    let form = scene.form;
    for field in Field::ALL {
        sync_field(root, form, field);
    }
    set_hidden(root, ids::OTHER_WRAP, !form.draft.wants_other());
    let len = message_len(&form.draft.message);
    set_text(root, ids::COUNTER, &counter(len, MESSAGE_MAX_CHARS));
    if let Some(el) = find(root, ids::COUNTER) {
        set_attr(
            &el,
            "class",
            Some(if len > MESSAGE_MAX_CHARS {
                "enq-counter enq-over"
            } else {
                "enq-counter"
            }),
        );
    }

    // Status line.
    let status = &form.status;
    set_text(root, ids::STATUS_TEXT, &status.text(scene.has_phone));
    set_hidden(root, ids::STATUS, *status == Status::Idle);
    if let Some(el) = find(root, ids::STATUS) {
        set_attr(
            &el,
            "class",
            status.is_problem().then_some("enq-status-error"),
        );
    }
    set_hidden(
        root,
        ids::STATUS_PHONE,
        !(scene.has_phone && status.offers_phone()),
    );
    set_hidden(root, ids::UNDO, !matches!(status, Status::Cleared(_)));

    // Confirmation.
    let delivered = form.delivered.as_ref();
    set_hidden(root, ids::OUTCOME, delivered.is_none());
    if let Some(d) = delivered {
        let title = if d.later {
            messages::DELIVERED_LATER_TITLE
        } else {
            messages::DELIVERED_TITLE
        };
        set_text(root, ids::OUTCOME_TITLE, title);
        set_text(
            root,
            ids::OUTCOME_REFERENCE,
            &reference_for_display(&d.reference),
        );
        set_text(
            root,
            ids::OUTCOME_NEXT,
            &messages::next_steps(scene.institution, d.tail.as_deref()),
        );
    }
    set_hidden(
        root,
        ids::SENT_BEFORE,
        scene.sent_before.is_empty() || delivered.is_some(),
    );
    set_text(root, ids::SENT_BEFORE, scene.sent_before);

    // Waiting enquiries: the panel shows once a first attempt has failed, or for what an earlier
    // visit left; meanwhile the form is locked so the same enquiry is not sent twice.
    let entries = &scene.outbox.entries;
    let locked = !entries.is_empty();
    let pending = entries.iter().any(|e| e.attempts > 0) || (locked && !scene.busy);
    set_hidden(root, ids::PENDING, !pending);
    let (title, body) = if scene.persisted {
        (messages::QUEUED_TITLE, messages::QUEUED_BODY)
    } else {
        (
            messages::QUEUED_IN_MEMORY_TITLE,
            messages::QUEUED_IN_MEMORY_BODY,
        )
    };
    set_text(root, ids::PENDING_TITLE, title);
    set_text(root, ids::PENDING_BODY, body);
    let list: Vec<String> = entries
        .iter()
        .map(|e| {
            queued_item(
                &reference_for_display(&e.reference),
                &saved_at(e.queued_at_ms, scene.today),
            )
        })
        .collect();
    set_text(root, ids::PENDING_LIST, &list.join("；"));
    set_text(
        root,
        ids::RETRY,
        if scene.busy {
            messages::SENDING
        } else {
            messages::RETRY_NOW
        },
    );
    set_flag(root, ids::RETRY, "disabled", scene.busy);
    set_flag(root, ids::CANCEL, "disabled", scene.busy);
    set_flag(root, ids::FIELDS, "disabled", locked);
    set_flag(root, ids::SUBMIT, "disabled", locked);
    set_flag(root, ids::CLEAR, "disabled", locked);
    set_hidden(root, ids::UNSAVED, form.draft_saved);
}
