//! What every field shares: the label (with “（选填）”), the hint and the error around its
//! control, the attributes that tie the control to them for screen readers, and the handlers
//! that feed the domain's [`Form`](fushen_domain::enquiry::Form).
//!
//! Each field is written as `<div class="enq-field"><FieldLabel/>control<ErrorText/></div>`
//! rather than a wrapper taking the control as children: children are type-erased views, and
//! each distinct control type would add its own copy of that machinery.

use leptos::attr::Attribute;
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

/// The attributes every control carries: its id, whether it is required, its error state
/// and descriptions (kept in step with the error on screen), and "check on leaving": the
/// field's error shows once the user leaves it. Spread onto the control:
/// `<input {..wiring(field)} />`. One set for every field, so one copy in the WebAssembly.
pub fn wiring(field: Field) -> impl Attribute {
    let ctx = EnquiryCtx::get();
    let error = ctx.error(field);
    let id = field_id(field);
    view! {
        <{..}
            id=id
            name=id
            aria-required=(!field.is_optional()).then_some("true")
            aria-invalid=move || error.with(Option::is_some).then_some("true")
            aria-describedby=move || described_by(field, error.with(Option::is_some))
            on:focusout=move |_| ctx.left(field)
        />
    }
}

/// The value and the `input` handler of a control typed in (text inputs, the message): it
/// shows the draft, and each keystroke goes to the domain's [`Form::typed`](fushen_domain::enquiry::Form::typed).
pub fn typed_in(field: Field) -> impl Attribute {
    let ctx = EnquiryCtx::get();
    view! {
        <{..}
            prop:value=move || ctx.text(field)
            on:input=move |ev| ctx.form.update(|f| f.typed(field, event_target_value(&ev)))
        />
    }
}

/// The `change` handler of a control chosen from (the selects, the date): the choice goes to
/// the domain's [`Form::chose`](fushen_domain::enquiry::Form::chose), which checks it at once.
pub fn chosen_in(field: Field) -> impl Attribute {
    let ctx = EnquiryCtx::get();
    view! { <{..} on:change=move |ev| ctx.chose(field, event_target_value(&ev)) /> }
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

/// A field's label (with “（选填）” when it may stay empty) and its hint, if it has one.
#[component]
pub fn FieldLabel(
    /// Which field.
    field: Field,
) -> impl IntoView {
    let id = field_id(field);
    view! {
        <label for=id>{field.label()}{field.is_optional().then_some("（选填）")}</label>
        {field
            .hint()
            .map(|hint| view! { <p class="enq-hint" id=format!("{id}-hint")>{hint}</p> })}
    }
}
