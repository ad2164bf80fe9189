//! The server's settings, read once at start into [`Config`]: environment variables first, then
//! `settings.env` in the data folder (`KEY=value` lines, for staff who would rather edit a file),
//! then the defaults. docs/operator.md ("Settings") lists every setting with its default.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use thiserror::Error;

/// The privacy notice promises "最多保存12个月" (`fushen_domain::enquiry::notice`): a longer retention
/// would make it untrue, so the setting cannot exceed it.
pub const MAX_RETENTION_DAYS: u32 = 365;

/// The name of the optional settings file inside the data folder.
pub const SETTINGS_FILE: &str = "settings.env";

/// Every setting of the server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// Where to listen (`FUSHEN_LISTEN`, or `127.0.0.1:$PORT`).
    pub listen: SocketAddr,
    /// The data folder (`FUSHEN_DATA`, default `./data`).
    pub data_dir: PathBuf,
    /// The database file (`FUSHEN_DB`, default `<data>/fushen.sqlite3`).
    pub db_path: PathBuf,
    /// The built site to serve (`FUSHEN_SITE`, default `./dist`; empty: serve no site).
    pub site_dir: Option<PathBuf>,
    /// The institution's name, put into the served page (`FUSHEN_INSTITUTION`).
    pub institution: Option<String>,
    /// The institution's phone number, put into the served page (`FUSHEN_PHONE`).
    pub phone: Option<String>,
    /// The origin of a site hosted elsewhere that may post enquiries here
    /// (`FUSHEN_SITE_ORIGIN`, e.g. `https://www.example.org`).
    pub site_origin: Option<String>,
    /// Trust `X-Forwarded-For` / `X-Forwarded-Proto` from a reverse proxy (`FUSHEN_TRUST_PROXY`).
    pub trust_proxy: bool,
    /// The `Secure` attribute of the staff cookie (`FUSHEN_COOKIE_SECURE`).
    pub cookie_secure: CookieSecure,
    /// How long enquiries are kept, in days (`FUSHEN_RETENTION_DAYS`, default 365).
    pub retention_days: u32,
    /// Enquiry posts allowed per client address and minute (`FUSHEN_RATE_LIMIT`, default 30).
    pub rate_limit_per_minute: u32,
    /// The group robot that alerts staff to new enquiries, if configured (`FUSHEN_WEBHOOK_URL`, `_SECRET`, `_KIND`).
    pub webhook: Option<Webhook>,
    /// The inbox's public address, for the link in group-robot alerts (`FUSHEN_INBOX_URL`).
    pub inbox_url: Option<String>,
    /// The log level (`FUSHEN_LOG`, default `info`).
    pub log: tracing::level_filters::LevelFilter,
    /// Where the daily backups go (`FUSHEN_BACKUP_DIR`, default `<data>/backups`; `off`: none).
    pub backup_dir: Option<PathBuf>,
    /// How many daily backups are kept (`FUSHEN_BACKUP_KEEP`, default 7).
    pub backup_keep: u32,
    /// For tests only: the staff pages' clock runs this many days ahead
    /// (`FUSHEN_TEST_CLOCK_OFFSET_DAYS`, default 0), so that a follow-up set for tomorrow can be
    /// seen coming due.
    pub test_clock_offset_days: i64,
}

/// When the staff cookie carries `Secure`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CookieSecure {
    /// When the request came over HTTPS (directly, or as a trusted proxy says).
    Auto,
    /// Always.
    Always,
    /// Never (plain HTTP on a private network).
    Never,
}

/// A group robot that is told of new enquiries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Webhook {
    /// Which robot.
    pub kind: RobotKind,
    /// Its webhook address.
    pub url: String,
    /// The signing secret (DingTalk 加签, Feishu 签名校验), if set.
    pub secret: Option<String>,
}

/// The group robots the server can post to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RobotKind {
    /// 企业微信群机器人.
    WeCom,
    /// 钉钉自定义机器人.
    DingTalk,
    /// 飞书自定义机器人.
    Feishu,
}

