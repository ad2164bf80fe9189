//! After a download is offered: what to do when it does not arrive (WeChat blocks downloads),
//! with a copy button and, should copying fail too, the text itself to copy by hand.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::kit::{dynamic, Action, Notice};
use crate::web::download;

/// A file offered for download.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Offer {
    /// Its name.
    pub name: String,
    /// Its text.
    pub text: String,
    /// The browser took the download request.
    pub started: bool,
    /// Copying: not tried, done, or failed.
    pub copied: Option<bool>,
}

/// Offers `text` as the file `name` and records the offer in `offer` for [`OfferHelp`].
pub fn offer_file(offer: RwSignal<Option<Offer>>, name: String, mime: &str, text: String) {
    let started = download::offer(&name, mime, &text).is_ok();
    offer.set(Some(Offer {
        name,
        text,
        started,
        copied: None,
    }));
}

/// The fallback help for the last offered file: open in a browser, or copy.
#[component]
pub fn OfferHelp(
    /// The last file offered, if any.
    offer: RwSignal<Option<Offer>>,
) -> impl IntoView {
    let copy = move || {
        let Some(text) = offer.with_untracked(|o| o.as_ref().map(|o| o.text.clone())) else {
            return;
        };
        spawn_local(async move {
            let copied = download::copy(&text).await.is_ok();
            offer.update(|o| {
                if let Some(o) = o {
                    o.copied = Some(copied);
                }
            });
        });
    };
    dynamic(Arc::new(move || {
        let Some(o) = offer.get() else {
            return ().into_any();
        };
        let first = if o.started {
            format!("已开始下载 {}。", o.name)
        } else {
            "这个浏览器没能下载文件。".to_string()
        };
        let place = if download::in_wechat() {
            "在微信里打开的页面下载不了文件："
        } else {
            "没有收到文件的话："
        };
        let mut lines = vec![format!(
            "{first}{place}点右上角「···」，选「在浏览器中打开」，再点一次；也可以复制内容，发给自己保存。"
        )];
        match o.copied {
            Some(true) => lines.push("已复制。".to_string()),
            Some(false) => lines.push("没能自动复制：请长按下面的文字，全选后复制。".to_string()),
            None => {}
        }
        let actions = vec![
            Action::new("复制内容", "", copy),
            Action::new("关闭", "", move || offer.set(None)),
        ];
        let manual = (o.copied == Some(false)).then(|| {
            view! { <textarea class="tl-manual" readonly rows="4" aria-label="要复制的内容" prop:value=o.text></textarea> }
        });
        view! {
            <Notice tone="tl-ask" title=None lines actions test_id="offer" />
            {manual}
        }
        .into_any()
    }))
}
