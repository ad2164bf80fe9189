//! `POST /api/enquiries` against a temporary database: the happy path, every refusal with its
//! status and Chinese message, exactly-once storage under retries and concurrency, deleted
//! enquiries that must not come back, and the site and health routes beside it.

use crate::util::*;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use fushen_server::db::enquiries::{self, LeadStatus};

#[tokio::test]
async fn an_enquiry_is_stored_and_acknowledged() {
    let app = app();
    let (body, id) = enquiry(1);
    let answer = post(&app.router, &body, &id).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text());
    assert_eq!(answer.header("cache-control"), Some("no-store"));
    let receipt = answer.json();
    assert_eq!(receipt["id"], id.as_str());
    assert_eq!(
        receipt["reference"],
        fushen_domain::enquiry::payload::reference(&id).as_str()
    );
    assert!(receipt["received_at"].as_str().unwrap().ends_with("+08:00"));

    let rows = app.db.call(|conn| Ok(enquiries::all(conn)?)).await.unwrap();
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(row.id, id);
    assert_eq!(row.name, "张三");
    assert_eq!(row.phone, "13800138000");
    assert_eq!(row.cert_name, "熔化焊接与热切割作业");
    assert_eq!(row.district.as_deref(), Some("珠晖区"));
    assert_eq!(row.message.as_deref(), Some("想参加下个月的复审培训"));
    assert_eq!(row.status, LeadStatus::New);
}

#[tokio::test]
async fn malformed_json_is_400() {
    let app = app();
    let (_, id) = enquiry(2);
    for garbage in ["{", "not json", "", "\u{0}\u{1}", "[1,2"] {
        let answer = post(&app.router, garbage, &id).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{garbage:?}");
        assert_eq!(answer.message(), "提交的内容读不出来，请刷新页面后再提交");
    }
    assert_eq!(count(&app.db).await, 0);
}

#[tokio::test]
async fn a_missing_idempotency_key_is_400() {
    let app = app();
    let (body, _) = enquiry(3);
    let request = Request::builder()
        .method(Method::POST)
        .uri("/api/enquiries")
        .header("content-type", "application/json")
        .body(Body::from(body))
        .unwrap();
    let answer = send(&app.router, request).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(answer.message().contains("Idempotency-Key"));
    assert_eq!(count(&app.db).await, 0);
}

#[tokio::test]
async fn a_body_over_the_limit_is_413() {
    let app = app();
    let (body, id) = enquiry(4);
    let padded = body.replacen('{', &format!("{{\"pad\":\"{}\",", "x".repeat(20_000)), 1);
    let answer = post(&app.router, &padded, &id).await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(answer.message(), "提交的内容太长，请把留言写短一些");
    assert_eq!(count(&app.db).await, 0);
}

#[tokio::test]
async fn anything_but_json_is_415() {
    let app = app();
    let (body, id) = enquiry(5);
    for content_type in [
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
        None,
    ] {
        let mut request = Request::builder()
            .method(Method::POST)
            .uri("/api/enquiries")
            .header("idempotency-key", &id);
        if let Some(content_type) = content_type {
            request = request.header("content-type", content_type);
        }
        let answer = send(&app.router, request.body(Body::from(body.clone())).unwrap()).await;
        assert_eq!(
            answer.status,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "{content_type:?}"
        );
        assert!(answer.message().contains("JSON"));
    }
    // With a charset parameter it is still JSON.
    let request = Request::builder()
        .method(Method::POST)
        .uri("/api/enquiries")
        .header("content-type", "application/json; charset=utf-8")
        .header("idempotency-key", format!("\"{id}\""))
        .body(Body::from(body))
        .unwrap();
    assert_eq!(send(&app.router, request).await.status, StatusCode::CREATED);
}

