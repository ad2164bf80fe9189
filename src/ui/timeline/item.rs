//! One line of a card's vertical timeline: a date the rules derive, one of the holder's events
//! (with its 修改 button), or today's marker.

use leptos::either::Either;
use leptos::prelude::*;

use super::state::TimelineCtx;
use fushen_domain::dates::{iso, short_zh};
use fushen_domain::timeline::drafts::Target;
use fushen_domain::timeline::messages::range_message;
use fushen_domain::timeline::schedule::{Item, What};
use fushen_domain::timeline::Id;

/// A line of the vertical timeline. Lines are keyed by their whole content: a line that
/// changes is drawn again, the others stay.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Line {
    /// Today's marker.
    Today,
    /// A milestone or an event.
    Item(Item),
}

/// A line of card `card`'s timeline.
#[component]
pub fn TimelineLine(
    /// The line.
    line: Line,
    /// The card's certificate.
    card: Id,
    /// The form open on the card: an event's 修改 opens one.
    open: RwSignal<Option<Target>>,
) -> impl IntoView {
    let today = expect_context::<TimelineCtx>().today;
    let item = match line {
        Line::Today => {
            let day = format!("今天 · {}", short_zh(today, today));
            return Either::Left(view! {
                <li class="tl-today" aria-current="date">
                    <time datetime=iso(today)>{day}</time>
                </li>
            });
        }
        Line::Item(item) => item,
    };
    let (title, detail, note, event) = match item.what {
        What::Milestone { kind, range } => (
            kind.title(),
            range.map(|(low, high)| range_message(low, high, today)),
            None,
            None,
        ),
        What::Event { id, data } => (
            data.kind.label().to_string(),
            data.kind.detail(),
            (!data.note.is_empty()).then_some(data.note),
            Some(id),
        ),
    };
    let class = [
        "tl-item",
        if item.past { " past" } else { "" },
        if item.next { " next" } else { "" },
        if event.is_some() { " event" } else { "" },
    ]
    .concat();
    let day = short_zh(item.date, today);
    let edit = event.map(|id| {
        let label = format!("修改：{title}（{day}）");
        view! {
            <button
                type="button"
                class="tl-edit"
                aria-label=label
                on:click=move |_| open.set(Some(Target::Event(card, id)))
            >
                "修改"
            </button>
        }
    });
    Either::Right(view! {
        <li class=class aria-current=item.next.then_some("step")>
            <time datetime=iso(item.date)>{day}</time>
            <div class="tl-body">
                {item.next.then(|| view! { <span class="tl-next-mark">"下一步"</span> })}
                <span class="tl-title">{title}</span>
                {detail.map(|detail| view! { <span class="tl-detail">{detail}</span> })}
                {note.map(|note| view! { <span class="tl-note">{note}</span> })}
            </div>
            {edit}
        </li>
    })
}
