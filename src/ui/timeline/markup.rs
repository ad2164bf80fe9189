//! The timeline's HTML, as text: the tool's frame (written once), a card's display part, the
//! add/edit form, the notices, the download help and the clearing question. Pure functions of
//! their arguments, tested on the host. What does not change is written as literal text (the
//! cheapest thing to carry in WebAssembly); every other text, ours or the holder's, goes
//! through [`escape`]. Buttons carry `data-action` (and a card its `data-cert`): the controller
//! listens once, on the tool's root.

use std::fmt::Write;

use chrono::NaiveDate;

use super::card_body;
use super::form::{Field, Form};
use super::state::{Arriving, Keeping, PendingExam, Source};
use crate::ui::html::escape;
use crate::web::storage::StorageError;
use fushen_domain::certificate::{CATALOGUE, OTHER_CODE, OTHER_NAME};
use fushen_domain::dates::{long_zh, short_zh};
use fushen_domain::rules;
use fushen_domain::timeline::forms::{CertField, EventField};
use fushen_domain::timeline::schedule::CertificatePlan;
use fushen_domain::timeline::store::LoadError;
use fushen_domain::timeline::{Certificate, EventKind, Timeline};

/// Ids of the tool's regions (written literally in [`frame`] and [`adder`]).
pub mod ids {
    /// The live region of short confirmations.
    pub const SAID: &str = "tl-said";
    /// The notices (storage, arriving timelines, the estimator's exam).
    pub const NOTICES: &str = "tl-notices";
    /// The certificates' cards.
    pub const CARDS: &str = "tl-cards";
    /// The empty state and the add button, or the add form.
    pub const ADDER: &str = "tl-adder";
    /// The add button.
    pub const ADD: &str = "tl-add";
    /// The export buttons (shown while there is something to export).
    pub const EXPORTS: &str = "tl-exports";
    /// The file picker of a backup to import.
    pub const IMPORT: &str = "tl-import";
    /// Why a backup was not imported.
    pub const IMPORT_ERROR: &str = "tl-import-error";
    /// The download help of the keeping tools.
    pub const OFFER: &str = "tl-offer";
    /// 清除我的数据, or its question.
    pub const CLEAR: &str = "tl-clear";
}

/// A button: its `data-action`, its words (escaped here) and its class.
fn button(out: &mut String, action: &str, label: &str, class: &str) {
    let _ = write!(
        out,
        "<button type=\"button\" data-action=\"{action}\" class=\"{class}\">{}</button>",
        escape(label)
    );
}

/// A boxed message: a heading, paragraphs (the first announced, at once when `alert`), and a
/// row of buttons (`buttons`, HTML).
fn notice(
    out: &mut String,
    tone: &str,
    test_id: &str,
    title: Option<&str>,
    lines: &[&str],
    alert: bool,
    buttons: &str,
) {
    let _ = write!(
        out,
        "<div class=\"tl-notice {tone}\" data-testid=\"{test_id}\">"
    );
    if let Some(title) = title {
        let _ = write!(out, "<h3>{}</h3>", escape(title));
    }
    for (i, line) in lines.iter().enumerate() {
        let role = match (i, alert) {
            (0, true) => " role=\"alert\"",
            (0, false) => " role=\"status\"",
            _ => "",
        };
        let _ = write!(out, "<p{role}>{}</p>", escape(line));
    }
    let _ = write!(out, "<div class=\"tl-buttons\">{buttons}</div></div>");
}

/// The tool's frame, written once: the live region, the notices, the cards, the adder, the
/// keeping tools and the rules' caveat.
pub fn frame() -> String {
    format!(
        "<p class=\"tl-said\" id=\"tl-said\" role=\"status\"></p>\
         <div id=\"tl-notices\"></div><div id=\"tl-cards\"></div>\
         <div id=\"tl-adder\"><div></div><div></div></div>\
         <section class=\"tl-keeping\" aria-labelledby=\"tl-keeping-title\">\
         <h3 id=\"tl-keeping-title\">保存与备份</h3>\
         <p class=\"tl-hint\">时间线自动保存在这台手机上，也放在本页链接里（只有日期和证书类型，没有备注）。收藏本页或把链接发给自己，换手机也能打开。</p>\
         <div id=\"tl-exports\" hidden><div class=\"tl-buttons\">\
         <button type=\"button\" data-action=\"ics\">加到手机日历（.ics）</button>\
         <button type=\"button\" data-action=\"backup\">导出备份文件</button>\
         <button type=\"button\" data-action=\"copy-link\">复制本页链接</button></div></div>\
         <div class=\"tl-buttons\"><label class=\"tl-file\" for=\"tl-import\">导入备份文件</label>\
         <input id=\"tl-import\" class=\"tl-visually-hidden\" type=\"file\" accept=\".json,application/json\"></div>\
         <p class=\"tl-error\" id=\"tl-import-error\" role=\"alert\"></p>\
         <div id=\"tl-offer\"></div><div id=\"tl-clear\"></div></section>\
         <p class=\"tl-caveat\">{}</p>",
        escape(rules::RULES_CAVEAT)
    )
}

