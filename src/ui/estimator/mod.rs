//! The estimator: from the exam date (and the acceptance date) to the dates the review result
//! can be looked up. Owns the inputs, keeps them in the link and on the phone, and shows the
//! answer, the reasons and the assumptions.
//!
//! State is reactive (signals for what the user typed, memos for what follows from it, effects
//! for the link, the phone and the timeline); the page is written once as HTML text
//! ([`markup`]) and kept in step by one render effect, with the answer and the reasons as HTML
//! text too ([`crate::ui::estimate_html`]). Typed Leptos views compile each view and closure
//! separately, and the whole first load must stay under 150 KB.

pub mod markup;

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use wasm_bindgen::JsValue;
use web_sys::Element;

use crate::ui::dom::{
    find, listen, property, set_attr, set_flag, set_property, set_text, target_id,
};
use crate::ui::estimate_html;
use crate::ui::html::escape;
use crate::ui::timeline::TimelineCtx;
use crate::web::{page, storage, url};
use fushen_domain::calendar::{WorkingCalendar, FIRST_YEAR, LAST_YEAR};
use fushen_domain::dates::{iso, parse_iso, DateError};
use fushen_domain::estimate::link::{self, EstimatorInput, LinkProblem};
use fushen_domain::estimate::{Assumptions, QueryPlan};
use fushen_domain::fragment::Fragment;
use fushen_domain::keys::StorageKey;
use markup::ids;

/// Reads a date input: empty is allowed when `optional`.
fn date_field(text: &str, optional: bool) -> Result<Option<NaiveDate>, String> {
    match parse_iso(text) {
        Ok(d) if (FIRST_YEAR..=LAST_YEAR).contains(&d.year()) => Ok(Some(d)),
        Ok(_) => Err(format!("请选择{FIRST_YEAR}年到{LAST_YEAR}年之间的日期")),
        Err(DateError::Empty) if optional => Ok(None),
        Err(e) => Err(e.message().to_string()),
    }
}

/// Reads a working-day count as the user typed it (spaces around it allowed).
fn count(text: &str) -> Result<u32, String> {
    link::count(text.trim()).ok_or_else(|| "请填写整数天数".to_string())
}

/// What the user typed, as typed.
#[derive(Clone, Copy)]
struct Typed {
    exam: RwSignal<String>,
    accepted: RwSignal<String>,
    earliest: RwSignal<String>,
    usual: RwSignal<String>,
    sync: RwSignal<String>,
}

impl Typed {
    fn set_input(self, input: &EstimatorInput, today: NaiveDate) {
        self.exam.set(iso(input.exam.unwrap_or(today)));
        self.accepted
            .set(input.accepted.map(iso).unwrap_or_default());
        self.set_assumptions(input.assumptions);
    }

    fn set_assumptions(self, a: Assumptions) {
        self.earliest.set(a.earliest.to_string());
        self.usual.set(a.usual.to_string());
        self.sync.set(a.sync.to_string());
    }

    /// The signal behind the input `id`.
    fn of(self, id: &str) -> Option<RwSignal<String>> {
        Some(match id {
            ids::EXAM => self.exam,
            ids::ACCEPTED => self.accepted,
            ids::EARLIEST => self.earliest,
            ids::USUAL => self.usual,
            ids::SYNC => self.sync,
            _ => return None,
        })
    }
}

