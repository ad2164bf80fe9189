//! The estimator: from the exam date (and the acceptance date) to the dates the review result
//! can be looked up. Owns the inputs, keeps them in the link and on the phone, and lays out the
//! answer, the reasons and the assumptions.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::calendar::{FIRST_YEAR, LAST_YEAR};
use crate::dates::{iso, parse_iso, DateError};
use crate::estimate::link::{self, EstimatorInput};
use crate::estimate::{Assumptions, QueryPlan};
use crate::fragment::Fragment;
use crate::keys::StorageKey;
use crate::ui::assumptions_form::AssumptionsForm;
use crate::ui::query_answer::QueryAnswer;
use crate::ui::timeline::TimelineCtx;
use crate::ui::why_dates::WhyDates;
use crate::web::{storage, url};

/// The text of the three working-day count inputs.
#[derive(Clone, Copy)]
pub struct CountInputs {
    /// 最早可查: working days after the exam.
    pub earliest: RwSignal<String>,
    /// 通常可查: working days after the exam.
    pub usual: RwSignal<String>,
    /// 平台同步: extra working days.
    pub sync: RwSignal<String>,
}

impl CountInputs {
    fn new(a: Assumptions) -> Self {
        CountInputs {
            earliest: RwSignal::new(a.earliest.to_string()),
            usual: RwSignal::new(a.usual.to_string()),
            sync: RwSignal::new(a.sync.to_string()),
        }
    }

    /// Puts the published defaults back.
    pub fn reset(self) {
        let d = Assumptions::default();
        self.earliest.set(d.earliest.to_string());
        self.usual.set(d.usual.to_string());
        self.sync.set(d.sync.to_string());
    }

    /// The counts, or the message saying what is wrong.
    fn parse(self) -> Result<Assumptions, String> {
        let number = |s: RwSignal<String>| {
            let text = s.get();
            let text = text.trim();
            if text.is_empty() || text.len() > 3 || !text.bytes().all(|b| b.is_ascii_digit()) {
                return Err("请填写整数天数".to_string());
            }
            text.parse::<u32>()
                .map_err(|_| "请填写整数天数".to_string())
        };
        Assumptions {
            earliest: number(self.earliest)?,
            usual: number(self.usual)?,
            sync: number(self.sync)?,
        }
        .validate()
        .map_err(|e| e.message())
    }
}

/// Reads a date input: empty is allowed when `optional`.
fn date_field(text: &str, optional: bool) -> Result<Option<NaiveDate>, String> {
    match parse_iso(text) {
        Ok(d) if (FIRST_YEAR..=LAST_YEAR).contains(&chrono::Datelike::year(&d)) => Ok(Some(d)),
        Ok(_) => Err(format!("请选择{FIRST_YEAR}年到{LAST_YEAR}年之间的日期")),
        Err(DateError::Empty) if optional => Ok(None),
        Err(e) => Err(e.message().to_string()),
    }
}