/// An empty card for certificate `id`: its display part, then the place of its form.
pub fn card_frame(id: u32) -> String {
    format!(
        "<article class=\"tl-card\" data-cert=\"{id}\" aria-labelledby=\"cert-{id}-title\"><div></div><div></div></article>"
    )
}

/// A card's display part: name, 初领日期 and label, the body (status, next action, vertical
/// timeline), and, while none of its forms is open, its buttons.
pub fn card(
    c: &Certificate,
    plan: &CertificatePlan,
    today: NaiveDate,
    with_buttons: bool,
) -> String {
    let mut sub = format!("{}初领", long_zh(c.data.first_issued));
    if !c.data.label.is_empty() {
        sub = format!("{sub} · {}", c.data.label);
    }
    let buttons = if with_buttons {
        "<div class=\"tl-buttons\"><button type=\"button\" class=\"tl-primary\" data-action=\"add-event\">记一笔</button>\
         <button type=\"button\" data-action=\"edit-cert\">修改证书信息</button></div>"
    } else {
        ""
    };
    format!(
        "<h3 id=\"cert-{}-title\" tabindex=\"-1\">{}</h3><p class=\"tl-sub\">{}</p><div class=\"tl-card-body\">{}</div>{buttons}",
        c.id,
        escape(c.data.kind.name()),
        escape(&sub),
        card_body::body(plan, today)
    )
}

/// The adder's display part: the empty state and the add button (nothing while the form is open).
pub fn adder(empty: bool) -> String {
    let empty = if empty {
        "<p class=\"tl-empty\">先添加一本证书：选上证书类型，填上证书上印的初领日期就行。</p>"
    } else {
        ""
    };
    format!(
        "{empty}<div class=\"tl-buttons\"><button type=\"button\" id=\"tl-add\" class=\"tl-primary tl-add\" data-action=\"add\">添加证书</button></div>"
    )
}

/// A field's label and hint (our own words: no markup in them).
fn label_hint(field: Field) -> (String, String) {
    let fixed = |label: &str, hint: &str| (label.to_string(), hint.to_string());
    match field {
        Field::Cert(CertField::Kind) => fixed("证书类型（作业类别）", ""),
        Field::Cert(CertField::Other) => fixed("作业类别名称", ""),
        Field::Cert(CertField::FirstIssued) => {
            fixed("初领日期", "证书上印的第一次领证日期，例如 2020-05-10")
        }
        Field::Cert(CertField::ValidUntil) => (
            "有效期至（选填）".to_string(),
            format!("不填就按初领日期加{}年算", rules::VALID_YEARS),
        ),
        Field::Cert(CertField::Label) => fixed(
            "自己的备注名（选填）",
            "例如证号后四位。只保存在这台手机上，不会放进链接",
        ),
        Field::Cycle => (
            format!(
                "每{}年复审一次（连续从事本工种{}年以上、没有违章，经发证机关同意）",
                rules::EXTENDED_REVIEW_EVERY_YEARS,
                rules::EXTENDED_AFTER_YEARS
            ),
            String::new(),
        ),
        Field::Event(EventField::Kind) => fixed("记什么", ""),
        Field::Event(EventField::Date) => fixed("日期", ""),
        Field::Event(EventField::Hours) => (
            "学时".to_string(),
            format!("复审前至少要培训{}学时", rules::MIN_TRAINING_HOURS),
        ),
        Field::Event(EventField::Note) => fixed("备注", "只保存在这台手机上，不会放进链接和日历"),
    }
}

fn option(out: &mut String, value: &str, text: &str) {
    let _ = write!(out, "<option value=\"{value}\">{text}</option>");
}

