//! The timeline's few building blocks: a reactive region, a row of buttons, a notice and a form
//! field. Each takes type-erased values (`Signal`, `Callback`, `Arc<dyn Fn>`), so that every
//! button, field and region of the tool shares one compiled shape: in Leptos each distinct
//! closure or view type is compiled separately, and the first load must stay small.
//!
//! Form fields follow the enquiry form's habits: the label is tied to the control, a hint and the
//! error line are tied by `aria-describedby`, `aria-invalid` follows the error, and nothing
//! leans on the browser's own validation bubbles.

use std::sync::Arc;

use leptos::prelude::*;

/// What a reactive region shows; run again whenever a signal it read changes.
pub type Render = Arc<dyn Fn() -> AnyView + Send + Sync>;

/// A reactive region (one compiled shape for every region of the tool).
pub fn dynamic(render: Render) -> impl IntoView {
    move || render()
}

/// A button of a [`Buttons`] row.
#[derive(Clone)]
pub struct Action {
    /// What it says.
    pub label: Signal<String>,
    /// Its style: "", "tl-primary" or "tl-danger".
    pub class: &'static str,
    /// What it does.
    pub on: Callback<()>,
    /// An element id, to move the focus to it later.
    pub id: Option<&'static str>,
}

impl Action {
    /// A button with a fixed label.
    pub fn new(label: &str, class: &'static str, on: impl Fn() + Send + Sync + 'static) -> Action {
        Action {
            label: Signal::stored(label.to_string()),
            class,
            on: Callback::new(move |()| on()),
            id: None,
        }
    }

    /// The same button with an element id.
    pub fn with_id(self, id: &'static str) -> Action {
        Action {
            id: Some(id),
            ..self
        }
    }

    /// A button whose label changes (e.g. to ask for a second tap).
    pub fn changing(
        label: impl Fn() -> String + Send + Sync + 'static,
        class: &'static str,
        on: impl Fn() + Send + Sync + 'static,
    ) -> Action {
        Action {
            label: Signal::derive(label),
            class,
            on: Callback::new(move |()| on()),
            id: None,
        }
    }
}

/// A row of buttons; `submit` makes the first one the form's submit button.
#[component]
pub fn Buttons(
    /// The buttons, in order.
    actions: Vec<Action>,
    /// The first button submits its form.
    #[prop(optional)]
    submit: bool,
) -> impl IntoView {
    let buttons = actions
        .into_iter()
        .enumerate()
        .map(|(i, a)| {
            let kind = if submit && i == 0 { "submit" } else { "button" };
            let on = a.on;
            view! {
                <button type=kind id=a.id class=a.class on:click=move |_| if kind == "button" { on.run(()) }>
                    {a.label}
                </button>
            }
        })
        .collect_view();
    view! { <div class="tl-buttons">{buttons}</div> }
}

/// A boxed message: storage trouble, an arriving timeline, a question.
#[component]
pub fn Notice(
    /// "tl-warn" for trouble, "tl-ask" for a question.
    tone: &'static str,
    /// A heading, if any.
    title: Option<String>,
    /// Its paragraphs.
    lines: Vec<String>,
    /// The first paragraph is announced at once (`role="alert"`).
    #[prop(optional)]
    alert: bool,
    /// Its buttons.
    actions: Vec<Action>,
    /// A test hook (`data-testid`), or "".
    test_id: &'static str,
) -> impl IntoView {
    let mut lines = lines.into_iter();
    let first = lines.next();
    view! {
        <div class=format!("tl-notice {tone}") data-testid=(!test_id.is_empty()).then_some(test_id)>
            {title.map(|t| view! { <h3>{t}</h3> })}
            {first.map(|l| view! { <p role=if alert { "alert" } else { "status" }>{l}</p> })}
            {lines.map(|l| view! { <p>{l}</p> }).collect_view()}
            <Buttons actions />
        </div>
    }
}

/// A group of choices of a `<select>`; no label means options outside any group.
pub struct OptionGroup {
    /// The group's label.
    pub label: Option<&'static str>,
    /// Its options: value and text.
    pub options: Vec<(&'static str, &'static str)>,
}

/// The control of a [`FormField`].
pub enum Control {
    /// A `<select>` with a "请选择" first option.
    Select(Vec<OptionGroup>),
    /// An `<input>` of this type; `numeric` asks phones for the number keyboard.
    Input {
        /// `text` or `date`.
        kind: &'static str,
        /// Number keyboard.
        numeric: bool,
    },
    /// A `<textarea>`.
    TextArea,
    /// A checkbox, its label after it; the value is "1" when ticked, "" when not.
    Check,
}

