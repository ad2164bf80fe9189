//! 所在区县 (optional): Hengyang's districts and counties, then 其他地区.

use leptos::prelude::*;

use crate::ui::enquiry::choice::Choice;
use crate::ui::enquiry::ctx::EnquiryCtx;
use crate::ui::enquiry::field::{chosen_in, wiring, ErrorText, FieldLabel};
use fushen_domain::enquiry::catalogue::DISTRICTS;
use fushen_domain::enquiry::Field;

/// The district select.
#[component]
pub fn DistrictField() -> impl IntoView {
    let ctx = EnquiryCtx::get();
    let field = Field::District;
    let current = Memo::new(move |_| ctx.text(field));
    view! {
        <div class="enq-field">
            <FieldLabel field />
            <select node_ref=ctx.targets.district {..wiring(field)} {..chosen_in(field)}>
                <Choice value="" text="不填" current />
                {DISTRICTS
                    .iter()
                    .map(|district| view! { <Choice value=district text=district current /> })
                    .collect_view()}
            </select>
            <ErrorText field />
        </div>
    }
}
