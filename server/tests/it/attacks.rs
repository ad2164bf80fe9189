//! README's promises, tried as an attacker or a privacy request would: deleted data read back
//! from the raw database files, connections that send nothing or a body that never ends, forged
//! proxy headers, hostile ids in the log, world-readable data folders and exports.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::util::*;
use axum::body::Body;
use axum::extract::connect_info::MockConnectInfo;
use axum::http::{Method, Request, StatusCode};
use fushen_server::app;
use fushen_server::serve::{serve_at_most, serve_on, HEADER_TIMEOUT};

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// The bytes of the database file and its WAL, as `grep -a` would read them.
fn raw_files(db: &std::path::Path) -> Vec<u8> {
    let mut bytes = std::fs::read(db).unwrap_or_default();
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    bytes.extend(std::fs::read(&wal).unwrap_or_default());
    bytes
}

#[tokio::test]
async fn forget_and_purge_leave_no_byte_of_the_deleted_in_the_files() {
    let app = app();
    // The words of the enquiries to delete, and of one to keep.
    let gone = [
        ("司马相如", "139 1234 5678", "请在周三上午回电谢谢"),
        ("卓文君", "137 0000 4321", "想了解压力焊复审的费用"),
    ];
    let mut ids = Vec::new();
    for (seed, (name, phone, message)) in gone.iter().enumerate() {
        let mut draft = draft(name, phone);
        draft.message = message.to_string();
        let (body, id) = body_of(&draft, 100 + seed as u64);
        assert_eq!(
            post(&app.router, &body, &id).await.status,
            StatusCode::CREATED
        );
        ids.push(id);
    }
    let (body, id) = body_of(&draft("王昭君", "136 5555 6666"), 200);
    assert_eq!(
        post(&app.router, &body, &id).await.status,
        StatusCode::CREATED
    );
    let path = app.config.db_path.clone();
    let before = raw_files(&path);
    for (name, _, message) in &gone {
        assert!(contains(&before, name), "stored: {name}");
        assert!(contains(&before, message), "stored: {message}");
    }
    assert!(contains(&before, "13912345678"));

    // forget, from the operator's command, while the server's connections stay open.
    let output = run(&app.config.data_dir, &["forget", "139 1234 5678"]);
    assert!(output.status.success(), "{output:?}");
    // The retention purge, on the server's own connection, for the second one.
    let second = ids[1].clone();
    app.db
        .call(move |conn| {
            conn.execute(
                "UPDATE enquiries SET received_at = 0 WHERE id = ?1",
                [&second],
            )?;
            fushen_server::retention::purge(conn, 30, fushen_server::clock::now_ms(), false)
        })
        .await
        .unwrap();

    let after = raw_files(&path);
    for (name, phone, message) in &gone {
        assert!(!contains(&after, name), "still on disk: {name}");
        assert!(!contains(&after, message), "still on disk: {message}");
        let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
        assert!(!contains(&after, &digits), "still on disk: {digits}");
    }
    // What was not deleted is still there, and the server still answers.
    assert!(contains(&after, "王昭君"));
    assert_eq!(count(&app.db).await, 1);
    let (body, id) = body_of(&draft("杨玉环", "135 1111 2222"), 300);
    assert_eq!(
        post(&app.router, &body, &id).await.status,
        StatusCode::CREATED
    );
}

/// Serves the test app on a real socket on 127.0.0.1.
async fn listening(app: &TestApp) -> (SocketAddr, tokio::sync::oneshot::Sender<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let router = app::router(app.state.clone());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(serve_on(listener, router, async {
        let _ = stopped.await;
    }));
    (address, stop)
}

