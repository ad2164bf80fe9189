//! The working-day data the tools count with ([`Holidays`]): the copy built into the page at
//! first, then the holiday file served next to it (`cn-holidays.txt`, which the institution's
//! staff update in place) when it is valid and at least as new — the domain's
//! [`CalendarChoice`] decides. The footer's line says which data is in use ([`HolidaySource`]).

use std::sync::Arc;

use chrono::NaiveDate;
use leptos::prelude::*;

use fushen_domain::calendar::{CalendarChoice, Origin, WorkingCalendar, DATA};

use crate::web::net;

/// The file's address, relative to the page (the site may live under a sub-path).
const HOLIDAY_FILE: &str = "cn-holidays.txt";

/// The calendar in use; cheap to copy. Reading it in a memo or a view re-runs that when the
/// served file replaces the built-in data.
#[derive(Clone, Copy, Debug)]
pub struct Holidays(RwSignal<Arc<CalendarChoice>>);

impl Holidays {
    /// The built-in data, until [`Holidays::fetch`] brings the served file.
    pub fn new() -> Holidays {
        Holidays(RwSignal::new(Arc::new(CalendarChoice::embedded())))
    }

    /// Runs `f` with the calendar in use (tracked).
    pub fn with<R>(self, f: impl FnOnce(&WorkingCalendar) -> R) -> R {
        self.0.with(|choice| f(choice.calendar()))
    }

    /// Runs `f` with the calendar in use, without tracking it.
    pub fn with_untracked<R>(self, f: impl FnOnce(&WorkingCalendar) -> R) -> R {
        self.0.with_untracked(|choice| f(choice.calendar()))
    }

    /// Fetches the served file and counts with it from now on when it wins. When the choice
    /// stays the built-in data with nothing to say (the file is the same, older, or absent),
    /// nothing changes and no tool recomputes.
    pub async fn fetch(self, today: NaiveDate) {
        let text = net::get_text(HOLIDAY_FILE).await;
        if text.as_deref() == Some(DATA) {
            return;
        }
        let choice = CalendarChoice::choose(text.as_deref(), today);
        if choice.origin() == Origin::Embedded && choice.note().is_none() {
            return;
        }
        self.0.set(Arc::new(choice));
    }
}

impl Default for Holidays {
    fn default() -> Self {
        Holidays::new()
    }
}

/// The footer's line on the working-day data (mounted into `li[data-holiday-source]`): the years
/// it covers and its as-of date, and, when the served file was there but broken, what is wrong
/// with it and what the page counts with instead.
#[component]
pub fn HolidaySource(
    /// The calendar in use.
    holidays: Holidays,
) -> impl IntoView {
    let choice = holidays.0;
    view! {
        {move || choice.with(|c| c.footer_text())}
        {move || choice.with(|c| c.note()).map(|note| view! {
            <strong class="data-note" role="status">{note}</strong>
        })}
    }
}
