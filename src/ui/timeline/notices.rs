//! The notices above the cards, in order of urgency: storage trouble, an unreadable stored
//! timeline, an arriving timeline, the estimator's exam waiting for a certificate, and the help
//! for a file offered from here.

use leptos::prelude::*;

use super::arrival::ArrivalNotice;
use super::button::Button;
use super::exam_prompt::ExamPrompt;
use super::notice::{Notice, Tone};
use super::offer::{OfferHelp, Offered};
use super::state::{TimelineCtx, Unreadable};
use crate::web::storage::StorageError;
use fushen_domain::dates::iso;
use fushen_domain::timeline::store::LoadError;

/// Every notice the timeline may show.
#[component]
pub fn Notices() -> impl IntoView {
    let ctx = expect_context::<TimelineCtx>();
    // A memo: the notice is drawn again (and announced) only when the trouble changes.
    let trouble = Memo::new(move |_| ctx.keeping.with(|k| k.trouble));
    let unreadable = Memo::new(move |_| ctx.keeping.with(|k| k.unreadable.clone()));
    view! {
        {move || trouble.get().map(|trouble| view! { <StorageTrouble trouble /> })}
        {move || unreadable.get().map(|unreadable| view! { <UnreadableStorage unreadable /> })}
        <ArrivalNotice />
        <ExamPrompt />
        <OfferHelp in_notices=true />
    }
}

/// Storage is blocked or full: the timeline lives in the page only.
#[component]
pub fn StorageTrouble(
    /// What went wrong.
    trouble: StorageError,
) -> impl IntoView {
    let text = match trouble {
        StorageError::Unavailable => {
            "这个浏览器不让本页在手机上保存内容（可能开了无痕模式），时间线只留在这个页面里，关掉就没了。收藏本页链接可以留住日期（不含备注），也可以导出备份文件。"
        }
        StorageError::Full => {
            "手机的存储空间满了，刚才的修改没能保存在手机上，只留在这个页面里。收藏本页链接可以留住日期（不含备注），也可以导出备份文件。"
        }
    };
    view! {
        <Notice tone=Tone::Warn test_id="storage-trouble">
            <p role="status">{text}</p>
        </Notice>
    }
}

/// The stored timeline could not be read: it is kept as it was, and can be exported or given
/// up (on a second tap).
#[component]
pub fn UnreadableStorage(
    /// The value kept, and why it was not read.
    unreadable: Unreadable,
) -> impl IntoView {
    let ctx = expect_context::<TimelineCtx>();
    let offered = expect_context::<Offered>();
    let asking = RwSignal::new(false);
    let newer = matches!(unreadable.error, LoadError::Newer(_));
    let not_kept = !unreadable.kept && !newer;
    let Unreadable { raw, error, .. } = unreadable;
    let export = Callback::new(move |()| {
        let name = format!("fushen-timeline-unreadable-{}.txt", iso(ctx.today));
        offered.file(name, "text/plain;charset=utf-8", raw.clone(), true);
    });
    let discard = Callback::new(move |()| {
        if asking.get_untracked() {
            asking.set(false);
            ctx.discard_unreadable();
        } else {
            asking.set(true);
        }
    });
    let again = Signal::derive(move || {
        if asking.get() {
            "确定删除原来的数据，重新开始"
        } else {
            "重新开始"
        }
    });
    view! {
        <Notice tone=Tone::Warn test_id="storage-unreadable">
            <p role="alert">{error.storage_message()}</p>
            {not_kept
                .then(|| {
                    view! {
                        <p>
                            "备份没能单独保存：在你导出或选择重新开始之前，这里的修改不会存到手机上。"
                        </p>
                    }
                })}
            <div class="tl-buttons">
                <Button label="导出原来的数据" on_click=export />
                {(!newer).then(|| view! { <Button label=again class="tl-danger" on_click=discard /> })}
            </div>
        </Notice>
    }
}