/// A field: label, hint, control and error line; the hint and the error line are tied to the
/// control by `aria-describedby`. The switch is a checkbox with its label after it.
fn field(out: &mut String, form: &Form, field: Field) {
    let id = form.id(field);
    let name = field.name();
    let (label, hint) = label_hint(field);
    if field == Field::Cycle {
        let _ = write!(
            out,
            "<div class=\"tl-field tl-check\"><input id=\"{id}\" name=\"{name}\" type=\"checkbox\">\
             <label for=\"{id}\">{label}</label></div>"
        );
        return;
    }
    let (hint, described) = if hint.is_empty() {
        (String::new(), format!("{id}-error"))
    } else {
        (
            format!("<p class=\"tl-hint\" id=\"{id}-hint\">{hint}</p>"),
            format!("{id}-hint {id}-error"),
        )
    };
    let common = format!(
        "id=\"{id}\" name=\"{name}\" aria-describedby=\"{described}\" aria-invalid=\"false\""
    );
    let mut options = String::new();
    option(&mut options, "", "请选择");
    let control = match field {
        Field::Cert(CertField::Kind) => {
            for category in CATALOGUE {
                let _ = write!(options, "<optgroup label=\"{}\">", category.name);
                for kind in category.kinds {
                    option(&mut options, kind.code(), kind.name());
                }
                options.push_str("</optgroup>");
            }
            option(&mut options, OTHER_CODE, OTHER_NAME);
            format!("<select {common}>{options}</select>")
        }
        Field::Event(EventField::Kind) => {
            for code in EventKind::CODES {
                if let Some(kind) = EventKind::from_code(code, 0) {
                    option(&mut options, code, kind.label());
                }
            }
            format!("<select {common}>{options}</select>")
        }
        Field::Event(EventField::Note) => format!("<textarea {common} rows=\"2\"></textarea>"),
        Field::Event(EventField::Hours) => {
            format!("<input {common} type=\"text\" inputmode=\"numeric\" autocomplete=\"off\">")
        }
        Field::Cert(CertField::Other | CertField::Label) => {
            format!("<input {common} type=\"text\" autocomplete=\"off\">")
        }
        _ => format!("<input {common} type=\"date\" autocomplete=\"off\">"),
    };
    let _ = write!(
        out,
        "<div class=\"tl-field\"><label for=\"{id}\">{label}</label>{hint}{control}\
         <p class=\"tl-error\" id=\"{id}-error\"></p></div>"
    );
}

/// The whole `<form>` for `form`, known to the controller as `serial`. `novalidate`: the form
/// says what is wrong in its own words, never in browser bubbles.
pub fn form(form: &Form, serial: u32) -> String {
    let title = form.target.title();
    let mut out = format!(
        "<form class=\"tl-form\" novalidate aria-label=\"{title}\" data-form=\"{serial}\"><h4>{title}</h4>"
    );
    for &f in form.draft.fields() {
        field(&mut out, form, f);
    }
    out.push_str(
        "<p class=\"tl-form-status\" role=\"status\"></p><div class=\"tl-buttons\">\
         <button type=\"submit\" class=\"tl-primary\">保存</button>\
         <button type=\"button\" data-action=\"cancel\">取消</button>",
    );
    if let Some((first, _)) = form.target.remove() {
        button(&mut out, "remove", first, "tl-danger");
    }
    out.push_str("</div></form>");
    out
}

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

/// Everything the notices show.
pub struct Notices<'a> {
    /// How the timeline is kept.
    pub keeping: &'a Keeping,
    /// A timeline that arrived.
    pub arriving: Option<&'a Arriving>,
    /// The estimator's exam waiting for a certificate.
    pub pending: Option<PendingExam>,
    /// The timeline.
    pub timeline: &'a Timeline,
    /// "重新开始" was tapped once.
    pub confirm_discard: bool,
    /// Today in China.
    pub today: NaiveDate,
}

