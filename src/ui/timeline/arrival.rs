//! A timeline that arrived by link or backup file: a link that could not be read, or a timeline
//! different from the phone's (replace, merge, or keep mine?).

use leptos::either::Either;
use leptos::prelude::*;

use super::button::{text, Button};
use super::notice::{Notice, Tone};
use super::state::{Arriving, Choice, Source, TimelineCtx};
use fushen_domain::timeline::link::LinkError;
use fushen_domain::timeline::messages::certificate_name;
use fushen_domain::timeline::Timeline;

/// The notice about an arriving timeline, if one waits.
#[component]
pub fn ArrivalNotice() -> impl IntoView {
    let ctx = expect_context::<TimelineCtx>();
    move || match ctx.arriving.get()? {
        Arriving::Unreadable(error) => Some(Either::Left(view! { <UnreadableLink error /> })),
        Arriving::Conflict { incoming, from } => {
            Some(Either::Right(view! { <Conflict incoming from /> }))
        }
    }
}

/// The link could not be read; nothing changed.
#[component]
pub fn UnreadableLink(
    /// Why.
    error: LinkError,
) -> impl IntoView {
    let ctx = expect_context::<TimelineCtx>();
    view! {
        <Notice tone=Tone::Warn test_id="arrival">
            <p role="alert">{error.message()}</p>
            <div class="tl-buttons">
                <Button label="知道了" on_click=Callback::new(move |()| ctx.dismiss_arrival()) />
            </div>
        </Notice>
    }
}

/// The certificates of `timeline`, by name.
fn names(timeline: &Timeline) -> String {
    timeline
        .certificates
        .iter()
        .map(certificate_name)
        .collect::<Vec<_>>()
        .join("；")
}

/// A timeline different from the phone's arrived: the holder chooses.
#[component]
pub fn Conflict(
    /// The arriving timeline.
    incoming: Timeline,
    /// Where it came from.
    from: Source,
) -> impl IntoView {
    let ctx = expect_context::<TimelineCtx>();
    let (there, replace, keep) = match from {
        Source::Link => ("链接里", "用链接里的替换", "保留我的"),
        Source::File => ("备份文件里", "用备份替换", "不导入，保留我的"),
    };
    let choose = move |choice| Callback::new(move |()| ctx.resolve(choice));
    view! {
        <Notice tone=Tone::Ask test_id="arrival">
            <h3>{there} "的时间线和这部手机上的不一样"</h3>
            <p role="alert">"这部手机上：" {text(move || ctx.timeline.with(names))}</p>
            <p>{there} "：" {names(&incoming)}</p>
            <p>
                "替换会删掉这部手机上的证书和备注；合并会保留这部手机上的全部内容，再加上另一边多出来的证书和日期。"
            </p>
            <div class="tl-buttons">
                <Button label=replace on_click=choose(Choice::Replace) />
                <Button label="合并两边" class="tl-primary" on_click=choose(Choice::Merge) />
                <Button label=keep on_click=choose(Choice::KeepMine) />
            </div>
        </Notice>
    }
}