/// Reads until the server closes the connection; how long that took.
fn time_to_close(mut stream: TcpStream, limit: Duration) -> Option<Duration> {
    let started = Instant::now();
    stream.set_read_timeout(Some(limit)).unwrap();
    let mut buffer = [0u8; 1024];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => return Some(started.elapsed()),
            Ok(_) => continue,
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {
                return Some(started.elapsed())
            }
            Err(_) => return None,
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_and_silent_connections_are_closed_within_the_header_timeout() {
    let app = app();
    let (address, _stop) = listening(&app).await;
    let bound = HEADER_TIMEOUT + Duration::from_secs(3);
    let handles: Vec<_> = [
        // Connects and sends nothing.
        &b""[..],
        // Sends half of its headers, then nothing.
        &b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slow"[..],
        // A whole request, then keeps the connection open and idle.
        &b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"[..],
    ]
    .into_iter()
    .map(|sent| {
        let sent = sent.to_vec();
        std::thread::spawn(move || {
            let mut stream = TcpStream::connect(address).unwrap();
            stream.write_all(&sent).unwrap();
            time_to_close(stream, bound + Duration::from_secs(5))
        })
    })
    .collect();
    // Meanwhile, with many idle connections open, the server answers others at once.
    let idle: Vec<TcpStream> = (0..100)
        .map(|_| TcpStream::connect(address).unwrap())
        .collect();
    let started = Instant::now();
    let answer = tokio::task::spawn_blocking(move || {
        let mut stream = TcpStream::connect(address).unwrap();
        stream
            .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .unwrap();
        let mut text = String::new();
        let _ = stream.read_to_string(&mut text);
        text
    })
    .await
    .unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(started.elapsed() < Duration::from_secs(2));
    for handle in handles {
        let closed = tokio::task::spawn_blocking(move || handle.join().unwrap())
            .await
            .unwrap();
        let closed = closed.expect("the server closed the connection");
        assert!(closed <= bound, "closed after {closed:?}");
        assert!(
            closed >= HEADER_TIMEOUT - Duration::from_secs(1),
            "{closed:?}"
        );
    }
    drop(idle);
}

/// Sends `head` (whole headers, so the headers' own timeout is met) and half of `body`, then
/// nothing; the answer, read until it holds `until`, and how long it took after the half body.
async fn half_a_body(
    address: SocketAddr,
    head: String,
    body: String,
    until: &'static str,
) -> (String, Duration) {
    tokio::task::spawn_blocking(move || {
        let mut stream = TcpStream::connect(address).unwrap();
        stream.write_all(head.as_bytes()).unwrap();
        stream
            .write_all(&body.as_bytes()[..body.len() / 2])
            .unwrap();
        let started = Instant::now();
        stream
            .set_read_timeout(Some(app::REQUEST_TIMEOUT + Duration::from_secs(10)))
            .unwrap();
        let mut answer = Vec::new();
        let mut buffer = [0u8; 1024];
        while !contains(&answer, until) {
            match stream.read(&mut buffer) {
                Ok(0) | Err(_) => break,
                Ok(n) => answer.extend_from_slice(&buffer[..n]),
            }
        }
        (
            String::from_utf8_lossy(&answer).into_owned(),
            started.elapsed(),
        )
    })
    .await
    .unwrap()
}

/// Answered at the request timeout, give or take.
fn at_the_request_timeout(took: Duration) {
    assert!(
        took >= app::REQUEST_TIMEOUT - Duration::from_secs(1),
        "answered after {took:?}"
    );
    assert!(
        took <= app::REQUEST_TIMEOUT + Duration::from_secs(3),
        "answered after {took:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_that_never_finishes_is_answered_408_within_the_request_timeout() {
    let app = app();
    let (address, _stop) = listening(&app).await;
    let (body, id) = body_of(&draft("司马相如", "139 1234 5678"), 400);
    let head = format!(
        "POST /api/enquiries HTTP/1.1\r\nHost: 127.0.0.1\r\n\
         Content-Type: application/json\r\nIdempotency-Key: {id}\r\n\
         Content-Length: {}\r\n\r\n",
        body.len()
    );
    let (answer, took) = half_a_body(address, head, body, "\r\n\r\n").await;
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    at_the_request_timeout(took);
    assert_eq!(count(&app.db).await, 0, "half an enquiry is not stored");
}

/// On the staff side the same timeout is a staff page, not the receiver's JSON.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_staff_form_that_never_finishes_is_answered_408_with_a_page() {
    let app = app();
    let (address, _stop) = listening(&app).await;
    let body = "username=wang&password=correct+horse+battery&csrf=x".to_string();
    let head = format!(
        "POST /staff/login HTTP/1.1\r\nHost: 127.0.0.1\r\n\
         Content-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {}\r\n\r\n",
        body.len()
    );
    let (answer, took) = half_a_body(address, head, body, "</html>").await;
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    at_the_request_timeout(took);
    let lower = answer.to_ascii_lowercase();
    assert!(
        lower.contains("content-type: text/html; charset=utf-8"),
        "{answer}"
    );
    assert!(!answer.contains("{\"message\""), "{answer}");
    assert!(answer.contains("等待太久"), "{answer}");
    assert!(answer.contains("<a href=\"./\">返回收件箱</a>"), "{answer}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn past_the_connection_limit_clients_wait_until_one_closes() {
    let app = app();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let (_stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(serve_at_most(
        listener,
        app::router(app.state.clone()),
        2,
        async {
            let _ = stopped.await;
        },
    ));
    let ask = move || {
        let mut stream = TcpStream::connect(address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(1)))
            .unwrap();
        stream
            .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .unwrap();
        stream
    };
    let answered = |mut stream: TcpStream| {
        let mut text = String::new();
        let _ = stream.read_to_string(&mut text);
        text.starts_with("HTTP/1.1 200")
    };
    // Two silent clients hold both places: a third waits in the kernel's queue, unanswered.
    let first = TcpStream::connect(address).unwrap();
    let _second = TcpStream::connect(address).unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let waiting = tokio::task::spawn_blocking(move || answered(ask()))
        .await
        .unwrap();
    assert!(!waiting, "served past the limit");
    // One leaves: the next client is served at once.
    drop(first);
    tokio::time::sleep(Duration::from_millis(200)).await;
    let served = tokio::task::spawn_blocking(move || answered(ask()))
        .await
        .unwrap();
    assert!(served, "served once a place is free");
}

/// The app behind a trusted proxy on loopback, as a dual-stack listener sees it.
fn behind_proxy(settings: &[(&str, &str)]) -> (TestApp, axum::Router) {
    let mut all = vec![("FUSHEN_TRUST_PROXY", "true")];
    all.extend_from_slice(settings);
    let app = app_with(&all);
    let peer: SocketAddr = "[::ffff:127.0.0.1]:50000".parse().unwrap();
    let router = app::router(app.state.clone()).layer(MockConnectInfo(peer));
    (app, router)
}

async fn post_from(router: &axum::Router, forwarded: &str, seed: u64) -> StatusCode {
    let (body, id) = enquiry(seed);
    let request = Request::builder()
        .method(Method::POST)
        .uri("/api/enquiries")
        .header("content-type", "application/json")
        .header("idempotency-key", &id)
        .header("x-forwarded-for", forwarded)
        .body(Body::from(body))
        .unwrap();
    send(router, request).await.status
}

#[tokio::test]
async fn ipv4_mapped_clients_behind_a_proxy_have_a_bucket_each() {
    let (_app, router) = behind_proxy(&[("FUSHEN_RATE_LIMIT", "2")]);
    // One client uses up its own limit ...
    assert_eq!(
        post_from(&router, "::ffff:198.51.100.1", 1).await,
        StatusCode::CREATED
    );
    assert_eq!(
        post_from(&router, "::ffff:198.51.100.1", 2).await,
        StatusCode::CREATED
    );
    assert_eq!(
        post_from(&router, "::ffff:198.51.100.1", 3).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // ... and nobody else's: not written as plain IPv4, not with a port.
    assert_eq!(
        post_from(&router, "::ffff:198.51.100.2", 4).await,
        StatusCode::CREATED
    );
    assert_eq!(
        post_from(&router, "198.51.100.3", 5).await,
        StatusCode::CREATED
    );
    assert_eq!(
        post_from(&router, "[::ffff:198.51.100.4]:443", 6).await,
        StatusCode::CREATED
    );
    // The same client written the other way is the same client.
    assert_eq!(
        post_from(&router, "198.51.100.1:5678", 7).await,
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test]
async fn a_client_cannot_choose_its_bucket_through_x_forwarded_for() {
    let (_app, router) = behind_proxy(&[("FUSHEN_RATE_LIMIT", "2")]);
    // Entries before the proxy's own are the client's words: changing them changes nothing.
    for (seed, fake) in ["203.0.113.1", "203.0.113.2", "203.0.113.3"]
        .iter()
        .enumerate()
    {
        let status = post_from(&router, &format!("{fake}, 198.51.100.7"), 10 + seed as u64).await;
        assert_eq!(status == StatusCode::CREATED, seed < 2, "{fake}: {status}");
    }
    // A last entry that cannot be read falls back to the proxy's address, never to an earlier
    // (client-written) one: all such requests share one bucket, whatever they put before it.
    let mut statuses = Vec::new();
    for (seed, fake) in ["203.0.113.4", "203.0.113.5", "203.0.113.6"]
        .iter()
        .enumerate()
    {
        statuses.push(post_from(&router, &format!("{fake}, unknown"), 20 + seed as u64).await);
    }
    assert_eq!(
        statuses,
        [
            StatusCode::CREATED,
            StatusCode::CREATED,
            StatusCode::TOO_MANY_REQUESTS
        ]
    );
    // Nor can a client add a second header line of its own after the proxy's.
    let (_app, router) = behind_proxy(&[("FUSHEN_RATE_LIMIT", "1")]);
    assert_eq!(
        post_from(&router, "198.51.100.8", 30).await,
        StatusCode::CREATED
    );
    assert_eq!(
        post_from(&router, "198.51.100.8", 31).await,
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test]
async fn staff_sign_in_through_a_proxy_is_not_locked_by_other_clients() {
    let (_app, router) = behind_proxy(&[]);
    let attempt = |forwarded: &'static str| {
        let router = router.clone();
        async move {
            let request = Request::builder()
                .method(Method::POST)
                .uri("/staff/login")
                .header("content-type", "application/x-www-form-urlencoded")
                .header("x-forwarded-for", forwarded)
                .body(Body::from("username=a&password=b&csrf=c"))
                .unwrap();
            send(&router, request).await.status
        }
    };
    for _ in 0..fushen_server::app::SIGN_IN_PER_MINUTE {
        assert_eq!(attempt("::ffff:198.51.100.66").await, StatusCode::FORBIDDEN);
    }
    assert_eq!(
        attempt("::ffff:198.51.100.66").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // The staff member's own phone, on another address, can still sign in.
    assert_eq!(attempt("::ffff:198.51.100.67").await, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_hostile_id_is_refused_before_anything_logs_it() {
    let app = app();
    let (body, _) = enquiry(40);
    let forged = "x name=zhang phone=13800138000";
    let mut payload: serde_json::Value = serde_json::from_str(&body).unwrap();
    payload["id"] = forged.into();
    payload["website"] = "http://spam.example".into();
    let answer = post(&app.router, &payload.to_string(), forged).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(answer.message(), "咨询编号不对，请刷新页面后再提交");
    assert_eq!(count(&app.db).await, 0);
}

/// The release binary serving on a free port of 127.0.0.1, its log collected.
struct Server {
    child: Child,
    address: SocketAddr,
    log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start(data: &TempDir, env: &[(&str, &str)]) -> Server {
        let mut child = program(data.path())
            .arg("serve")
            .env("FUSHEN_SITE", "")
            .env("FUSHEN_LISTEN", "127.0.0.1:0")
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let log = Arc::new(Mutex::new(Vec::new()));
        let (found, address) = std::sync::mpsc::channel();
        let lines = BufReader::new(child.stderr.take().unwrap());
        let kept = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in lines.lines().map_while(Result::ok) {
                if let Some(rest) = line.split("listening on http://").nth(1) {
                    let _ = found.send(rest.split('/').next().unwrap_or("").to_string());
                }
                kept.lock().unwrap().push(line);
            }
        });
        let address = address
            .recv_timeout(Duration::from_secs(20))
            .expect("the server says where it listens")
            .parse()
            .unwrap();
        Server {
            child,
            address,
            log,
        }
    }

    /// One request on its own connection; the answer's status line and body.
    fn request(&self, head: &str, body: &str) -> String {
        let mut stream = TcpStream::connect(self.address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(15)))
            .unwrap();
        write!(
            stream,
            "{head}\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        let mut answer = String::new();
        let _ = stream.read_to_string(&mut answer);
        answer
    }

    /// The log so far, once it holds `last` (the line written last), or after 10 s.
    fn log_until(&self, last: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let log = self.log.lock().unwrap().join("\n");
            if log.contains(last) || Instant::now() > deadline {
                // Anything written after it (nothing expected) would show in the assertions.
                std::thread::sleep(Duration::from_millis(100));
                return self.log.lock().unwrap().join("\n");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn the_log_tells_the_operator_and_never_the_attacker_or_the_welder() {
    let data = TempDir::new();
    let made = run_with(
        data.path(),
        &["staff", "set", "wang", "--password-stdin"],
        "correct horse battery\n",
        &[],
    );
    assert!(made.status.success(), "{}", said(&made));
    let server = Server::start(&data, &[]);

    // A forwarded header while the proxy is not trusted: said once, with what to set.
    for _ in 0..3 {
        let answer = server.request("GET /healthz HTTP/1.1\r\nX-Forwarded-For: 198.51.100.1", "");
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    }
    // An enquiry with a forged id and the honeypot filled; a real one.
    let (body, _) = enquiry(50);
    let mut hostile: serde_json::Value = serde_json::from_str(&body).unwrap();
    hostile["id"] = "x name=zhang phone=13800138000".into();
    hostile["website"] = "x".into();
    let answer = server.request(
        "POST /api/enquiries HTTP/1.1\r\nContent-Type: application/json\r\nIdempotency-Key: x name=zhang phone=13800138000",
        &hostile.to_string(),
    );
    assert!(answer.starts_with("HTTP/1.1 422"), "{answer}");
    let (body, id) = body_of(&draft("欧阳修", "138 0013 8000"), 51);
    let answer = server.request(
        &format!("POST /api/enquiries HTTP/1.1\r\nContent-Type: application/json\r\nIdempotency-Key: {id}"),
        &body,
    );
    assert!(answer.starts_with("HTTP/1.1 201"), "{answer}");
    // A failed sign-in (no form token: refused before any hash) and a wrong password.
    let page = server.request("GET /staff/login HTTP/1.1", "");
    let cookie = page
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: "))
        .and_then(|c| c.split(';').next())
        .unwrap()
        .to_string();
    let csrf = cookie.split('=').nth(1).unwrap().to_string();
    // A password typed into the name field (no such account), with a line end in it; then the
    // right name with a wrong password.
    let answer = server.request(
        &format!("POST /staff/login HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\nCookie: {cookie}"),
        &format!("username=Tr0ub4dor%26wang%0Aforged+line&password=wrong-password-1&csrf={csrf}"),
    );
    assert!(answer.starts_with("HTTP/1.1 401"), "{answer}");
    let answer = server.request(
        &format!("POST /staff/login HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\nCookie: {cookie}"),
        &format!("username=wang&password=wrong-password-2&csrf={csrf}"),
    );
    assert!(answer.starts_with("HTTP/1.1 401"), "{answer}");

    let log = server.log_until("known=true");
    let warnings = log.matches("FUSHEN_TRUST_PROXY=true").count();
    assert_eq!(warnings, 1, "{log}");
    assert!(log.contains("X-Forwarded-For"), "{log}");
    assert!(log.contains("enquiry stored"), "{log}");
    // The sign-in with an unknown name: only how long the name was (it may be a password typed
    // in the wrong field), the address masked.
    let failed = log
        .lines()
        .find(|l| l.contains("staff sign-in failed") && l.contains("known=false"))
        .unwrap_or_else(|| panic!("{log}"));
    assert!(failed.contains("username_chars=26"), "{failed}");
    assert!(!failed.contains("username="), "{failed}");
    assert!(failed.contains("client=127.0.0.x"), "{failed}");
    assert!(!log.lines().any(|l| l.starts_with("forged line")), "{log}");
    assert!(
        !log.contains("Tr0ub4dor") && !log.contains("forged"),
        "{log}"
    );
    // With an account's name: the name, escaped as typed.
    let failed = log
        .lines()
        .find(|l| l.contains("staff sign-in failed") && l.contains("known=true"))
        .unwrap_or_else(|| panic!("{log}"));
    assert!(failed.contains(r#"username="wang""#), "{failed}");
    assert!(failed.contains("client=127.0.0.x"), "{failed}");
    // Nothing of the welder's, nothing the attacker wrote into the id.
    for secret in [
        "13800138000",
        "欧阳修",
        "张三",
        "phone=",
        "wrong-password-1",
        "wrong-password-2",
    ] {
        assert!(!log.contains(secret), "the log has {secret}: {log}");
    }
}

#[cfg(unix)]
#[test]
fn an_existing_data_folder_and_its_files_are_made_private_and_exports_too() {
    let data = TempDir::new();
    let set = set_mode;
    // A folder made by hand, with the usual umask, and a settings file with the robot's secret.
    let settings = data.path().join("settings.env");
    std::fs::write(&settings, "FUSHEN_INSTITUTION=衡阳示例培训学校\n").unwrap();
    set(data.path(), 0o755);
    set(&settings, 0o644);
    // A database restored by `cp` under umask 022.
    let db = data.path().join("fushen.sqlite3");
    drop(fushen_server::db::open(&db).unwrap());
    set(&db, 0o644);

    let run = |args: &[&str]| run(data.path(), args);
    let listed = run(&["staff", "list"]);
    assert!(listed.status.success(), "{listed:?}");
    let said = String::from_utf8_lossy(&listed.stderr);
    assert!(said.contains("已改为只有本用户能读"), "{said}");
    assert!(said.contains(&settings.display().to_string()), "{said}");
    assert_eq!(mode(data.path()), 0o700);
    assert_eq!(mode(&settings), 0o600);
    assert_eq!(mode(&db), 0o600);
    // Nothing more to say the next time.
    let again = run(&["staff", "list"]);
    assert!(String::from_utf8_lossy(&again.stderr).is_empty());

    // `export -o` writes a file only its owner reads, even over an existing readable one.
    let csv = data.path().join("咨询.csv");
    std::fs::write(&csv, "old").unwrap();
    set(&csv, 0o644);
    let exported = run(&["export", "-o", csv.to_str().unwrap()]);
    assert!(exported.status.success(), "{exported:?}");
    assert_eq!(mode(&csv), 0o600);
    assert!(std::fs::read_to_string(&csv)
        .unwrap()
        .starts_with("\u{feff}咨询编号"));
}

#[tokio::test]
async fn database_files_stay_private_while_serving() {
    let app = app();
    let (body, id) = enquiry(60);
    assert_eq!(
        post(&app.router, &body, &id).await.status,
        StatusCode::CREATED
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for suffix in ["", "-wal", "-shm"] {
            let mut name = app.config.db_path.as_os_str().to_owned();
            name.push(suffix);
            let mode = std::fs::metadata(&name).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode & 0o077, 0, "{name:?} is {mode:o}");
        }
    }
}
