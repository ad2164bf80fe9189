//! The static page (index.html) against the data and rules it describes, so that the text a
//! welder reads without WebAssembly cannot drift from what the tools compute.

use fushen_domain::calendar::WorkingCalendar;
use fushen_domain::rules;

const PAGE: &str = include_str!("../../index.html");

#[test]
fn footer_names_the_published_holiday_years() {
    let (first, last) = WorkingCalendar::china()
        .published_years()
        .expect("data is published");
    let range = format!("已收录{first}年至{last}年");
    assert!(PAGE.contains(&range), "index.html should say {range}");
    let next = format!("{}年及以后的安排尚未公布", last + 1);
    assert!(PAGE.contains(&next), "index.html should say {next}");
}

#[test]
fn guide_numbers_match_the_rules() {
    for text in [
        format!("有效期{}年", rules::VALID_YEARS),
        format!("每{}年复审一次", rules::REVIEW_EVERY_YEARS),
        format!("连续干满{}年以上", rules::EXTENDED_AFTER_YEARS),
        format!("改成每{}年一次", rules::EXTENDED_REVIEW_EVERY_YEARS),
        format!("到期前{}天内申请", rules::APPLY_WITHIN_DAYS),
        format!("不少于{}个学时", rules::MIN_TRAINING_HOURS),
        format!("受理后{}个工作日内办完", rules::AUTHORITY_WORKING_DAYS),
        format!(
            "默认用{}、{}个工作日",
            rules::DEFAULT_EARLIEST_WORKING_DAYS,
            rules::DEFAULT_USUAL_WORKING_DAYS
        ),
        format!("考后第{}个工作日", rules::DEFAULT_EARLIEST_WORKING_DAYS),
    ] {
        assert!(PAGE.contains(&text), "index.html should say {text}");
    }
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
