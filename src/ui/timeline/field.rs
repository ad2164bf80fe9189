//! One field of an add/edit form: label, hint, control and error line, the hint and the error
//! line tied to the control by `aria-describedby`; the review-cycle switch is a checkbox with its
//! label after it. Every field of both forms is this one component.
//!
//! A control gets its value once, when the form opens: after that the holder's typing is the
//! truth and the form's state follows it (`on:input`, `on:change`). Writing the value back on
//! every keystroke would gain nothing and, on a date input, would wipe the parts of a date still
//! being typed.

use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;

use super::button::{flag, text};
use super::form::Form;
use fushen_domain::certificate::{CATALOGUE, OTHER_CODE, OTHER_NAME};
use fushen_domain::timeline::drafts::Field;
use fushen_domain::timeline::forms::{CertField, EventField};
use fushen_domain::timeline::EventKind;

/// An `<option>`, selected when it is the value the form opened with.
fn choice(value: &'static str, text: &'static str, current: &str) -> impl IntoView {
    view! {
        <option value=value selected=value == current>
            {text}
        </option>
    }
}

/// The options of a field's `<select>`: the certificate types by category, or the event kinds.
fn options(field: Field, current: &str) -> impl IntoView {
    let middle = if field == Field::Cert(CertField::Kind) {
        Either::Left(
            CATALOGUE
                .iter()
                .map(|category| {
                    let kinds = category
                        .kinds
                        .iter()
                        .map(|kind| choice(kind.code(), kind.name(), current))
                        .collect_view();
                    view! { <optgroup label=category.name>{kinds}</optgroup> }
                })
                .collect_view(),
        )
    } else {
        Either::Right(
            EventKind::CODES
                .into_iter()
                .filter_map(|code| {
                    Some(choice(
                        code,
                        EventKind::from_code(code, 0)?.label(),
                        current,
                    ))
                })
                .collect_view(),
        )
    };
    let other =
        (field == Field::Cert(CertField::Kind)).then(|| choice(OTHER_CODE, OTHER_NAME, current));
    (choice("", "请选择", current), middle, other)
}

/// A field of `form`.
#[component]
pub fn FormField(
    /// The form's state.
    form: RwSignal<Form>,
    /// The field.
    field: Field,
) -> impl IntoView {
    let (id, value) = form.with_untracked(|f| (f.id(field), f.draft.value(field).to_string()));
    let name = field.name();
    let set = move |text: String| form.update(|f| f.draft.set(field, text));
    if field == Field::Cycle {
        let tick = move |ev| set(if event_target_checked(&ev) { "1" } else { "" }.to_string());
        return Either::Left(view! {
            <div class="tl-field tl-check">
                <input
                    id=id.clone()
                    name=name
                    type="checkbox"
                    prop:checked=!value.is_empty()
                    on:change=tick
                />
                <label for=id>{field.label()}</label>
            </div>
        });
    }
    // Read by the control (`aria-invalid`) and the error line.
    let error = Memo::new(move |_| form.with(|f| f.error(field)));
    let invalid = Signal::derive(move || {
        if error.with(Option::is_some) {
            "true"
        } else {
            "false"
        }
    });
    let typed = move |ev: leptos::ev::Event| set(event_target_value(&ev));
    // Leaving a field shows its error from then on; leaving it again changes nothing.
    let leave = move |_| form.maybe_update(|f| f.leave(field));
    let hint = field.hint();
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = match hint {
        Some(_) => format!("{hint_id} {error_id}"),
        None => error_id.clone(),
    };
    let control = match field {
        Field::Cert(CertField::Kind) | Field::Event(EventField::Kind) => EitherOf3::A(view! {
            <select
                id=id.clone()
                name=name
                aria-describedby=described
                aria-invalid=invalid
                on:change=typed
                on:focusout=leave
            >
                {options(field, &value)}
            </select>
        }),
        Field::Event(EventField::Note) => EitherOf3::B(view! {
            <textarea
                id=id.clone()
                name=name
                rows="2"
                aria-describedby=described
                aria-invalid=invalid
                prop:value=value
                on:input=typed
                on:focusout=leave
            ></textarea>
        }),
        _ => {
            let (kind, mode) = match field {
                Field::Event(EventField::Hours) => ("text", Some("numeric")),
                Field::Cert(CertField::Other | CertField::Label) => ("text", None),
                _ => ("date", None),
            };
            EitherOf3::C(view! {
                <input
                    id=id.clone()
                    name=name
                    type=kind
                    inputmode=mode
                    autocomplete="off"
                    aria-describedby=described
                    aria-invalid=invalid
                    prop:value=value
                    on:input=typed
                    on:focusout=leave
                />
            })
        }
    };
    Either::Right(view! {
        <div class="tl-field" hidden=flag(move || form.with(|f| !f.draft.visible(field)))>
            <label for=id>{field.label()}</label>
            {hint.map(|hint| view! { <p class="tl-hint" id=hint_id>{hint}</p> })}
            {control}
            <p class="tl-error" id=error_id>
                {text(move || error.get().unwrap_or_default())}
            </p>
        </div>
    })
}
