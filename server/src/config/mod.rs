//! The server's settings, read once at start into [`Config`]: environment variables first, then
//! `settings.env` in the data folder (`KEY=value` lines, for staff who would rather edit a file),
//! then the defaults. Each setting is written once, in the table of [`settings`] (name, default,
//! reader, and how `check` shows it); docs/operator.md ("Settings") lists them, and the docs
//! test holds that list to the table.

mod read;
pub mod settings;

use std::collections::HashMap;
use std::net::SocketAddr;
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
}

/// Settings by name, as the environment and `settings.env` give them.
pub type Vars = HashMap<String, String>;

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

/// A setting that cannot be used: its name, and what is expected (in Chinese, from the table).
/// The operator's sentence around them is [`crate::cli::CliError`]'s.
#[derive(Debug, Error, PartialEq, Eq)]
#[error("{name}: {problem}")]
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
        let data_dir = settings::DATA.read(&vars)?;
        let file = data_dir.join(SETTINGS_FILE);
        if let Ok(text) = std::fs::read_to_string(&file) {
            for (key, value) in parse_settings_file(&text) {
                vars.entry(key).or_insert(value);
            }
        }
        Config::from_vars(&vars)
    }

    /// The settings given by `vars` (variable name → value), defaults for the rest. A wrong
    /// value is named in the order below (the robot's last).
    pub fn from_vars(vars: &Vars) -> Result<Config, ConfigError> {
        use settings::*;
        let port = PORT.read(vars)?;
        let listen = read::listen_at(LISTEN.read(vars)?, port);
        let data_dir = DATA.read(vars)?;
        let db_path = DB
            .read(vars)?
            .unwrap_or_else(|| data_dir.join("fushen.sqlite3"));
        let site_dir = SITE.read(vars)?;
        let site_origin = SITE_ORIGIN.read(vars)?;
        let trust_proxy = TRUST_PROXY.read(vars)?;
        let cookie_secure = COOKIE_SECURE.read(vars)?;
        let retention_days = RETENTION_DAYS.read(vars)?;
        let rate_limit_per_minute = RATE_LIMIT.read(vars)?;
        let log = LOG.read(vars)?;
        let backup_dir = BACKUP_DIR
            .read(vars)?
            .unwrap_or_else(|| Some(data_dir.join("backups")));
        let backup_keep = BACKUP_KEEP.read(vars)?;
        let webhook = match WEBHOOK_URL.read(vars)? {
            None => None,
            // The kind is read only for a robot that is set.
            Some(url) => Some(Webhook {
                kind: WEBHOOK_KIND
                    .read(vars)?
                    .or_else(|| read::robot_of(&url))
                    .ok_or_else(|| ConfigError {
                        name: WEBHOOK_KIND.about.name,
                        problem: "看不出是哪种机器人，请设为 wecom、dingtalk 或 feishu".into(),
                    })?,
                secret: WEBHOOK_SECRET.read(vars)?,
                url,
            }),
        };
        Ok(Config {
            listen,
            data_dir,
            db_path,
            site_dir,
            institution: INSTITUTION.read(vars)?,
            phone: PHONE.read(vars)?,
            site_origin,
            trust_proxy,
            cookie_secure,
            retention_days,
            rate_limit_per_minute,
            webhook,
            inbox_url: INBOX_URL.read(vars)?,
            log,
            backup_dir,
            backup_keep,
        })
    }
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

    /// Each default the table states as a value (docs/operator.md shows the same) is the one
    /// in force when the setting is not set.
    #[test]
    fn the_tables_defaults_are_the_defaults() {
        let unset = Config::from_vars(&HashMap::new()).unwrap();
        let mut stated = 0;
        for about in settings::ALL {
            let Some(value) = about
                .default
                .strip_prefix('`')
                .and_then(|d| d.strip_suffix('`'))
            else {
                continue;
            };
            // `$PORT`, `$FUSHEN_DATA/…`: the default follows another setting.
            let value = value
                .replace("$PORT", "8080")
                .replace("$FUSHEN_DATA", "data")
                .replace("./", "");
            let set = Config::from_vars(&vars(&[(about.name, &value)])).unwrap();
            assert_eq!(set, unset, "{}={value}", about.name);
            stated += 1;
        }
        assert_eq!(stated, 12);
        // And "empty" is unset.
        for about in settings::ALL.iter().filter(|a| a.default == "empty") {
            assert_eq!(
                Config::from_vars(&vars(&[(about.name, "")])).unwrap(),
                unset
            );
        }
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
