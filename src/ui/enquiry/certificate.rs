//! 证书类型: the catalogue's items grouped by category, then 其他 with a text field for its name.

use leptos::prelude::*;

use crate::ui::enquiry::choice::Choice;
use crate::ui::enquiry::ctx::EnquiryCtx;
use crate::ui::enquiry::field::{chosen_in, wiring, ErrorText, FieldLabel};
use crate::ui::enquiry::text_field::TextField;
use fushen_domain::certificate::{CATALOGUE, OTHER_NAME, OTHER_SLUG};
use fushen_domain::enquiry::Field;

/// The certificate type select and, when 其他 is chosen, the field naming the type.
#[component]
pub fn CertificateField() -> impl IntoView {
    let ctx = EnquiryCtx::get();
    let field = Field::Certificate;
    let current = Memo::new(move |_| ctx.text(field));
    let groups = CATALOGUE
        .iter()
        .map(|category| {
            let items = category
                .kinds
                .iter()
                .map(|kind| view! { <Choice value=kind.slug() text=kind.name() current /> })
                .collect_view();
            view! { <optgroup label=category.name>{items}</optgroup> }
        })
        .collect_view();
    view! {
        <div class="enq-field">
            <FieldLabel field />
            <select node_ref=ctx.targets.certificate {..wiring(field)} {..chosen_in(field)}>
                <Choice value="" text="请选择" current />
                {groups}
                <Choice value=OTHER_SLUG text=OTHER_NAME current />
            </select>
            <ErrorText field />
        </div>
        <Show when=move || ctx.form.with(|f| f.draft.wants_other())>
            <TextField field=Field::CertificateOther />
        </Show>
    }
}
