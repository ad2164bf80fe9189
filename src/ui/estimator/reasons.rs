//! Why the dates are what they are: the days that do not count and the 班 days that do, as a
//! list and as month calendars. Worked out only while the panel is open.
//!
//! The panel's contents ([`Reasons`], the month calendars and their HTML writer) are needed only
//! after a tap, so they are a module of their own ([`ReasonsModule`]), fetched when the panel is
//! first opened or once every tool has mounted, whichever comes first; the estimator's first
//! answer does not wait for them.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;

use fushen_domain::calendar::CalendarError;
use fushen_domain::dates::{day_zh, iso};
use fushen_domain::estimate::messages::{self, REASONS_INTRO};
use fushen_domain::estimate::{explain, QueryPlan, SpanKind};

use super::month_tables::month_tables;
use crate::ui::holidays::Holidays;

/// The reasons for one plan: the counting rule, every run of days off and 班 days, a legend and
/// the month calendars.
#[component]
fn Reasons(
    /// The plan.
    plan: QueryPlan,
    /// The working-day data the plan was counted with.
    holidays: Holidays,
    /// Today in China.
    today: NaiveDate,
) -> impl IntoView {
    let (spans, months) = holidays.with_untracked(|calendar| {
        (
            explain(calendar, plan.exam, plan.with_sync.high).unwrap_or_default(),
            month_tables(calendar, &plan, today),
        )
    });
    let spans = spans
        .into_iter()
        .map(|s| {
            let makeup = matches!(s.kind, SpanKind::Makeup(_));
            view! { <li class:makeup=makeup>{messages::span(&s, today)}</li> }
        })
        .collect_view();
    view! {
        <p>
            {REASONS_INTRO.0}
            <time datetime=iso(plan.exam)>{day_zh(plan.exam, today)}</time>
            {REASONS_INTRO.1}
        </p>
        <ul class="span-list" data-testid="why-list">{spans}</ul>
        <p class="legend" aria-hidden="true">
            <span class="mark-exam">"考"</span>" 考试日 "
            <span class="mark-rest">"休"</span>" 不算工作日 "
            <span class="mark-work">"班"</span>" 调休上班 "
            <span class="mark-window">"\u{3000}"</span>" 查询时间段"
        </p>
        <div class="calendars" inner_html=months></div>
    }
}

/// Renders the reasons for a plan (its code is in the reasons' module).
type ReasonsView = fn(QueryPlan, Holidays, NaiveDate) -> AnyView;

fn reasons_view(plan: QueryPlan, holidays: Holidays, today: NaiveDate) -> AnyView {
    view! { <Reasons plan holidays today /> }.into_any()
}

/// The split point: everything only [`reasons_view`] reaches goes into the reasons' module.
#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(reasons, wasm_split_path = leptos::wasm_split, fallible)]
fn load_reasons_view() -> Result<ReasonsView, leptos::wasm_split::SplitLoaderError> {
    Ok(reasons_view)
}

/// Without the split step (the browser tests' build), the reasons are in the one module.
#[cfg(not(feature = "split"))]
async fn load_reasons_view() -> Result<ReasonsView, std::convert::Infallible> {
    Ok(reasons_view)
}

/// Where the reasons' module is: not asked for, on its way, there, or failed to arrive (then
/// asked for again at the next opening of the panel).
#[derive(Clone, Copy, Debug)]
pub struct ReasonsModule {
    view: RwSignal<Option<ReasonsView>>,
    loading: RwSignal<bool>,
    failed: RwSignal<bool>,
}

impl ReasonsModule {
    /// Not asked for yet.
    pub fn new() -> ReasonsModule {
        ReasonsModule {
            view: RwSignal::new(None),
            loading: RwSignal::new(false),
            failed: RwSignal::new(false),
        }
    }

    /// A new one, provided as context to the tools started in the current owner.
    pub fn provide() -> ReasonsModule {
        let module = ReasonsModule::new();
        provide_context(module);
        module
    }

    /// Fetches the module unless it is there or on its way.
    pub fn fetch(self) {
        if self.view.get_untracked().is_some() || self.loading.get_untracked() {
            return;
        }
        self.loading.set(true);
        spawn_local(async move {
            match load_reasons_view().await {
                Ok(view) => self.view.set(Some(view)),
                Err(_) => self.failed.set(true),
            }
            self.loading.set(false);
        });
    }
}

impl Default for ReasonsModule {
    fn default() -> Self {
        ReasonsModule::new()
    }
}

/// The collapsible "为什么是这些日期？" panel.
#[component]
pub fn WhyDates(
    /// The answer, when there is one.
    plan: Memo<Option<Result<QueryPlan, CalendarError>>>,
    /// The working-day data in use.
    holidays: Holidays,
    /// Today in China.
    today: NaiveDate,
) -> impl IntoView {
    let module = use_context::<ReasonsModule>().unwrap_or_default();
    let open = RwSignal::new(false);
    let body = move || {
        if !open.get() {
            return None;
        }
        Some(match (plan.get(), module.view.get()) {
            (Some(Ok(plan)), Some(reasons)) => reasons(plan, holidays, today),
            (Some(Ok(_)), None) if module.failed.get() && !module.loading.get() => view! {
                <p role="status">"说明没有加载成功，请检查网络后收起再点开。"</p>
            }
            .into_any(),
            (Some(Ok(_)), None) => view! { <p role="status">"正在加载说明…"</p> }.into_any(),
            _ => view! { <p>"填好考试日期后，这里会列出期间的周末、节假日和调休。"</p> }.into_any(),
        })
    };
    let toggled = move |ev: leptos::ev::Event| {
        let now_open = event_target::<web_sys::HtmlDetailsElement>(&ev).open();
        if now_open {
            module.fetch();
        }
        open.set(now_open);
    };
    view! {
        <details class="why" id="est-why" on:toggle=toggled>
            <summary>"为什么是这些日期？"</summary>
            <div id="est-why-body">{body}</div>
        </details>
    }
}