/// The notices, in order of urgency: storage trouble, an unreadable stored timeline, an
/// arriving timeline, the estimator's exam waiting for a certificate.
pub fn notices(n: &Notices<'_>) -> String {
    let mut out = String::new();
    if let Some(trouble) = n.keeping.trouble {
        let text = match trouble {
            StorageError::Unavailable => "这个浏览器不让本页在手机上保存内容（可能开了无痕模式），时间线只留在这个页面里，关掉就没了。收藏本页链接可以留住日期（不含备注），也可以导出备份文件。",
            StorageError::Full => "手机的存储空间满了，刚才的修改没能保存在手机上，只留在这个页面里。收藏本页链接可以留住日期（不含备注），也可以导出备份文件。",
        };
        notice(
            &mut out,
            "tl-warn",
            "storage-trouble",
            None,
            &[text],
            false,
            "",
        );
    }
    if let Some(u) = &n.keeping.unreadable {
        let newer = matches!(u.error, LoadError::Newer(_));
        let mut lines = vec![u.error.storage_message()];
        if !u.kept && !newer {
            lines.push("备份没能单独保存：在你导出或选择重新开始之前，这里的修改不会存到手机上。");
        }
        let mut buttons = String::new();
        button(&mut buttons, "export-raw", "导出原来的数据", "");
        if !newer {
            let again = if n.confirm_discard {
                "确定删除原来的数据，重新开始"
            } else {
                "重新开始"
            };
            button(&mut buttons, "discard", again, "tl-danger");
        }
        notice(
            &mut out,
            "tl-warn",
            "storage-unreadable",
            None,
            &lines,
            true,
            &buttons,
        );
    }
    match n.arriving {
        Some(Arriving::Unreadable(error)) => notice(
            &mut out,
            "tl-warn",
            "arrival",
            None,
            &[error.message()],
            true,
            "<button type=\"button\" data-action=\"dismiss\">知道了</button>",
        ),
        Some(Arriving::Conflict { incoming, from }) => {
            let (there, replace, keep) = match from {
                Source::Link => ("链接里", "用链接里的替换", "保留我的"),
                Source::File => ("备份文件里", "用备份替换", "不导入，保留我的"),
            };
            let mine = format!("这台手机上：{}", names(n.timeline));
            let theirs = format!("{there}：{}", names(incoming));
            let lines = [
                mine.as_str(),
                theirs.as_str(),
                "替换会删掉这台手机上的证书和备注；合并会保留这台手机上的全部内容，再加上另一边多出来的证书和日期。",
            ];
            let mut buttons = String::new();
            button(&mut buttons, "replace", replace, "");
            button(&mut buttons, "merge", "合并两边", "tl-primary");
            button(&mut buttons, "keep", keep, "");
            let title = format!("{there}的时间线和这台手机上的不一样");
            notice(
                &mut out,
                "tl-ask",
                "arrival",
                Some(&title),
                &lines,
                true,
                &buttons,
            );
        }
        None => {}
    }
    if let Some(p) = n.pending {
        let day = short_zh(p.exam, n.today);
        let mut buttons = String::new();
        for c in &n.timeline.certificates {
            button(&mut buttons, &format!("exam-{}", c.id), &name(c), "");
        }
        let question = if buttons.is_empty() {
            format!("先添加证书：保存后会把估算里的考试日期（{day}）一并记上。")
        } else {
            format!("估算里的考试日期（{day}）记到哪本证书？")
        };
        button(&mut buttons, "drop-exam", "不记了", "");
        notice(
            &mut out,
            "tl-ask",
            "exam-prompt",
            None,
            &[&question],
            false,
            &buttons,
        );
    }
    out
}

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

/// What to do when an offered file does not arrive (WeChat blocks downloads): open in a
/// browser, or copy; should copying fail too, the text itself to copy by hand.
pub fn offer(o: &Offer, in_wechat: bool) -> String {
    let first = if o.started {
        format!("已开始下载 {}。", o.name)
    } else {
        "这个浏览器没能下载文件。".to_string()
    };
    let place = if in_wechat {
        "在微信里打开的页面下载不了文件："
    } else {
        "没有收到文件的话："
    };
    let help = format!(
        "{first}{place}点右上角「···」，选「在浏览器中打开」，再点一次；也可以复制内容，发给自己保存。"
    );
    let mut lines = vec![help.as_str()];
    match o.copied {
        Some(true) => lines.push("已复制。"),
        Some(false) => lines.push("没能自动复制：请长按下面的文字，全选后复制。"),
        None => {}
    }
    let mut out = String::new();
    notice(
        &mut out,
        "tl-ask",
        "offer",
        None,
        &lines,
        false,
        "<button type=\"button\" data-action=\"copy\">复制内容</button>\
         <button type=\"button\" data-action=\"close\">关闭</button>",
    );
    if o.copied == Some(false) {
        let _ = write!(
        out,
            "<textarea class=\"tl-manual\" readonly rows=\"4\" aria-label=\"要复制的内容\">{}</textarea>",
            escape(&o.text)
        );
    }
    out
}