/// A setting that cannot be used; the message names it and says what is expected.
#[derive(Debug, Error, PartialEq, Eq)]
#[error("设置 {name} 不对：{problem}")]
pub struct ConfigError {
    /// The setting's name.
    pub name: &'static str,
    /// What is wrong, in Chinese.
    pub problem: String,
}

impl Config {
    /// Reads the settings from the environment and the data folder's settings file.
    pub fn load() -> Result<Config, ConfigError> {
        let mut vars: HashMap<String, String> = std::env::vars()
            .filter(|(k, _)| k == "PORT" || k.starts_with("FUSHEN_"))
            .collect();
        let data_dir = data_dir(&vars);
        let file = data_dir.join(SETTINGS_FILE);
        if let Ok(text) = std::fs::read_to_string(&file) {
            for (key, value) in parse_settings_file(&text) {
                vars.entry(key).or_insert(value);
            }
        }
        Config::from_vars(&vars)
    }

    /// The settings given by `vars` (variable name → value), defaults for the rest.
    pub fn from_vars(vars: &HashMap<String, String>) -> Result<Config, ConfigError> {
        let get = |name: &str| {
            vars.get(name)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let port: u16 = match get("PORT") {
            Some(text) => text.parse().map_err(|_| ConfigError {
                name: "PORT",
                problem: format!("应是 1 到 65535 的端口号，现在是“{text}”"),
            })?,
            None => 8080,
        };
        let listen = match get("FUSHEN_LISTEN") {
            Some(text) => parse_listen(&text, port).ok_or_else(|| ConfigError {
                name: "FUSHEN_LISTEN",
                problem: format!("应是 IP 地址或 地址:端口（如 127.0.0.1:8080），现在是“{text}”"),
            })?,
            None => SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), port),
        };
        let data_dir = data_dir(vars);
        let db_path = get("FUSHEN_DB")
            .map(PathBuf::from)
            .unwrap_or_else(|| data_dir.join("fushen.sqlite3"));
        let site_dir = match vars.get("FUSHEN_SITE") {
            Some(value) if value.trim().is_empty() => None,
            Some(value) => Some(PathBuf::from(value.trim())),
            None => Some(PathBuf::from("dist")),
        };
        let site_origin = get("FUSHEN_SITE_ORIGIN")
            .map(|origin| {
                let origin = origin.trim_end_matches('/').to_string();
                let host = origin
                    .strip_prefix("https://")
                    .or_else(|| origin.strip_prefix("http://"));
                if host.is_some_and(|h| !h.is_empty() && !h.contains('/')) {
                    Ok(origin)
                } else {
                    Err(ConfigError {
                        name: "FUSHEN_SITE_ORIGIN",
                        problem: format!(
                            "应是网站的来源，如 https://www.example.org（不带路径），现在是“{origin}”"
                        ),
                    })
                }
            })
            .transpose()?;
        let trust_proxy = flag(get("FUSHEN_TRUST_PROXY"), "FUSHEN_TRUST_PROXY")?.unwrap_or(false);
        let cookie_secure = match get("FUSHEN_COOKIE_SECURE")
            .map(|v| v.to_ascii_lowercase())
            .as_deref()
        {
            None | Some("auto") => CookieSecure::Auto,
            other => match flag(other.map(str::to_string), "FUSHEN_COOKIE_SECURE")? {
                Some(true) => CookieSecure::Always,
                _ => CookieSecure::Never,
            },
        };
        let retention_days = number(
            get("FUSHEN_RETENTION_DAYS"),
            "FUSHEN_RETENTION_DAYS",
            1..=MAX_RETENTION_DAYS,
            MAX_RETENTION_DAYS,
            "天数；个人信息说明承诺最多保存12个月，所以不能超过 365",
        )?;
        let rate_limit_per_minute = number(
            get("FUSHEN_RATE_LIMIT"),
            "FUSHEN_RATE_LIMIT",
            1..=1_000_000,
            30,
            "每个地址每分钟允许提交的次数",
        )?;
        let log = match get("FUSHEN_LOG") {
            None => tracing::level_filters::LevelFilter::INFO,
            Some(level) => level
                .to_ascii_lowercase()
                .parse()
                .map_err(|_| ConfigError {
                    name: "FUSHEN_LOG",
                    problem: format!("应是 error、warn、info 或 debug，现在是“{level}”"),
                })?,
        };
        let backup_dir = match get("FUSHEN_BACKUP_DIR") {
            None => Some(data_dir.join("backups")),
            Some(off) if off.eq_ignore_ascii_case("off") => None,
            Some(dir) => Some(PathBuf::from(dir)),
        };
        let backup_keep = number(
            get("FUSHEN_BACKUP_KEEP"),
            "FUSHEN_BACKUP_KEEP",
            1..=MAX_RETENTION_DAYS,
            7,
            "份数（每天一份）",
        )?;
        let test_clock_offset_days = match get("FUSHEN_TEST_CLOCK_OFFSET_DAYS") {
            None => 0,
            Some(text) => text
                .parse::<i64>()
                .ok()
                .filter(|d| d.abs() <= 3650)
                .ok_or_else(|| ConfigError {
                    name: "FUSHEN_TEST_CLOCK_OFFSET_DAYS",
                    problem: format!("只用于测试，应是天数（如 1），现在是“{text}”"),
                })?,
        };
        let webhook = webhook(
            get("FUSHEN_WEBHOOK_URL"),
            get("FUSHEN_WEBHOOK_SECRET"),
            get("FUSHEN_WEBHOOK_KIND"),
        )?;
        Ok(Config {
            listen,
            data_dir,
            db_path,
            site_dir,
            institution: get("FUSHEN_INSTITUTION"),
            phone: get("FUSHEN_PHONE"),
            site_origin,
            trust_proxy,
            cookie_secure,
            retention_days,
            rate_limit_per_minute,
            webhook,
            inbox_url: get("FUSHEN_INBOX_URL"),
            log,
            backup_dir,
            backup_keep,
            test_clock_offset_days,
        })
    }
}

