//! What the integration tests share, each written once: a temporary folder, the app on a
//! fresh data folder with a tiny built site, requests without a network
//! (`tower::ServiceExt::oneshot`), valid enquiries made by the form's own code, the program run
//! as the operator runs it, and file modes.

use std::collections::HashMap;
use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::connect_info::MockConnectInfo;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use axum::Router;
use serde_json::Value;
use tower::ServiceExt;

use fushen_domain::enquiry::draft::EnquiryDraft;
use fushen_domain::enquiry::payload::{client_id, payload_json};
use fushen_server::app::{self, AppState};
use fushen_server::config::Config;
use fushen_server::db::staff;
use fushen_server::db::Database;
use fushen_server::password;
use fushen_server::site::{PageSettings, Site};

/// A folder under the system's temporary folder, removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new() -> TempDir {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let path = std::env::temp_dir().join(format!(
            "fushen-server-test-{}-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst),
            fushen_server::clock::now_ms()
        ));
        std::fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The program as the operator runs it, on the data folder `data`: none of the settings of the
/// shell running the tests (`PORT`, `FUSHEN_…`) reach it, only those a test gives.
pub fn program(data: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_fushen-server"));
    for (name, _) in std::env::vars() {
        if name == "PORT" || name.starts_with("FUSHEN_") {
            command.env_remove(name);
        }
    }
    command.env("FUSHEN_DATA", data);
    command
}

/// The program with `args` on `data`, reading nothing; its output.
pub fn run(data: &Path, args: &[&str]) -> Output {
    program(data).args(args).output().unwrap()
}

