//! 清除我的数据: one tap asks, the second clears everything this app keeps.

use leptos::prelude::*;

use super::button::Button;
use super::drafts::Drafts;
use super::notice::{Notice, Tone};
use super::state::TimelineCtx;

/// 清除我的数据, or, after the first tap, the question.
#[component]
pub fn ClearData() -> impl IntoView {
    let ctx = expect_context::<TimelineCtx>();
    let drafts = expect_context::<Drafts>();
    let asking = RwSignal::new(false);
    let clear = Callback::new(move |()| {
        // No open form may be written back after everything is gone.
        drafts.forget();
        asking.set(false);
        ctx.clear_everything();
    });
    view! {
        <Show
            when=move || asking.get()
            fallback=move || {
                view! {
                    <div class="tl-buttons">
                        <Button
                            label="清除我的数据"
                            class="tl-danger"
                            on_click=Callback::new(move |()| asking.set(true))
                        />
                    </div>
                }
            }
        >
            <Notice tone=Tone::Warn test_id="clear-confirm">
                <p role="alert">
                    "确定清除吗？会删除本工具在这部手机上保存的全部内容：证书时间线和它的备份、咨询草稿和没发出的咨询、估算设置，链接里的日期也会清掉。删除后不能恢复，需要的话先导出备份文件。"
                </p>
                <div class="tl-buttons">
                    <Button label="确定清除" class="tl-danger" on_click=clear />
                    <Button label="取消" on_click=Callback::new(move |()| asking.set(false)) />
                </div>
            </Notice>
        </Show>
    }
}
