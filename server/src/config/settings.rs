//! The table of settings: each one's name, its default as docs/operator.md's table shows it,
//! how its value is read, and how `fushen-server check` shows it, written once (in the manner
//! of vaultwarden's `make_config!`). [`Config::from_vars`] reads the values through it,
//! `check` lists [`ALL`] in its order and flags any other name in `settings.env`, and the docs
//! test holds docs/operator.md's table to [`ALL`].

use std::path::PathBuf;

use tracing::level_filters::LevelFilter;

use super::read::{self, Listen};
use super::{Config, CookieSecure, RobotKind, MAX_RETENTION_DAYS};
use crate::check::{robot_name, shown};
use crate::notify::origin_of;

/// One setting whose value is read as a `T`.
pub struct Setting<T> {
    /// What it says of itself.
    pub about: About,
    /// Reads the value as given, trimmed (`Some("")` when set empty, `None` when not set), or
    /// says in Chinese what is wrong with it.
    read: fn(Option<&str>) -> Result<T, String>,
}

/// What a setting says of itself, whatever its type.
#[derive(Clone, Copy, Debug)]
pub struct About {
    /// The environment variable, or the name in `settings.env`.
    pub name: &'static str,
    /// Its default as the operator's guide shows it (the docs test compares them).
    pub default: &'static str,
    /// How `check` shows it.
    pub check: Shown,
}

