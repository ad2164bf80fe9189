//! `fushen-server check`, run as the installer runs it: the real binary on temporary data
//! folders, a good installation and each mistake it must name, with its exit status.

use std::net::TcpListener;
use std::process::Output;
use std::sync::{Arc, Mutex};

use axum::extract::State;
use axum::routing::post as route_post;
use axum::{Json, Router};
use serde_json::Value;

#[cfg(unix)]
use crate::util::{mode, set_mode};
use crate::util::{run_with, text, TempDir};
use fushen_server::check::TEST_ALERT;

const KEY: &str = "SECRETKEY";
const SECRET: &str = "SECRETVALUE";

/// An installation in a temporary folder: `data/` and a built `site/`.
struct Install {
    dir: TempDir,
}

impl Install {
    /// A data folder with a staff account, and a site with both files it needs.
    fn good() -> Install {
        let install = Install::bare();
        let made = install.run(
            &["staff", "set", "x", "--password-stdin"],
            "correct horse battery\n",
            &[],
        );
        assert!(made.status.success(), "{}", text(&made.stderr));
        install
    }

    /// The site only; no data folder yet.
    fn bare() -> Install {
        let dir = TempDir::new();
        let site = dir.path().join("site");
        std::fs::create_dir_all(&site).unwrap();
        std::fs::write(site.join("index.html"), crate::util::INDEX).unwrap();
        std::fs::write(site.join("cn-holidays.txt"), "截至 2026-11-20\n").unwrap();
        Install { dir }
    }

    fn data(&self) -> std::path::PathBuf {
        self.dir.path().join("data")
    }

    /// The program with `args`, on this installation and a free port (unless `env` says other).
    fn run(&self, args: &[&str], stdin: &str, env: &[(&str, &str)]) -> Output {
        let site = self.dir.path().join("site").display().to_string();
        let listen = free_address();
        let mut all = vec![
            ("FUSHEN_SITE", site.as_str()),
            ("FUSHEN_LISTEN", listen.as_str()),
        ];
        all.extend_from_slice(env);
        run_with(&self.data(), args, stdin, &all)
    }

    /// `check` with `args` and `env`: its report and exit status.
    fn check(&self, args: &[&str], env: &[(&str, &str)]) -> (String, i32) {
        let mut all = vec!["check"];
        all.extend_from_slice(args);
        let output = self.run(&all, "", env);
        assert!(output.stderr.is_empty(), "{}", text(&output.stderr));
        (text(&output.stdout), output.status.code().unwrap())
    }
}

/// An address on 127.0.0.1 that was free a moment ago.
fn free_address() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().to_string()
}

/// The report's lines of one severity.
fn lines<'a>(report: &'a str, label: &str) -> Vec<&'a str> {
    report.lines().filter(|l| l.starts_with(label)).collect()
}

#[test]
fn a_good_installation_passes_and_keeps_the_robots_key_to_itself() {
    let install = Install::good();
    let listen = free_address();
    let url = format!("http://127.0.0.1:9/hook?key={KEY}");
    let (report, status) = install.check(
        &[],
        &[
            ("FUSHEN_LISTEN", &listen),
            ("FUSHEN_WEBHOOK_URL", &url),
            ("FUSHEN_WEBHOOK_KIND", "wecom"),
            ("FUSHEN_WEBHOOK_SECRET", SECRET),
        ],
    );
    assert_eq!(status, 0, "{report}");
    assert!(lines(&report, "[必须修改]").is_empty(), "{report}");
    let data = install.data();
    for line in [
        format!("  监听地址：{listen}（环境变量 FUSHEN_LISTEN）"),
        format!("  数据目录：{}（环境变量 FUSHEN_DATA）", data.display()),
        format!(
            "  数据库文件：{}（默认）",
            data.join("fushen.sqlite3").display()
        ),
        "  机构名称：未设置（默认）".to_string(),
        "  咨询保存期限：365 天（默认）".to_string(),
        "  群机器人：企业微信群机器人 http://127.0.0.1:9/…（网址其余部分含密钥，不显示）（环境变量 FUSHEN_WEBHOOK_URL）".to_string(),
        "  机器人签名密钥：已设置（环境变量 FUSHEN_WEBHOOK_SECRET）".to_string(),
        format!(
            "[正常] 数据目录 {} 和里面的数据库、settings.env 只有本用户能读写。",
            data.display()
        ),
        format!(
            "[正常] 数据库 {} 能打开（数据结构第 {} 版）：0 条咨询，1 个工作人员账号。",
            data.join("fushen.sqlite3").display(),
            fushen_server::db::schema_version()
        ),
        format!(
            "[正常] 网站目录 {} 有 index.html 和 cn-holidays.txt。",
            install.dir.path().join("site").display()
        ),
        format!("[正常] {listen} 现在空闲，serve 可以在这里监听。"),
        "[正常] 群机器人已设置（企业微信群机器人）。加 --notify 会发一条测试通知，确认群里能收到。"
            .to_string(),
    ] {
        assert!(report.lines().any(|l| l == line), "no line {line}:\n{report}");
    }
    assert!(report.ends_with(" 项建议。\n"), "{report}");
    assert!(report.contains("\n检查完成：0 项必须修改，"), "{report}");
    for secret in [KEY, SECRET] {
        assert!(!report.contains(secret), "{secret} printed:\n{report}");
    }
}

