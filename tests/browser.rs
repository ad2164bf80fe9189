//! Browser tests: what only a real browser can show — real `localStorage`, real history, real
//! DOM events driving mounted components. Run by `scripts/test.sh` in headless Chromium
//! (`cargo test --target wasm32-unknown-unknown --test browser`).
#![cfg(target_arch = "wasm32")]

use chrono::NaiveDate;
use fushen::fragment::Fragment;
use fushen::keys::{StorageKey, UrlParam};
use fushen::ui::estimator::Estimator;
use fushen::web::{storage, url};
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
    let host: web_sys::HtmlElement = document()
        .create_element("div")
        .unwrap()
        .dyn_into()
        .unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    mount_to(host.clone(), move || view! { <Estimator today=today /> }).forget();

    let input: web_sys::HtmlInputElement = host
        .query_selector("input[type=date]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    input.set_value("2026-09-14");
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    settle().await;
    let earliest = host
        .query_selector("[data-testid=query-earliest] time")
        .unwrap()
        .unwrap();
    assert_eq!(
        earliest.get_attribute("datetime").as_deref(),
        Some("2026-10-10")
    );

    input.set_value("");
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    settle().await;
    let alert = host.query_selector("[role=alert]").unwrap().unwrap();
    assert_eq!(alert.text_content().as_deref(), Some("请选择日期"));
}
