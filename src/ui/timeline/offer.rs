//! Files handed to the holder (the calendar, the backup, an unreadable stored value) and the
//! help for when one does not arrive: WeChat's browser drops downloads, so every file can also
//! be copied, and, should copying fail too, copied by hand from the page.

use leptos::prelude::*;

use super::button::{flag, text, Button};
use super::notice::{Notice, Tone};
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
    /// Offered from the notices (its help shows there) rather than the keeping tools.
    pub in_notices: bool,
}

impl Offer {
    /// What to do when the file does not arrive.
    fn help(&self, in_wechat: bool) -> String {
        let first = if self.started {
            format!("已开始下载 {}。", self.name)
        } else {
            "这个浏览器没能下载文件。".to_string()
        };
        let place = if in_wechat {
            "在微信里打开的页面下载不了文件："
        } else {
            "没有收到文件的话："
        };
        format!(
            "{first}{place}点右上角“···”，选“在浏览器中打开”，再点一次；也可以复制内容，发给自己保存。"
        )
    }
}

/// The last file offered, shared through context.
#[derive(Clone, Copy, Debug)]
pub struct Offered(pub RwSignal<Option<Offer>>);

impl Offered {
    /// Offers `text` as the file `name` (`mime`), with its help in the notices or the keeping
    /// tools.
    pub fn file(self, name: String, mime: &str, text: String, in_notices: bool) {
        let started = download::offer(&name, mime, &text).is_ok();
        self.0.set(Some(Offer {
            name,
            text,
            started,
            copied: None,
            in_notices,
        }));
    }

    /// Copies the offered file's text; the help says how it went.
    fn copy(self) {
        let Some(text) = self
            .0
            .with_untracked(|o| o.as_ref().map(|o| o.text.clone()))
        else {
            return;
        };
        leptos::task::spawn_local(async move {
            let copied = download::copy(&text).await.is_ok();
            self.0.update(|o| {
                if let Some(o) = o {
                    o.copied = Some(copied);
                }
            });
        });
    }
}

/// The help for the last file offered, where it was offered (`in_notices` or not).
#[component]
pub fn OfferHelp(
    /// Shown in the notices (true) or under the keeping tools (false).
    in_notices: bool,
) -> impl IntoView {
    let offered = expect_context::<Offered>();
    let here = move || {
        offered
            .0
            .with(|o| o.as_ref().is_some_and(|o| o.in_notices == in_notices))
    };
    let copied = move || offered.0.with(|o| o.as_ref().and_then(|o| o.copied));
    view! {
        <Show when=here>
            <Notice tone=Tone::Ask test_id="offer">
                <p role="status">
                    {text(move || {
                        offered
                            .0
                            .with(|o| o.as_ref().map(|o| o.help(download::in_wechat())))
                            .unwrap_or_default()
                    })}
                </p>
                <p hidden=flag(move || copied().is_none())>
                    {text(move || {
                        match copied() {
                            Some(true) => "已复制。",
                            Some(false) => "没能自动复制：请长按下面的文字，全选后复制。",
                            None => "",
                        }
                            .to_string()
                    })}
                </p>
                <div class="tl-buttons">
                    <Button label="复制内容" on_click=Callback::new(move |()| offered.copy()) />
                    <Button label="关闭" on_click=Callback::new(move |()| offered.0.set(None)) />
                </div>
            </Notice>
            <textarea
                class="tl-manual"
                readonly
                rows="4"
                aria-label="要复制的内容"
                hidden=flag(move || copied() != Some(false))
                prop:value=move || offered.0.with(|o| o.as_ref().map(|o| o.text.clone()))
            ></textarea>
        </Show>
    }
}
