//! The group-robot alerts against a fake robot on 127.0.0.1: stored first, sent with a valid
//! signature, masked phone and certificate type only, retried after a failure, sent once.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post as route_post;
use axum::{Json, Router};
use serde_json::Value;

use crate::util::*;
use fushen_server::config::{RobotKind, Webhook};
use fushen_server::db::{alerts, Database};
use fushen_server::notify::{self, robots};

const SECRET: &str = "SECfake";

#[derive(Clone, Default)]
struct Robot {
    received: Arc<Mutex<Vec<Value>>>,
    /// Answers with a failure until this many requests have come.
    fail_first: usize,
}

async fn hook(State(robot): State<Robot>, Json(body): Json<Value>) -> (StatusCode, String) {
    let mut received = robot.received.lock().unwrap();
    received.push(body);
    if received.len() <= robot.fail_first {
        (StatusCode::OK, r#"{"code":9499,"msg":"busy"}"#.into())
    } else {
        (
            StatusCode::OK,
            r#"{"code":0,"msg":"success","data":{}}"#.into(),
        )
    }
}

/// A listener on a free port of 4280–4299 (the ports this project's tests may use).
async fn listener() -> tokio::net::TcpListener {
    for port in 4280..=4299 {
        if let Ok(listener) = tokio::net::TcpListener::bind(("127.0.0.1", port)).await {
            return listener;
        }
    }
    panic!("no free port in 4280–4299");
}

async fn wait_for(mut done: impl FnMut() -> bool) {
    for _ in 0..200 {
        if done() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("timed out");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_enquiry_reaches_the_group_robot_once_retried_after_a_failure() {
    let robot = Robot {
        fail_first: 1,
        ..Robot::default()
    };
    let listener = listener().await;
    let address = listener.local_addr().unwrap();
    let fake = Router::new()
        .route("/hook", route_post(hook))
        .with_state(robot.clone());
    tokio::spawn(async move { axum::serve(listener, fake).await });

    let app = app_with(&[
        ("FUSHEN_WEBHOOK_URL", &format!("http://{address}/hook")),
        ("FUSHEN_WEBHOOK_KIND", "feishu"),
        ("FUSHEN_WEBHOOK_SECRET", SECRET),
        ("FUSHEN_INBOX_URL", "https://example.cn/staff/"),
    ]);
    // The app of `util` has no worker: start the server's own pair on the same database.
    let (wake, woken) = std::sync::mpsc::channel();
    let db = Database::start(&app.config.db_path, Some(wake)).unwrap();
    let webhook = app.config.webhook.clone().unwrap();
    assert_eq!(
        webhook,
        Webhook {
            kind: RobotKind::Feishu,
            url: format!("http://{address}/hook"),
            secret: Some(SECRET.into()),
        }
    );
    notify::start(
        webhook,
        app.config.db_path.clone(),
        app.config.inbox_url.clone(),
        woken,
    )
    .unwrap();
    let router = router_over(&app, &db);

    let (body, id) = enquiry(1);
    assert_eq!(post(&router, &body, &id).await.status, StatusCode::CREATED);
    // The first call fails: the alert stays queued, with a later attempt due.
    wait_for(|| robot.received.lock().unwrap().len() == 1).await;
    let state = || async {
        db.call(|c| {
            Ok(c.query_row(
                "SELECT attempts, next_attempt_at, sent_at FROM notices",
                [],
                |r| {
                    Ok((
                        r.get::<_, u32>(0)?,
                        r.get::<_, Option<i64>>(1)?,
                        r.get::<_, Option<i64>>(2)?,
                    ))
                },
            )?)
        })
        .await
        .unwrap()
    };
    let mut queued = state().await;
    for _ in 0..100 {
        if queued.0 == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
        queued = state().await;
    }
    let (attempts, next, sent) = queued;
    assert_eq!((attempts, sent), (1, None));
    let wait = next.unwrap() - fushen_server::clock::now_ms();
    assert!(
        (20_000..=30_000).contains(&wait),
        "retried after about 30 s, not {wait} ms"
    );

    // Bring the retry forward (rather than wait 30 s); a second enquiry wakes the worker, and
    // both go in one message.
    db.call(|c| Ok(c.execute("UPDATE notices SET next_attempt_at = 0", [])?))
        .await
        .unwrap();
    let (body, id) = body_of(&draft("李四", "13900001111"), 2);
    assert_eq!(post(&router, &body, &id).await.status, StatusCode::CREATED);
    wait_for(|| robot.received.lock().unwrap().len() >= 2).await;
    tokio::time::sleep(Duration::from_millis(1_500)).await;

    let received = robot.received.lock().unwrap().clone();
    assert_eq!(
        received.len(),
        2,
        "sent once after the failure: {received:?}"
    );
    let last = &received[1];
    let text = last["content"]["text"].as_str().unwrap();
    assert!(text.starts_with("新的咨询 2 条\n"), "{text}");
    assert!(text.contains("熔化焊接与热切割作业 · 138****8000"));
    assert!(text.contains("139****1111"));
    assert!(text.ends_with("https://example.cn/staff/"));
    for secret in ["张三", "李四", "13800138000", "13900001111", "想参加"] {
        assert!(!text.contains(secret), "{secret} in the alert");
    }
    let timestamp: i64 = last["timestamp"].as_str().unwrap().parse().unwrap();
    assert_eq!(
        last["sign"],
        robots::feishu_sign(SECRET, timestamp).as_str()
    );
    let now_s = fushen_server::clock::now_ms() / 1000;
    assert!((now_s - timestamp).abs() < 60);
    let unsent = db.call(|c| Ok(alerts::unsent(c)?)).await.unwrap();
    assert_eq!(unsent, 0);
}

/// What the test's log subscriber has written (one subscriber for this test binary).
#[derive(Clone)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A robot whose first answer quotes its own address (key included), and whose second sends
/// the caller elsewhere.
#[derive(Clone, Default)]
struct Echoing {
    calls: Arc<Mutex<usize>>,
    elsewhere: Arc<Mutex<usize>>,
    address: Arc<Mutex<String>>,
}

const KEY: &str = "693a91f6-7b2c-4f0e-9d1a-5c3e8b7a6f21";

async fn echoing_hook(State(robot): State<Echoing>) -> axum::response::Response {
    use axum::response::IntoResponse;
    let call = {
        let mut calls = robot.calls.lock().unwrap();
        *calls += 1;
        *calls
    };
    let address = robot.address.lock().unwrap().clone();
    if call == 1 {
        let body = format!(
            r#"{{"errcode":93000,"errmsg":"invalid webhook url, hint: http://{address}/cgi-bin/webhook/send?key={KEY}"}}"#
        );
        (StatusCode::OK, body).into_response()
    } else {
        (
            StatusCode::FOUND,
            [(
                axum::http::header::LOCATION,
                format!("http://{address}/elsewhere"),
            )],
            format!("moved; key={KEY}"),
        )
            .into_response()
    }
}

async fn elsewhere(State(robot): State<Echoing>) -> (StatusCode, String) {
    *robot.elsewhere.lock().unwrap() += 1;
    (StatusCode::OK, r#"{"errcode":0,"errmsg":"ok"}"#.into())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_worker_keeps_the_robots_key_out_of_its_log_and_database_and_follows_no_redirect() {
    let log = Captured(Arc::new(Mutex::new(Vec::new())));
    let writer = log.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_max_level(tracing::Level::INFO)
        .finish();
    tracing::subscriber::set_global_default(subscriber).unwrap();

    let robot = Echoing::default();
    let listener = listener().await;
    let address = listener.local_addr().unwrap();
    *robot.address.lock().unwrap() = address.to_string();
    let fake = Router::new()
        .route("/cgi-bin/webhook/send", route_post(echoing_hook))
        .route(
            "/elsewhere",
            axum::routing::any(elsewhere).with_state(robot.clone()),
        )
        .with_state(robot.clone());
    tokio::spawn(async move { axum::serve(listener, fake).await });

    let url = format!("http://{address}/cgi-bin/webhook/send?key={KEY}");
    let app = app_with(&[
        ("FUSHEN_WEBHOOK_URL", &url),
        ("FUSHEN_WEBHOOK_KIND", "wecom"),
    ]);
    let (wake, woken) = std::sync::mpsc::channel();
    let db = Database::start(&app.config.db_path, Some(wake)).unwrap();
    notify::start(
        app.config.webhook.clone().unwrap(),
        app.config.db_path.clone(),
        None,
        woken,
    )
    .unwrap();
    let router = router_over(&app, &db);
    let attempts = || async {
        db.call(|c| {
            Ok(
                c.query_row("SELECT attempts, last_error FROM notices", [], |r| {
                    Ok((r.get::<_, u32>(0)?, r.get::<_, Option<String>>(1)?))
                })?,
            )
        })
        .await
        .unwrap()
    };
    let until_attempts = |n: u32| async move {
        for _ in 0..200 {
            if attempts().await.0 >= n {
                return attempts().await;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        panic!("no attempt {n}");
    };

    let (body, id) = enquiry(7);
    assert_eq!(post(&router, &body, &id).await.status, StatusCode::CREATED);
    // The robot's refusal quotes its address: neither the log nor the database keeps the key.
    let (_, error) = until_attempts(1).await;
    let error = error.expect("the refusal is recorded");
    assert!(error.contains("93000"), "{error}");
    assert!(!error.contains(KEY), "{error}");
    // A redirect is an answer, not a way to another address.
    db.call(|c| Ok(c.execute("UPDATE notices SET next_attempt_at = 0", [])?))
        .await
        .unwrap();
    let (body, id) = body_of(&draft("李四", "13900001111"), 8);
    assert_eq!(post(&router, &body, &id).await.status, StatusCode::CREATED);
    let followed = || *robot.elsewhere.lock().unwrap() > 0;
    for _ in 0..200 {
        if followed() || attempts().await.0 >= 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(!followed(), "the redirect was followed");
    let (tried, error) = attempts().await;
    let error = error.unwrap_or_default();
    assert_eq!(tried, 2, "{error}");
    assert!(error.contains("302"), "{error}");
    assert_eq!(db.call(|c| Ok(alerts::unsent(c)?)).await.unwrap(), 2);

    let logged = String::from_utf8_lossy(&log.0.lock().unwrap()).into_owned();
    assert!(logged.contains("group robot not reached"), "{logged}");
    assert!(!logged.contains(KEY), "the key is in the log: {logged}");
}

/// The app's routes over `db` (a database started with the robot worker's wake-up channel).
fn router_over(app: &TestApp, db: &Database) -> axum::Router {
    fushen_server::app::router(fushen_server::app::AppState::new(
        app.config.clone(),
        db.clone(),
        Arc::new(fushen_server::site::Site::default()),
    ))
}
