//! The settings in force, with where each came from, and the checks of `settings.env` itself.

use std::collections::HashSet;

use super::robot::robot_name;
use super::{advice, must_fix, shown, Finding, Setting};
use crate::config::{parse_settings_file, Config, CookieSecure, SETTINGS_FILE};
use crate::notify::origin_of;

/// Every setting [`Config::from_vars`] reads; a name in `settings.env` that is not here has no
/// effect (a typo, most likely). A unit test keeps it in step with `config.rs`.
pub const KNOWN_SETTINGS: [&str; 20] = [
    "PORT",
    "FUSHEN_LISTEN",
    "FUSHEN_DATA",
    "FUSHEN_DB",
    "FUSHEN_SITE",
    "FUSHEN_INSTITUTION",
    "FUSHEN_PHONE",
    "FUSHEN_SITE_ORIGIN",
    "FUSHEN_TRUST_PROXY",
    "FUSHEN_COOKIE_SECURE",
    "FUSHEN_RETENTION_DAYS",
    "FUSHEN_RATE_LIMIT",
    "FUSHEN_WEBHOOK_URL",
    "FUSHEN_WEBHOOK_SECRET",
    "FUSHEN_WEBHOOK_KIND",
    "FUSHEN_INBOX_URL",
    "FUSHEN_LOG",
    "FUSHEN_BACKUP_DIR",
    "FUSHEN_BACKUP_KEEP",
    "FUSHEN_TEST_CLOCK_OFFSET_DAYS",
];

/// Which names the environment and `settings.env` set, to say where each value came from the
/// way [`Config::load`] looks: the environment first, then the file.
#[derive(Debug, Default)]
pub(super) struct Sources {
    env: HashSet<String>,
    file: HashSet<String>,
}

impl Sources {
    pub(super) fn read(config: &Config) -> Sources {
        let env = std::env::vars_os()
            .filter_map(|(name, _)| name.into_string().ok())
            .collect();
        let file = std::fs::read_to_string(config.data_dir.join(SETTINGS_FILE))
            .map(|text| {
                parse_settings_file(&text)
                    .into_iter()
                    .map(|(name, _)| name)
                    .collect()
            })
            .unwrap_or_default();
        Sources { env, file }
    }

    /// The source of a setting read from `names`, the first that is set winning.
    fn of(&self, names: &[&str]) -> String {
        for name in names {
            if self.env.contains(*name) {
                return format!("环境变量 {name}");
            }
            if self.file.contains(*name) {
                return SETTINGS_FILE.to_string();
            }
        }
        "默认".into()
    }
}

