//! Handing text to the user as a file, or copying it: downloads are blocked in some in-app
//! browsers (WeChat), so every download has a copy fallback. Failures are values.

use thiserror::Error;
use wasm_bindgen::JsCast;

/// Why the browser did not take the file or the text.
#[derive(Clone, Copy, Debug, Error, PartialEq, Eq)]
pub enum HandOverError {
    /// The browser refused (no Blob/URL support, blocked, or no clipboard access).
    #[error("refused by the browser")]
    Refused,
}

/// Offers `text` as a download named `file_name`. `Ok` means the browser was asked; an in-app
/// browser may still drop it silently, which is why the page also offers copying.
pub fn offer(file_name: &str, mime: &str, text: &str) -> Result<(), HandOverError> {
    let refused = |_| HandOverError::Refused;
    let document = crate::web::page::document().ok_or(HandOverError::Refused)?;
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(refused)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(refused)?;
    let link: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(refused)?
        .dyn_into()
        .map_err(|_| HandOverError::Refused)?;
    link.set_href(&url);
    link.set_download(file_name);
    link.set_hidden(true);
    let body = document.body().ok_or(HandOverError::Refused)?;
    body.append_child(&link).map_err(refused)?;
    link.click();
    link.remove();
    // The download has its own copy by the time the page's next task runs; free the URL then.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(window) = web_sys::window() {
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
    }
    Ok(())
}

/// Copies `text` to the clipboard.
pub async fn copy(text: &str) -> Result<(), HandOverError> {
    let window = web_sys::window().ok_or(HandOverError::Refused)?;
    let clipboard = window.navigator().clipboard();
    // Older in-app browsers have no `navigator.clipboard` at all.
    if clipboard.is_undefined() {
        return Err(HandOverError::Refused);
    }
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
        .await
        .map(|_| ())
        .map_err(|_| HandOverError::Refused)
}

/// True inside WeChat's in-app browser, where downloads do not work.
pub fn in_wechat() -> bool {
    web_sys::window()
        .and_then(|w| w.navigator().user_agent().ok())
        .is_some_and(|ua| ua.as_bytes().windows(14).any(|w| w == b"MicroMessenger"))
}
