//! Browser tests of the timeline's ties to the outside world: real `localStorage` (including a
//! full quota), the `storage` event another tab would send, the link, the download adapter, and
//! the estimator's "add to timeline" API.

use chrono::NaiveDate;
use fushen::ui::holidays::Holidays;
use fushen::ui::timeline::state::TimelineCtx;
use fushen::web::storage::{self, StorageError};
use fushen::web::{download, url};
use fushen_domain::certificate::{CertificateKind, CertificateType};
use fushen_domain::estimate::Assumptions;
use fushen_domain::keys::{StorageKey, UrlParam};
use fushen_domain::timeline::schedule::ExamOutcome;
use fushen_domain::timeline::{store, CertificateData, Cycle, EventKind, Timeline};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn welding(first: NaiveDate) -> CertificateData {
    CertificateData {
        kind: CertificateType::Listed(CertificateKind::FusionWelding),
        label: "证号尾号1234".into(),
        first_issued: first,
        valid_until: None,
        cycle: Cycle::Standard,
    }
}

/// Clears what the timeline keeps, then starts a timeline as the page would.
fn fresh(today: NaiveDate) -> TimelineCtx {
    for key in StorageKey::ALL {
        storage::remove(key).unwrap();
    }
    url::replace_fragment(&Default::default());
    start(today)
}

/// Starts a timeline in an owner that lives as long as the page, as `app::start` does.
fn start(today: NaiveDate) -> TimelineCtx {
    let owner = Owner::new();
    let ctx = owner.with(|| {
        TimelineCtx::start(
            today,
            Holidays::new(),
            Signal::stored(Assumptions::default()),
        )
    });
    std::mem::forget(owner);
    ctx
}

fn stored() -> Timeline {
    store::from_json(&storage::get(StorageKey::Timeline).unwrap().unwrap()).unwrap()
}

#[wasm_bindgen_test]
fn the_estimators_exam_goes_to_the_only_certificate_once() {
    let ctx = fresh(d(2026, 3, 1));
    // No certificate yet: the date waits, and joins the first certificate saved.
    assert_eq!(
        ctx.add_exam(d(2026, 4, 15), None),
        ExamOutcome::NeedCertificate
    );
    assert!(ctx.pending_exam().get_untracked().is_some());
    let id = ctx.add_certificate(welding(d(2020, 5, 10))).unwrap();
    assert_eq!(ctx.pending_exam().get_untracked(), None);
    let kinds: Vec<_> = stored().certificates[0]
        .events
        .iter()
        .map(|e| e.data.kind)
        .collect();
    assert_eq!(kinds, vec![EventKind::Exam]);

    // Now one certificate: one tap adds the exam and the acceptance date, once.
    assert_eq!(
        ctx.add_exam(d(2026, 4, 20), Some(d(2026, 3, 25))),
        ExamOutcome::Added
    );
    assert_eq!(
        ctx.add_exam(d(2026, 4, 20), Some(d(2026, 3, 25))),
        ExamOutcome::AlreadyThere
    );
    assert_eq!(stored().certificates[0].events.len(), 3);
    assert_eq!(ctx.timeline().get_untracked().certificates[0].id, id);
    // The link follows, without the private label.
    let t = url::fragment()
        .get(UrlParam::Timeline)
        .map(str::to_string)
        .unwrap();
    assert!(t.starts_with("1.w13"));
    assert!(!url::href().unwrap().contains("1234"));
}

#[wasm_bindgen_test]
fn another_tabs_save_shows_here() {
    let ctx = fresh(d(2026, 3, 1));
    ctx.add_certificate(welding(d(2020, 5, 10))).unwrap();
    let mut theirs = ctx.timeline().get_untracked();
    theirs.add_certificate(welding(d(2021, 1, 5))).unwrap();
    let init = web_sys::StorageEventInit::new();
    init.set_key(Some(StorageKey::Timeline.as_str()));
    init.set_new_value(Some(&store::to_json(&theirs)));
    let event = web_sys::StorageEvent::new_with_event_init_dict("storage", &init).unwrap();
    web_sys::window().unwrap().dispatch_event(&event).unwrap();
    assert_eq!(ctx.timeline().get_untracked().certificates.len(), 2);
    // A value this page cannot read (a newer page's) is left to that tab.
    init.set_new_value(Some("{\"app\":\"fushen-timeline\",\"version\":99}"));
    let event = web_sys::StorageEvent::new_with_event_init_dict("storage", &init).unwrap();
    web_sys::window().unwrap().dispatch_event(&event).unwrap();
    assert_eq!(ctx.timeline().get_untracked().certificates.len(), 2);
}

/// Runs a line of JavaScript in the page.
fn js(code: &str) {
    js_sys::Function::new_no_args(code)
        .call0(&wasm_bindgen::JsValue::NULL)
        .unwrap();
}