fn data_dir(vars: &HashMap<String, String>) -> PathBuf {
    vars.get("FUSHEN_DATA")
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
        .map_or_else(|| PathBuf::from("data"), PathBuf::from)
}

/// `KEY=value` lines; `#` starts a comment line; quotes around the value are dropped.
pub fn parse_settings_file(text: &str) -> Vec<(String, String)> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| line.split_once('='))
        .map(|(key, value)| {
            let value = value.trim();
            let unquoted = value
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .unwrap_or(value);
            (key.trim().to_string(), unquoted.to_string())
        })
        .collect()
}

fn parse_listen(text: &str, port: u16) -> Option<SocketAddr> {
    text.parse::<SocketAddr>().ok().or_else(|| {
        text.parse::<IpAddr>()
            .ok()
            .map(|ip| SocketAddr::new(ip, port))
    })
}

fn flag(value: Option<String>, name: &'static str) -> Result<Option<bool>, ConfigError> {
    match value.as_deref().map(str::to_ascii_lowercase).as_deref() {
        None => Ok(None),
        Some("1" | "true" | "yes" | "on") => Ok(Some(true)),
        Some("0" | "false" | "no" | "off") => Ok(Some(false)),
        Some(other) => Err(ConfigError {
            name,
            problem: format!("应是 true 或 false，现在是“{other}”"),
        }),
    }
}

fn number(
    value: Option<String>,
    name: &'static str,
    range: std::ops::RangeInclusive<u32>,
    default: u32,
    what: &str,
) -> Result<u32, ConfigError> {
    let Some(text) = value else {
        return Ok(default);
    };
    text.parse::<u32>()
        .ok()
        .filter(|n| range.contains(n))
        .ok_or_else(|| ConfigError {
            name,
            problem: format!(
                "应是 {} 到 {} 的{what}，现在是“{text}”",
                range.start(),
                range.end()
            ),
        })
}

