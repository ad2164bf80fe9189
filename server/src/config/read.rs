//! How the values of settings are read: each reader takes the value as given (trimmed;
//! `Some("")` when set empty) and answers the value or, in Chinese, what is wrong with it.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::ops::RangeInclusive;

use tracing::level_filters::LevelFilter;

use super::{CookieSecure, RobotKind};

/// A value that is set and not empty.
pub fn given(value: Option<&str>) -> Option<&str> {
    value.filter(|v| !v.is_empty())
}

/// Free text; empty is unset.
pub fn text(value: Option<&str>) -> Result<Option<String>, String> {
    Ok(given(value).map(str::to_string))
}

/// `FUSHEN_LISTEN`: an address with its port, or an address alone (the port from `PORT`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Listen {
    /// Address and port.
    At(SocketAddr),
    /// The address; the port comes from `PORT`.
    Ip(IpAddr),
}

pub fn listen(value: Option<&str>) -> Result<Option<Listen>, String> {
    let Some(text) = given(value) else {
        return Ok(None);
    };
    let listen = text
        .parse::<SocketAddr>()
        .map(Listen::At)
        .or_else(|_| text.parse::<IpAddr>().map(Listen::Ip));
    listen
        .map(Some)
        .map_err(|_| format!("应是 IP 地址或 地址:端口（如 127.0.0.1:8080），现在是“{text}”"))
}

/// Where to listen when `FUSHEN_LISTEN` is `listen` and `PORT` is `port`.
pub fn listen_at(listen: Option<Listen>, port: u16) -> SocketAddr {
    match listen {
        Some(Listen::At(address)) => address,
        Some(Listen::Ip(ip)) => SocketAddr::new(ip, port),
        None => SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), port),
    }
}

pub fn port(value: Option<&str>) -> Result<u16, String> {
    let Some(text) = given(value) else {
        return Ok(8080);
    };
    text.parse()
        .map_err(|_| format!("应是 1 到 65535 的端口号，现在是“{text}”"))
}

/// The origin of a site: `https://host[:port]`, no path; a trailing `/` is dropped.
pub fn origin(value: Option<&str>) -> Result<Option<String>, String> {
    let Some(origin) = given(value) else {
        return Ok(None);
    };
    let origin = origin.trim_end_matches('/').to_string();
    let host = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"));
    if host.is_some_and(|h| !h.is_empty() && !h.contains('/')) {
        Ok(Some(origin))
    } else {
        Err(format!(
            "应是网站的来源，如 https://www.example.org（不带路径），现在是“{origin}”"
        ))
    }
}

/// Yes or no; unset is `None`.
pub fn flag(value: Option<&str>) -> Result<Option<bool>, String> {
    match given(value).map(str::to_ascii_lowercase).as_deref() {
        None => Ok(None),
        Some("1" | "true" | "yes" | "on") => Ok(Some(true)),
        Some("0" | "false" | "no" | "off") => Ok(Some(false)),
        Some(other) => Err(format!("应是 true 或 false，现在是“{other}”")),
    }
}

pub fn cookie_secure(value: Option<&str>) -> Result<CookieSecure, String> {
    match given(value).map(str::to_ascii_lowercase).as_deref() {
        None | Some("auto") => Ok(CookieSecure::Auto),
        other => Ok(match flag(other)? {
            Some(true) => CookieSecure::Always,
            _ => CookieSecure::Never,
        }),
    }
}

/// A whole number in `range`; `what` says what it counts, in Chinese.
pub fn number(
    value: Option<&str>,
    range: RangeInclusive<u32>,
    default: u32,
    what: &str,
) -> Result<u32, String> {
    let Some(text) = given(value) else {
        return Ok(default);
    };
    text.parse::<u32>()
        .ok()
        .filter(|n| range.contains(n))
        .ok_or_else(|| {
            format!(
                "应是 {} 到 {} 的{what}，现在是“{text}”",
                range.start(),
                range.end()
            )
        })
}

pub fn log(value: Option<&str>) -> Result<LevelFilter, String> {
    let Some(level) = given(value) else {
        return Ok(LevelFilter::INFO);
    };
    level
        .to_ascii_lowercase()
        .parse()
        .map_err(|_| format!("应是 error、warn、info 或 debug，现在是“{level}”"))
}

/// A group robot's address: it leaves the machine only encrypted; plain HTTP is for local tests.
pub fn robot_url(value: Option<&str>) -> Result<Option<String>, String> {
    let Some(url) = given(value) else {
        return Ok(None);
    };
    let host = host_of(url).ok_or("应是机器人的 https:// 网址")?;
    let loopback = host == "127.0.0.1" || host == "localhost" || host == "[::1]";
    let encrypted = url.starts_with("https://");
    let local_test = url.starts_with("http://") && loopback;
    if !(encrypted || local_test) {
        return Err("应以 https:// 开头".into());
    }
    Ok(Some(url.to_string()))
}

pub fn robot_kind(value: Option<&str>) -> Result<Option<RobotKind>, String> {
    match given(value).map(str::to_ascii_lowercase).as_deref() {
        None => Ok(None),
        Some("wecom" | "wechat-work" | "qywx") => Ok(Some(RobotKind::WeCom)),
        Some("dingtalk" | "dingding") => Ok(Some(RobotKind::DingTalk)),
        Some("feishu" | "lark") => Ok(Some(RobotKind::Feishu)),
        Some(other) => Err(format!("应是 wecom、dingtalk 或 feishu，现在是“{other}”")),
    }
}

/// The robot a webhook address belongs to, by its host.
pub fn robot_of(url: &str) -> Option<RobotKind> {
    match host_of(url)? {
        "qyapi.weixin.qq.com" => Some(RobotKind::WeCom),
        "oapi.dingtalk.com" => Some(RobotKind::DingTalk),
        "open.feishu.cn" | "open.larksuite.com" => Some(RobotKind::Feishu),
        _ => None,
    }
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