#[cfg(unix)]
#[test]
fn a_folder_others_can_read_is_reported_and_left_as_it_is() {
    let install = Install::good();
    let data = install.data();
    let settings = data.join("settings.env");
    std::fs::write(
        &settings,
        "FUSHEN_INSTITUTION=测试学校\nFUSHEN_INSTITUTON=拼错了\n",
    )
    .unwrap();
    set_mode(&data, 0o755);
    set_mode(&settings, 0o644);
    let (report, status) = install.check(&[], &[]);
    assert_eq!(status, 0, "{report}");
    for line in [
        format!(
            "[建议] 目录 {} 别的用户也能读（权限 755）。fushen-server serve 启动时会自动改为 700；也可以现在改：chmod 700 {}",
            data.display(),
            data.display()
        ),
        format!(
            "[建议] 文件 {} 别的用户也能读（权限 644）。fushen-server serve 启动时会自动改为 600；也可以现在改：chmod 600 {}",
            settings.display(),
            settings.display()
        ),
        format!(
            "[建议] {} 里有不认识的设置：FUSHEN_INSTITUTON，它们没有生效。请对照 docs/operator.md 的设置表检查拼写。",
            settings.display()
        ),
        "  机构名称：测试学校（settings.env）".to_string(),
    ] {
        assert!(report.lines().any(|l| l == line), "no line {line}:\n{report}");
    }
    // Reported, not fixed.
    assert_eq!(mode(&data), 0o755);
    assert_eq!(mode(&settings), 0o644);
}

#[test]
fn no_staff_account_is_advice_with_the_command() {
    let install = Install::bare();
    let (report, status) = install.check(&[], &[]);
    assert_eq!(status, 0, "{report}");
    let advice =
        "[建议] 还没有工作人员账号，收件箱没人能登录。创建一个（会显示密码）：fushen-server staff set 用户名";
    assert!(report.lines().any(|l| l == advice), "{report}");
    // Reporting created nothing: no data folder, no database.
    assert!(!install.data().exists());
}

#[test]
fn a_missing_site_must_be_fixed() {
    let install = Install::good();
    let missing = install.dir.path().join("dist");
    let (report, status) = install.check(&[], &[("FUSHEN_SITE", missing.to_str().unwrap())]);
    assert_eq!(status, 1, "{report}");
    assert_eq!(
        lines(&report, "[必须修改]"),
        [format!(
            "[必须修改] 网站目录 {} 不存在，serve 将不提供网页。请把构建好的网站（trunk build --release 生成的 dist 目录）放到这里，或用 FUSHEN_SITE 指向它；不提供网页时设 FUSHEN_SITE 为空。",
            missing.display()
        )]
    );
    assert!(report.contains("\n检查完成：1 项必须修改，"), "{report}");
}

#[test]
fn a_port_taken_by_another_program_must_be_fixed() {
    let install = Install::good();
    let other = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = other.local_addr().unwrap();
    let (report, status) = install.check(&[], &[("FUSHEN_LISTEN", &address.to_string())]);
    assert_eq!(status, 1, "{report}");
    assert_eq!(
        lines(&report, "[必须修改]"),
        [format!(
            "[必须修改] {address} 被别的程序占用（不是这个数据目录的 fushen-server），serve 启动不了：请停掉那个程序，或用 FUSHEN_LISTEN 换一个端口。查看是谁占用：ss -ltnp 'sport = :{}'",
            address.port()
        )]
    );

    // Taken by the server of this data folder (it holds the folder's lock): that is fine.
    let lock = fushen_server::backup::DataLock::take(&install.data()).unwrap();
    let (report, status) = install.check(&[], &[("FUSHEN_LISTEN", &address.to_string())]);
    assert_eq!(status, 0, "{report}");
    let running = format!(
        "[正常] {address} 已被占用：这个数据目录的 fushen-server 正在运行（数据目录被它锁住）。"
    );
    assert!(report.lines().any(|l| l == running), "{report}");
    drop(lock);
    drop(other);
}

