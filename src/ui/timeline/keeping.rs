//! 保存与备份: the calendar file, the backup file and the page link to take the timeline
//! elsewhere, a backup to bring it back, and 清除我的数据.

use leptos::prelude::*;

use super::button::{flag, Button};
use super::clear::ClearData;
use super::offer::{OfferHelp, Offered};
use super::state::TimelineCtx;
use crate::web::{clock, file, url};
use fushen_domain::dates::iso;
use fushen_domain::ics;
use fushen_domain::timeline::{export, store, Timeline};

/// The keeping tools.
#[component]
pub fn Keeping() -> impl IntoView {
    let ctx = expect_context::<TimelineCtx>();
    let offered = expect_context::<Offered>();
    let import_error = RwSignal::new(String::new());
    let calendar = Callback::new(move |()| {
        let cal = ctx.timeline.with_untracked(|t| {
            ctx.holidays.with_untracked(|working_days| {
                export::calendar_with(working_days, t, ctx.today, ctx.assumptions.get_untracked())
            })
        });
        let text = ics::write(&cal, clock::now_utc());
        let name = export::file_name(ctx.today);
        offered.file(name, "text/calendar;charset=utf-8", text, false);
    });
    let backup = Callback::new(move |()| {
        let text = ctx.timeline.with_untracked(store::to_json);
        let name = format!("fushen-timeline-backup-{}.json", iso(ctx.today));
        offered.file(name, "application/json", text, false);
    });
    let copy_link = Callback::new(move |()| {
        let Some(href) = url::href() else { return };
        leptos::task::spawn_local(async move {
            let copied = crate::web::download::copy(&href).await.is_ok();
            ctx.say(if copied {
                "已复制本页链接，可以发给自己或收藏"
            } else {
                "没能自动复制：请用浏览器的“复制链接”或“收藏”"
            });
        });
    });
    let import = move |ev: leptos::ev::Targeted<leptos::ev::Event, web_sys::HtmlInputElement>| {
        let input = ev.target();
        leptos::task::spawn_local(async move {
            let result = file::read_text(&input).await;
            // The same file can be picked again after a refusal.
            input.set_value("");
            import_error.set(match result {
                Ok(text) => ctx
                    .import(&text)
                    .err()
                    .map(|e| e.import_message())
                    .unwrap_or_default(),
                Err(e) => e.message().to_string(),
            });
        });
    };
    view! {
        <section class="tl-keeping" aria-labelledby="tl-keeping-title">
            <h3 id="tl-keeping-title">"保存与备份"</h3>
            <p class="tl-hint">
                "时间线自动保存在这部手机上，也放在本页链接里（只有日期和证书类型，没有备注）。收藏本页或把链接发给自己，换手机也能打开。"
            </p>
            // `hidden` on a wrapper: the row's own `display: flex` would override it.
            <div hidden=flag(move || ctx.timeline.with(Timeline::is_empty))>
                <div class="tl-buttons">
                    <Button label="加到手机日历（.ics）" on_click=calendar />
                    <Button label="导出备份文件" on_click=backup />
                    <Button label="复制本页链接" on_click=copy_link />
                </div>
            </div>
            <div class="tl-buttons">
                <label class="tl-file" for="tl-import">
                    "导入备份文件"
                </label>
                <input
                    id="tl-import"
                    class="tl-visually-hidden"
                    type="file"
                    accept=".json,application/json"
                    on:change:target=import
                />
            </div>
            <p class="tl-error" role="alert">
                {Signal::<String>::from(import_error)}
            </p>
            <OfferHelp in_notices=false />
            <ClearData />
        </section>
    }
}
