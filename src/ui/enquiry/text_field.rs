//! A field typed in: 姓名, 手机号码, 其他证书类型.

use leptos::prelude::*;

use crate::ui::enquiry::ctx::EnquiryCtx;
use crate::ui::enquiry::field::{typed_in, wiring, ErrorText, FieldLabel};
use fushen_domain::enquiry::Field;

/// A text input with its label, hint and error. Its error shows once the user leaves it, then
/// follows every keystroke (the domain's [`fushen_domain::enquiry::Feedback`]).
#[component]
pub fn TextField(
    /// Which field.
    field: Field,
    /// The input's `type`.
    #[prop(default = "text")]
    kind: &'static str,
    /// The browser's autofill hint (`autocomplete`).
    #[prop(optional)]
    autocomplete: Option<&'static str>,
    /// The on-screen keyboard to offer (`inputmode`).
    #[prop(optional)]
    inputmode: Option<&'static str>,
) -> impl IntoView {
    let input = EnquiryCtx::get().targets.input(field);
    view! {
        <div class="enq-field">
            <FieldLabel field />
            <input
                {..wiring(field)}
                {..typed_in(field)}
                type=kind
                autocomplete=autocomplete
                inputmode=inputmode
                node_ref=input
            />
            <ErrorText field />
        </div>
    }
}
