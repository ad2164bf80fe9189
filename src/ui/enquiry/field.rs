//! What every field shares: the label (with “（选填）”), the hint and the error around its
//! control, and the attributes that tie the control to them for screen readers.

use leptos::prelude::*;

use crate::ui::enquiry::ctx::EnquiryCtx;
use fushen_domain::enquiry::{Field, FieldError};

/// The element id of each field's control (the labels' `for`, and the page's own anchor).
pub fn field_id(field: Field) -> &'static str {
    match field {
        Field::Name => "enq-name",
        Field::Phone => "enq-phone",
        Field::Certificate => "enq-cert",
        Field::CertificateOther => "enq-cert-other",
        Field::District => "enq-district",
        Field::Expiry => "enq-expiry",
        Field::Message => "enq-message",
        Field::Consent => "enq-consent",
    }
}

/// The id of the message counter under 留言.
pub const COUNTER_ID: &str = "enq-message-count";

/// The ids `aria-describedby` names for `field`: its hint (or, for 留言, the counter), then its
/// error while one shows.
fn described_by(field: Field, has_error: bool) -> Option<String> {
    let id = field_id(field);
    let note = match field {
        Field::Message => Some(COUNTER_ID.to_string()),
        _ => field.hint().map(|_| format!("{id}-hint")),
    };
    let error = has_error.then(|| format!("{id}-error"));
    let ids: Vec<String> = note.into_iter().chain(error).collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// The attributes of the control of `field`: its id, whether it is required, and its error
/// state and descriptions, kept in step with the error on screen. Spread onto the control:
/// `<input {..wiring(field)} />`.
pub fn wiring(field: Field) -> impl leptos::attr::Attribute {
    let error = EnquiryCtx::get().error(field);
    let id = field_id(field);
    view! {
        <{..}
            id=id
            name=id
            aria-required=(!field.is_optional()).then_some("true")
            aria-invalid=move || error.with(Option::is_some).then_some("true")
            aria-describedby=move || described_by(field, error.with(Option::is_some))
        />
    }
}

/// The error under a field, hidden while there is none.
#[component]
pub fn ErrorText(
    /// Whose error.
    field: Field,
) -> impl IntoView {
    let error = EnquiryCtx::get().error(field);
    view! {
        <p
            class="enq-error"
            id=format!("{}-error", field_id(field))
            hidden=move || error.with(Option::is_none)
        >
            {move || error.get().map(FieldError::message)}
        </p>
    }
}

/// One field: its label, its hint, the control (the children), its error.
#[component]
pub fn FieldFrame(
    /// Which field.
    field: Field,
    /// The control, wired with [`wiring`].
    children: Children,
) -> impl IntoView {
    let id = field_id(field);
    view! {
        <div class="enq-field">
            <label for=id>{field.label()}{field.is_optional().then_some("（选填）")}</label>
            {field
                .hint()
                .map(|hint| view! { <p class="enq-hint" id=format!("{id}-hint")>{hint}</p> })}
            {children()}
            <ErrorText field />
        </div>
    }
}
