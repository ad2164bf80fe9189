//! The static page (index.html) against the data and rules it describes, so that the text a
//! welder reads without WebAssembly cannot drift from what the tools compute, and the facts the
//! guide states stay the regulation's (each with its article).

use fushen_domain::calendar::CalendarChoice;
use fushen_domain::estimate::messages as words;
use fushen_domain::rules::{self, article};

const PAGE: &str = include_str!("../../index.html");
const SERVICE_WORKER: &str = include_str!("../../static/sw.js");

/// The guide section, from its heading to the end of its `<section>`.
fn guide() -> &'static str {
    let start = PAGE.find("<section id=\"guide\"").expect("a guide");
    let end = start + PAGE[start..].find("</section>").expect("its end");
    &PAGE[start..end]
}

/// The line of the page (a list item or paragraph) around byte `at`.
fn line_around(at: usize) -> &'static str {
    let start = PAGE[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = at + PAGE[at..].find('\n').unwrap_or(PAGE.len() - at);
    &PAGE[start..end]
}

#[test]
fn footer_names_the_holiday_data_built_into_the_page() {
    let footer = CalendarChoice::embedded().footer_text();
    assert!(
        PAGE.contains(&format!("<li data-holiday-source>{footer}</li>")),
        "index.html's footer should say {footer}"
    );
}