/// The settings in force, secrets left out.
pub(super) fn settings(config: &Config, sources: &Sources) -> Vec<Setting> {
    let setting = |label, value: String, names: &[&str]| Setting {
        label,
        value,
        source: sources.of(names),
    };
    let or_unset = |value: &Option<String>| value.clone().unwrap_or_else(|| "未设置".into());
    let robot = config.webhook.as_ref();
    vec![
        setting(
            "监听地址",
            config.listen.to_string(),
            &["FUSHEN_LISTEN", "PORT"],
        ),
        setting("数据目录", shown(&config.data_dir), &["FUSHEN_DATA"]),
        setting("数据库文件", shown(&config.db_path), &["FUSHEN_DB"]),
        setting(
            "网站目录",
            config
                .site_dir
                .as_deref()
                .map_or_else(|| "不提供网站，只接收咨询".into(), shown),
            &["FUSHEN_SITE"],
        ),
        setting(
            "机构名称",
            or_unset(&config.institution),
            &["FUSHEN_INSTITUTION"],
        ),
        setting("机构电话", or_unset(&config.phone), &["FUSHEN_PHONE"]),
        setting(
            "外部网站来源",
            config
                .site_origin
                .clone()
                .unwrap_or_else(|| "未设置（只接收同一网址下的网页发来的咨询）".into()),
            &["FUSHEN_SITE_ORIGIN"],
        ),
        setting(
            "信任反向代理",
            if config.trust_proxy {
                "是（采用代理写的 X-Forwarded-For、X-Forwarded-Proto）"
            } else {
                "否"
            }
            .into(),
            &["FUSHEN_TRUST_PROXY"],
        ),
        setting(
            "登录 Cookie 加 Secure",
            match config.cookie_secure {
                CookieSecure::Auto => "auto（反向代理说是 HTTPS 时加）",
                CookieSecure::Always => "true（总是加）",
                CookieSecure::Never => "false（从不加）",
            }
            .into(),
            &["FUSHEN_COOKIE_SECURE"],
        ),
        setting(
            "咨询保存期限",
            format!("{} 天", config.retention_days),
            &["FUSHEN_RETENTION_DAYS"],
        ),
        setting(
            "提交限额",
            format!("每个地址每分钟 {} 次", config.rate_limit_per_minute),
            &["FUSHEN_RATE_LIMIT"],
        ),
        setting(
            "备份目录",
            config
                .backup_dir
                .as_deref()
                .map_or_else(|| "关闭（off），不做每日备份".into(), shown),
            &["FUSHEN_BACKUP_DIR"],
        ),
        setting(
            "保留备份",
            format!("最近 {} 份", config.backup_keep),
            &["FUSHEN_BACKUP_KEEP"],
        ),
        setting(
            "群机器人",
            robot.map_or_else(
                || "未设置".into(),
                |r| {
                    format!(
                        "{} {}/…（网址其余部分含密钥，不显示）",
                        robot_name(r.kind),
                        origin_of(&r.url)
                    )
                },
            ),
            &["FUSHEN_WEBHOOK_URL"],
        ),
        setting(
            "机器人签名密钥",
            if robot.is_some_and(|r| r.secret.is_some()) {
                "已设置"
            } else {
                "未设置"
            }
            .into(),
            &["FUSHEN_WEBHOOK_SECRET"],
        ),
        setting(
            "收件箱地址（通知里的链接）",
            or_unset(&config.inbox_url),
            &["FUSHEN_INBOX_URL"],
        ),
        setting(
            "日志级别",
            config.log.to_string().to_lowercase(),
            &["FUSHEN_LOG"],
        ),
    ]
}

/// `settings.env`: it must be readable (the server skips it silently otherwise, and its settings
/// quietly take no effect), and every name in it must be one the server reads.
pub(super) fn settings_file(config: &Config) -> Vec<Finding> {
    let path = config.data_dir.join(SETTINGS_FILE);
    if !path.exists() {
        return Vec::new();
    }
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            return vec![must_fix(format!(
                "{} 读不了（{e}），里面的设置都没有生效：请让运行服务的用户能读它。",
                path.display()
            ))]
        }
    };
    let unknown: Vec<String> = parse_settings_file(&text)
        .into_iter()
        .map(|(name, _)| name)
        .filter(|name| !KNOWN_SETTINGS.contains(&name.as_str()))
        .collect();
    if unknown.is_empty() {
        return Vec::new();
    }
    vec![advice(format!(
        "{} 里有不认识的设置：{}，它们没有生效。请对照 docs/operator.md 的设置表检查拼写。",
        path.display(),
        unknown.join("、")
    ))]
}

/// Settings that exist for the tests only must not be left on a real installation: the staff
/// pages would show the wrong day.
pub(super) fn test_settings(config: &Config) -> Option<Finding> {
    (config.test_clock_offset_days != 0).then(|| {
        must_fix(format!(
            "FUSHEN_TEST_CLOCK_OFFSET_DAYS={} 只用于测试（工作人员页面的日期会差这么多天）：\
             请删掉这个设置。",
            config.test_clock_offset_days
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_known_settings_are_those_config_reads() {
        let source = include_str!("../config.rs");
        let mut read: Vec<&str> = source
            .split('"')
            .filter(|word| {
                *word == "PORT"
                    || (word.starts_with("FUSHEN_")
                        && word.len() > "FUSHEN_".len()
                        && word.bytes().all(|b| b.is_ascii_uppercase() || b == b'_'))
            })
            .collect();
        read.sort_unstable();
        read.dedup();
        let mut known = KNOWN_SETTINGS.to_vec();
        known.sort_unstable();
        assert_eq!(read, known);
    }
}