/// When can the review result be looked up: the exam-date tool.
#[component]
pub fn Estimator(
    /// Today in China.
    today: NaiveDate,
) -> impl IntoView {
    let stored = storage::get(StorageKey::Estimator).ok().flatten();
    let (start, problems) = link::initial(&url::fragment(), stored.as_deref());
    let exam = RwSignal::new(iso(start.exam.unwrap_or(today)));
    let accepted = RwSignal::new(start.accepted.map(iso).unwrap_or_default());
    let counts = CountInputs::new(start.assumptions);
    // The link and the phone are written only once the user has changed something.
    let touched = RwSignal::new(false);
    let notices = RwSignal::new(
        problems
            .into_iter()
            .map(|p| p.message())
            .collect::<Vec<_>>(),
    );

    let exam_result = Memo::new(move |_| {
        date_field(&exam.get(), false)
            .and_then(|d| d.ok_or_else(|| DateError::Empty.message().to_string()))
    });
    let accepted_result = Memo::new(move |_| date_field(&accepted.get(), true));
    let assumptions_result = Memo::new(move |_| counts.parse());
    let input = Memo::new(move |_| {
        Some(EstimatorInput {
            exam: Some(exam_result.get().ok()?),
            accepted: accepted_result.get().ok()?,
            assumptions: assumptions_result.get().ok()?,
        })
    });
    let plan = Memo::new(move |_| {
        let input = input.get()?;
        let exam = input.exam?;
        Some(
            QueryPlan::new(
                crate::calendar::WorkingCalendar::china(),
                exam,
                input.accepted,
                input.assumptions,
                today,
            )
            .map_err(|_| format!("日期超出了能计算的范围（{FIRST_YEAR}–{LAST_YEAR}年）")),
        )
    });

    // Keep the link and the phone in step with the inputs.
    Effect::new(move |_| {
        let Some(input) = input.get() else { return };
        if !touched.get_untracked() {
            return;
        }
        let mut fragment = url::fragment();
        link::write(&input, &mut fragment);
        url::replace_fragment(&fragment);
        let mut mine = Fragment::default();
        link::write(&input, &mut mine);
        // Losing this only costs retyping a date; storage trouble is reported by the timeline.
        let _ = storage::set(StorageKey::Estimator, &mine.to_text());
    });

    // The timeline (when it is on the page) counts its query window with the same assumptions,
    // and takes this answer with one tap.
    let timeline = use_context::<TimelineCtx>();
    Effect::new(move |_| {
        if let (Some(ctx), Ok(a)) = (timeline, assumptions_result.get()) {
            ctx.set_assumptions(a);
        }
    });
    let added = RwSignal::new(String::new());
    let add_to_timeline = move |_| {
        let (Some(ctx), Some(input)) = (timeline, input.get_untracked()) else {
            return;
        };
        let Some(exam) = input.exam else { return };
        let outcome = ctx.add_exam(exam, input.accepted);
        added.set(outcome.message());
        if let Some(section) = crate::web::page::element("timeline") {
            section.scroll_into_view();
        }
    };
    // A new answer makes the last message stale.
    Effect::new(move |_| {
        input.track();
        added.set(String::new());
    });

    // A link opened in this tab (pasted, or tapped in a chat) replaces the inputs.
    let _ = window_event_listener(leptos::ev::hashchange, move |_| {
        let fragment = url::fragment();
        let (input, problems) = link::read(&fragment);
        if let Some(d) = input.exam {
            exam.set(iso(d));
            accepted.set(input.accepted.map(iso).unwrap_or_default());
            let a = input.assumptions;
            counts.earliest.set(a.earliest.to_string());
            counts.usual.set(a.usual.to_string());
            counts.sync.set(a.sync.to_string());
        }
        notices.set(problems.into_iter().map(|p| p.message()).collect());
    });

    let edit = move |signal: RwSignal<String>| {
        move |ev: leptos::ev::Event| {
            touched.set(true);
            signal.set(event_target_value(&ev));
        }
    };
    let min = format!("{FIRST_YEAR}-01-01");
    let max = format!("{LAST_YEAR}-12-31");

    view! {
        <div class="estimator">
            <Show when=move || !notices.get().is_empty()>
                <div class="notice" role="status">
                    {move || notices.get().into_iter().map(|m| view! { <p>{m}</p> }).collect_view()}
                </div>
            </Show>
            <div class="estimator-inputs">
                <div class="field">
                    <label for="exam-date">"考试日期"</label>
                    <input
                        id="exam-date"
                        type="date"
                        min=min.clone()
                        max=max.clone()
                        prop:value=move || exam.get()
                        on:input=edit(exam)
                        on:change=edit(exam)
                        aria-invalid=move || if exam_result.get().is_err() { "true" } else { "false" }
                        aria-describedby=move || exam_result.get().is_err().then_some("exam-date-error")
                    />
                    {move || exam_result.get().err().map(|m| view! { <p class="field-error" id="exam-date-error">{m}</p> })}
                </div>
                <div class="field">
                    <label for="accepted-date">"受理日期" <span class="optional">"（选填）"</span></label>
                    <input
                        id="accepted-date"
                        type="date"
                        min=min
                        max=max
                        prop:value=move || accepted.get()
                        on:input=edit(accepted)
                        on:change=edit(accepted)
                        aria-invalid=move || if accepted_result.get().is_err() { "true" } else { "false" }
                        aria-describedby=move || {
                            if accepted_result.get().is_err() { "accepted-date-error" } else { "accepted-date-hint" }
                        }
                    />
                    <p class="field-hint" id="accepted-date-hint">"复审申请被受理的日期，填了可算出法定办结期限。"</p>
                    {move || accepted_result.get().err().map(|m| view! { <p class="field-error" id="accepted-date-error">{m}</p> })}
                </div>
            </div>
            <QueryAnswer plan=plan today=today />
            <Show when=move || timeline.is_some() && matches!(plan.get(), Some(Ok(_)))>
                <div class="add-to-timeline">
                    <button type="button" class="secondary" on:click=add_to_timeline>
                        "把这次考试记到我的证书时间线"
                    </button>
                    <p class="added" role="status">{move || added.get()}</p>
                </div>
            </Show>
            <WhyDates plan=plan today=today />
            <AssumptionsForm counts=counts error=Signal::derive(move || assumptions_result.get().err()) touched=touched />
        </div>
    }
}
