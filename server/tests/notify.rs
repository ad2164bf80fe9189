//! The group-robot notice against a fake robot on 127.0.0.1: stored first, sent with a valid
//! signature, masked phone and certificate type only, retried after a failure, sent once.

mod support;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post as route_post;
use axum::{Json, Router};
use serde_json::Value;

use fushen_server::config::{RobotKind, Webhook};
use fushen_server::db::{notices, Database};
use fushen_server::notify::{self, robots};
use support::*;

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
    // The app of `support` has no worker: start the server's own pair on the same database.
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
    let router = fushen_server::app::router(fushen_server::app::AppState::new(
        app.config.clone(),
        db.clone(),
        Arc::new(fushen_server::site::Site::default()),
    ));

    let (body, id) = enquiry(1);
    assert_eq!(post(&router, &body, &id).await.status, StatusCode::CREATED);
    // The first call fails: the notice stays queued, with a later attempt due.
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
        assert!(!text.contains(secret), "{secret} in the notice");
    }
    let timestamp: i64 = last["timestamp"].as_str().unwrap().parse().unwrap();
    assert_eq!(
        last["sign"],
        robots::feishu_sign(SECRET, timestamp).as_str()
    );
    let now_s = fushen_server::clock::now_ms() / 1000;
    assert!((now_s - timestamp).abs() < 60);
    let unsent = db.call(|c| Ok(notices::unsent(c)?)).await.unwrap();
    assert_eq!(unsent, 0);
}
