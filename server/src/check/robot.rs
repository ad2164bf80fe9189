//! The group robot: whether one is set, and with `--notify` whether it takes a real message,
//! shown without its key or secret.

use super::{advice, fine, must_fix, Finding};
use crate::clock::now_ms;
use crate::config::{Config, RobotKind, Webhook};
use crate::notify::{self, origin_of, redact, robots};

/// The text of the test alert. It names 咨询 because a DingTalk robot with the keyword setting
/// drops messages without its keyword, and docs/operator.md advises 咨询 as that keyword.
pub const TEST_ALERT: &str =
    "测试通知：fushen-server check 发出，收到说明机器人设置正确，有新咨询时会在这里提醒。";

/// The robot's answer is shown up to this many characters.
const ANSWER_CHARS: usize = 200;

/// The group robot: configured, and with `--notify`, whether it takes a real message now.
pub(super) fn robot(config: &Config, notify: bool) -> Finding {
    let Some(robot) = &config.webhook else {
        let mut text = "没有设置群机器人（FUSHEN_WEBHOOK_URL）：有新咨询时工作人员收不到提醒，\
                        只能自己去收件箱看。"
            .to_string();
        if notify {
            text.push_str("（--notify 没有可测试的机器人。）");
        }
        return advice(text);
    };
    if !notify {
        return fine(format!(
            "群机器人已设置（{}）。加 --notify 会发一条测试通知，确认群里能收到。",
            robot_name(robot.kind)
        ));
    }
    test_alert(robot)
}

/// Sends [`TEST_ALERT`] as the worker would, and says what the robot answered.
fn test_alert(robot: &Webhook) -> Finding {
    let reply = match notify::call(&notify::agent(), robot, TEST_ALERT, now_ms()) {
        Ok(reply) => reply,
        Err(e) => {
            let (why, host) = (redact(&e, robot), origin_of(&robot.url));
            return must_fix(format!(
                "测试通知发不出去（{why}）：请检查这台机器能否访问 {host}，\
                 以及 FUSHEN_WEBHOOK_URL 是否正确。"
            ));
        }
    };
    let answer = format!("HTTP {} {}", reply.status, cut(&redact(&reply.body, robot)));
    match robots::accepted(robot.kind, reply.status, &reply.body) {
        Ok(()) => fine(format!(
            "测试通知已发出，机器人收下了（回答：{answer}）。请到群里看看是否收到。"
        )),
        Err(reason) => must_fix(format!(
            "测试通知机器人没有收下（{}；回答：{answer}）。请对照群机器人的设置检查 \
             FUSHEN_WEBHOOK_URL、FUSHEN_WEBHOOK_SECRET 和 FUSHEN_WEBHOOK_KIND。",
            redact(&reason, robot)
        )),
    }
}

/// The robot's name as staff know it.
pub(crate) fn robot_name(kind: RobotKind) -> &'static str {
    match kind {
        RobotKind::WeCom => "企业微信群机器人",
        RobotKind::DingTalk => "钉钉群机器人",
        RobotKind::Feishu => "飞书群机器人",
    }
}

/// A robot's answer on one line, cut short.
fn cut(body: &str) -> String {
    let line = body.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() > ANSWER_CHARS {
        format!("{}…", line.chars().take(ANSWER_CHARS).collect::<String>())
    } else if line.is_empty() {
        "（空）".into()
    } else {
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn robot_addresses_are_shown_without_their_keys() {
        assert_eq!(
            origin_of("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc"),
            "https://qyapi.weixin.qq.com"
        );
        assert_eq!(
            origin_of("http://user:pw@127.0.0.1:4280/hook"),
            "http://127.0.0.1:4280"
        );
        let robot = Webhook {
            kind: RobotKind::Feishu,
            url: "https://open.feishu.cn/open-apis/bot/v2/hook/0123456789abcdef".into(),
            secret: Some("SECRETVALUE".into()),
        };
        let said = redact(
            "bad uri: https://open.feishu.cn/open-apis/bot/v2/hook/0123456789abcdef?x; \
             token 0123456789abcdef; secret SECRETVALUE",
            &robot,
        );
        assert!(!said.contains("0123456789abcdef"), "{said}");
        assert!(!said.contains("SECRETVALUE"), "{said}");
        assert!(
            said.starts_with("bad uri: https://open.feishu.cn…"),
            "{said}"
        );
    }

    #[test]
    fn answers_are_one_line_cut_short() {
        assert_eq!(cut("{\"a\":\n 1}"), "{\"a\": 1}");
        assert_eq!(cut(&"x".repeat(300)).chars().count(), ANSWER_CHARS + 1);
        assert_eq!(cut(""), "（空）");
    }
}