#[test]
fn a_database_of_a_newer_program_must_be_fixed() {
    let install = Install::good();
    let path = install.data().join("fushen.sqlite3");
    fushen_server::db::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let (report, status) = install.check(&[], &[]);
    assert_eq!(status, 1, "{report}");
    let must = lines(&report, "[必须修改]");
    assert_eq!(must.len(), 1, "{report}");
    assert!(
        must[0].starts_with(&format!(
            "[必须修改] 数据库 {}：这个数据库是 fushen-server {v} 写的（数据结构第 99 版），这个程序（fushen-server {v}）只认识到第 {} 版。",
            path.display(),
            fushen_server::db::schema_version(),
            v = env!("CARGO_PKG_VERSION"),
        )),
        "{report}"
    );
    // Still version 99: reporting changed nothing.
    let version: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, 99);
}

/// A group robot on 127.0.0.1 that records what it is sent and answers `answer`.
#[derive(Clone)]
struct FakeRobot {
    received: Arc<Mutex<Vec<Value>>>,
    answer: &'static str,
}

async fn hook(State(robot): State<FakeRobot>, Json(body): Json<Value>) -> String {
    robot.received.lock().unwrap().push(body);
    robot.answer.to_string()
}

/// Starts a fake robot answering `answer`; its webhook address (with a key) and its record.
async fn fake_robot(answer: &'static str) -> (String, Arc<Mutex<Vec<Value>>>) {
    let robot = FakeRobot {
        received: Arc::default(),
        answer,
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let app = Router::new()
        .route("/hook", route_post(hook))
        .with_state(robot.clone());
    // Stops with the test's runtime.
    tokio::spawn(async move { axum::serve(listener, app).await });
    (format!("http://{address}/hook?key={KEY}"), robot.received)
}

/// `check --notify` against the robot at `url`, off the runtime's threads.
async fn check_notify(install: Install, url: String) -> (String, i32) {
    tokio::task::spawn_blocking(move || {
        install.check(
            &["--notify"],
            &[
                ("FUSHEN_WEBHOOK_URL", &url),
                ("FUSHEN_WEBHOOK_KIND", "wecom"),
            ],
        )
    })
    .await
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn notify_sends_a_test_alert_and_shows_the_answer() {
    let (url, received) = fake_robot(r#"{"errcode":0,"errmsg":"ok"}"#).await;
    let (report, status) = check_notify(Install::good(), url).await;
    assert_eq!(status, 0, "{report}");
    let sent = r#"[正常] 测试通知已发出，机器人收下了（回答：HTTP 200 {"errcode":0,"errmsg":"ok"}）。请到群里看看是否收到。"#;
    assert!(report.lines().any(|l| l == sent), "{report}");
    let received = received.lock().unwrap().clone();
    assert_eq!(
        received,
        [serde_json::json!({"msgtype": "text", "text": {"content": TEST_ALERT}})]
    );
    assert!(!report.contains(KEY), "{report}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn notify_names_a_robot_that_refuses() {
    let (url, received) = fake_robot(r#"{"errcode":93000,"errmsg":"invalid webhook url"}"#).await;
    let (report, status) = check_notify(Install::good(), url).await;
    assert_eq!(status, 1, "{report}");
    assert_eq!(
        lines(&report, "[必须修改]"),
        [
            r#"[必须修改] 测试通知机器人没有收下（robot code 93000: invalid webhook url；回答：HTTP 200 {"errcode":93000,"errmsg":"invalid webhook url"}）。请对照群机器人的设置检查 FUSHEN_WEBHOOK_URL、FUSHEN_WEBHOOK_SECRET 和 FUSHEN_WEBHOOK_KIND。"#
        ]
    );
    assert_eq!(received.lock().unwrap().len(), 1);
    assert!(!report.contains(KEY), "{report}");
}
