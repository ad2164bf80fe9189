//! The three group robots: the JSON each one takes, how DingTalk and Feishu sign a request
//! (HMAC-SHA256 of a timestamp and the secret, base64), how each says "received", and how often
//! each may be called.
//!
//! Limits, from the robots' documentation: WeCom 20 messages a minute per robot; DingTalk 20 a
//! minute (more throttles the robot for 10 minutes); Feishu 100 a minute and 5 a second. The
//! server keeps well inside them by spacing its calls ([`min_interval_ms`]) and by sending
//! several waiting alerts in one message.

use base64::Engine;
use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::Sha256;

use crate::config::{RobotKind, Webhook};

/// The shortest time between two calls to one robot.
pub fn min_interval_ms(kind: RobotKind) -> i64 {
    match kind {
        // 20 a minute at most: one every 3.5 s is 17 a minute.
        RobotKind::WeCom | RobotKind::DingTalk => 3_500,
        // 100 a minute and 5 a second: one every 0.7 s is 86 a minute.
        RobotKind::Feishu => 700,
    }
}

/// The address and JSON body of a text message `text` to `robot`, signed at `now_ms`.
pub fn request(robot: &Webhook, text: &str, now_ms: i64) -> (String, Value) {
    match robot.kind {
        RobotKind::WeCom => (
            robot.url.clone(),
            json!({ "msgtype": "text", "text": { "content": text } }),
        ),
        RobotKind::DingTalk => {
            let url = match &robot.secret {
                Some(secret) => {
                    let separator = if robot.url.contains('?') { '&' } else { '?' };
                    format!(
                        "{}{separator}timestamp={now_ms}&sign={}",
                        robot.url,
                        crate::url::encode(&dingtalk_sign(secret, now_ms))
                    )
                }
                None => robot.url.clone(),
            };
            (
                url,
                json!({ "msgtype": "text", "text": { "content": text } }),
            )
        }
        RobotKind::Feishu => {
            let mut body = json!({ "msg_type": "text", "content": { "text": text } });
            if let Some(secret) = &robot.secret {
                let seconds = now_ms.div_euclid(1000);
                body["timestamp"] = Value::String(seconds.to_string());
                body["sign"] = Value::String(feishu_sign(secret, seconds));
            }
            (robot.url.clone(), body)
        }
    }
}

/// DingTalk 加签: HMAC-SHA256 keyed with the secret over `timestamp + "\n" + secret` (timestamp
/// in milliseconds), base64. The caller URL-encodes it into the address.
pub fn dingtalk_sign(secret: &str, timestamp_ms: i64) -> String {
    hmac_base64(
        secret.as_bytes(),
        format!("{timestamp_ms}\n{secret}").as_bytes(),
    )
}

/// Feishu 签名校验: HMAC-SHA256 keyed with `timestamp + "\n" + secret` (timestamp in seconds)
/// over an empty message, base64.
pub fn feishu_sign(secret: &str, timestamp_s: i64) -> String {
    hmac_base64(format!("{timestamp_s}\n{secret}").as_bytes(), b"")
}