fn webhook(
    url: Option<String>,
    secret: Option<String>,
    kind: Option<String>,
) -> Result<Option<Webhook>, ConfigError> {
    let Some(url) = url else {
        return Ok(None);
    };
    let host = host_of(&url).ok_or_else(|| ConfigError {
        name: "FUSHEN_WEBHOOK_URL",
        problem: "应是机器人的 https:// 网址".into(),
    })?;
    let loopback = host == "127.0.0.1" || host == "localhost" || host == "[::1]";
    // Group-robot alerts leave the machine only encrypted; plain HTTP is for local tests.
    let encrypted = url.starts_with("https://");
    let local_test = url.starts_with("http://") && loopback;
    if !(encrypted || local_test) {
        return Err(ConfigError {
            name: "FUSHEN_WEBHOOK_URL",
            problem: "应以 https:// 开头".into(),
        });
    }
    let kind = match kind.as_deref().map(str::to_ascii_lowercase).as_deref() {
        Some("wecom" | "wechat-work" | "qywx") => RobotKind::WeCom,
        Some("dingtalk" | "dingding") => RobotKind::DingTalk,
        Some("feishu" | "lark") => RobotKind::Feishu,
        Some(other) => {
            return Err(ConfigError {
                name: "FUSHEN_WEBHOOK_KIND",
                problem: format!("应是 wecom、dingtalk 或 feishu，现在是“{other}”"),
            })
        }
        None if host == "qyapi.weixin.qq.com" => RobotKind::WeCom,
        None if host == "oapi.dingtalk.com" => RobotKind::DingTalk,
        None if host == "open.feishu.cn" || host == "open.larksuite.com" => RobotKind::Feishu,
        None => {
            return Err(ConfigError {
                name: "FUSHEN_WEBHOOK_KIND",
                problem: "看不出是哪种机器人，请设为 wecom、dingtalk 或 feishu".into(),
            })
        }
    };
    Ok(Some(Webhook { kind, url, secret }))
}