/// How `fushen-server check` shows a setting.
#[derive(Clone, Copy, Debug)]
pub enum Shown {
    /// On a line of its own: the label, and the value as shown (a secret never).
    Line(&'static str, fn(&Config) -> String),
    /// Within the line of the setting above it in [`ALL`], which shows its value too; that
    /// line's source is the first of the two that is set.
    InLineAbove,
}

impl<T> Setting<T> {
    /// The value in `vars` (name → value), or the default; a wrong value names the setting.
    pub fn read(&self, vars: &super::Vars) -> Result<T, super::ConfigError> {
        let value = vars.get(self.about.name).map(|v| v.trim());
        (self.read)(value).map_err(|problem| super::ConfigError {
            name: self.about.name,
            problem,
        })
    }
}

/// Declares each setting as a `pub const` of [`Setting`] and [`ALL`] as the list of them.
macro_rules! settings {
    ($(
        $(#[doc = $doc:literal])*
        $id:ident: $type:ty = $name:literal, default $default:literal,
            check $check:expr, read $read:expr;
    )*) => {
        $(
            $(#[doc = $doc])*
            pub const $id: Setting<$type> = Setting {
                about: About { name: $name, default: $default, check: $check },
                read: $read,
            };
        )*
        /// Every setting, in the order `check` lists them.
        pub const ALL: &[About] = &[$($id.about),*];
    };
}

/// `未设置` for a text setting left empty.
fn or_unset(value: &Option<String>) -> String {
    value.clone().unwrap_or_else(|| "未设置".into())
}

settings! {
    /// Where to listen: an address (`0.0.0.0`), or an address and port.
    LISTEN: Option<Listen> = "FUSHEN_LISTEN", default "`127.0.0.1:$PORT`",
        check Shown::Line("监听地址", |c| c.listen.to_string()),
        read read::listen;
    /// The port, when `FUSHEN_LISTEN` names none.
    PORT: u16 = "PORT", default "`8080`",
        check Shown::InLineAbove,
        read read::port;
    /// The data folder.
    DATA: PathBuf = "FUSHEN_DATA", default "`./data`",
        check Shown::Line("数据目录", |c| shown(&c.data_dir)),
        read |v| Ok(PathBuf::from(read::given(v).unwrap_or("data")));
    /// The database file; `None`: in the data folder.
    DB: Option<PathBuf> = "FUSHEN_DB", default "`$FUSHEN_DATA/fushen.sqlite3`",
        check Shown::Line("数据库文件", |c| shown(&c.db_path)),
        read |v| Ok(read::given(v).map(PathBuf::from));
    /// The built site; set empty: none.
    SITE: Option<PathBuf> = "FUSHEN_SITE", default "`dist`",
        check Shown::Line("网站目录", |c| {
            c.site_dir.as_deref().map_or_else(|| "不提供网站，只接收咨询".into(), shown)
        }),
        read |v| Ok(match v {
            Some("") => None,
            Some(dir) => Some(PathBuf::from(dir)),
            None => Some(PathBuf::from("dist")),
        });
    /// The institution's name.
    INSTITUTION: Option<String> = "FUSHEN_INSTITUTION", default "empty",
        check Shown::Line("机构名称", |c| or_unset(&c.institution)),
        read read::text;
    /// The institution's phone number.
    PHONE: Option<String> = "FUSHEN_PHONE", default "empty",
        check Shown::Line("机构电话", |c| or_unset(&c.phone)),
        read read::text;
    /// The origin of a site hosted elsewhere.
    SITE_ORIGIN: Option<String> = "FUSHEN_SITE_ORIGIN", default "empty",
        check Shown::Line("外部网站来源", |c| {
            c.site_origin
                .clone()
                .unwrap_or_else(|| "未设置（只接收同一网址下的网页发来的咨询）".into())
        }),
        read read::origin;
    /// Whether `X-Forwarded-For` and `X-Forwarded-Proto` are believed.
    TRUST_PROXY: bool = "FUSHEN_TRUST_PROXY", default "`false`",
        check Shown::Line("信任反向代理", |c| {
            if c.trust_proxy { "是（采用代理写的 X-Forwarded-For、X-Forwarded-Proto）" } else { "否" }
                .into()
        }),
        read |v| Ok(read::flag(v)?.unwrap_or(false));
    /// When the staff cookie carries `Secure`.
    COOKIE_SECURE: CookieSecure = "FUSHEN_COOKIE_SECURE", default "`auto`",
        check Shown::Line("登录 Cookie 加 Secure", |c| {
            match c.cookie_secure {
                CookieSecure::Auto => "auto（反向代理说是 HTTPS 时加）",
                CookieSecure::Always => "true（总是加）",
                CookieSecure::Never => "false（从不加）",
            }
            .into()
        }),
        read read::cookie_secure;
    /// Days an enquiry is kept.
    RETENTION_DAYS: u32 = "FUSHEN_RETENTION_DAYS", default "`365`",
        check Shown::Line("咨询保存期限", |c| format!("{} 天", c.retention_days)),
        read |v| read::number(
            v,
            1..=MAX_RETENTION_DAYS,
            MAX_RETENTION_DAYS,
            "天数；个人信息说明承诺最多保存12个月，所以不能超过 365",
        );
    /// Enquiry posts per address and minute.
    RATE_LIMIT: u32 = "FUSHEN_RATE_LIMIT", default "`30`",
        check Shown::Line("提交限额", |c| format!("每个地址每分钟 {} 次", c.rate_limit_per_minute)),
        read |v| read::number(v, 1..=1_000_000, 30, "每个地址每分钟允许提交的次数");
    /// Where the daily backups go: `None` in the data folder, `Some(None)` (`off`) nowhere.
    BACKUP_DIR: Option<Option<PathBuf>> = "FUSHEN_BACKUP_DIR", default "`$FUSHEN_DATA/backups`",
        check Shown::Line("备份目录", |c| {
            c.backup_dir.as_deref().map_or_else(|| "关闭（off），不做每日备份".into(), shown)
        }),
        read |v| Ok(match read::given(v) {
            None => None,
            Some(off) if off.eq_ignore_ascii_case("off") => Some(None),
            Some(dir) => Some(Some(PathBuf::from(dir))),
        });
    /// Daily backups kept.
    BACKUP_KEEP: u32 = "FUSHEN_BACKUP_KEEP", default "`7`",
        check Shown::Line("保留备份", |c| format!("最近 {} 份", c.backup_keep)),
        read |v| read::number(v, 1..=MAX_RETENTION_DAYS, 7, "份数（每天一份）");
    /// The group robot's webhook address (only `https://`, or `http://` to this machine).
    WEBHOOK_URL: Option<String> = "FUSHEN_WEBHOOK_URL", default "empty",
        check Shown::Line("群机器人", |c| {
            c.webhook.as_ref().map_or_else(
                || "未设置".into(),
                |r| format!(
                    "{} {}/…（网址其余部分含密钥，不显示）",
                    robot_name(r.kind),
                    origin_of(&r.url)
                ),
            )
        }),
        read read::robot_url;
    /// Which robot, when its address does not say.
    WEBHOOK_KIND: Option<RobotKind> = "FUSHEN_WEBHOOK_KIND", default "from the address",
        check Shown::InLineAbove,
        read read::robot_kind;
    /// The robot's signing secret.
    WEBHOOK_SECRET: Option<String> = "FUSHEN_WEBHOOK_SECRET", default "empty",
        check Shown::Line("机器人签名密钥", |c| {
            if c.webhook.as_ref().is_some_and(|r| r.secret.is_some()) { "已设置" } else { "未设置" }
                .into()
        }),
        read read::text;
    /// The inbox's public address, for the link in alerts.
    INBOX_URL: Option<String> = "FUSHEN_INBOX_URL", default "empty",
        check Shown::Line("收件箱地址（通知里的链接）", |c| or_unset(&c.inbox_url)),
        read read::text;
    /// The log level.
    LOG: LevelFilter = "FUSHEN_LOG", default "`info`",
        check Shown::Line("日志级别", |c| c.log.to_string().to_lowercase()),
        read read::log;
}

/// The setting named `name`, if the server reads one by that name.
pub fn about(name: &str) -> Option<&'static About> {
    ALL.iter().find(|about| about.name == name)
}
