//! The staff inbox: sign-in with its cookies and tokens, the list, following an enquiry up, the
//! CSV download, sign-out, and the refusals that protect them.

use crate::util::*;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use fushen_server::db::enquiries::{self, LeadStatus};

#[tokio::test]
async fn staff_sign_in_follow_up_an_enquiry_export_and_sign_out() {
    let app = app_with(&[("FUSHEN_INSTITUTION", "衡阳示例培训学校")]);
    with_account(&app).await;
    for (seed, (name, phone)) in [
        ("张三", "13800138000"),
        ("李四", "13900001111"),
        ("张三", "13800138000"),
    ]
    .into_iter()
    .enumerate()
    {
        let (body, id) = body_of(&draft(name, phone), seed as u64);
        assert_eq!(
            post(&app.router, &body, &id).await.status,
            StatusCode::CREATED
        );
    }

    // Not signed in: to the sign-in page, relative to wherever the inbox is mounted.
    let inbox = get(&app.router, "/staff/", &[]).await;
    assert_eq!(inbox.status, StatusCode::SEE_OTHER);
    assert_eq!(inbox.header("location"), Some("login"));
    assert_eq!(
        get(&app.router, "/staff", &[]).await.header("location"),
        Some("staff/")
    );
    assert_eq!(
        get(&app.router, "/staff/export.csv", &[]).await.status,
        StatusCode::SEE_OTHER
    );

    let wrong = sign_in(&app, "wrong password").await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert!(wrong.text().contains("用户名或密码不对"));

    let signed_in = sign_in(&app, PASSWORD).await;
    assert_eq!(signed_in.status, StatusCode::SEE_OTHER);
    assert_eq!(signed_in.header("location"), Some("./"));
    let (session, header) = set_cookie(&signed_in, "fushen_staff");
    assert!(header.contains("HttpOnly") && header.contains("SameSite=Strict"));
    assert!(!header.contains("Secure"), "plain HTTP on this machine");
    assert!(
        !header.contains("Path="),
        "scoped to the inbox's own folder"
    );

    let inbox = get(&app.router, "/staff/", &[("cookie", &session)]).await;
    assert_eq!(inbox.status, StatusCode::OK);
    assert_eq!(inbox.header("cache-control"), Some("no-store"));
    // No inline style or script may run: the pages' one style sheet and one script are files.
    let policy = inbox.header("content-security-policy").unwrap();
    assert!(policy.contains("default-src 'none'"), "{policy}");
    assert!(policy.contains("style-src 'self'") && policy.contains("script-src 'self'"));
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    let html = inbox.text();
    assert!(!html.contains("<style") && !html.contains(" style="));
    assert!(html.contains("<link rel=\"stylesheet\" href=\"staff.css\">"));
    for (file, kind) in [("staff.css", "text/css"), ("staff.js", "text/javascript")] {
        let answer = get(&app.router, &format!("/staff/{file}"), &[]).await;
        assert_eq!(answer.status, StatusCode::OK, "{file}");
        assert!(answer.header("content-type").unwrap().starts_with(kind));
    }
    assert!(html.contains("衡阳示例培训学校"));
    // All new: newest first.
    let lisi = html.find("李四").unwrap();
    let zhangsan = html.find("张三").unwrap();
    assert!(zhangsan < lisi, "the newest (张三) first");
    assert_eq!(html.matches("<li class=\"card\"").count(), 3);
    assert!(html.contains("共 3 条，第 1 / 1 页"));

    // Mark the newest 已联系, with a note.
    let rows = app.db.call(|c| Ok(enquiries::all(c)?)).await.unwrap();
    let target = rows.last().unwrap();
    let csrf = field(&html, "csrf");
    let path = format!("/staff/enquiries/{}", target.id);
    let forged = send(
        &app.router,
        form(
            &path,
            &session,
            &[("csrf", "forged"), ("status", "contacted"), ("note", "")],
        ),
    )
    .await;
    let html = forged.staff_problem(StatusCode::FORBIDDEN, "../");
    assert!(html.contains("请刷新页面后重试"), "{html}");
    let saved = follow_up(
        &app,
        &path,
        &session,
        &csrf,
        ["contacted", "=约周六上课", ""],
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let location = saved.header("location").unwrap().to_string();
    assert_eq!(
        location,
        format!("{}?saved=1", target.id),
        "back to the enquiry's page; no personal data in the address"
    );
    let rows = app.db.call(|c| Ok(enquiries::all(c)?)).await.unwrap();
    let row = rows.iter().find(|r| r.id == target.id).unwrap();
    assert_eq!(row.status, LeadStatus::Contacted);
    assert_eq!(row.note, "=约周六上课");
    assert_eq!(row.updated.as_ref().map(|(_, by)| by.as_str()), Some(USER));
    let page = get(
        &app.router,
        &format!("/staff/enquiries/{}?saved=1", target.id),
        &[("cookie", &session)],
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    let text = page.text();
    assert!(text.contains("已保存"));
    assert!(text.contains("备注：=约周六上课"));
    assert!(text.contains("状态改为"));
    // The other enquiry from the same phone is linked from this one.
    assert!(text.contains("这个号码的其他咨询（1）"));
    let contacted = get(
        &app.router,
        "/staff/?status=contacted",
        &[("cookie", &session)],
    )
    .await;
    assert_eq!(contacted.text().matches("<li class=\"card\"").count(), 1);

    // The CSV: BOM, header, every enquiry, the formula-looking note neutralised.
    let csv = get(&app.router, "/staff/export.csv", &[("cookie", &session)]).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert_eq!(csv.header("content-type"), Some("text/csv; charset=utf-8"));
    assert!(csv
        .header("content-disposition")
        .unwrap()
        .starts_with("attachment; filename=\"fushen-enquiries-"));
    let text = csv.text();
    assert!(text.starts_with("\u{feff}咨询编号,收到时间,提交时间,姓名,手机号码"));
    assert_eq!(text.matches("\r\n").count(), 4);
    assert!(text.contains(",已联系,'=约周六上课,"));

    // Signing out needs the token too, and ends the session.
    let out = send(
        &app.router,
        form("/staff/logout", &session, &[("csrf", "x")]),
    )
    .await;
    let html = out.staff_problem(StatusCode::FORBIDDEN, "");
    assert!(html.contains("请刷新页面后重试"), "{html}");
    let out = send(
        &app.router,
        form("/staff/logout", &session, &[("csrf", &csrf)]),
    )
    .await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_eq!(out.header("location"), Some("login"));
    assert_eq!(
        get(&app.router, "/staff/", &[("cookie", &session)])
            .await
            .status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn sign_in_needs_its_own_form_and_is_rate_limited() {
    let app = app();
    with_account(&app).await;
    // A form posted without the page's cookie (another site's form) is refused.
    let answer = send(
        &app.router,
        form(
            "/staff/login",
            "",
            &[
                ("username", USER),
                ("password", PASSWORD),
                ("csrf", "guess"),
            ],
        ),
    )
    .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    // A browser saying the request is cross-site is refused even with the right token.
    let page = get(&app.router, "/staff/login", &[]).await;
    let (cookie, _) = set_cookie(&page, "fushen_sign_in");
    let csrf = field(&page.text(), "csrf");
    let mut request = form(
        "/staff/login",
        &cookie,
        &[("username", USER), ("password", PASSWORD), ("csrf", &csrf)],
    );
    request
        .headers_mut()
        .insert("sec-fetch-site", "cross-site".parse().unwrap());
    assert_eq!(
        send(&app.router, request).await.status,
        StatusCode::FORBIDDEN
    );
    // Guessing is slowed down: 10 attempts a minute per address, the two refused above included.
    let mut statuses = Vec::new();
    for _ in 0..10 {
        statuses.push(
            send(
                &app.router,
                form(
                    "/staff/login",
                    "",
                    &[("username", USER), ("password", "x"), ("csrf", "")],
                ),
            )
            .await
            .status,
        );
    }
    assert!(
        statuses[..8]
            .iter()
            .all(|s| *s != StatusCode::TOO_MANY_REQUESTS),
        "{statuses:?}"
    );
    assert!(
        statuses[8..]
            .iter()
            .all(|s| *s == StatusCode::TOO_MANY_REQUESTS),
        "{statuses:?}"
    );
}

#[tokio::test]
async fn behind_https_the_cookie_is_secure() {
    let app = app_with(&[("FUSHEN_TRUST_PROXY", "true")]);
    let page = get(
        &app.router,
        "/staff/login",
        &[("x-forwarded-proto", "https")],
    )
    .await;
    let (_, header) = set_cookie(&page, "fushen_sign_in");
    assert!(header.ends_with("; Secure"), "{header}");
    let always = app_with(&[("FUSHEN_COOKIE_SECURE", "true")]);
    let page = get(&always.router, "/staff/login", &[]).await;
    assert!(set_cookie(&page, "fushen_sign_in").1.ends_with("; Secure"));
}

/// A request body that says whether anything asked for its bytes.
struct Watched {
    read: std::sync::Arc<std::sync::atomic::AtomicBool>,
    data: Option<axum::body::Bytes>,
}

impl http_body::Body for Watched {
    type Data = axum::body::Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        self.read.store(true, std::sync::atomic::Ordering::SeqCst);
        std::task::Poll::Ready(self.data.take().map(|d| Ok(http_body::Frame::data(d))))
    }
}

#[tokio::test]
async fn a_strangers_staff_form_is_not_read_and_a_large_one_is_refused() {
    let app = app();
    with_account(&app).await;
    // Without a session, neither a follow-up nor a sign-out reads the body it was sent.
    for path in ["/staff/enquiries/x", "/staff/logout"] {
        let read = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let body = Watched {
            read: read.clone(),
            data: Some(vec![b'a'; 1 << 20].into()),
        };
        let request = Request::builder()
            .method(Method::POST)
            .uri(path)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::new(body))
            .unwrap();
        let answer = send(&app.router, request).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{path}");
        assert!(!read.load(std::sync::atomic::Ordering::SeqCst), "{path}");
    }
    // Signed in, a form far larger than a full note is refused before it is parsed.
    let (session, _) = set_cookie(&sign_in(&app, PASSWORD).await, "fushen_staff");
    let huge = "a".repeat(64 * 1024);
    let answer = send(
        &app.router,
        form(
            "/staff/enquiries/x",
            &session,
            &[("csrf", "x"), ("status", "new"), ("note", &huge)],
        ),
    )
    .await;
    let html = answer.staff_problem(StatusCode::PAYLOAD_TOO_LARGE, "../");
    assert!(
        html.contains("一次最多提交 16 KB（备注最多 1000 个字），这次的改动没有保存"),
        "{html}"
    );
}

#[tokio::test]
async fn staff_forms_are_rate_limited_per_address() {
    let app = app();
    let mut answers = Vec::new();
    for _ in 0..=fushen_server::app::STAFF_FORMS_PER_MINUTE {
        answers.push(send(&app.router, form("/staff/logout", "", &[("csrf", "x")])).await);
    }
    let last = answers.pop().unwrap();
    assert!(answers.iter().all(|a| a.status == StatusCode::SEE_OTHER));
    assert_eq!(last.status, StatusCode::TOO_MANY_REQUESTS);
    // A page saying how long to wait, as the header does.
    let html = last.staff_problem(StatusCode::TOO_MANY_REQUESTS, "");
    let wait: u64 = last.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    assert!(html.contains(&format!("请 {wait} 秒后再试")), "{html}");
    // The same from an enquiry's page, one folder down.
    let html = send(
        &app.router,
        form("/staff/enquiries/x", "", &[("csrf", "x")]),
    )
    .await
    .staff_problem(StatusCode::TOO_MANY_REQUESTS, "../");
    assert!(html.contains("秒后再试"), "{html}");
}

#[tokio::test]
async fn password_checks_are_bounded_for_all_clients_together() {
    let app = app();
    with_account(&app).await;
    // Every slot is taken (as by sign-ins from many other addresses): this one waits a little,
    // then is asked to come back, without a hash of its own.
    let slots = fushen_server::app::PASSWORD_CHECKS_AT_ONCE as u32;
    let held = app
        .state
        .password_checks
        .clone()
        .acquire_many_owned(slots)
        .await
        .unwrap();
    let started = std::time::Instant::now();
    let busy = sign_in(&app, PASSWORD).await;
    assert_eq!(busy.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(busy.header("retry-after"), Some("5"));
    assert!(busy.text().contains("现在登录的人太多，请过一会儿再试"));
    assert!(started.elapsed() < std::time::Duration::from_secs(8));
    // A slot frees: the same sign-in goes through.
    drop(held);
    assert_eq!(sign_in(&app, PASSWORD).await.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_follow_up_date_must_be_a_plain_date_and_paging_cannot_wrap() {
    let app = app();
    with_account(&app).await;
    let (body, id) = body_of(&draft("张三", "13800138000"), 71);
    assert_eq!(
        post(&app.router, &body, &id).await.status,
        StatusCode::CREATED
    );
    let signed_in = sign_in(&app, PASSWORD).await;
    let (session, _) = set_cookie(&signed_in, "fushen_staff");
    let inbox = get(&app.router, "/staff/", &[("cookie", &session)]).await;
    let csrf = field(&inbox.text(), "csrf");
    let path = format!("/staff/enquiries/{id}");

    // Dates chrono would read but no one means, or not plain YYYY-MM-DD: a page saying what to
    // write, with the way back, and nothing stored.
    for typed in ["+262142-12-31", "1899-12-31", "2026-2-3", "2026-12-10x"] {
        let refused = follow_up(
            &app,
            &path,
            &session,
            &csrf,
            ["contacted", "周四再打", typed],
        )
        .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{typed}");
        assert!(
            refused
                .header("content-type")
                .unwrap()
                .starts_with("text/html"),
            "{typed}: {}",
            refused.text()
        );
        let html = refused.text();
        assert!(html.contains("下次联系的日期"), "{html}");
        assert!(html.contains("2026-12-10"), "{html}");
        assert!(html.contains(&format!("href=\"./{id}\"")), "{html}");
        assert!(html.contains("href=\"staff.css\"") || html.contains("href=\"../staff.css\""));
    }
    let rows = app.db.call(|c| Ok(enquiries::all(c)?)).await.unwrap();
    assert_eq!(rows[0].status, LeadStatus::New, "nothing stored");
    assert_eq!(rows[0].note, "");
    let entries: i64 = app
        .db
        .call(|c| Ok(c.query_row("SELECT count(*) FROM history", [], |r| r.get(0))?))
        .await
        .unwrap();
    assert_eq!(entries, 0);
    // A plain date is taken.
    let saved = follow_up(
        &app,
        &path,
        &session,
        &csrf,
        ["contacted", "", "2026-12-10"],
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);

    // A page number past any arithmetic: an empty page, not real rows.
    for page in [
        "18446744073709551615",
        "9223372036854775807",
        "614891469123651721",
    ] {
        let answer = get(
            &app.router,
            &format!("/staff/?page={page}"),
            &[("cookie", &session)],
        )
        .await;
        assert_eq!(answer.status, StatusCode::OK, "page={page}");
        assert!(!answer.text().contains("张三"), "page={page} shows rows");
        assert_eq!(answer.text().matches("<li class=\"card\"").count(), 0);
    }
}

/// Every refusal and failure on the staff side is a page in the staff style, in Chinese, with
/// the way back to the inbox: never the receiver's JSON.
#[tokio::test]
async fn staff_errors_are_pages_with_the_way_back() {
    let app = app();
    with_account(&app).await;
    let (body, id) = body_of(&draft("张三", "13800138000"), 81);
    assert_eq!(
        post(&app.router, &body, &id).await.status,
        StatusCode::CREATED
    );
    let (session, _) = set_cookie(&sign_in(&app, PASSWORD).await, "fushen_staff");
    let inbox = get(&app.router, "/staff/", &[("cookie", &session)]).await;
    let csrf = field(&inbox.text(), "csrf");
    let path = format!("/staff/enquiries/{id}");
    let follow_up = |fields: &[(&str, &str)]| form(&path, &session, fields);

    // 404: an address that names no enquiry.
    let html = get(
        &app.router,
        "/staff/enquiries/no-such-id",
        &[("cookie", &session)],
    )
    .await
    .staff_problem(StatusCode::NOT_FOUND, "../");
    assert!(html.contains("没有这条咨询"), "{html}");

    // 400: a form no page of ours sends.
    let html = send(
        &app.router,
        follow_up(&[("csrf", &csrf), ("status", "bogus"), ("note", "")]),
    )
    .await
    .staff_problem(StatusCode::BAD_REQUEST, "../");
    assert!(html.contains("提交的内容读不出来"), "{html}");
    assert!(html.contains("请刷新页面后重试"), "{html}");
    let html = send(
        &app.router,
        Request::builder()
            .method(Method::POST)
            .uri("/staff/login")
            .body(Body::from("username=wang"))
            .unwrap(),
    )
    .await
    .staff_problem(StatusCode::BAD_REQUEST, "");
    assert!(html.contains("提交的内容读不出来"), "{html}");

    // 422: a note over the limit, with the way back to the enquiry as well.
    let long = "好".repeat(1001);
    let html = send(
        &app.router,
        follow_up(&[("csrf", &csrf), ("status", "contacted"), ("note", &long)]),
    )
    .await
    .staff_problem(StatusCode::UNPROCESSABLE_ENTITY, "../");
    assert!(html.contains("备注："), "{html}");
    assert!(html.contains(&format!("href=\"./{id}\"")), "{html}");

    // 405: a method the address does not take.
    let answer = send(
        &app.router,
        Request::builder()
            .method(Method::PUT)
            .uri(&path)
            .header("cookie", &session)
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(answer.header("allow"), Some("GET, HEAD, POST"));
    let html = answer.staff_problem(StatusCode::METHOD_NOT_ALLOWED, "../");
    assert!(html.contains("这个地址不接受这种请求"), "{html}");

    // An address made by a stranger comes back escaped, never as markup.
    let hostile = "\"><script>alert(1)</script>";
    let html = send(
        &app.router,
        form(
            &format!("/staff/enquiries/{}", urlencode(hostile)),
            &session,
            &[
                ("csrf", &csrf),
                ("status", "contacted"),
                ("follow_up_on", "2026-2-3"),
            ],
        ),
    )
    .await
    .staff_problem(StatusCode::UNPROCESSABLE_ENTITY, "../");
    assert!(!html.contains("<script>"), "{html}");
    assert!(!html.contains("\"><script"), "{html}");

    // 404: an enquiry deleted at its owner's request, its page and its form alike.
    app.db
        .call(|c| Ok(enquiries::forget_phone(c, "13800138000", 0, false)?))
        .await
        .unwrap();
    let html = get(&app.router, &path, &[("cookie", &session)])
        .await
        .staff_problem(StatusCode::NOT_FOUND, "../");
    assert!(html.contains("已经按本人的要求删除"), "{html}");
    let html = send(
        &app.router,
        follow_up(&[("csrf", &csrf), ("status", "contacted"), ("note", "")]),
    )
    .await
    .staff_problem(StatusCode::NOT_FOUND, "../");
    assert!(html.contains("没有这条咨询"), "{html}");

    // 503: the database fails under a page (here a table is gone).
    app.db
        .call(|c| Ok(c.execute_batch("DROP TABLE history")?))
        .await
        .unwrap();
    let (body, id) = body_of(&draft("李四", "13900001111"), 82);
    assert_eq!(
        post(&app.router, &body, &id).await.status,
        StatusCode::CREATED
    );
    let answer = get(
        &app.router,
        &format!("/staff/enquiries/{id}"),
        &[("cookie", &session)],
    )
    .await;
    assert_eq!(answer.header("retry-after"), Some("5"));
    let html = answer.staff_problem(StatusCode::SERVICE_UNAVAILABLE, "../");
    assert!(html.contains("数据库暂时用不了"), "{html}");
    assert!(
        !html.contains("history"),
        "no SQLite words for staff: {html}"
    );
}

/// A database call that panicked (a fault of the program, which no request can cause on
/// purpose) is a 500 page, through the same layer as every staff route.
#[tokio::test]
async fn a_failed_database_task_is_a_500_page() {
    use axum::routing::get as route_get;
    use fushen_server::db::DbError;
    use fushen_server::routes::staff::{render_problems, StaffError};
    let router = axum::Router::new()
        .route(
            "/staff/enquiries/{id}",
            route_get(|| async { Err::<(), _>(StaffError::Database(DbError::Panicked)) }),
        )
        .layer(axum::middleware::from_fn(render_problems));
    let html = get(&router, "/staff/enquiries/x", &[])
        .await
        .staff_problem(StatusCode::INTERNAL_SERVER_ERROR, "../");
    assert!(html.contains("服务器出了问题"), "{html}");
    assert!(!html.contains("panicked"), "{html}");
}

/// Every staff page needs a session; without one, each is sent to the sign-in page by an
/// address relative to its own.
#[tokio::test]
async fn every_staff_page_sends_a_stranger_to_sign_in() {
    let app = app();
    for (path, location) in [
        ("/staff/", "login"),
        ("/staff/season", "login"),
        ("/staff/season.csv", "login"),
        ("/staff/export.csv", "login"),
        ("/staff/enquiries/x", "../login"),
    ] {
        let answer = get(&app.router, path, &[]).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{path}");
        assert_eq!(answer.header("location"), Some(location), "{path}");
    }
    // An address the inbox cannot read is a page too, once signed in.
    with_account(&app).await;
    let (session, _) = set_cookie(&sign_in(&app, PASSWORD).await, "fushen_staff");
    let html = get(&app.router, "/staff/?page=abc", &[("cookie", &session)])
        .await
        .staff_problem(StatusCode::BAD_REQUEST, "");
    assert!(html.contains("提交的内容读不出来"), "{html}");
    let html = get(
        &app.router,
        "/staff/enquiries/x?saved=1&saved=2",
        &[("cookie", &session)],
    )
    .await
    .staff_problem(StatusCode::BAD_REQUEST, "../");
    assert!(html.contains("提交的内容读不出来"), "{html}");
}

/// An address under /staff/ that has no page is a staff page saying so, at any depth and for
/// any method, with the way back to the inbox; the rest of the site keeps its JSON 404.
#[tokio::test]
async fn an_unknown_staff_address_is_a_page_not_json() {
    let app = app();
    for (path, root) in [
        ("/staff/nowhere", ""),
        ("/staff/season/", "../"),
        ("/staff/enquiries/x/y", "../../"),
    ] {
        let html = get(&app.router, path, &[])
            .await
            .staff_problem(StatusCode::NOT_FOUND, root);
        assert!(html.contains("没有这个页面"), "{path}: {html}");
    }
    let posted = send(&app.router, form("/staff/nowhere", "", &[("a", "b")])).await;
    let html = posted.staff_problem(StatusCode::NOT_FOUND, "");
    assert!(html.contains("没有这个页面"), "{html}");
    let elsewhere = get(&app.router, "/nowhere", &[]).await;
    assert_eq!(elsewhere.status, StatusCode::NOT_FOUND);
    assert_eq!(elsewhere.message(), "没有这个地址");
}

/// The export is named by today on the server's clock, as every other staff page counts days.
#[tokio::test]
async fn the_export_is_dated_by_the_servers_clock() {
    use fushen_server::clock::{china_today, now_ms, Clock, DAY_MS};
    let app = app_with(&[]).on_clock(Clock::ahead(400 * DAY_MS));
    with_account(&app).await;
    let (session, _) = set_cookie(&sign_in(&app, PASSWORD).await, "fushen_staff");
    // The day before and after the request: the two agree except across a midnight.
    let before = china_today(now_ms() + 400 * DAY_MS);
    let csv = get(&app.router, "/staff/export.csv", &[("cookie", &session)]).await;
    let after = china_today(now_ms() + 400 * DAY_MS);
    let disposition = csv.header("content-disposition").unwrap();
    assert!(
        [before, after].iter().any(
            |day| disposition == format!("attachment; filename=\"fushen-enquiries-{day}.csv\"")
        ),
        "{disposition}, expected {before} (or {after})"
    );
}

/// Sends the enquiry page's follow-up form at `path`: status, note and follow-up date.
async fn follow_up(
    app: &TestApp,
    path: &str,
    session: &str,
    csrf: &str,
    [status, note, date]: [&str; 3],
) -> Answer {
    let fields = [
        ("csrf", csrf),
        ("status", status),
        ("note", note),
        ("follow_up_on", date),
    ];
    send(&app.router, form(path, session, &fields)).await
}
