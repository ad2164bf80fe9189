//! The estimator's state: what the user typed (as typed), what follows from it, and its ties to
//! the outside world — the page link and this phone's storage, both written only once the user
//! has changed something, and a link opened in the same tab.

use chrono::NaiveDate;
use leptos::ev;
use leptos::prelude::*;

use fushen_domain::calendar::CalendarError;
use fushen_domain::dates::iso;
use fushen_domain::estimate::inputs::{self, InputError};
use fushen_domain::estimate::link::{self, EstimatorInput, LinkProblem};
use fushen_domain::estimate::{Assumptions, QueryPlan};
use fushen_domain::fragment::Fragment;
use fushen_domain::keys::StorageKey;

use crate::ui::holidays::Holidays;
use crate::web::{storage, url};

/// What the user typed, exactly as typed.
#[derive(Clone, Copy)]
pub struct Typed {
    /// 考试日期.
    pub exam: RwSignal<String>,
    /// 受理日期.
    pub accepted: RwSignal<String>,
    /// Working days to the earliest query date.
    pub earliest: RwSignal<String>,
    /// Working days to the usual query date.
    pub usual: RwSignal<String>,
    /// Working days of the platform's batch sync.
    pub sync: RwSignal<String>,
}

impl Typed {
    fn new() -> Typed {
        Typed {
            exam: RwSignal::new(String::new()),
            accepted: RwSignal::new(String::new()),
            earliest: RwSignal::new(String::new()),
            usual: RwSignal::new(String::new()),
            sync: RwSignal::new(String::new()),
        }
    }

    /// Shows `input` in the fields (the exam date defaults to today).
    fn show(self, input: &EstimatorInput, today: NaiveDate) {
        self.exam.set(iso(input.exam.unwrap_or(today)));
        self.accepted
            .set(input.accepted.map(iso).unwrap_or_default());
        self.show_assumptions(input.assumptions);
    }

    /// Shows `a` in the three count fields.
    pub fn show_assumptions(self, a: Assumptions) {
        self.earliest.set(a.earliest.to_string());
        self.usual.set(a.usual.to_string());
        self.sync.set(a.sync.to_string());
    }
}

/// The estimator's state; cheap to copy (signals and memos).
#[derive(Clone, Copy)]
pub struct EstimatorState {
    /// Today in China.
    pub today: NaiveDate,
    /// The working-day data in use.
    pub holidays: Holidays,
    /// What the user typed.
    pub typed: Typed,
    /// True once the user has changed something: only then are the link and storage written.
    pub touched: RwSignal<bool>,
    /// Values of the link (or of what was stored) that could not be used.
    pub notices: RwSignal<Vec<LinkProblem>>,
    /// The exam date, or why not.
    pub exam: Memo<Result<NaiveDate, InputError>>,
    /// The acceptance date (optional), or why not.
    pub accepted: Memo<Result<Option<NaiveDate>, InputError>>,
    /// The three counts, or why not.
    pub assumptions: Memo<Result<Assumptions, InputError>>,
    /// The last counts that were right (the defaults until the user sets others): what the
    /// timeline counts its query windows with while the fields are being corrected.
    pub settled: Memo<Assumptions>,
    /// Everything the answer needs, when every field is right.
    pub input: Memo<Option<EstimatorInput>>,
    /// The answer: `None` while a field is wrong.
    pub plan: Memo<Option<Result<QueryPlan, CalendarError>>>,
}

impl EstimatorState {
    /// Starts from the link (or what this phone kept, or the defaults) and keeps the link and
    /// storage in step with the inputs from the user's first change on.
    pub fn start(today: NaiveDate, holidays: Holidays) -> EstimatorState {
        let stored = storage::get(StorageKey::Estimator).ok().flatten();
        let (start, problems) = link::initial(&url::fragment(), stored.as_deref());
        let typed = Typed::new();
        typed.show(&start, today);

        let exam = Memo::new(move |_| typed.exam.with(|t| inputs::exam_date(t)));
        let accepted = Memo::new(move |_| typed.accepted.with(|t| inputs::accepted_date(t)));
        let assumptions = Memo::new(move |_| {
            inputs::assumptions(
                &typed.earliest.read(),
                &typed.usual.read(),
                &typed.sync.read(),
            )
        });
        let settled = Memo::new(move |previous: Option<&Assumptions>| {
            assumptions
                .get()
                .ok()
                .or(previous.copied())
                .unwrap_or_default()
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
            let exam = input.exam?;
            Some(holidays.with(|calendar| {
                QueryPlan::new(calendar, exam, input.accepted, input.assumptions, today)
            }))
        });
        let state = EstimatorState {
            today,
            holidays,
            typed,
            touched: RwSignal::new(false),
            notices: RwSignal::new(problems),
            exam,
            accepted,
            assumptions,
            settled,
            input,
            plan,
        };
        state.keep_link_and_phone();
        state.follow_links();
        state
    }

    /// The user typed `value` into the field behind `field`.
    pub fn edit(self, field: RwSignal<String>, value: String) {
        self.touched.set(true);
        field.set(value);
    }

    /// Writes the inputs to the link (`history.replaceState`) and to this phone.
    fn keep_link_and_phone(self) {
        Effect::new(move |_| {
            let Some(input) = self.input.get() else {
                return;
            };
            if !self.touched.get() {
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
    }

    /// A link opened in this tab (pasted, or tapped in a chat) replaces the inputs.
    fn follow_links(self) {
        let listener = window_event_listener(ev::hashchange, move |_| {
            let (input, problems) = link::read(&url::fragment());
            if input.exam.is_some() {
                self.typed.show(&input, self.today);
            }
            self.notices.set(problems);
        });
        on_cleanup(move || listener.remove());
    }
}