#[tokio::test]
async fn what_the_form_would_refuse_is_422_in_its_words() {
    let app = app();
    let (body, id) = enquiry(6);
    let table = [
        (
            body.replace("\"phone\":\"13800138000\"", "\"phone\":\"12345\""),
            "手机号码：请输入有效的手机号码",
        ),
        (
            body.replace("\"name\":\"张三\"", "\"name\":\" 张三\""),
            "姓名的写法不对，请刷新页面后再提交",
        ),
        (
            body.replace("\"notice_version\":1", "\"notice_version\":0"),
            "《个人信息说明》已经更新，请刷新页面，阅读后重新勾选同意",
        ),
        (
            body.replace("\"code\":\"fusion-welding\"", "\"code\":\"welding\""),
            "证书类型不在列表里，请重新选择",
        ),
        // Well-formed JSON of the wrong shape.
        (
            body.replace("\"fields\"", "\"felds\""),
            "提交的内容缺少必要的部分，请刷新页面后再提交",
        ),
        (
            "[]".to_string(),
            "提交的内容缺少必要的部分，请刷新页面后再提交",
        ),
    ];
    for (changed, message) in table {
        let answer = post(&app.router, &changed, &id).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{message}");
        assert_eq!(answer.message(), message);
    }
    // The key must be the enquiry's own id.
    let (_, other_id) = enquiry(7);
    let answer = post(&app.router, &body, &other_id).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(answer.message().contains("Idempotency-Key"));
    assert_eq!(count(&app.db).await, 0);
}

#[tokio::test]
async fn too_many_posts_from_one_address_are_429_with_retry_after() {
    let app = app_with(&[("FUSHEN_RATE_LIMIT", "3")]);
    for seed in 0..3 {
        let (body, id) = enquiry(100 + seed);
        assert_eq!(
            post(&app.router, &body, &id).await.status,
            StatusCode::CREATED
        );
    }
    let (body, id) = enquiry(103);
    let answer = post(&app.router, &body, &id).await;
    assert_eq!(answer.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(answer.message(), "提交太频繁了，请稍后再试");
    let retry_after: u64 = answer.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=20).contains(&retry_after), "{retry_after}");
    assert_eq!(count(&app.db).await, 3);
}

#[tokio::test]
async fn a_retry_gets_the_same_answer_and_stores_nothing_new() {
    let app = app();
    let (body, id) = enquiry(8);
    let first = post(&app.router, &body, &id).await;
    assert_eq!(first.status, StatusCode::CREATED);
    // The same enquiry again, and once more with its keys in another order.
    let again = post(&app.router, &body, &id).await;
    assert_eq!(again.status, first.status);
    assert_eq!(again.body, first.body);
    let value: serde_json::Value = serde_json::from_str(&body).unwrap();
    let mut reordered = serde_json::Map::new();
    for (key, v) in value.as_object().unwrap().iter().rev() {
        reordered.insert(key.clone(), v.clone());
    }
    let reordered = serde_json::to_string_pretty(&reordered).unwrap();
    assert_ne!(reordered, body);
    let third = post(&app.router, &reordered, &id).await;
    assert_eq!((third.status, third.body), (first.status, first.body));
    assert_eq!(count(&app.db).await, 1);
}