/// Builds the estimator inside `root` and keeps it in step from now on.
fn estimator_tool(root: Element, today: NaiveDate) {
    root.set_inner_html(&markup::frame());
    let stored = storage::get(StorageKey::Estimator).ok().flatten();
    let (start, problems) = link::initial(&url::fragment(), stored.as_deref());
    let typed = Typed {
        exam: RwSignal::new(String::new()),
        accepted: RwSignal::new(String::new()),
        earliest: RwSignal::new(String::new()),
        usual: RwSignal::new(String::new()),
        sync: RwSignal::new(String::new()),
    };
    typed.set_input(&start, today);
    // The link and the phone are written only once the user has changed something.
    let touched = RwSignal::new(false);
    let notices = RwSignal::new(problems);
    let why_open = RwSignal::new(false);
    let added = RwSignal::new(String::new());

    let exam = Memo::new(move |_| {
        date_field(&typed.exam.get(), false)
            .and_then(|d| d.ok_or_else(|| DateError::Empty.message().to_string()))
    });
    let accepted = Memo::new(move |_| date_field(&typed.accepted.get(), true));
    let assumptions = Memo::new(move |_| {
        Assumptions {
            earliest: count(&typed.earliest.get())?,
            usual: count(&typed.usual.get())?,
            sync: count(&typed.sync.get())?,
        }
        .validate()
        .map_err(|e| e.message())
    });
    let input = Memo::new(move |_| {
        Some(EstimatorInput {
            exam: Some(exam.get().ok()?),
            accepted: accepted.get().ok()?,
            assumptions: assumptions.get().ok()?,
        })
    });
    let plan = Memo::new(move |_| {
        let input = input.get()?;
        let calendar = WorkingCalendar::china();
        Some(
            QueryPlan::new(
                calendar,
                input.exam?,
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
        if let (Some(ctx), Ok(a)) = (timeline, assumptions.get()) {
            ctx.set_assumptions(a);
        }
    });
    // A new answer makes the timeline's last word stale.
    Effect::new(move |_| {
        input.track();
        added.set(String::new());
    });

    // Typing, the two buttons, and opening the reasons.
    listen(&root, &["input", "change"], move |ev| {
        let (el, id) = target_id(&ev);
        if let (Some(el), Some(signal)) = (el, typed.of(&id)) {
            touched.set(true);
            signal.set(property(&el, "value").as_string().unwrap_or_default());
        }
    });
    listen(&root, &["click"], move |ev| {
        let (el, _) = target_id(&ev);
        match el.and_then(|e| e.get_attribute("data-action")).as_deref() {
            Some("reset") => {
                touched.set(true);
                typed.set_assumptions(Assumptions::default());
            }
            Some("add") => {
                let (Some(ctx), Some(input)) = (timeline, input.get_untracked()) else {
                    return;
                };
                let Some(exam) = input.exam else { return };
                added.set(ctx.add_exam(exam, input.accepted).message());
                if let Some(section) = page::element("timeline") {
                    section.scroll_into_view();
                }
            }
            _ => {}
        }
    });
    if let Some(why) = find(&root, ids::WHY) {
        let details = why.clone();
        listen(&why, &["toggle"], move |_| {
            why_open.set(details.has_attribute("open"));
        });
    }

    // A link opened in this tab (pasted, or tapped in a chat) replaces the inputs.
    if let Some(window) = web_sys::window() {
        listen(&window, &["hashchange"], move |_| {
            let (input, problems) = link::read(&url::fragment());
            if input.exam.is_some() {
                typed.set_input(&input, today);
            }
            notices.set(problems);
        });
    }

    // Keeps the page in step with the state; the tool lives as long as the page.
    let mut written = Written::default();
    std::mem::forget(RenderEffect::new(move |_| {
        for signal in [
            typed.exam,
            typed.accepted,
            typed.earliest,
            typed.usual,
            typed.sync,
        ] {
            signal.track();
        }
        render(
            &root,
            &mut written,
            &Scene {
                typed,
                exam: exam.get(),
                accepted: accepted.get(),
                assumptions: assumptions.get(),
                plan: plan.get(),
                notices: notices.get(),
                why_open: why_open.get(),
                added: added.get(),
                can_add: timeline.is_some(),
                today,
            },
        );
    }));
}

/// Everything the page shows, at one moment.
struct Scene {
    typed: Typed,
    exam: Result<NaiveDate, String>,
    accepted: Result<Option<NaiveDate>, String>,
    assumptions: Result<Assumptions, String>,
    plan: Option<Result<QueryPlan, String>>,
    notices: Vec<LinkProblem>,
    why_open: bool,
    added: String,
    can_add: bool,
    today: NaiveDate,
}

/// The HTML last written into each region, so that a region is rewritten only when it changes
/// (rewriting would reset what a screen reader is reading, and costs time on a slow phone).
#[derive(Default)]
struct Written(Vec<(&'static str, String)>);

impl Written {
    /// Writes `html` into the element `id` unless it is what was written there last.
    fn set(&mut self, root: &Element, id: &'static str, html: String) {
        let slot = match self.0.iter().position(|(k, _)| *k == id) {
            Some(i) => i,
            None => {
                self.0.push((id, String::from("\u{0}")));
                self.0.len() - 1
            }
        };
        if self.0[slot].1 != html {
            if let Some(el) = find(root, id) {
                el.set_inner_html(&html);
            }
            self.0[slot].1 = html;
        }
    }
}

/// Shows `error` under the field `input` (wired by `aria-describedby`), or the field's `hint`.
fn field_error(
    root: &Element,
    input: &str,
    error_id: &str,
    hint: Option<&str>,
    error: Option<&str>,
) {
    set_text(root, error_id, error.unwrap_or(""));
    set_flag(root, error_id, "hidden", error.is_none());
    if let Some(el) = find(root, input) {
        set_attr(
            &el,
            "aria-invalid",
            Some(if error.is_some() { "true" } else { "false" }),
        );
        set_attr(
            &el,
            "aria-describedby",
            if error.is_some() {
                Some(error_id)
            } else {
                hint
            },
        );
    }
}

fn render(root: &Element, written: &mut Written, s: &Scene) {
    // Inputs follow their signals (a link, 恢复默认); typing leaves them as they are.
    for id in ids::INPUTS {
        if let (Some(el), Some(signal)) = (find(root, id), s.typed.of(id)) {
            let value = signal.get_untracked();
            if property(&el, "value").as_string().as_deref() != Some(value.as_str()) {
                set_property(&el, "value", &JsValue::from_str(&value));
            }
        }
    }
    field_error(
        root,
        ids::EXAM,
        ids::EXAM_ERROR,
        None,
        s.exam.as_ref().err().map(String::as_str),
    );
    field_error(
        root,
        ids::ACCEPTED,
        ids::ACCEPTED_ERROR,
        Some(ids::ACCEPTED_HINT),
        s.accepted.as_ref().err().map(String::as_str),
    );
    let counts_error = s.assumptions.as_ref().err().map(String::as_str);
    set_text(root, ids::COUNTS_ERROR, counts_error.unwrap_or(""));
    set_flag(root, ids::COUNTS_ERROR, "hidden", counts_error.is_none());
    for id in [ids::EARLIEST, ids::USUAL, ids::SYNC] {
        if let Some(el) = find(root, id) {
            set_attr(
                &el,
                "aria-invalid",
                Some(if counts_error.is_some() {
                    "true"
                } else {
                    "false"
                }),
            );
            set_attr(
                &el,
                "aria-describedby",
                counts_error.map(|_| ids::COUNTS_ERROR),
            );
        }
    }
    set_text(
        root,
        ids::ASSUMPTIONS_SUMMARY,
        &format!(
            "估算依据：考后第{}/{}个工作日，另加{}个工作日平台同步（可修改）",
            s.typed.earliest.get_untracked(),
            s.typed.usual.get_untracked(),
            s.typed.sync.get_untracked()
        ),
    );

    let notices: String = s
        .notices
        .iter()
        .map(|p| format!("<p>{}</p>", escape(&p.message())))
        .collect();
    set_flag(root, ids::NOTICES, "hidden", notices.is_empty());
    written.set(root, ids::NOTICES, notices);

    let (answer, summary, why) = match &s.plan {
        None => (
            "<p class=\"answer-waiting\">请先把上面的日期和天数填写正确。</p>".to_string(),
            String::new(),
            String::new(),
        ),
        Some(Err(message)) => (
            format!(
                "<p class=\"field-error\" role=\"alert\">{}</p>",
                escape(message)
            ),
            String::new(),
            String::new(),
        ),
        Some(Ok(p)) => (
            estimate_html::answer(p, s.today),
            estimate_html::summary(p, s.today),
            if s.why_open {
                estimate_html::reasons(p, s.today)
            } else {
                String::new()
            },
        ),
    };
    written.set(root, ids::ANSWER, answer);
    set_text(root, ids::SUMMARY, &summary);
    if s.why_open {
        let why = if why.is_empty() {
            "<p>填好考试日期后，这里会列出期间的周末、节假日和调休。</p>".to_string()
        } else {
            why
        };
        written.set(root, ids::WHY_BODY, why);
    }
    set_flag(
        root,
        ids::ADD,
        "hidden",
        !(s.can_add && matches!(s.plan, Some(Ok(_)))),
    );
    set_text(root, ids::ADDED, &s.added);
}

/// When can the review result be looked up: the exam-date tool.
#[component]
pub fn Estimator(
    /// Today in China.
    today: NaiveDate,
) -> impl IntoView {
    view! { <div class="estimator" use:estimator_tool=today></div> }
}