/// A labelled form field with its hint and error line.
#[component]
pub fn FormField(
    /// The control's id (the hint and error lines derive theirs from it).
    id: String,
    /// The label.
    label: String,
    /// A hint under the label.
    hint: Option<String>,
    /// The control.
    control: Control,
    /// The value as typed.
    value: Signal<String>,
    /// Called with the new value as the holder types or chooses.
    on_input: Callback<String>,
    /// Called when the holder leaves the field (its error shows from then on).
    on_leave: Callback<()>,
    /// The error shown, if any.
    error: Signal<Option<String>>,
    /// False hides the field (it does not apply).
    shown: Signal<bool>,
) -> impl IntoView {
    let described = match hint {
        Some(_) => format!("{id}-hint {id}-error"),
        None => format!("{id}-error"),
    };
    let invalid = Signal::derive(move || error.with(Option::is_some).to_string());
    let hidden = Signal::derive(move || !shown.get());
    let input = move |ev: leptos::ev::Event| on_input.run(event_target_value(&ev));
    let leave = move |_: leptos::ev::FocusEvent| on_leave.run(());
    if let Control::Check = control {
        return view! {
            <div class="tl-field tl-check" prop:hidden=hidden>
                <input
                    id=id.clone()
                    type="checkbox"
                    prop:checked=Signal::derive(move || value.with(|v| !v.is_empty()))
                    on:change=move |ev| on_input.run(if event_target_checked(&ev) { "1" } else { "" }.to_string())
                />
                <label for=id>{label}</label>
            </div>
        }
        .into_any();
    }
    let control = match control {
        Control::Select(groups) => {
            let option = move |(code, text): (&'static str, &'static str)| {
                view! { <option value=code prop:selected=move || value.with(|v| v == code)>{text}</option> }
            };
            let groups = groups
                .into_iter()
                .map(|g| match g.label {
                    Some(label) => view! {
                        <optgroup label=label>{g.options.into_iter().map(option).collect_view()}</optgroup>
                    }
                    .into_any(),
                    None => g.options.into_iter().map(option).collect_view().into_any(),
                })
                .collect_view();
            view! {
                <select id=id.clone() aria-describedby=described aria-invalid=invalid on:change=input on:blur=leave>
                    {option(("", "请选择"))}
                    {groups}
                </select>
            }
            .into_any()
        }
        Control::Input { kind, numeric } => view! {
            <input
                id=id.clone()
                type=kind
                inputmode=numeric.then_some("numeric")
                autocomplete="off"
                aria-describedby=described
                aria-invalid=invalid
                prop:value=value
                on:input=input
                on:blur=leave
            />
        }
        .into_any(),
        Control::Check | Control::TextArea => view! {
            <textarea
                id=id.clone()
                rows="2"
                aria-describedby=described
                aria-invalid=invalid
                prop:value=value
                on:input=input
                on:blur=leave
            ></textarea>
        }
        .into_any(),
    };
    view! {
        <div class="tl-field" prop:hidden=hidden>
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="tl-hint" id=format!("{id}-hint")>{h}</p> })}
            {control}
            <p class="tl-error" id=format!("{id}-error")>{error}</p>
        </div>
    }
    .into_any()
}

/// Which fields show their errors: a field's once it has been left, every field's once the
/// form was submitted.
#[derive(Debug)]
pub struct Shown<F: Send + Sync + 'static> {
    left: RwSignal<Vec<F>>,
    submitted: RwSignal<bool>,
}

impl<F: Send + Sync + 'static> Clone for Shown<F> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<F: Send + Sync + 'static> Copy for Shown<F> {}

impl<F: Send + Sync + 'static> Default for Shown<F> {
    /// Nothing shown yet.
    fn default() -> Self {
        Shown {
            left: RwSignal::new(Vec::new()),
            submitted: RwSignal::new(false),
        }
    }
}

impl<F: Copy + PartialEq + Send + Sync + 'static> Shown<F> {
    /// The holder left `field`.
    pub fn leave(self, field: F) {
        if !self.left.with_untracked(|l| l.contains(&field)) {
            self.left.update(|l| l.push(field));
        }
    }

    /// True when `field`'s error shows (tracked).
    pub fn shows(self, field: F) -> bool {
        self.submitted.get() || self.left.with(|l| l.contains(&field))
    }

    /// The form was submitted.
    pub fn submit(self) {
        self.submitted.set(true);
    }
}

/// Moves the focus to the element `id` (the first invalid field, a card's heading) once the
/// page has caught up with the latest change.
pub fn focus(id: &str) {
    let id = id.to_string();
    request_animation_frame(move || {
        if let Some(element) = crate::web::page::element(&id) {
            let _ = element.focus();
        }
    });
}