#[tokio::test]
async fn the_same_key_with_other_content_is_422_and_changes_nothing() {
    let app = app();
    let (body, id) = enquiry(9);
    assert_eq!(
        post(&app.router, &body, &id).await.status,
        StatusCode::CREATED
    );
    let changed = body.replace("想参加下个月的复审培训", "改了主意");
    let answer = post(&app.router, &changed, &id).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        answer.message(),
        "这个咨询编号已经用于另一条内容不同的咨询，请刷新页面后再提交"
    );
    let rows = app.db.call(|c| Ok(enquiries::all(c)?)).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].message.as_deref(), Some("想参加下个月的复审培训"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn many_tasks_posting_one_id_store_one_row() {
    let app = app_with(&[("FUSHEN_RATE_LIMIT", "1000")]);
    let (body, id) = enquiry(10);
    let changed = body.replace("想参加下个月的复审培训", "另一条");
    let mut tasks = Vec::new();
    for n in 0..64 {
        let router = app.router.clone();
        let (body, id) = (
            if n % 8 == 7 {
                changed.clone()
            } else {
                body.clone()
            },
            id.clone(),
        );
        tasks.push(tokio::spawn(async move { post(&router, &body, &id).await }));
    }
    let mut answers = Vec::new();
    for task in tasks {
        answers.push(task.await.unwrap());
    }
    // Whichever content arrived first is the enquiry; the other content is refused every time.
    let created: Vec<_> = answers
        .iter()
        .filter(|a| a.status == StatusCode::CREATED)
        .collect();
    let refused = answers
        .iter()
        .filter(|a| a.status == StatusCode::UNPROCESSABLE_ENTITY)
        .count();
    assert_eq!(created.len() + refused, 64);
    assert!(created.windows(2).all(|w| w[0].body == w[1].body));
    assert!(refused == 8 || refused == 56, "{refused}");
    assert_eq!(count(&app.db).await, 1);
}

#[tokio::test]
async fn a_forgotten_enquiry_retried_is_acknowledged_and_not_stored() {
    let app = app();
    let (body, id) = enquiry(11);
    let (other_body, other_id) = body_of(&draft("李四", "13900001111"), 12);
    assert_eq!(
        post(&app.router, &body, &id).await.status,
        StatusCode::CREATED
    );
    assert_eq!(
        post(&app.router, &other_body, &other_id).await.status,
        StatusCode::CREATED
    );
    let gone = app
        .db
        .call(|c| Ok(enquiries::forget_phone(c, "13800138000", 1, false)?))
        .await
        .unwrap();
    assert_eq!(gone.len(), 1);
    // The phone's outbox still holds it and retries: 2xx so that it stops, nothing stored.
    let answer = post(&app.router, &body, &id).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.json()["id"], id.as_str());
    assert_eq!(count(&app.db).await, 1);
    let hashes: i64 = app
        .db
        .call(|c| Ok(c.query_row("SELECT count(*) FROM forgotten", [], |r| r.get(0))?))
        .await
        .unwrap();
    assert_eq!(hashes, 1);
    // Nothing about that phone is left anywhere.
    let found: i64 = app
        .db
        .call(|c| {
            Ok(c.query_row(
                "SELECT count(*) FROM enquiries WHERE phone = '13800138000' OR name = '张三'",
                [],
                |r| r.get(0),
            )?)
        })
        .await
        .unwrap();
    assert_eq!(found, 0);
}

