//! The boxed message every notice of the tool is written in.

use leptos::prelude::*;

/// What a notice is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// Something is wrong.
    Warn,
    /// A question, or help.
    Ask,
}

/// A boxed message: its words and buttons are the children (typed, not boxed into a view of
/// any type: each notice's view is compiled as what it is).
#[component]
pub fn Notice<C: IntoView + 'static>(
    /// What it is about (its colour).
    tone: Tone,
    /// Its `data-testid`, for tests that cannot name it by role.
    test_id: &'static str,
    /// Headings, paragraphs and a `tl-buttons` row.
    children: TypedChildren<C>,
) -> impl IntoView {
    let class = match tone {
        Tone::Warn => "tl-notice tl-warn",
        Tone::Ask => "tl-notice tl-ask",
    };
    view! {
        <div class=class data-testid=test_id>
            {children.into_inner()()}
        </div>
    }
}
