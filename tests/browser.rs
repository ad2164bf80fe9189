//! Browser tests: what only a real browser can show — real `localStorage`, real history, real
//! DOM events driving mounted components. Run by `scripts/test.sh` in headless Chromium
//! (`cargo test --target wasm32-unknown-unknown --test browser`).
#![cfg(target_arch = "wasm32")]

use chrono::NaiveDate;
use fushen::ui::estimator::{Estimator, EstimatorState};
use fushen::ui::holidays::Holidays;
use fushen::web::{storage, url};
use fushen_domain::fragment::Fragment;
use fushen_domain::keys::{StorageKey, UrlParam};
use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[path = "browser/timeline.rs"]
mod timeline;

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh element in the page to mount a component into.
fn new_host() -> web_sys::HtmlElement {
    let host: web_sys::HtmlElement = document()
        .create_element("div")
        .unwrap()
        .dyn_into()
        .unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    host
}

/// Lets Leptos run its scheduled effects.
async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
fn local_storage_round_trips_through_the_adapter() {
    assert_eq!(storage::probe(), Ok(()));
    storage::set(StorageKey::EnquiryDraft, "草稿 ✓").unwrap();
    assert_eq!(
        storage::get(StorageKey::EnquiryDraft).unwrap().as_deref(),
        Some("草稿 ✓")
    );
    storage::remove(StorageKey::EnquiryDraft).unwrap();
    assert_eq!(storage::get(StorageKey::EnquiryDraft).unwrap(), None);
}

#[wasm_bindgen_test]
fn a_full_quota_is_reported_as_full_not_a_panic() {
    // Grow one value until the browser refuses (Chromium allows about 5 million characters):
    // the adapter must say Full.
    let mut result = Ok(());
    for millions in 1..=16 {
        result = storage::set(StorageKey::Sent, &"满".repeat(millions << 20));
        if result.is_err() {
            break;
        }
    }
    let _ = storage::remove(StorageKey::Sent);
    assert_eq!(result, Err(storage::StorageError::Full));
}

#[wasm_bindgen_test]
fn replacing_the_fragment_adds_no_history_entry() {
    let history = web_sys::window().unwrap().history().unwrap();
    let before = history.length().unwrap();
    let mut fragment = Fragment::default();
    fragment.set(UrlParam::Exam, Some("2026-09-14"));
    url::replace_fragment(&fragment);
    fragment.set(UrlParam::Exam, Some("2026-09-15"));
    url::replace_fragment(&fragment);
    assert_eq!(history.length().unwrap(), before);
    assert_eq!(url::fragment().get(UrlParam::Exam), Some("2026-09-15"));
    url::replace_fragment(&Fragment::default());
    assert_eq!(web_sys::window().unwrap().location().hash().unwrap(), "");
}

#[wasm_bindgen_test]
async fn the_estimator_answers_a_typed_date() {
    let host = new_host();
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    mount_to(
        host.clone(),
        move || view! { <Estimator state=EstimatorState::start(today, Holidays::new()) /> },
    )
    .forget();

    let input: web_sys::HtmlInputElement = host
        .query_selector("input[type=date]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    input.set_value("2026-09-14");
    fire(&input, "input");
    settle().await;
    let earliest = host
        .query_selector("time[data-testid=query-earliest]")
        .unwrap()
        .unwrap();
    assert_eq!(
        earliest.get_attribute("datetime").as_deref(),
        Some("2026-10-10")
    );

    input.set_value("");
    fire(&input, "input");
    settle().await;
    // The message is wired to the field for screen readers.
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    let described = input.get_attribute("aria-describedby").unwrap();
    let message = host
        .query_selector(&format!("#{described}"))
        .unwrap()
        .unwrap();
    assert_eq!(message.text_content().as_deref(), Some("请选择日期"));
}

/// Dispatches a bubbling `kind` event at `target`, as the browser does for the user.
fn fire(target: &web_sys::Element, kind: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict(kind, &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn the_enquiry_form_checks_on_leaving_and_keeps_the_draft() {
    use fushen::ui::enquiry::{self, Enquiry};
    use fushen_domain::enquiry::Settings;

    let _ = storage::remove(StorageKey::EnquiryDraft);
    let host = new_host();
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let settings = Settings {
        endpoint: None,
        phone: Some("0734-8123456".into()),
        institution: None,
    };
    mount_to(
        host.clone(),
        move || view! { <Enquiry ctx=enquiry::start(today, settings.clone()) /> },
    )
    .forget();
    settle().await;

    let phone: web_sys::HtmlInputElement = host
        .query_selector("#enq-phone")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let error = host.query_selector("#enq-phone-error").unwrap().unwrap();
    // Typed, not yet left: nothing is said.
    phone.set_value("138");
    fire(&phone, "input");
    settle().await;
    assert!(error.has_attribute("hidden"));
    // Left: the message shows and is tied to the field.
    fire(&phone, "focusout");
    settle().await;
    assert_eq!(
        error.text_content().as_deref(),
        Some("请输入有效的手机号码")
    );
    assert!(!error.has_attribute("hidden"));
    assert_eq!(phone.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        phone.get_attribute("aria-describedby").as_deref(),
        Some("enq-phone-hint enq-phone-error")
    );
    // Corrected: gone at once, and the draft on the phone has it.
    phone.set_value("+86 138 0013 8000");
    fire(&phone, "input");
    settle().await;
    assert!(error.has_attribute("hidden"));
    assert_eq!(phone.get_attribute("aria-invalid"), None);
    let stored = storage::get(StorageKey::EnquiryDraft).unwrap().unwrap();
    assert!(stored.contains("+86 138 0013 8000"), "{stored}");

    storage::remove(StorageKey::EnquiryDraft).unwrap();
    host.remove();
}

/// Waits `ms` milliseconds.
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_second_identical_failure_is_announced_again() {
    use fushen::ui::enquiry::{self, Enquiry};
    use fushen_domain::enquiry::Settings;

    let _ = storage::remove(StorageKey::EnquiryDraft);
    let host = new_host();
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    mount_to(
        host.clone(),
        move || view! { <Enquiry ctx=enquiry::start(today, Settings::default()) /> },
    )
    .forget();
    settle().await;
    let form = host.query_selector("form").unwrap().unwrap();
    let words = host
        .query_selector("[role=status] [data-testid=enquiry-status-text]")
        .unwrap()
        .unwrap();
    let summary = "还有4处需要修改：姓名、手机号码、证书类型、同意《个人信息说明》。";
    for _ in 0..2 {
        // A live region speaks when its words change: the same words are taken away first…
        fire(&form, "submit");
        settle().await;
        assert_eq!(words.text_content().as_deref(), Some(""));
        // …and said again a moment later.
        sleep(200).await;
        assert_eq!(words.text_content().as_deref(), Some(summary));
    }
    host.remove();
}

#[wasm_bindgen_test]
async fn an_unreachable_endpoint_is_a_failure_to_retry_not_a_panic() {
    use fushen::web::net;
    use fushen_domain::enquiry::outbox::{Failure, Outcome};

    // Port 9 (discard) is closed on test machines: the request fails at once.
    let outcome = net::post_json("http://127.0.0.1:9/enquiries", "{}", "key").await;
    assert_eq!(outcome, Outcome::Failed(Failure::Network));
}
