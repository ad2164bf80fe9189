//! The estimator's frame as HTML text: the inputs, the places its answer, reasons and
//! assumptions are written into, and the ids that tie them together. Written once; the
//! controller fills it in.

use crate::ui::html::Html;
use fushen_domain::calendar::{FIRST_YEAR, LAST_YEAR};
use fushen_domain::estimate::Assumptions;

/// Element ids.
pub mod ids {
    /// Messages about the link or stored inputs.
    pub const NOTICES: &str = "est-notices";
    /// The exam date input.
    pub const EXAM: &str = "exam-date";
    /// Its error line.
    pub const EXAM_ERROR: &str = "exam-date-error";
    /// The acceptance date input.
    pub const ACCEPTED: &str = "accepted-date";
    /// Its hint.
    pub const ACCEPTED_HINT: &str = "accepted-date-hint";
    /// Its error line.
    pub const ACCEPTED_ERROR: &str = "accepted-date-error";
    /// The live region that says the two dates that matter.
    pub const SUMMARY: &str = "est-summary";
    /// The answer.
    pub const ANSWER: &str = "est-answer";
    /// The "add to timeline" block.
    pub const ADD: &str = "est-add";
    /// What the timeline said to it.
    pub const ADDED: &str = "est-added";
    /// The reasons' `<details>`.
    pub const WHY: &str = "est-why";
    /// Where the reasons are written.
    pub const WHY_BODY: &str = "est-why-body";
    /// The assumptions' summary line.
    pub const ASSUMPTIONS_SUMMARY: &str = "est-assumptions-summary";
    /// The three working-day count inputs.
    pub const EARLIEST: &str = "count-earliest";
    /// See [`EARLIEST`].
    pub const USUAL: &str = "count-usual";
    /// See [`EARLIEST`].
    pub const SYNC: &str = "count-sync";
    /// Their shared error line.
    pub const COUNTS_ERROR: &str = "counts-error";
    /// Every input, in page order.
    pub const INPUTS: [&str; 5] = [EXAM, ACCEPTED, EARLIEST, USUAL, SYNC];
}

fn date_input(h: &mut Html, id: &str, described_by: Option<&str>) {
    let min = format!("{FIRST_YEAR}-01-01");
    let max = format!("{LAST_YEAR}-12-31");
    let mut attributes = vec![
        ("id", id),
        ("type", "date"),
        ("min", &min),
        ("max", &max),
        ("aria-invalid", "false"),
    ];
    if let Some(d) = described_by {
        attributes.push(("aria-describedby", d));
    }
    h.open("input", &attributes);
}

fn count_field(h: &mut Html, id: &str, label: &str) {
    h.open("div", &[("class", "count-field")]);
    h.element("label", &[("for", id)], label);
    h.open(
        "input",
        &[
            ("id", id),
            ("type", "text"),
            ("inputmode", "numeric"),
            ("autocomplete", "off"),
            ("maxlength", "3"),
            ("aria-invalid", "false"),
        ],
    );
    h.close("div");
}

/// The estimator's frame.
pub fn frame() -> String {
    let d = Assumptions::default();
    let mut h = Html::new();
    h.open(
        "div",
        &[
            ("id", ids::NOTICES),
            ("class", "notice"),
            ("role", "status"),
            ("hidden", ""),
        ],
    );
    h.close("div");
    h.open("div", &[("class", "estimator-inputs")]);
    h.open("div", &[("class", "field")]);
    h.element("label", &[("for", ids::EXAM)], "考试日期");
    date_input(&mut h, ids::EXAM, None);
    h.element(
        "p",
        &[
            ("class", "field-error"),
            ("id", ids::EXAM_ERROR),
            ("hidden", ""),
        ],
        "",
    );
    h.close("div");
    h.open("div", &[("class", "field")]);
    h.open("label", &[("for", ids::ACCEPTED)])
        .text("受理日期")
        .element("span", &[("class", "optional")], "（选填）")
        .close("label");
    date_input(&mut h, ids::ACCEPTED, Some(ids::ACCEPTED_HINT));
    h.element(
        "p",
        &[("class", "field-hint"), ("id", ids::ACCEPTED_HINT)],
        "复审申请被受理的日期，填了可算出法定办结期限。",
    );
    h.element(
        "p",
        &[
            ("class", "field-error"),
            ("id", ids::ACCEPTED_ERROR),
            ("hidden", ""),
        ],
        "",
    );
    h.close("div");
    h.close("div");

    h.open("div", &[("class", "answer")]);
    h.open(
        "p",
        &[
            ("class", "sr-only"),
            ("id", ids::SUMMARY),
            ("aria-live", "polite"),
            ("aria-atomic", "true"),
        ],
    );
    h.close("p");
    h.open("div", &[("id", ids::ANSWER)]).close("div");
    h.close("div");

    h.open(
        "div",
        &[
            ("class", "add-to-timeline"),
            ("id", ids::ADD),
            ("hidden", ""),
        ],
    );
    h.element(
        "button",
        &[
            ("type", "button"),
            ("class", "secondary"),
            ("data-action", "add"),
        ],
        "把这次考试记到我的证书时间线",
    );
    h.element(
        "p",
        &[("class", "added"), ("id", ids::ADDED), ("role", "status")],
        "",
    );
    h.close("div");

    h.open("details", &[("class", "why"), ("id", ids::WHY)]);
    h.element("summary", &[], "为什么是这些日期？");
    h.open("div", &[("id", ids::WHY_BODY)]).close("div");
    h.close("details");

    h.open("details", &[("class", "assumptions")]);
    h.element("summary", &[("id", ids::ASSUMPTIONS_SUMMARY)], "");
    h.element(
        "p",
        &[],
        &format!(
            "默认的{}/{}/{}个工作日，是衡阳的培训机构根据经验公布的常见时间，不是法定期限；其他地方的机构说法不一（有说10–15个工作日，也有说一到三个月）。你的培训机构给的天数不同，可以在这里改。",
            d.earliest, d.usual, d.sync
        ),
    );
    count_field(&mut h, ids::EARLIEST, "最早可查：考后第几个工作日");
    count_field(&mut h, ids::USUAL, "通常可查：考后第几个工作日");
    count_field(&mut h, ids::SYNC, "平台同步：再加几个工作日");
    h.element(
        "p",
        &[
            ("class", "field-error"),
            ("id", ids::COUNTS_ERROR),
            ("role", "alert"),
            ("hidden", ""),
        ],
        "",
    );
    h.element(
        "button",
        &[
            ("type", "button"),
            ("class", "secondary"),
            ("data-action", "reset"),
        ],
        "恢复默认",
    );
    h.close("details");
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_input_has_its_label_and_every_id_appears_once() {
        let html = frame();
        for id in ids::INPUTS {
            assert_eq!(html.matches(&format!("for=\"{id}\"")).count(), 1, "{id}");
        }
        for id in [
            ids::NOTICES,
            ids::EXAM,
            ids::EXAM_ERROR,
            ids::ACCEPTED,
            ids::ACCEPTED_HINT,
            ids::ACCEPTED_ERROR,
            ids::SUMMARY,
            ids::ANSWER,
            ids::ADD,
            ids::ADDED,
            ids::WHY,
            ids::WHY_BODY,
            ids::ASSUMPTIONS_SUMMARY,
            ids::EARLIEST,
            ids::USUAL,
            ids::SYNC,
            ids::COUNTS_ERROR,
        ] {
            assert_eq!(html.matches(&format!("id=\"{id}\"")).count(), 1, "{id}");
        }
        assert!(html.contains("min=\"2000-01-01\" max=\"2050-12-31\""));
    }
}