/// The program with `args` on `data`, `stdin` as its input and the settings `env`; its output.
pub fn run_with(data: &Path, args: &[&str], stdin: &str, env: &[(&str, &str)]) -> Output {
    let mut child = program(data)
        .args(args)
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A command that reads nothing may exit before its input is written: that is no failure.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

/// Bytes the program wrote, as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// What the program said, standard output then standard error, as a terminal shows it.
pub fn said(output: &Output) -> String {
    format!("{}{}", text(&output.stdout), text(&output.stderr))
}

/// The standard output of a command that succeeded.
pub fn stdout(output: &Output) -> String {
    assert!(output.status.success(), "{}", text(&output.stderr));
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// The permission bits of `path`.
#[cfg(unix)]
pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Sets the permission bits of `path`.
#[cfg(unix)]
pub fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// The page as Trunk builds it (minified, empty settings), and a hashed script.
pub const INDEX: &str = "<!doctype html><html lang=zh-CN><head><meta name=fushen-endpoint content=api/enquiries><meta name=fushen-phone><meta name=fushen-institution><title>焊工证复审助手</title></head><body><p>焊工证复审助手：估算复审结果什么时候能查到，记下自己的证书时间，在线咨询报名。这段文字足够长，值得压缩；这段文字足够长，值得压缩；这段文字足够长，值得压缩。</p></body></html>";
pub const SCRIPT_PATH: &str = "/fushen-0123456789abcdef.js";

/// A running app on a temporary database.
pub struct TestApp {
    pub dir: TempDir,
    pub router: Router,
    pub db: Database,
    pub config: Config,
    pub state: AppState,
}

/// The app with `settings` (environment-style names) on a fresh data folder.
pub fn app_with(settings: &[(&str, &str)]) -> TestApp {
    let dir = TempDir::new();
    let data = dir.path().join("data").display().to_string();
    let mut all = vec![("FUSHEN_DATA", data.as_str())];
    all.extend_from_slice(settings);
    app_in(dir, &all)
}

/// The app in `dir` (its site there too), with `settings`; `FUSHEN_DATA` defaults to `dir/data`.
pub fn app_in(dir: TempDir, settings: &[(&str, &str)]) -> TestApp {
    let site = dir.path().join("site");
    std::fs::create_dir_all(&site).unwrap();
    std::fs::write(site.join("index.html"), INDEX).unwrap();
    std::fs::write(
        site.join(SCRIPT_PATH.trim_start_matches('/')),
        "export function start(){}\n".repeat(40),
    )
    .unwrap();
    let mut vars: HashMap<String, String> = HashMap::from([
        (
            "FUSHEN_DATA".into(),
            dir.path().join("data").display().to_string(),
        ),
        ("FUSHEN_SITE".into(), site.display().to_string()),
    ]);
    for (k, v) in settings {
        vars.insert(k.to_string(), v.to_string());
    }
    let config = Config::from_vars(&vars).unwrap();
    let db = Database::start(&config.db_path, None).unwrap();
    let site = Site::load(
        config.site_dir.as_ref().unwrap(),
        &PageSettings {
            institution: config.institution.clone(),
            phone: config.phone.clone(),
        },
    )
    .unwrap();
    site.compress();
    let state = AppState::new(config.clone(), db.clone(), Arc::new(site));
    let router =
        app::router(state.clone()).layer(MockConnectInfo(SocketAddr::from(([10, 0, 0, 7], 50000))));
    TestApp {
        dir,
        router,
        db,
        config,
        state,
    }
}

impl TestApp {
    /// The same app, its handlers on `clock` (the database and settings unchanged).
    pub fn on_clock(mut self, clock: fushen_server::clock::Clock) -> TestApp {
        self.state = self.state.with_clock(clock);
        self.router = app::router(self.state.clone())
            .layer(MockConnectInfo(SocketAddr::from(([10, 0, 0, 7], 50000))));
        self
    }
}

/// The app with default settings.
pub fn app() -> TestApp {
    app_with(&[])
}

/// An answer, read whole.
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The Chinese explanation every 4xx carries.
    pub fn message(&self) -> String {
        assert!(self.status.is_client_error(), "{:?}", self.status);
        assert_eq!(self.header("content-type"), Some("application/json"));
        self.json()["message"]
            .as_str()
            .unwrap_or_else(|| panic!("no message: {}", self.text()))
            .to_string()
    }
}

impl Answer {
    /// A staff page refusing or failing a request: `status`, HTML in the staff style (its style
    /// sheet reached from `root`, the page's way back to `/staff/`), a link back to the inbox,
    /// never JSON. Its text.
    pub fn staff_problem(&self, status: StatusCode, root: &str) -> String {
        let html = self.text();
        assert_eq!(self.status, status, "{html}");
        assert_eq!(
            self.header("content-type"),
            Some("text/html; charset=utf-8"),
            "{html}"
        );
        assert_eq!(self.header("cache-control"), Some("no-store"));
        assert!(!html.contains("{\"message\""), "{html}");
        assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
        assert!(
            html.contains(&format!("href=\"{root}staff.css\"")),
            "{html}"
        );
        let inbox = if root.is_empty() { "./" } else { root };
        assert!(
            html.contains(&format!("<a href=\"{inbox}\">返回收件箱</a>")),
            "{html}"
        );
        html
    }
}

/// Sends `request` to `router`.
pub async fn send(router: &Router, request: Request<Body>) -> Answer {
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap()
        .to_vec();
    Answer {
        status,
        headers,
        body,
    }
}

/// `POST /api/enquiries` as the form sends it.
pub async fn post(router: &Router, body: &str, key: &str) -> Answer {
    let request = Request::builder()
        .method(Method::POST)
        .uri("/api/enquiries")
        .header("content-type", "application/json")
        .header("idempotency-key", key)
        .body(Body::from(body.to_string()))
        .unwrap();
    send(router, request).await
}

/// `GET path` with `headers`.
pub async fn get(router: &Router, path: &str, headers: &[(&str, &str)]) -> Answer {
    let mut request = Request::builder().uri(path);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    send(router, request.body(Body::empty()).unwrap()).await
}

/// A valid draft as a user fills it in (phone typed with spaces).
pub fn draft(name: &str, phone: &str) -> EnquiryDraft {
    let mut draft = EnquiryDraft {
        name: name.into(),
        phone: phone.into(),
        certificate: "fusion-welding".into(),
        district: "珠晖区".into(),
        expiry: "2027-03-01".into(),
        message: "想参加下个月的复审培训".into(),
        ..EnquiryDraft::default()
    };
    draft.set_consent(true, fushen_server::clock::now_ms() - 15_000);
    draft
}

/// The JSON the form sends for `draft` under an id made from `seed`, and that id.
pub fn body_of(draft: &EnquiryDraft, seed: u64) -> (String, String) {
    let mut random = [0u8; 16];
    random[..8].copy_from_slice(&seed.to_le_bytes());
    random[8..].copy_from_slice(&(seed ^ 0x5bd1_e995).to_be_bytes());
    let id = client_id(random);
    let today = fushen_server::clock::china_today(fushen_server::clock::now_ms());
    let enquiry = draft.validate(today).unwrap();
    let body = payload_json(
        &enquiry,
        &id,
        fushen_server::clock::now_ms(),
        "https://example.cn/fushen/",
    );
    (body, id)
}

/// A valid enquiry's JSON and id.
pub fn enquiry(seed: u64) -> (String, String) {
    body_of(&draft("张三", "138 0013 8000"), seed)
}

/// How many enquiries the database holds.
pub async fn count(db: &Database) -> i64 {
    db.call(|conn| Ok(conn.query_row("SELECT count(*) FROM enquiries", [], |r| r.get(0))?))
        .await
        .unwrap()
}

/// A staff account for the inbox tests.
pub const USER: &str = "wang";
pub const PASSWORD: &str = "correct horse battery";

pub async fn with_account(app: &TestApp) {
    let hash = password::hash(PASSWORD).unwrap();
    app.db
        .call(move |c| Ok(staff::set_password(c, USER, &hash, 1)?))
        .await
        .unwrap();
}

pub fn form(path: &str, cookie: &str, fields: &[(&str, &str)]) -> Request<Body> {
    let body: Vec<String> = fields
        .iter()
        .map(|(k, v)| format!("{k}={}", urlencode(v)))
        .collect();
    Request::builder()
        .method(Method::POST)
        .uri(path)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", cookie)
        .body(Body::from(body.join("&")))
        .unwrap()
}

pub fn urlencode(value: &str) -> String {
    fushen_server::url::encode(value)
}

/// The value `name=` in a page's hidden field.
pub fn field(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name}: {html}"))
        + marker.len();
    html[start..].split('"').next().unwrap().to_string()
}

/// `name=value` of a `Set-Cookie` header, and the header itself.
pub fn set_cookie(answer: &Answer, name: &str) -> (String, String) {
    let header = answer
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .unwrap_or_else(|| panic!("no cookie {name}"))
        .to_string();
    (header.split(';').next().unwrap().to_string(), header)
}

/// Signs in; returns the session cookie.
pub async fn sign_in(app: &TestApp, password: &str) -> Answer {
    let page = get(&app.router, "/staff/login", &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    let (cookie, _) = set_cookie(&page, "fushen_sign_in");
    let csrf = field(&page.text(), "csrf");
    send(
        &app.router,
        form(
            "/staff/login",
            &cookie,
            &[("username", USER), ("password", password), ("csrf", &csrf)],
        ),
    )
    .await
}
