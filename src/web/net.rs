//! Sending an enquiry: `fetch` POST with a JSON body, an `Idempotency-Key` header, a time limit,
//! and every result — answer, refusal, network failure, timeout — as an [`Outcome`] value.

use js_sys::Promise;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Headers, RequestCache, RequestCredentials, RequestInit, Response};

use fushen_domain::enquiry::outbox::{outcome_for_status, Failure, Outcome};

/// No answer within this time is a timeout (slow 4G on a building site still answers in less).
pub const TIMEOUT_MS: i32 = 10_000;

/// The marker the time limit rejects with.
const TIMED_OUT: &str = "fushen:timeout";

/// POSTs `body` (JSON) to `url` with `Idempotency-Key: key`. The page's cookies are not sent.
pub async fn post_json(url: &str, body: &str, key: &str) -> Outcome {
    match attempt(url, body, key).await {
        Ok(outcome) => outcome,
        Err(failure) => Outcome::Failed(failure),
    }
}

async fn attempt(url: &str, body: &str, key: &str) -> Result<Outcome, Failure> {
    let window = web_sys::window().ok_or(Failure::Network)?;
    let headers = Headers::new().map_err(|_| Failure::Network)?;
    headers
        .set("Content-Type", "application/json")
        .and_then(|()| headers.set("Idempotency-Key", key))
        .map_err(|_| Failure::Network)?;
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(body));
    init.set_credentials(RequestCredentials::Omit);
    init.set_cache(RequestCache::NoStore);
    // Old WebViews lack AbortController: the time limit below still holds, the request is
    // just not cancelled.
    let controller = AbortController::new().ok();
    if let Some(controller) = &controller {
        init.set_signal(Some(&controller.signal()));
    }
    let mut timer_id = None;
    let limit = Promise::new(&mut |_, reject| {
        timer_id = window
            .set_timeout_with_callback_and_timeout_and_arguments_1(
                &reject,
                TIMEOUT_MS,
                &JsValue::from_str(TIMED_OUT),
            )
            .ok();
    });
    let within_limit = |promise: Promise| {
        let race = js_sys::Array::of2(&promise, &limit);
        JsFuture::from(Promise::race(&race))
    };

    let result = async {
        let response: Response = within_limit(window.fetch_with_str_and_init(url, &init))
            .await?
            .dyn_into()?;
        let status = response.status();
        // Only a refusal's body is read: it may explain what to change.
        let text = if (400..500).contains(&status) {
            match response.text() {
                Ok(promise) => within_limit(promise).await.ok().and_then(|t| t.as_string()),
                Err(_) => None,
            }
        } else {
            None
        };
        Ok::<_, JsValue>(outcome_for_status(status, text.as_deref().unwrap_or("")))
    }
    .await;

    if let Some(id) = timer_id {
        window.clear_timeout_with_handle(id);
    }
    result.map_err(|error| {
        if error.as_string().as_deref() == Some(TIMED_OUT) {
            if let Some(controller) = &controller {
                controller.abort();
            }
            Failure::Timeout
        } else {
            Failure::Network
        }
    })
}

/// GETs `url` as text, revalidated with the server (the service worker answers offline); `None`
/// unless it answers 200.
pub async fn get_text(url: &str) -> Option<String> {
    let window = web_sys::window()?;
    let init = RequestInit::new();
    init.set_method("GET");
    init.set_cache(RequestCache::NoCache);
    let response: Response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .ok()?
        .dyn_into()
        .ok()?;
    if response.status() != 200 {
        return None;
    }
    JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()
}