fn hmac_base64(key: &[u8], message: &[u8]) -> String {
    // HMAC accepts keys of any length; new_from_slice cannot fail for it.
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) else {
        return String::new();
    };
    mac.update(message);
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// Whether the robot accepted the message: HTTP 200 and its own code 0 (`errcode` for WeCom and
/// DingTalk, `code` or the older `StatusCode` for Feishu). Otherwise the reason, for the log.
pub fn accepted(kind: RobotKind, status: u16, body: &str) -> Result<(), String> {
    if status != 200 {
        return Err(format!("HTTP {status}"));
    }
    let reply: Value = serde_json::from_str(body).map_err(|_| "unreadable reply".to_string())?;
    let code = match kind {
        RobotKind::WeCom | RobotKind::DingTalk => reply.get("errcode"),
        RobotKind::Feishu => reply.get("code").or_else(|| reply.get("StatusCode")),
    }
    .and_then(Value::as_i64);
    match code {
        Some(0) => Ok(()),
        Some(code) => {
            let message = reply
                .get("errmsg")
                .or_else(|| reply.get("msg"))
                .and_then(Value::as_str)
                .unwrap_or("");
            Err(format!(
                "robot code {code}: {}",
                message.chars().take(120).collect::<String>()
            ))
        }
        None => Err("reply without a code".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Known answers computed independently with Python's hmac, hashlib and base64 modules.
    #[test]
    fn signatures_match_the_documented_algorithms() {
        assert_eq!(
            dingtalk_sign("SECtest", 1_700_000_000_000),
            "aZLLrriXgn05YbwaGR7knYsLeJADjr9NwLaNNKpxh4g="
        );
        assert_eq!(
            feishu_sign("test", 1_700_000_000),
            "eSJQnOl8XqPTMPHWz9e5IzeHS/tqoc68g2967ekIPmg="
        );
    }

    #[test]
    fn requests_are_shaped_per_robot() {
        let robot = |kind, url: &str, secret: Option<&str>| Webhook {
            kind,
            url: url.into(),
            secret: secret.map(str::to_string),
        };
        let (url, body) = request(
            &robot(
                RobotKind::WeCom,
                "https://qyapi.weixin.qq.com/x?key=k",
                None,
            ),
            "新咨询",
            1_700_000_000_000,
        );
        assert_eq!(url, "https://qyapi.weixin.qq.com/x?key=k");
        assert_eq!(
            body,
            json!({"msgtype": "text", "text": {"content": "新咨询"}})
        );

        let (url, _) = request(
            &robot(
                RobotKind::DingTalk,
                "https://oapi.dingtalk.com/robot/send?access_token=t",
                Some("SECtest"),
            ),
            "新咨询",
            1_700_000_000_000,
        );
        assert_eq!(
            url,
            "https://oapi.dingtalk.com/robot/send?access_token=t&timestamp=1700000000000&sign=aZLLrriXgn05YbwaGR7knYsLeJADjr9NwLaNNKpxh4g%3D"
        );

        let (_, body) = request(
            &robot(RobotKind::Feishu, "https://open.feishu.cn/x", Some("test")),
            "新咨询",
            1_700_000_000_999,
        );
        assert_eq!(
            body,
            json!({"msg_type": "text", "content": {"text": "新咨询"},
                   "timestamp": "1700000000", "sign": "eSJQnOl8XqPTMPHWz9e5IzeHS/tqoc68g2967ekIPmg="})
        );
    }

    #[test]
    fn replies_are_read_per_robot() {
        assert_eq!(
            accepted(RobotKind::WeCom, 200, r#"{"errcode":0,"errmsg":"ok"}"#),
            Ok(())
        );
        assert!(accepted(
            RobotKind::WeCom,
            200,
            r#"{"errcode":45009,"errmsg":"api freq out of limit"}"#
        )
        .is_err());
        assert!(accepted(
            RobotKind::DingTalk,
            200,
            r#"{"errcode":130101,"errmsg":"send too fast"}"#
        )
        .is_err());
        assert_eq!(
            accepted(
                RobotKind::Feishu,
                200,
                r#"{"code":0,"msg":"success","data":{}}"#
            ),
            Ok(())
        );
        assert_eq!(
            accepted(RobotKind::Feishu, 200, r#"{"StatusCode":0}"#),
            Ok(())
        );
        assert!(accepted(
            RobotKind::Feishu,
            200,
            r#"{"code":19021,"msg":"sign match fail"}"#
        )
        .is_err());
        assert_eq!(accepted(RobotKind::Feishu, 502, ""), Err("HTTP 502".into()));
        assert!(accepted(RobotKind::WeCom, 200, "<html>").is_err());
    }
}