#[tokio::test]
async fn a_filled_honeypot_is_acknowledged_and_not_stored() {
    let app = app();
    let (body, id) = enquiry(13);
    let trapped = body.replacen('{', "{\"website\":\"http://spam.example\",", 1);
    let answer = post(&app.router, &trapped, &id).await;
    assert_eq!(answer.status, StatusCode::ACCEPTED);
    assert_eq!(count(&app.db).await, 0);
    // An empty one is what people send.
    let empty = body.replacen('{', "{\"website\":\"\",", 1);
    assert_eq!(
        post(&app.router, &empty, &id).await.status,
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn other_methods_and_addresses_answer_in_json() {
    let app = app();
    let answer = get(&app.router, "/api/enquiries", &[]).await;
    assert_eq!(answer.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(answer.header("allow"), Some("POST"));
    assert_eq!(answer.message(), "这个地址不接受这种请求");
    let answer = get(&app.router, "/no/such/file.js", &[]).await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert_eq!(answer.message(), "没有这个地址");
    // A POST to the page itself, as a static host would answer it.
    let request = Request::builder()
        .method(Method::POST)
        .uri("/index.html")
        .body(Body::empty())
        .unwrap();
    let answer = send(&app.router, request).await;
    assert_eq!(answer.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(answer.header("allow"), Some("GET, HEAD"));
}

#[tokio::test]
async fn health_says_whether_the_database_answers() {
    let app = app();
    let answer = get(&app.router, "/healthz", &[]).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.text(), "ok\n");
}

#[tokio::test]
async fn a_site_elsewhere_may_post_when_its_origin_is_configured() {
    let app = app_with(&[("FUSHEN_SITE_ORIGIN", "https://www.example.org")]);
    let preflight = |origin: &'static str| {
        Request::builder()
            .method(Method::OPTIONS)
            .uri("/api/enquiries")
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header(
                "access-control-request-headers",
                "content-type,idempotency-key",
            )
            .body(Body::empty())
            .unwrap()
    };
    let answer = send(&app.router, preflight("https://www.example.org")).await;
    assert!(answer.status.is_success(), "{:?}", answer.status);
    assert_eq!(
        answer.header("access-control-allow-origin"),
        Some("https://www.example.org")
    );
    let allowed = answer.header("access-control-allow-headers").unwrap();
    assert!(allowed.contains("idempotency-key") && allowed.contains("content-type"));
    assert!(answer
        .header("access-control-allow-methods")
        .unwrap()
        .contains("POST"));
    // Another site is only ever told the configured origin, so its browser refuses to send.
    let answer = send(&app.router, preflight("https://evil.example")).await;
    assert_ne!(
        answer.header("access-control-allow-origin"),
        Some("https://evil.example")
    );

    let (body, id) = enquiry(14);
    let request = Request::builder()
        .method(Method::POST)
        .uri("/api/enquiries")
        .header("origin", "https://www.example.org")
        .header("content-type", "application/json")
        .header("idempotency-key", &id)
        .body(Body::from(body))
        .unwrap();
    let answer = send(&app.router, request).await;
    assert_eq!(answer.status, StatusCode::CREATED);
    assert_eq!(
        answer.header("access-control-allow-origin"),
        Some("https://www.example.org")
    );
}

#[tokio::test]
async fn the_site_is_served_compressed_cached_and_with_the_settings() {
    let app = app_with(&[
        ("FUSHEN_INSTITUTION", "衡阳示例培训学校"),
        ("FUSHEN_PHONE", "0734-8123456"),
    ]);
    let page = get(&app.router, "/", &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(page.header("cache-control"), Some("no-cache"));
    let html = page.text();
    assert!(html.contains("<meta name=\"fushen-institution\" content=\"衡阳示例培训学校\">"));
    assert!(html.contains("<meta name=\"fushen-phone\" content=\"0734-8123456\">"));
    assert!(html.contains("<meta name=fushen-endpoint content=api/enquiries>"));
    for (name, value) in [
        ("x-content-type-options", "nosniff"),
        ("referrer-policy", "no-referrer"),
        ("x-frame-options", "DENY"),
        (
            "permissions-policy",
            "camera=(), microphone=(), geolocation=()",
        ),
    ] {
        assert_eq!(page.header(name), Some(value), "{name}");
    }
    assert_eq!(page.header("strict-transport-security"), None);

    let br = get(
        &app.router,
        "/index.html",
        &[("accept-encoding", "gzip, deflate, br")],
    )
    .await;
    assert_eq!(br.header("content-encoding"), Some("br"));
    assert_eq!(br.header("vary"), Some("accept-encoding"));
    assert!(br.body.len() < html.len());
    let gzip = get(&app.router, "/", &[("accept-encoding", "gzip")]).await;
    assert_eq!(gzip.header("content-encoding"), Some("gzip"));
    assert_ne!(gzip.header("etag"), br.header("etag"));

    // Revalidation: the same version is 304 without a body.
    let etag = br.header("etag").unwrap().to_string();
    let again = get(
        &app.router,
        "/",
        &[("accept-encoding", "br"), ("if-none-match", &etag)],
    )
    .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.body.is_empty());

    let script = get(&app.router, SCRIPT_PATH, &[("accept-encoding", "br")]).await;
    assert_eq!(
        script.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert_eq!(
        script.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    let request = Request::builder()
        .method(Method::HEAD)
        .uri(SCRIPT_PATH)
        .body(Body::empty())
        .unwrap();
    let head = send(&app.router, request).await;
    assert_eq!(head.status, StatusCode::OK);
    assert!(head.body.is_empty());
}

#[tokio::test]
async fn behind_a_trusted_https_proxy_the_client_is_the_forwarded_one() {
    let app = app_with(&[("FUSHEN_TRUST_PROXY", "true"), ("FUSHEN_RATE_LIMIT", "1")]);
    let post_from = |client: &'static str, seed: u64| {
        let (body, id) = enquiry(seed);
        Request::builder()
            .method(Method::POST)
            .uri("/api/enquiries")
            .header("content-type", "application/json")
            .header("idempotency-key", id)
            .header("x-forwarded-for", format!("203.0.113.9, {client}"))
            .header("x-forwarded-proto", "https")
            .body(Body::from(body))
            .unwrap()
    };
    let first = send(&app.router, post_from("198.51.100.1", 20)).await;
    assert_eq!(first.status, StatusCode::CREATED);
    assert_eq!(
        first.header("strict-transport-security"),
        Some("max-age=31536000")
    );
    // Another client behind the same proxy has its own allowance; the same one does not.
    assert_eq!(
        send(&app.router, post_from("198.51.100.2", 21))
            .await
            .status,
        StatusCode::CREATED
    );
    assert_eq!(
        send(&app.router, post_from("198.51.100.1", 22))
            .await
            .status,
        StatusCode::TOO_MANY_REQUESTS
    );
}