#[test]
fn the_holiday_file_is_shipped_and_cached() {
    assert!(PAGE.contains(r#"<link data-trunk rel="copy-file" href="static/cn-holidays.txt">"#));
    assert!(SERVICE_WORKER.contains("const DATA = ['cn-holidays.txt']"));
}

#[test]
fn the_caveat_and_the_check_advice_say_what_the_rules_hold() {
    // Shown under every answer, on every timeline card and in every calendar event.
    assert!(rules::RULES_CAVEAT.starts_with(&format!("以上按{}计算。", rules::OLD_RULES)));
    assert!(rules::RULES_CAVEAT.contains(&format!(
        "{}起施行新规定（{}），现行要求请向发证机关或培训机构确认",
        rules::NEW_RULES_IN_FORCE,
        rules::NEW_RULES_ORDER
    )));
    let (min, max) = rules::CHECK_GAP_WORKING_DAYS;
    assert!(fushen_domain::estimate::messages::CHECK_ADVICE
        .starts_with(&format!("每隔{min}到{max}个工作日查一次")));
}

#[test]
fn guide_numbers_match_the_rules_with_their_articles() {
    let (check_min, check_max) = rules::CHECK_GAP_WORKING_DAYS;
    let (sync_min, sync_max) = rules::SYNC_WORKING_DAYS;
    for text in [
        format!("按原规定，特种作业操作证（焊工证、电工证等）每{}年复审一次", rules::REVIEW_EVERY_YEARS),
        format!("证书有效期{}年，全国通用（第{}条）", rules::VALID_YEARS, article::VALIDITY),
        format!(
            "每{}年复审一次；在有效期内连续从事本工种{}年以上、没有违章的，经发证机关同意，可以改成每{}年复审一次（第{}条）",
            rules::REVIEW_EVERY_YEARS,
            rules::EXTENDED_AFTER_YEARS,
            rules::EXTENDED_REVIEW_EVERY_YEARS,
            article::CYCLE
        ),
        format!("复审申请要在到期前{}天内提出（第{}条）", rules::APPLY_WITHIN_DAYS, article::APPLICATION),
        format!("到期前{}天内申请复审，材料包括健康证明、从事特种作业的情况和安全培训考试合格记录", rules::APPLY_WITHIN_DAYS),
        format!("同样申请延期复审（第{}条）", article::APPLICATION),
        format!("要参加不少于{}个学时的安全培训，并考试合格（第{}条）", rules::MIN_TRAINING_HOURS, article::TRAINING),
        format!("申请前参加不少于{}个学时的安全培训，并考试合格（第{}条）", rules::MIN_TRAINING_HOURS, article::TRAINING),
        format!("发证机关收到申请后，应在{}个工作日内办完复审（第{}条）", rules::AUTHORITY_WORKING_DAYS, article::REVIEW),
        format!(
            "发证机关收到申请后{}个工作日内办完：复审合格的在证上签章、登记，延期复审合格的重新发证（第{}条）",
            rules::AUTHORITY_WORKING_DAYS,
            article::REVIEW
        ),
        format!("<strong>每{}年一次的复审</strong>：合格后，发证机关在原证上签章、登记（第{}条）", rules::REVIEW_EVERY_YEARS, article::REVIEW),
        format!("<strong>证书{}年期满时的延期复审</strong>：合格后，发证机关重新发证（第{}条）", rules::VALID_YEARS, article::REVIEW),
        format!("复审没通过，发证机关会说明理由（第{}条）", article::REVIEW),
        format!("合格后再办一次复审（第{}条）", article::FAILED),
        format!("<strong>再复审还不合格，或者没有按期复审，证书才会失效</strong>（第{}条）", article::FAILED),
        format!("再复审仍不合格，或者没有按期复审的，证书失效（第{}条）", article::FAILED),
        format!(
            "常见的说法是<strong>{}到{}个工作日</strong>",
            rules::DEFAULT_EARLIEST_WORKING_DAYS,
            rules::DEFAULT_USUAL_WORKING_DAYS
        ),
        format!("所以可能再多{sync_min}到{sync_max}个工作日"),
        format!("别处说法不一，{}。", rules::OTHER_QUOTED_WAITS),
        format!(
            "默认按考后第{}、{}个工作日估算，另加{}个工作日平台同步",
            rules::DEFAULT_EARLIEST_WORKING_DAYS,
            rules::DEFAULT_USUAL_WORKING_DAYS,
            rules::DEFAULT_SYNC_WORKING_DAYS
        ),
        format!("每隔{check_min}到{check_max}个工作日查一次就够了"),
        format!("本页按{}说明", rules::OLD_RULES),
        format!("{}起施行新规定（{}）", rules::NEW_RULES_IN_FORCE, rules::NEW_RULES_ORDER),
    ] {
        assert!(guide().contains(&text), "the guide should say {text}");
    }
    for text in [
        format!("规定：{}。", rules::OLD_RULES),
        format!(
            "{}起施行新规定（{}），现行要求请向发证机关或培训机构确认",
            rules::NEW_RULES_IN_FORCE,
            rules::NEW_RULES_ORDER
        ),
    ] {
        assert!(PAGE.contains(&text), "the footer should say {text}");
    }
}

#[test]
fn the_estimators_stand_in_says_what_the_tool_says() {
    let a = fushen_domain::estimate::Assumptions::default();
    for (label, note) in [
        (words::EARLIEST_LABEL, words::after_exam_note(a.earliest)),
        (words::USUAL_LABEL, words::after_exam_note(a.usual)),
        (words::SLOW_LABEL, words::sync_note(a.sync)),
    ] {
        let row = format!(
            "<span class=\"answer-label\">{label}</span><span class=\"answer-date\">—</span><span class=\"answer-note\">{note}</span>"
        );
        assert!(PAGE.contains(&row), "index.html should have the row {row}");
    }
    assert!(PAGE.contains(&format!(
        "<p class=\"field-hint\">{}</p>",
        words::ACCEPTED_HINT
    )));
}

#[test]
fn the_page_states_no_fact_it_cannot_back() {
    for wrong in [
        // Art. 26: a failed review leads to retraining and a second review first.
        "复审不合格的，证书失效",
        // The third date is the slower case, not a latest date.
        "最晚",
        // The 15–30 figure is published by training sites for several cities, not known to be
        // Hengyang's.
        "衡阳的培训机构",
        "衡阳培训机构",
        // TSG Z6002 is the welding operators' rules, not 《特种设备作业人员考核规则》.
        "考核规则》（TSG Z6002）",
        // Unknown: whether work may go on; the page says to ask.
        "一般会被看作已经申请延续",
    ] {
        assert!(!PAGE.contains(wrong), "index.html should not say {wrong}");
    }
    assert!(guide().contains("《特种设备作业人员考核规则》（TSG Z6001）"));
    assert!(guide().contains("《特种设备焊接操作人员考核细则》（TSG Z6002）"));
    // A new validity is what a 延期复审 brings, never the sign of every review.
    let mentions: Vec<(usize, &str)> = PAGE.match_indices("新的有效期").collect();
    assert!(!mentions.is_empty());
    for (at, _) in mentions {
        let line = line_around(at);
        assert!(
            line.contains("延期复审"),
            "'新的有效期' outside the 延期复审: {line}"
        );
    }
}

#[test]
fn the_steps_come_in_the_order_a_holder_lives_them() {
    let steps = guide();
    let position = |text: &str| {
        steps
            .find(text)
            .unwrap_or_else(|| panic!("the steps say {text}"))
    };
    let order = [
        "<strong>到期前报名。</strong>",
        "<strong>参加培训和考试。</strong>",
        "<strong>提交申请。</strong>考试合格的记录和其他材料一起交给发证机关",
        "<strong>等待审核。</strong>",
        "<strong>查到结果。</strong>",
    ];
    for pair in order.windows(2) {
        assert!(
            position(pair[0]) < position(pair[1]),
            "{} before {}",
            pair[0],
            pair[1]
        );
    }
    assert!(steps.contains("由机构收齐材料、替你提交"));
    assert!(steps.contains("<li>安全培训和考试合格的记录"));
    assert!(steps.contains("问培训机构（电话见页面底部）"));
}

#[test]
fn the_page_has_no_inline_script_and_a_strict_policy() {
    // Every <script> has a src (the CSP allows no inline script).
    for piece in PAGE.split("<script").skip(1) {
        let tag = piece.split('>').next().unwrap_or("");
        assert!(tag.contains("src="), "inline script found: <script{tag}>");
    }
    let csp = PAGE
        .split("http-equiv=\"Content-Security-Policy\" content=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a CSP meta tag");
    assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval'"));
    assert!(!csp.contains("script-src 'self' 'unsafe-inline'"));
    assert!(csp.contains("object-src 'none'"));
    assert!(
        !csp.contains("http:") && !csp.contains("https:"),
        "no third-party origins"
    );
}