/// The host of an `http(s)://host[:port]/…` address.
fn host_of(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = match authority.rsplit_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
        _ => authority,
    };
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn defaults() {
        let config = Config::from_vars(&HashMap::new()).unwrap();
        assert_eq!(config.listen, "127.0.0.1:8080".parse().unwrap());
        assert_eq!(config.data_dir, PathBuf::from("data"));
        assert_eq!(config.db_path, PathBuf::from("data/fushen.sqlite3"));
        assert_eq!(config.site_dir, Some(PathBuf::from("dist")));
        assert_eq!(config.retention_days, 365);
        assert_eq!(config.rate_limit_per_minute, 30);
        assert_eq!(config.cookie_secure, CookieSecure::Auto);
        assert!(!config.trust_proxy);
        assert_eq!(config.webhook, None);
        assert_eq!(config.institution, None);
        assert_eq!(config.backup_dir, Some(PathBuf::from("data/backups")));
        assert_eq!(config.backup_keep, 7);
        let off = Config::from_vars(&vars(&[("FUSHEN_BACKUP_DIR", "off")])).unwrap();
        assert_eq!(off.backup_dir, None);
    }

    #[test]
    fn settings_are_read() {
        let config = Config::from_vars(&vars(&[
            ("PORT", "4200"),
            ("FUSHEN_DATA", "/srv/fushen"),
            ("FUSHEN_SITE", ""),
            ("FUSHEN_INSTITUTION", " 衡阳示例培训学校 "),
            ("FUSHEN_PHONE", "0734-8123456"),
            ("FUSHEN_SITE_ORIGIN", "https://www.example.org/"),
            ("FUSHEN_TRUST_PROXY", "true"),
            ("FUSHEN_COOKIE_SECURE", "false"),
            ("FUSHEN_RETENTION_DAYS", "180"),
            (
                "FUSHEN_WEBHOOK_URL",
                "https://oapi.dingtalk.com/robot/send?access_token=x",
            ),
            ("FUSHEN_WEBHOOK_SECRET", "SECabc"),
        ]))
        .unwrap();
        assert_eq!(config.listen, "127.0.0.1:4200".parse().unwrap());
        assert_eq!(config.db_path, PathBuf::from("/srv/fushen/fushen.sqlite3"));
        assert_eq!(config.site_dir, None);
        assert_eq!(config.institution.as_deref(), Some("衡阳示例培训学校"));
        assert_eq!(
            config.site_origin.as_deref(),
            Some("https://www.example.org")
        );
        assert!(config.trust_proxy);
        assert_eq!(config.cookie_secure, CookieSecure::Never);
        assert_eq!(config.retention_days, 180);
        let webhook = config.webhook.unwrap();
        assert_eq!(webhook.kind, RobotKind::DingTalk);
        assert_eq!(webhook.secret.as_deref(), Some("SECabc"));

        let listen = Config::from_vars(&vars(&[("FUSHEN_LISTEN", "0.0.0.0")])).unwrap();
        assert_eq!(listen.listen, "0.0.0.0:8080".parse().unwrap());
        let listen = Config::from_vars(&vars(&[("FUSHEN_LISTEN", "[::1]:9000")])).unwrap();
        assert_eq!(listen.listen, "[::1]:9000".parse().unwrap());
    }

    #[test]
    fn robots_are_recognised_by_their_address() {
        let kind = |url: &str| {
            Config::from_vars(&vars(&[("FUSHEN_WEBHOOK_URL", url)]))
                .map(|c| c.webhook.map(|w| w.kind))
        };
        assert_eq!(
            kind("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k"),
            Ok(Some(RobotKind::WeCom))
        );
        assert_eq!(
            kind("https://open.feishu.cn/open-apis/bot/v2/hook/x"),
            Ok(Some(RobotKind::Feishu))
        );
        assert!(kind("https://example.org/hook").is_err());
        assert!(kind("http://qyapi.weixin.qq.com/cgi-bin/webhook/send").is_err());
        let local = Config::from_vars(&vars(&[
            ("FUSHEN_WEBHOOK_URL", "http://127.0.0.1:4299/hook"),
            ("FUSHEN_WEBHOOK_KIND", "feishu"),
        ]))
        .unwrap();
        assert_eq!(local.webhook.unwrap().kind, RobotKind::Feishu);
    }

    #[test]
    fn bad_values_are_named_in_chinese() {
        let error = |pairs: &[(&str, &str)]| Config::from_vars(&vars(pairs)).unwrap_err();
        assert_eq!(error(&[("PORT", "http")]).name, "PORT");
        // The privacy notice promises at most 12 months.
        let long = error(&[("FUSHEN_RETENTION_DAYS", "400")]);
        assert_eq!(long.name, "FUSHEN_RETENTION_DAYS");
        assert!(long.to_string().contains("不能超过 365"), "{long}");
        assert_eq!(
            error(&[("FUSHEN_RETENTION_DAYS", "0")]).name,
            "FUSHEN_RETENTION_DAYS"
        );
        assert_eq!(
            error(&[("FUSHEN_TRUST_PROXY", "maybe")]).name,
            "FUSHEN_TRUST_PROXY"
        );
        assert_eq!(
            error(&[("FUSHEN_LISTEN", "localhost:x")]).name,
            "FUSHEN_LISTEN"
        );
        assert_eq!(
            error(&[("FUSHEN_SITE_ORIGIN", "https://example.org/fushen/")]).name,
            "FUSHEN_SITE_ORIGIN"
        );
        assert_eq!(error(&[("FUSHEN_LOG", "verbose")]).name, "FUSHEN_LOG");
        assert_eq!(
            error(&[("FUSHEN_BACKUP_KEEP", "0")]).name,
            "FUSHEN_BACKUP_KEEP"
        );
    }

    #[test]
    fn the_settings_file_is_key_value_lines() {
        let text = "# 机构信息\nFUSHEN_INSTITUTION=\"衡阳示例培训学校\"\n\n FUSHEN_PHONE = 0734-8123456 \nnot a setting\n";
        assert_eq!(
            parse_settings_file(text),
            vec![
                (
                    "FUSHEN_INSTITUTION".to_string(),
                    "衡阳示例培训学校".to_string()
                ),
                ("FUSHEN_PHONE".to_string(), "0734-8123456".to_string()),
            ]
        );
    }
}
