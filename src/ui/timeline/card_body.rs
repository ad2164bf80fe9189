//! The display part of a certificate's card, as HTML: status and countdown, the next action,
//! warnings, and the vertical timeline (today marked, past dimmed, the next action highlighted).
//! It is pure text and one kind of button, so it is written as escaped HTML rather than as many
//! compiled view types (the first load must stay small); every piece of text, ours or the
//! holder's, goes through [`escape`]. The edit buttons carry `data-action="edit"` and
//! `data-event`; the tool listens once.

use std::fmt::Write;

use chrono::NaiveDate;

use crate::ui::html::escape;
use fushen_domain::dates::{iso, short_zh};
use fushen_domain::timeline::messages::range_message;
use fushen_domain::timeline::schedule::{CertificatePlan, Item, What};

/// Appends `<tag class="class">text</tag>` with `text` escaped.
fn element(out: &mut String, tag: &str, class: &str, text: &str) {
    let _ = write!(out, "<{tag} class=\"{class}\">{}</{tag}>", escape(text));
}

fn time(out: &mut String, date: NaiveDate, text: &str) {
    let _ = write!(
        out,
        "<time datetime=\"{}\">{}</time>",
        iso(date),
        escape(text)
    );
}

fn item(out: &mut String, item: &Item, today: NaiveDate) {
    let (title, detail, note, edit) = match &item.what {
        What::Milestone { kind, range } => (
            kind.title(),
            range.map(|(low, high)| range_message(low, high, today)),
            None,
            None,
        ),
        What::Event { id, data } => (
            data.kind.label().to_string(),
            data.kind.detail(),
            (!data.note.is_empty()).then_some(data.note.as_str()),
            Some(*id),
        ),
    };
    let class = [
        "tl-item",
        if item.past { " past" } else { "" },
        if item.next { " next" } else { "" },
        if edit.is_some() { " event" } else { "" },
    ]
    .concat();
    let current = if item.next {
        " aria-current=\"step\""
    } else {
        ""
    };
    let _ = write!(out, "<li class=\"{class}\"{current}>");
    let day = short_zh(item.date, today);
    time(out, item.date, &day);
    out.push_str("<div class=\"tl-body\">");
    if item.next {
        element(out, "span", "tl-next-mark", "下一步");
    }
    element(out, "span", "tl-title", &title);
    if let Some(detail) = detail {
        element(out, "span", "tl-detail", &detail);
    }
    if let Some(note) = note {
        element(out, "span", "tl-note", note);
    }
    out.push_str("</div>");
    if let Some(id) = edit {
        let label = escape(&format!("修改：{title}（{day}）"));
        let _ = write!(
            out,
            "<button type=\"button\" class=\"tl-edit\" data-action=\"edit\" data-event=\"{id}\" \
             aria-label=\"{label}\">修改</button>"
        );
    }
    out.push_str("</li>");
}

/// The card's body for `plan` as seen on `today`.
pub fn body(plan: &CertificatePlan, today: NaiveDate) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<p class=\"tl-status\" data-status=\"{}\">",
        plan.status.code()
    );
    element(&mut out, "span", "tl-badge", plan.status.label());
    element(
        &mut out,
        "span",
        "tl-countdown",
        &plan.countdown.message(today),
    );
    out.push_str("</p><p class=\"tl-action\">");
    element(&mut out, "span", "tl-action-label", "下一步：");
    out.push_str(&escape(&plan.action.message(today)));
    out.push_str("</p>");
    if !plan.warnings.is_empty() {
        out.push_str("<ul class=\"tl-warnings\">");
        for w in &plan.warnings {
            element(&mut out, "li", "tl-warning", &w.message());
        }
        out.push_str("</ul>");
    }
    out.push_str("<ol class=\"tl-list\" aria-label=\"时间线\">");
    let marker = plan.items.iter().position(|i| i.date >= today);
    for (i, line) in plan.items.iter().enumerate() {
        if Some(i) == marker {
            today_line(&mut out, today);
        }
        item(&mut out, line, today);
    }
    if marker.is_none() {
        today_line(&mut out, today);
    }
    out.push_str("</ol>");
    out
}

fn today_line(out: &mut String, today: NaiveDate) {
    out.push_str("<li class=\"tl-today\" aria-current=\"date\">");
    time(out, today, &format!("今天 · {}", short_zh(today, today)));
    out.push_str("</li>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use fushen_domain::certificate::CertificateKind::FusionWelding;
    use fushen_domain::estimate::Assumptions;
    use fushen_domain::timeline::model::{EventKind, Timeline};
    use fushen_domain::timeline::schedule::plan;
    use fushen_domain::timeline::testing::{cert, d, event};

    #[test]
    fn the_holders_words_cannot_become_markup() {
        assert_eq!(
            escape(r#"<img src=x onerror="a('b')">&"#),
            "&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;"
        );
        let mut note = event(EventKind::Note, d(2023, 4, 1));
        note.note = "<script>alert(1)</script>".into();
        let t = Timeline::from_parts(vec![(cert(FusionWelding, d(2020, 5, 10)), vec![note])]);
        let today = d(2023, 4, 20);
        let html = body(
            &plan(&t.certificates[0], today, Assumptions::default()),
            today,
        );
        assert!(!html.contains("<script>"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        // Today's marker stands between the past and what is ahead; one item is the next step.
        let today_at = html.find("tl-today").unwrap();
        assert!(html[..today_at].contains("2023-04-01"));
        assert!(html[today_at..].contains("2023-05-10"));
        assert_eq!(html.matches("aria-current=\"step\"").count(), 1);
        assert!(html.contains("data-event=\"2\""));
        assert!(html.contains("5月10日前提交复审申请"));
    }
}
