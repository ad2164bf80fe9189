//! Keeping the timeline elsewhere: the phone's calendar (.ics), a backup file (export and
//! import), the page link, and 清除我的数据.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::kit::{dynamic, Action, Buttons, Notice};
use super::offer_help::{offer_file, Offer, OfferHelp};
use super::state::TimelineCtx;
use crate::dates::iso;
use crate::ics;
use crate::timeline::{export, store};
use crate::web::{clock, download, file, url};

/// The keeping tools.
#[component]
pub fn KeepingTools(
    /// The timeline.
    ctx: TimelineCtx,
) -> impl IntoView {
    let offer = RwSignal::new(None::<Offer>);
    let import_error = RwSignal::new(String::new());
    let confirm_clear = RwSignal::new(false);
    let picker = NodeRef::<leptos::html::Input>::new();

    let calendar = move || {
        let cal = ctx
            .timeline()
            .with_untracked(|t| export::calendar(t, ctx.today, ctx.assumptions().get_untracked()));
        let text = ics::write(&cal, clock::now_utc());
        offer_file(
            offer,
            export::file_name(ctx.today),
            "text/calendar;charset=utf-8",
            text,
        );
    };
    let backup = move || {
        let text = ctx.timeline().with_untracked(store::to_json);
        let name = format!("fushen-timeline-backup-{}.json", iso(ctx.today));
        offer_file(offer, name, "application/json", text);
    };
    let copy_link = move || {
        let Some(href) = url::href() else { return };
        spawn_local(async move {
            ctx.say(match download::copy(&href).await {
                Ok(()) => "已复制本页链接，可以发给自己或收藏",
                Err(_) => "没能自动复制：请用浏览器的「复制链接」或「收藏」",
            });
        });
    };
    let import = move |_| {
        let Some(input) = picker.get() else { return };
        spawn_local(async move {
            let result = file::read_text(&input).await;
            input.set_value("");
            import_error.set(match result {
                Ok(text) => ctx.import(&text).err().unwrap_or_default(),
                Err(e) => e.message().to_string(),
            });
        });
    };
    let exports = dynamic(Arc::new(move || {
        if ctx.timeline().with(|t| t.is_empty()) {
            return ().into_any();
        }
        view! {
            <Buttons actions=vec![
                Action::new("加到手机日历（.ics）", "", calendar),
                Action::new("导出备份文件", "", backup),
                Action::new("复制本页链接", "", copy_link),
            ] />
        }
        .into_any()
    }));
    let clear = dynamic(Arc::new(move || {
        if !confirm_clear.get() {
            return view! {
                <Buttons actions=vec![Action::new("清除我的数据", "tl-danger", move || confirm_clear.set(true))] />
            }
            .into_any();
        }
        let lines = vec!["确定清除吗？会删除本工具在这台手机上保存的全部内容：证书时间线和它的备份、咨询草稿和没发出的咨询、估算设置，链接里的日期也会清掉。删除后不能恢复，需要的话先导出备份文件。".to_string()];
        let actions = vec![
            Action::new("确定清除", "tl-danger", move || {
                confirm_clear.set(false);
                import_error.set(String::new());
                offer.set(None);
                ctx.clear_everything();
            }),
            Action::new("取消", "", move || confirm_clear.set(false)),
        ];
        view! { <Notice tone="tl-warn" title=None lines alert=true actions test_id="clear-confirm" /> }
            .into_any()
    }));

    view! {
        <section class="tl-keeping" aria-labelledby="tl-keeping-title">
            <h3 id="tl-keeping-title">"保存与备份"</h3>
            <p class="tl-hint">
                "时间线自动保存在这台手机上，也放在本页链接里（只有日期和证书类型，没有备注）。收藏本页或把链接发给自己，换手机也能打开。"
            </p>
            {exports}
            <div class="tl-buttons">
                <label class="tl-file" for="tl-import">"导入备份文件"</label>
                <input
                    id="tl-import"
                    class="tl-visually-hidden"
                    type="file"
                    accept=".json,application/json"
                    node_ref=picker
                    on:change=import
                />
            </div>
            <p class="tl-error" role="alert">{import_error}</p>
            <OfferHelp offer />
            {clear}
        </section>
    }
}