/// 清除我的数据, or, after the first tap, the question.
pub fn clear(confirm: bool) -> String {
    let mut out = String::new();
    if confirm {
        notice(
            &mut out,
            "tl-warn",
            "clear-confirm",
            None,
            &["确定清除吗？会删除本工具在这台手机上保存的全部内容：证书时间线和它的备份、咨询草稿和没发出的咨询、估算设置，链接里的日期也会清掉。删除后不能恢复，需要的话先导出备份文件。"],
            true,
            "<button type=\"button\" data-action=\"clear-yes\" class=\"tl-danger\">确定清除</button>\
             <button type=\"button\" data-action=\"clear-no\">取消</button>",
        );
    } else {
        out.push_str(
            "<div class=\"tl-buttons\"><button type=\"button\" data-action=\"clear\" class=\"tl-danger\">清除我的数据</button></div>",
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::timeline::form::Target;
    use fushen_domain::certificate::CertificateKind::FusionWelding;
    use fushen_domain::estimate::Assumptions;
    use fushen_domain::timeline::schedule::plan;
    use fushen_domain::timeline::testing::{cert, d};

    #[test]
    fn the_holders_words_are_escaped_everywhere() {
        let today = d(2026, 3, 1);
        let mut data = cert(FusionWelding, d(2020, 5, 10));
        data.label = "<b>1234</b>".into();
        let t = Timeline::from_parts(vec![(data, vec![])]);
        let c = &t.certificates[0];
        let html = card(c, &plan(c, today, Assumptions::default()), today, true);
        assert!(html.contains("&lt;b&gt;1234&lt;/b&gt;") && !html.contains("<b>"));
        assert!(html.contains("id=\"cert-1-title\"") && html.contains("data-action=\"add-event\""));
        let o = Offer {
            name: "a.json".into(),
            text: "</textarea><script>".into(),
            started: true,
            copied: Some(false),
        };
        let html = offer(&o, false);
        assert!(html.contains("&lt;/textarea&gt;&lt;script&gt;") && !html.contains("<script>"));
    }

    #[test]
    fn every_field_is_labelled_and_described() {
        let t = Timeline::from_parts(vec![(cert(FusionWelding, d(2020, 5, 10)), vec![])]);
        for target in [
            Target::NewCertificate,
            Target::Certificate(1),
            Target::NewEvent(1),
        ] {
            let f = Form::open(target, &t, d(2026, 3, 1));
            let html = form(&f, 7);
            assert!(html.contains(&format!("aria-label=\"{}\"", target.title())));
            assert!(html.contains("data-form=\"7\""));
            for &field in f.draft.fields() {
                let id = f.id(field);
                assert_eq!(html.matches(&format!("id=\"{id}\"")).count(), 1, "{id}");
                assert!(html.contains(&format!("for=\"{id}\"")), "{id}");
                if field != Field::Cycle {
                    assert!(html.contains(&format!("id=\"{id}-error\"")), "{id}");
                    assert!(html.contains(&format!("{id}-error\" aria-invalid=\"false\"")));
                }
            }
            assert_eq!(
                html.contains("data-action=\"remove\""),
                target.remove().is_some()
            );
        }
    }

    #[test]
    fn notices_name_both_sides_of_a_conflict() {
        let t = Timeline::from_parts(vec![(cert(FusionWelding, d(2020, 5, 10)), vec![])]);
        let arriving = Arriving::Conflict {
            incoming: Timeline::default(),
            from: Source::Link,
        };
        let keeping = Keeping::default();
        let html = notices(&Notices {
            keeping: &keeping,
            arriving: Some(&arriving),
            pending: Some(PendingExam {
                exam: d(2026, 4, 15),
                accepted: None,
            }),
            timeline: &t,
            confirm_discard: false,
            today: d(2026, 3, 1),
        });
        assert!(html.contains("链接里的时间线和这台手机上的不一样"));
        assert!(html.contains("熔化焊接与热切割作业（2020年5月10日初领）"));
        assert!(html.contains("data-action=\"exam-1\""));
        assert!(clear(true).contains("data-testid=\"clear-confirm\""));
    }
}