#[wasm_bindgen_test]
fn a_full_quota_keeps_the_timeline_in_memory_and_says_so() {
    let ctx = fresh(d(2026, 3, 1));
    // The browser's own quota error, for the timeline's key only (filling 5 MB of real quota
    // in a debug build takes too long for the runner).
    js("window.realSetItem = Storage.prototype.setItem;
        Storage.prototype.setItem = function (k, v) {
          if (k === 'fushen.timeline') throw new DOMException('full', 'QuotaExceededError');
          return window.realSetItem.call(this, k, v);
        };");
    let _ = ctx.add_certificate(welding(d(2020, 5, 10)));
    let kept = ctx.keeping().get_untracked().trouble;
    js("Storage.prototype.setItem = window.realSetItem;");
    assert_eq!(kept, Some(StorageError::Full));
    assert_eq!(
        ctx.timeline().get_untracked().certificates.len(),
        1,
        "kept in memory"
    );
    assert_eq!(storage::get(StorageKey::Timeline).unwrap(), None);
    // Room again: the next change is saved and the notice goes.
    ctx.change(|t| t.add_certificate(welding(d(2021, 1, 5))))
        .unwrap();
    assert_eq!(ctx.keeping().get_untracked().trouble, None);
    assert_eq!(stored().certificates.len(), 2);
}

#[wasm_bindgen_test]
fn unreadable_storage_is_kept_and_not_overwritten_until_it_is_safe() {
    for key in StorageKey::ALL {
        storage::remove(key).unwrap();
    }
    // A backup of something else is already there: the new unreadable value must not be
    // overwritten by saving.
    storage::set(StorageKey::TimelineBackup, "older").unwrap();
    storage::set(StorageKey::Timeline, "{not json").unwrap();
    let ctx = start(d(2026, 3, 1));
    let unreadable = ctx.keeping().get_untracked().unreadable.unwrap();
    assert!(!unreadable.kept);
    ctx.add_certificate(welding(d(2020, 5, 10))).unwrap();
    assert_eq!(
        storage::get(StorageKey::Timeline).unwrap().as_deref(),
        Some("{not json")
    );
    assert_eq!(
        storage::get(StorageKey::TimelineBackup).unwrap().as_deref(),
        Some("older")
    );
    // The holder chooses to start fresh: now it is saved.
    ctx.discard_unreadable();
    assert_eq!(stored().certificates.len(), 1);
}

#[wasm_bindgen_test]
fn a_download_is_handed_to_the_browser() {
    assert_eq!(download::offer("probe.txt", "text/plain", "复审"), Ok(()));
    assert!(!download::in_wechat());
}

#[wasm_bindgen_test]
fn a_tool_mounted_beside_the_timeline_finds_it_in_context() {
    for key in StorageKey::ALL {
        storage::remove(key).unwrap();
    }
    url::replace_fragment(&Default::default());
    let document = web_sys::window().unwrap().document().unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().dyn_into().unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    // As app::start does: the timeline starts in the root owner, then the estimator mounts.
    let owner = Owner::new();
    let outcome = owner.with(|| {
        let ctx = TimelineCtx::start(
            d(2026, 3, 1),
            Holidays::new(),
            Signal::stored(Assumptions::default()),
        );
        ctx.add_certificate(welding(d(2020, 5, 10))).unwrap();
        let outcome = std::rc::Rc::new(std::cell::Cell::new(None));
        let seen = outcome.clone();
        leptos::mount::mount_to(host.clone(), move || {
            let timeline = use_context::<TimelineCtx>().expect("the timeline in context");
            seen.set(Some(timeline.add_exam(d(2026, 4, 15), None)));
        })
        .forget();
        outcome.get()
    });
    std::mem::forget(owner);
    assert_eq!(outcome, Some(ExamOutcome::Added));
    assert_eq!(ExamOutcome::Added.message(), "已记到下面的证书时间线里");
    let events = &stored().certificates[0].events;
    assert_eq!(
        (events[0].data.kind, events[0].data.date),
        (EventKind::Exam, d(2026, 4, 15))
    );
}

/// The element matching `selector` in `host`.
fn find(host: &web_sys::Element, selector: &str) -> Option<web_sys::Element> {
    host.query_selector(selector).unwrap()
}

/// The kind and date of the first stored event of certificate `i`.
fn first_event(i: usize) -> (EventKind, NaiveDate) {
    let data = &stored().certificates[i].events[0].data;
    (data.kind, data.date)
}

/// Sets the value of the control labelled `label` as the holder would, and says so with
/// `event` (`input` for text, `change` for a choice).
fn type_into(host: &web_sys::Element, label: &str, value: &str, event: &str) {
    let labels = host.query_selector_all("label").unwrap();
    let id = (0..labels.length())
        .filter_map(|i| labels.item(i))
        .find(|l| l.text_content().as_deref() == Some(label))
        .and_then(|l| l.dyn_into::<web_sys::Element>().ok())
        .and_then(|l| l.get_attribute("for"))
        .unwrap();
    let control = find(host, &format!("#{id}")).unwrap();
    js_sys::Reflect::set(&control, &"value".into(), &value.into()).unwrap();
    super::fire(&control, event);
}

/// The button in `host` whose words contain `words`.
fn button(host: &web_sys::Element, words: &str) -> web_sys::HtmlElement {
    let buttons = host.query_selector_all("button").unwrap();
    (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .find(|b| b.text_content().is_some_and(|t| t.contains(words)))
        .and_then(|b| b.dyn_into().ok())
        .unwrap()
}

#[wasm_bindgen_test]
async fn the_estimators_exam_opens_the_add_form_and_joins_the_certificate_chosen() {
    use fushen::ui::timeline::Timeline;
    let host: web_sys::Element = super::new_host().unchecked_into();
    let ctx = fresh(d(2026, 3, 1));
    let mount = host.clone().unchecked_into::<web_sys::HtmlElement>();
    leptos::mount::mount_to(mount, move || view! { <Timeline ctx=ctx /> }).forget();

    // No certificate yet: the date waits, the question says so and the add form opens by itself.
    assert_eq!(
        ctx.add_exam(d(2026, 4, 15), None),
        ExamOutcome::NeedCertificate
    );
    super::settle().await;
    let prompt = find(&host, "[data-testid=exam-prompt]").unwrap();
    assert!(prompt.text_content().unwrap().contains("先添加证书"));
    let form = find(&host, "form[aria-label=添加证书]").unwrap();
    type_into(&host, "证书类型（作业类别）", "w1", "change");
    type_into(&host, "初领日期", "2020-05-10", "input");
    super::fire(&form, "submit");
    assert_eq!(first_event(0), (EventKind::Exam, d(2026, 4, 15)));
    super::settle().await;
    assert!(find(&host, "[data-testid=exam-prompt]").is_none());
    assert!(find(&host, "form").is_none(), "the form closed");
    assert_eq!(
        find(&host, ".tl-said").unwrap().text_content().as_deref(),
        Some("已记到下面的证书时间线里")
    );

    // Two certificates: the holder picks one.
    let second = ctx.add_certificate(welding(d(2021, 1, 5))).unwrap();
    assert_eq!(
        ctx.add_exam(d(2026, 5, 20), None),
        ExamOutcome::ChooseCertificate
    );
    super::settle().await;
    assert_eq!(host.query_selector_all("article").unwrap().length(), 2);
    let prompt = find(&host, "[data-testid=exam-prompt]").unwrap();
    button(&prompt, "2021年1月5日初领").click();
    assert_eq!(first_event(1), (EventKind::Exam, d(2026, 5, 20)));
    assert_eq!(ctx.timeline().get_untracked().certificates[1].id, second);
    super::settle().await;
    assert!(find(&host, "[data-testid=exam-prompt]").is_none());
    host.remove();
}

#[wasm_bindgen_test]
async fn an_open_form_is_kept_as_typed_and_reopens_on_the_next_visit() {
    use fushen::ui::timeline::Timeline;
    use fushen_domain::timeline::drafts::{read_drafts, Target};
    let mount = |ctx: TimelineCtx| {
        let host = super::new_host();
        leptos::mount::mount_to(host.clone(), move || view! { <Timeline ctx=ctx /> }).forget();
        host.unchecked_into::<web_sys::Element>()
    };
    let ctx = fresh(d(2026, 3, 1));
    ctx.add_certificate(welding(d(2020, 5, 10))).unwrap();
    let host = mount(ctx);
    button(&host, "记一笔").click();
    super::settle().await;
    type_into(&host, "记什么", "note", "change");
    type_into(&host, "备注", "写了一半 & <b>", "input");
    super::settle().await;
    let kept = storage::get(StorageKey::TimelineDraft).unwrap().unwrap();
    let forms = read_drafts(&kept);
    assert_eq!(forms.len(), 1);
    assert_eq!(forms[0].0, Target::NewEvent(0), "named by position");
    assert_eq!(forms[0].1[0], "note");
    assert_eq!(forms[0].1[3], "写了一半 & <b>");

    // The next visit: the same form opens with what was typed.
    host.remove();
    let host = mount(start(d(2026, 3, 1)));
    super::settle().await;
    let note = find(&host, "form[aria-label=记一笔] textarea").unwrap();
    assert_eq!(
        js_sys::Reflect::get(&note, &"value".into()).unwrap(),
        "写了一半 & <b>"
    );
    assert!(
        find(&host, "b").is_none(),
        "typed words are text, not markup"
    );
    // Cancelled: nothing is kept any more.
    button(&find(&host, "form").unwrap(), "取消").click();
    super::settle().await;
    assert!(find(&host, "form").is_none());
    assert_eq!(storage::get(StorageKey::TimelineDraft).unwrap(), None);
    host.remove();
}
