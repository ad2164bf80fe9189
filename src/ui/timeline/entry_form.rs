//! The add/edit form: add or change a certificate, record or change an event. It checks each
//! field once the holder leaves it (and again while it is corrected), everything on 保存, says
//! how many fields need fixing and moves the focus to the first; a form that changes something
//! already there removes it on a second tap. `novalidate`: the form speaks in its own words,
//! never in browser bubbles.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::button::{text, Button};
use super::drafts::Drafts;
use super::field::FormField;
use super::state::TimelineCtx;
use fushen_domain::timeline::drafts::{Field, Target};
use fushen_domain::timeline::messages::fix_count;

/// The form for `target`.
#[component]
pub fn EntryForm(
    /// What the form is for.
    target: Target,
    /// Called when the form is done: saved, cancelled or its subject removed.
    on_close: Callback<()>,
) -> impl IntoView {
    let ctx = expect_context::<TimelineCtx>();
    let form = expect_context::<Drafts>().open(ctx, target);
    let element = NodeRef::<html::Form>::new();
    let focus = move |field: Field| {
        let control = element
            .get_untracked()
            .and_then(|f| f.elements().named_item(field.name()))
            .and_then(|c| c.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(control) = control {
            let _ = control.focus();
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.update(|f| f.submitted = true);
        let (draft, first_issued) = form.with_untracked(|f| (f.draft.clone(), f.first_issued));
        let status = match draft.finish(first_issued, ctx.today) {
            Err(fields) => {
                if let Some(&first) = fields.first() {
                    focus(first);
                }
                fix_count(fields.len())
            }
            Ok(entry) => match ctx.save(target, entry) {
                Ok(()) => return on_close.run(()),
                Err(problem) => problem.message(),
            },
        };
        form.update(|f| f.status = status);
    };
    let remove = Callback::new(move |()| {
        if !form.with_untracked(|f| f.confirm_remove) {
            form.update(|f| f.confirm_remove = true);
            return;
        }
        ctx.remove(target);
        on_close.run(());
    });
    let fields = form.with_untracked(|f| f.draft.fields());
    let title = target.title();
    view! {
        <form class="tl-form" novalidate aria-label=title node_ref=element on:submit=submit>
            <h4>{title}</h4>
            {fields.iter().map(|&field| view! { <FormField form field /> }).collect_view()}
            <p class="tl-form-status" role="status">
                {text(move || form.with(|f| f.status.clone()))}
            </p>
            <div class="tl-buttons">
                <button type="submit" class="tl-primary">
                    "保存"
                </button>
                <Button label="取消" on_click=on_close />
                {target
                    .changes()
                    .then(|| {
                        let words = Signal::derive(move || {
                            target.remove_words(form.with(|f| f.confirm_remove))
                        });
                        view! { <Button label=words class="tl-danger" on_click=remove /> }
                    })}
            </div>
        </form>
    }
}
