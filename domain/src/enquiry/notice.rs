//! The short privacy notice (《个人信息说明》) the consent box refers to, and its version.
//!
//! Every payload carries the version the user agreed to. Changing a word of the notice means a
//! new version: a test pins the text to [`NOTICE_VERSION`] so that this cannot be forgotten.

/// The version of the notice's text. A draft ticked for an older version is unticked on load.
pub const NOTICE_VERSION: u32 = 1;
/// When this version took effect, 2026-11-01T00:00:00+08:00 as Unix ms: no consent to it can be
/// older, so the receiver refuses an earlier `consent.given_at` or `submitted_at` (a phone whose
/// clock is wrong). A new version needs its own date here, the day it goes live.
pub const NOTICE_IN_FORCE_MS: i64 = 1_793_462_400_000;
/// When this version was written, as the notice shows it.
pub const NOTICE_DATE: &str = "2026年11月";
/// The notice's title.
pub const NOTICE_TITLE: &str = "个人信息说明";

/// The line under the notice: which version, written when.
pub fn edition() -> String {
    format!("第{NOTICE_VERSION}版，{NOTICE_DATE}")
}

/// The notice's sections (heading, text). `institution` and `phone` are the deployment's
/// settings, when configured.
pub fn notice_sections(
    institution: Option<&str>,
    phone: Option<&str>,
) -> [(&'static str, String); 6] {
    let receiver = match institution {
        Some(name) => format!("运营本页面的培训机构（{name}）"),
        None => "运营本页面的培训机构".to_string(),
    };
    let contact = match phone {
        Some(number) => format!("打电话（{number}）给培训机构"),
        None => "联系培训机构".to_string(),
    };
    [
        (
            "谁会收到",
            format!("你点“提交”后，填写的内容只发给{receiver}，不会交给其他单位或个人，也不会用来发广告。"),
        ),
        (
            "用来做什么",
            "只用来回复你的咨询，帮你安排复审培训和报名。".to_string(),
        ),
        (
            "收集哪些",
            "姓名、手机号码、证书类型；你愿意填的话，还有所在区县、证书到期日和留言。另外记下提交的时间和你同意本说明的时间。"
                .to_string(),
        ),
        (
            "保存多久",
            "培训机构收到后最多保存12个月，到期删除。提交之前，内容只保存在这部手机的浏览器里：点“清空”就能删掉，提交成功后也会自动删掉。"
                .to_string(),
        ),
        (
            "怎样要求删除",
            format!("{contact}，说要查看、更正或删除你的信息，并报上咨询编号。核实是你本人后，机构会照办并告诉你结果。"),
        ),
        (
            "不同意也没关系",
            "可以不填这张表，直接打电话咨询。".to_string(),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// FNV-1a, enough to notice a changed word.
    fn fingerprint(text: &str) -> u64 {
        text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        })
    }

    #[test]
    fn the_text_is_pinned_to_its_version() {
        let text: String = notice_sections(Some("{机构}"), Some("{电话}"))
            .iter()
            .map(|(heading, body)| format!("{heading}\n{body}\n"))
            .collect();
        // Changed the notice? Bump NOTICE_VERSION and NOTICE_DATE, then update this pair.
        assert_eq!(
            (NOTICE_VERSION, fingerprint(&text)),
            (1, 9_042_646_478_199_861_578),
            "the notice's text changed: bump NOTICE_VERSION and update the fingerprint"
        );
    }

    #[test]
    fn the_version_took_effect_on_the_first_of_november_in_china() {
        let start = chrono::DateTime::parse_from_rfc3339("2026-11-01T00:00:00+08:00").unwrap();
        assert_eq!(NOTICE_IN_FORCE_MS, start.timestamp_millis());
        // The date the notice shows is the month it took effect.
        assert_eq!(NOTICE_DATE, "2026年11月");
    }

    #[test]
    fn the_edition_names_version_and_date() {
        assert_eq!(edition(), "第1版，2026年11月");
    }

    #[test]
    fn settings_appear_where_configured() {
        let with = notice_sections(Some("衡阳某培训学校"), Some("0734-1234567"));
        assert!(with[0].1.contains("衡阳某培训学校"));
        assert!(with[4].1.contains("0734-1234567"));
        let without = notice_sections(None, None);
        assert!(without[0].1.contains("运营本页面的培训机构，"));
        assert!(without[4].1.starts_with("联系培训机构"));
    }
}
