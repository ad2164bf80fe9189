//! The static page around the tools: finding mount points, reading `<meta>` settings, and the
//! panic message.

use std::future::Future;

use leptos::callback::UnsyncCallback;
use leptos::html::Div;
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, HtmlElement};

/// The document, if there is one.
pub fn document() -> Option<Document> {
    web_sys::window()?.document()
}

/// The element with `id`, as an HTML element.
pub fn element(id: &str) -> Option<HtmlElement> {
    document()?.get_element_by_id(id)?.dyn_into().ok()
}

/// The first element matching `selector`, as an HTML element.
pub fn select(selector: &str) -> Option<HtmlElement> {
    document()?.query_selector(selector).ok()??.dyn_into().ok()
}

/// The `content` of `<meta name="…">`, trimmed; `None` when missing or empty.
pub fn meta(name: &str) -> Option<String> {
    let selector = format!("meta[name=\"{name}\"]");
    let content = document()?
        .query_selector(&selector)
        .ok()??
        .get_attribute("content")?;
    let content = content.trim();
    (!content.is_empty()).then(|| content.to_string())
}

/// Resolves in a later task (`setTimeout(0)`): awaiting it gives the main thread back to the
/// browser, to paint and to answer input, before the work that follows.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// A `<div>` outside the page, to build a view in before it is shown.
pub fn detached() -> Option<HtmlElement> {
    document()?.create_element("div").ok()?.dyn_into().ok()
}

/// Builds `view` into `place` a task later, in the current owner: for a part of a tool that
/// sits below the first screen, so that no task of a slow phone's start blocks it for long.
pub fn mount_next_task<V>(place: NodeRef<Div>, view: impl FnOnce() -> V + 'static)
where
    V: IntoView + 'static,
{
    mount_next_task_then(place, view, || ());
}

/// [`mount_next_task`], then `then` in the same task (also when there was nowhere to mount).
pub fn mount_next_task_then<V>(
    place: NodeRef<Div>,
    view: impl FnOnce() -> V + 'static,
    then: impl FnOnce() + 'static,
) where
    V: IntoView + 'static,
{
    let owner = Owner::current();
    spawn_local(async move {
        next_task().await;
        if let (Some(owner), Some(place)) = (owner, place.get_untracked()) {
            owner.with(|| mount_to(place.into(), view).forget());
        }
        then();
    });
}

/// A callback, and a future that resolves once the callback has been called.
pub fn once() -> (impl Future<Output = ()>, UnsyncCallback<()>) {
    let mut resolve = None;
    let promise = js_sys::Promise::new(&mut |done, _| resolve = Some(done));
    let callback = UnsyncCallback::new(move |()| {
        if let Some(done) = &resolve {
            let _ = done.call0(&JsValue::NULL);
        }
    });
    let called = async move {
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    };
    (called, callback)
}

/// Loads the page again (after 清除我的数据, so that every tool starts from nothing).
pub fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

/// Replaces what every tool area shows with `message` (used when the app cannot go on).
pub fn show_in_tool_areas(message: &str) {
    say_in("[data-tool]", message);
}

/// Says `message` in the tool areas not mounted yet (their module did not arrive); the tools
/// already there are left alone.
pub fn show_in_unready_tool_areas(message: &str) {
    say_in("[data-tool]:not([data-ready])", message);
}

/// Replaces what the tool areas matching `selector` show with `message`, and marks them failed
/// (as boot.js does when the WebAssembly cannot run).
fn say_in(selector: &str, message: &str) {
    let Some(doc) = document() else { return };
    let Ok(areas) = doc.query_selector_all(selector) else {
        return;
    };
    for i in 0..areas.length() {
        if let Some(area) = areas
            .item(i)
            .and_then(|a| a.dyn_into::<web_sys::Element>().ok())
        {
            area.set_text_content(Some(message));
            let _ = area.set_attribute("data-failed", "");
        }
    }
}

/// On a panic, say so in plain Chinese where the tools were. Only the code location goes to the
/// console: panic messages could quote what the user typed.
pub fn install_panic_message() {
    std::panic::set_hook(Box::new(|info| {
        if let Some(location) = info.location() {
            web_sys::console::error_1(
                &format!(
                    "fushen: internal error at {}:{}",
                    location.file(),
                    location.line()
                )
                .into(),
            );
        }
        show_in_tool_areas("工具出了问题，请刷新页面。已保存在这部手机上的内容不会丢失。");
    }));
}
