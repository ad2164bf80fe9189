//! Everything the timeline has to tell or ask before the certificates, in one region: storage
//! trouble, a stored timeline that could not be read (kept, with export and start-fresh), a
//! timeline arriving from a link or file that differs (replace, merge, keep mine), an unreadable
//! link, and the estimator's exam date waiting for a certificate.

use std::sync::Arc;

use leptos::prelude::*;

use super::kit::{dynamic, Action, Notice};
use super::offer_help::{offer_file, Offer, OfferHelp};
use super::state::{Arriving, Choice, Source, TimelineCtx};
use crate::dates::{iso, long_zh, short_zh};
use crate::timeline::store::LoadError;
use crate::timeline::{Certificate, Timeline};
use crate::web::storage::StorageError;

/// A certificate named by type and 初领日期.
pub fn name(c: &Certificate) -> String {
    format!(
        "{}（{}初领）",
        c.data.kind.name(),
        long_zh(c.data.first_issued)
    )
}

fn names(timeline: &Timeline) -> String {
    timeline
        .certificates
        .iter()
        .map(name)
        .collect::<Vec<_>>()
        .join("；")
}

/// One notice: tone, title, paragraphs, whether to announce it at once, buttons, test hook.
type Spec = (
    &'static str,
    Option<String>,
    Vec<String>,
    bool,
    Vec<Action>,
    &'static str,
);

fn trouble(trouble: StorageError) -> Spec {
    let text = match trouble {
        StorageError::Unavailable => "这个浏览器不让本页在手机上保存内容（可能开了无痕模式），时间线只留在这个页面里，关掉就没了。收藏本页链接可以留住日期（不含备注），也可以导出备份文件。",
        StorageError::Full => "手机的存储空间满了，刚才的修改没能保存在手机上，只留在这个页面里。收藏本页链接可以留住日期（不含备注），也可以导出备份文件。",
    };
    (
        "tl-warn",
        None,
        vec![text.to_string()],
        false,
        vec![],
        "storage-trouble",
    )
}

fn unreadable(
    ctx: TimelineCtx,
    offer: RwSignal<Option<Offer>>,
    confirm: RwSignal<bool>,
) -> Option<Spec> {
    let u = ctx.keeping().with(|k| k.unreadable.clone())?;
    let newer = matches!(u.error, LoadError::Newer(_));
    let mut lines = vec![u.error.storage_message().to_string()];
    if !u.kept && !newer {
        lines.push(
            "备份没能单独保存：在你导出或选择重新开始之前，这里的修改不会存到手机上。".to_string(),
        );
    }
    let today = ctx.today;
    let mut actions = vec![Action::new("导出原来的数据", "", move || {
        let name = format!("fushen-timeline-unreadable-{}.txt", iso(today));
        offer_file(offer, name, "text/plain;charset=utf-8", u.raw.clone());
    })];
    if !newer {
        actions.push(Action::changing(
            move || {
                if confirm.get() {
                    "确定删除原来的数据，重新开始"
                } else {
                    "重新开始"
                }
                .to_string()
            },
            "tl-danger",
            move || {
                if confirm.get_untracked() {
                    ctx.discard_unreadable();
                } else {
                    confirm.set(true);
                }
            },
        ));
    }
    Some(("tl-warn", None, lines, true, actions, "storage-unreadable"))
}

fn arriving(ctx: TimelineCtx) -> Option<Spec> {
    Some(match ctx.arriving().get()? {
        Arriving::Unreadable(error) => (
            "tl-warn",
            None,
            vec![error.message().to_string()],
            true,
            vec![Action::new("知道了", "", move || ctx.dismiss_arrival())],
            "arrival",
        ),
        Arriving::Conflict { incoming, from } => {
            let (there, replace, keep) = match from {
                Source::Link => ("链接里", "用链接里的替换", "保留我的"),
                Source::File => ("备份文件里", "用备份替换", "不导入，保留我的"),
            };
            let lines = vec![
                format!("这台手机上：{}", ctx.timeline().with_untracked(names)),
                format!("{there}：{}", names(&incoming)),
                "替换会删掉这台手机上的证书和备注；合并会保留这台手机上的全部内容，再加上另一边多出来的证书和日期。".to_string(),
            ];
            let choose = move |choice| move || ctx.resolve(choice);
            let actions = vec![
                Action::new(replace, "", choose(Choice::Replace)),
                Action::new("合并两边", "tl-primary", choose(Choice::Merge)),
                Action::new(keep, "", choose(Choice::KeepMine)),
            ];
            let title = format!("{there}的时间线和这台手机上的不一样");
            ("tl-ask", Some(title), lines, true, actions, "arrival")
        }
    })
}

fn pending_exam(ctx: TimelineCtx) -> Option<Spec> {
    let p = ctx.pending_exam().get()?;
    let day = short_zh(p.exam, ctx.today);
    let mut actions: Vec<Action> = ctx.timeline().with(|t| {
        t.certificates
            .iter()
            .map(|c| {
                let id = c.id;
                Action::new(&name(c), "", move || {
                    ctx.say(ctx.add_exam_to(id, p.exam, p.accepted).message());
                })
            })
            .collect()
    });
    let question = if actions.is_empty() {
        format!("先添加证书：保存后会把估算里的考试日期（{day}）一并记上。")
    } else {
        format!("估算里的考试日期（{day}）记到哪本证书？")
    };
    actions.push(Action::new("不记了", "", move || {
        ctx.drop_pending_exam()
    }));
    Some((
        "tl-ask",
        None,
        vec![question],
        false,
        actions,
        "exam-prompt",
    ))
}

/// The notices, in order of urgency.
#[component]
pub fn Notices(
    /// The timeline.
    ctx: TimelineCtx,
) -> impl IntoView {
    let offer = RwSignal::new(None::<Offer>);
    let confirm = RwSignal::new(false);
    let notices = dynamic(Arc::new(move || {
        let specs: Vec<Spec> = [
            ctx.keeping().with(|k| k.trouble).map(trouble),
            unreadable(ctx, offer, confirm),
            arriving(ctx),
            pending_exam(ctx),
        ]
        .into_iter()
        .flatten()
        .collect();
        specs
            .into_iter()
            .map(|(tone, title, lines, alert, actions, test_id)| {
                view! { <Notice tone title lines alert actions test_id /> }
            })
            .collect_view()
            .into_any()
    }));
    view! {
        {notices}
        <OfferHelp offer />
    }
}
