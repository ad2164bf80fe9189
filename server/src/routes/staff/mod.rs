//! The staff inbox under `/staff/`: sign in; find any enquiry (search, filters, every page);
//! open one, call or copy the number, set its status and next-contact date, add notes (kept as
//! an append-only history); see the season's numbers; download the CSV; sign out.
//!
//! Addresses in the pages and redirects are relative, so the inbox works under any sub-path a
//! reverse proxy mounts the server at. No personal data goes into an address or a log line:
//! enquiries are named by their random id and reference number only.

mod error;
mod pages;
mod session;

use std::time::Duration;

use axum::extract::rejection::FormRejection;
use axum::extract::{DefaultBodyLimit, FromRequest, Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::de::DeserializeOwned;
use serde::Deserialize;

use fushen_domain::enquiry::text::normalise_note;

use crate::app::{masked, AppState, ClientIp};
use fushen_domain::certificate::{CertificateKind, OTHER_SLUG};
use fushen_domain::enquiry::search::SearchTerm;

use crate::clock::{china_today, now_ms, DAY_MS};
use crate::db::enquiries::{self, LeadStatus};
use crate::db::inbox;
use crate::db::staff;
use crate::{csv, password};

pub use error::{render_problems, StaffError};
use pages::InboxParams;
use pages::NOTE_MAX_CHARS;
use session::{SignedIn, SESSION_COOKIE, SIGN_IN_COOKIE};

/// The largest staff form accepted: a note of [`NOTE_MAX_CHARS`] four-byte characters,
/// URL-encoded, and the token fit in it.
pub const FORM_LIMIT: usize = 16 * 1024;
/// How long a sign-in waits for a free password check before it is asked to come back.
const PASSWORD_QUEUE_WAIT: Duration = Duration::from_secs(3);

/// The inbox's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff", get(|| async { see_other("staff/") }))
        .route("/staff/", get(inbox_page))
        .route("/staff/login", get(sign_in_page).post(sign_in))
        .route("/staff/logout", post(sign_out))
        .route("/staff/enquiries/{id}", get(enquiry_page).post(follow_up))
        .route("/staff/season", get(season_page))
        .route("/staff/season.csv", get(season_csv))
        .route("/staff/export.csv", get(export))
        .route(
            "/staff/staff.css",
            get(|| async { asset("text/css; charset=utf-8", STYLE) }),
        )
        .route(
            "/staff/staff.js",
            get(|| async { asset("text/javascript; charset=utf-8", SCRIPT) }),
        )
        .layer(DefaultBodyLimit::max(FORM_LIMIT))
        .method_not_allowed_fallback(|| async { StaffError::Method })
        // Last, so that every refusal above, the extractors' included, becomes its page.
        .layer(axum::middleware::from_fn(error::render_problems))
}

/// Reads a form's body, only once the request has passed the checks that cost nothing (rate
/// limit, session): a stranger's body is not read at all.
async fn read_form<T: DeserializeOwned>(
    request: Request,
    state: &AppState,
) -> Result<T, StaffError> {
    let form: Result<Form<T>, FormRejection> = Form::from_request(request, state).await;
    match form {
        Ok(Form(form)) => Ok(form),
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            Err(StaffError::TooLarge)
        }
        Err(_) => Err(StaffError::Malformed),
    }
}

/// An account's name as the log shows it: escaped (a name cannot forge a log line) and cut
/// short. A name that is no account's is never logged (see `sign_in`).
fn logged_name(username: &str) -> String {
    let short: String = username.chars().take(32).collect();
    format!("{short:?}")
}

/// A redirect to `location`, relative to the request's address.
fn see_other(location: &'static str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response()
}

/// An HTML page that no cache keeps (it shows names and phone numbers), and no other site frames.
fn html_page(status: StatusCode, body: String) -> Response {
    let mut response = (status, body).into_response();
    html_headers(response.headers_mut());
    response
}

/// The headers of every staff page: HTML, kept by no cache, framed by no other site.
fn html_headers(headers: &mut HeaderMap) {
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'self'; script-src 'self'; form-action 'self'; \
             frame-ancestors 'none'; base-uri 'none'",
        ),
    );
}

/// The staff pages' style sheet and script, served as files (the pages' CSP allows no inline
/// style or script).
const STYLE: &str = include_str!("../../../static/staff.css");
const SCRIPT: &str = include_str!("../../../static/staff.js");

fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

/// Now for the staff pages (Unix ms): the clock, moved by the test-only setting.
fn staff_now(state: &AppState) -> i64 {
    now_ms() + state.config.test_clock_offset_days * DAY_MS
}

/// The earliest and latest dates staff may type: anything outside is a slip of the keyboard
/// (chrono alone would read `+262142-12-31`).
const EARLIEST_DAY: (i32, u32, u32) = (2000, 1, 1);
const LATEST_DAY: (i32, u32, u32) = (2099, 12, 31);

/// A date staff typed (or a date field sent): empty is none; otherwise a plain `YYYY-MM-DD`
/// between [`EARLIEST_DAY`] and [`LATEST_DAY`], or `Err`.
fn staff_date(text: &str) -> Result<Option<chrono::NaiveDate>, ()> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let plain = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    let day = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .filter(|_| plain)
        .ok_or(())?;
    let bound = |(y, m, d): (i32, u32, u32)| chrono::NaiveDate::from_ymd_opt(y, m, d);
    let within = bound(EARLIEST_DAY).is_some_and(|first| day >= first)
        && bound(LATEST_DAY).is_some_and(|last| day <= last);
    if within {
        Ok(Some(day))
    } else {
        Err(())
    }
}

/// The filter the inbox's address asks for; parts that cannot be read are left out.
fn filter_of(params: &InboxParams) -> inbox::Filter {
    let day = |text: &Option<String>| text.as_deref().and_then(|t| staff_date(t).ok().flatten());
    inbox::Filter {
        search: params.q.as_deref().and_then(SearchTerm::parse),
        status: params.status.as_deref().and_then(LeadStatus::parse),
        certificate: params
            .cert
            .as_deref()
            .filter(|c| *c == OTHER_SLUG || CertificateKind::from_slug(c).is_some())
            .map(str::to_string),
        from: day(&params.from),
        to: day(&params.to),
        window_open: params.window.as_deref() == Some("1"),
    }
}

async fn inbox_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(mut params): Query<InboxParams>,
) -> Result<Response, StaffError> {
    // Bounded before anything counts with it (the page's links add and subtract one).
    params.page = params.page.map(|page| page.clamp(1, inbox::MAX_PAGE));
    let Some(SignedIn { session, .. }) = session::current(&state, &headers).await? else {
        return Ok(see_other("login"));
    };
    let today = china_today(staff_now(&state));
    let filter = filter_of(&params);
    let number = params.page.unwrap_or(1) - 1;
    let page = state
        .db
        .call(move |conn| Ok(inbox::page(conn, &filter, today, number)?))
        .await?;
    let html = pages::inbox(&pages::InboxPage {
        institution: state.config.institution.as_deref(),
        username: &session.username,
        csrf: &session.csrf,
        params: &params,
        page: &page,
        today,
    });
    Ok(html_page(StatusCode::OK, html))
}

#[derive(Deserialize)]
struct Saved {
    saved: Option<String>,
}

async fn enquiry_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(saved): Query<Saved>,
) -> Result<Response, StaffError> {
    let Some(SignedIn { session, .. }) = session::current(&state, &headers).await? else {
        return Ok(see_other("../login"));
    };
    let today = china_today(staff_now(&state));
    let found = state
        .db
        .call(move |conn| {
            let Some(enquiry) = inbox::one(conn, &id)? else {
                return Ok(None);
            };
            let same_phone = inbox::same_phone(conn, &enquiry.phone, &enquiry.id)?;
            let history = inbox::history(conn, &enquiry.id)?;
            Ok(Some((enquiry, same_phone, history)))
        })
        .await?;
    let Some((enquiry, same_phone, history)) = found else {
        return Err(StaffError::NotFound);
    };
    let html = pages::enquiry(&pages::EnquiryPage {
        enquiry: &enquiry,
        same_phone: &same_phone,
        history: &history,
        csrf: &session.csrf,
        saved: saved.saved.is_some(),
        today,
    });
    Ok(html_page(StatusCode::OK, html))
}

async fn season_page(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, StaffError> {
    Ok(match season_now(&state, &headers).await? {
        Some((season, today)) => html_page(StatusCode::OK, pages::season(&season, today)),
        None => see_other("login"),
    })
}

async fn season_csv(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, StaffError> {
    Ok(match season_now(&state, &headers).await? {
        Some((season, today)) => csv_download(
            pages::season_csv(&season),
            &format!("fushen-season-{today}.csv"),
        ),
        None => see_other("login"),
    })
}

/// The season's numbers up to today, for a signed-in request (`None` otherwise).
async fn season_now(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Option<(inbox::Season, chrono::NaiveDate)>, StaffError> {
    if session::current(state, headers).await?.is_none() {
        return Ok(None);
    }
    let today = china_today(staff_now(state));
    let season = state
        .db
        .call(move |conn| Ok(inbox::season(conn, today)?))
        .await?;
    Ok(Some((season, today)))
}

/// A CSV file to download, never cached.
fn csv_download(text: String, filename: &str) -> Response {
    let mut response = text.into_response();
    let out = response.headers_mut();
    out.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    out.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        out.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

async fn sign_in_page(State(state): State<AppState>, headers: HeaderMap) -> Response {
    sign_in_form(&state, &headers, StatusCode::OK, None)
}

/// The sign-in form with a fresh double-submit token.
fn sign_in_form(
    state: &AppState,
    headers: &HeaderMap,
    status: StatusCode,
    problem: Option<&str>,
) -> Response {
    let token = password::token();
    let page = pages::sign_in(state.config.institution.as_deref(), &token, problem);
    let mut response = html_page(status, page);
    response.headers_mut().append(
        header::SET_COOKIE,
        session::set_cookie(state, headers, SIGN_IN_COOKIE, Some(&token)),
    );
    response
}

#[derive(Deserialize)]
struct SignIn {
    username: String,
    password: String,
    csrf: String,
}

async fn sign_in(
    State(state): State<AppState>,
    ClientIp(client): ClientIp,
    headers: HeaderMap,
    request: Request,
) -> Result<Response, StaffError> {
    if let Err(seconds) = state.sign_in_limit.check(client, now_ms()) {
        tracing::info!(client = %masked(client), "staff sign-in refused: too many attempts");
        let problem = format!("登录尝试太多，请 {seconds} 秒后再试");
        let mut response = sign_in_form(
            &state,
            &headers,
            StatusCode::TOO_MANY_REQUESTS,
            Some(&problem),
        );
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(seconds.max(1)));
        return Ok(response);
    }
    let form: SignIn = read_form(request, &state).await?;
    let expected = session::cookie(&headers, SIGN_IN_COOKIE).unwrap_or_default();
    if !session::allowed(&headers, &expected, &form.csrf) {
        return Ok(sign_in_form(
            &state,
            &headers,
            StatusCode::FORBIDDEN,
            Some("页面已过期，请重新登录"),
        ));
    }
    let username = form.username.trim().to_string();
    let lookup = username.clone();
    let account = state
        .db
        .call(move |conn| Ok(staff::password_hash(conn, &lookup)?))
        .await?;
    let password_given = form.password;
    let (staff_id, stored) = match account {
        Some((id, hash)) => (Some(id), hash),
        None => (None, password::decoy().to_string()),
    };
    // Every check costs about 19 MiB and a core for tens of milliseconds: only a few run at
    // once, from all clients together; past a short wait the sign-in is asked to come back.
    let permit = tokio::time::timeout(
        PASSWORD_QUEUE_WAIT,
        std::sync::Arc::clone(&state.password_checks).acquire_owned(),
    )
    .await;
    let Ok(Ok(permit)) = permit else {
        tracing::warn!(client = %masked(client), "staff sign-in refused: password checks busy");
        let mut response = sign_in_form(
            &state,
            &headers,
            StatusCode::SERVICE_UNAVAILABLE,
            Some("现在登录的人太多，请过一会儿再试"),
        );
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
        return Ok(response);
    };
    // Off the async threads.
    let matches = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        password::verify(&password_given, &stored)
    })
    .await
    .unwrap_or(false);
    let Some(staff_id) = staff_id.filter(|_| matches) else {
        if staff_id.is_some() {
            tracing::info!(
                username = %logged_name(&username),
                known = true,
                client = %masked(client),
                "staff sign-in failed"
            );
        } else {
            // Not an account's name: perhaps a password typed into the wrong field. Only its
            // length is kept, which gives nothing typed back.
            tracing::info!(
                username_chars = username.chars().count(),
                known = false,
                client = %masked(client),
                "staff sign-in failed"
            );
        }
        return Ok(sign_in_form(
            &state,
            &headers,
            StatusCode::UNAUTHORIZED,
            Some("用户名或密码不对"),
        ));
    };
    let token = session::start(&state, staff_id).await?;
    tracing::info!(
        username = %logged_name(&username),
        client = %masked(client),
        "staff signed in"
    );
    let mut response = see_other("./");
    let cookies = response.headers_mut();
    cookies.append(
        header::SET_COOKIE,
        session::set_cookie(&state, &headers, SESSION_COOKIE, Some(&token)),
    );
    cookies.append(
        header::SET_COOKIE,
        session::set_cookie(&state, &headers, SIGN_IN_COOKIE, None),
    );
    Ok(response)
}

#[derive(Deserialize)]
struct Token {
    csrf: String,
}

async fn sign_out(
    State(state): State<AppState>,
    ClientIp(client): ClientIp,
    headers: HeaderMap,
    request: Request,
) -> Result<Response, StaffError> {
    state
        .staff_limit
        .check(client, now_ms())
        .map_err(StaffError::RateLimited)?;
    if let Some(signed_in) = session::current(&state, &headers).await? {
        let form: Token = read_form(request, &state).await?;
        if !session::allowed(&headers, &signed_in.session.csrf, &form.csrf) {
            return Err(StaffError::Stale);
        }
        let key = signed_in.token_hash;
        state
            .db
            .call(move |conn| Ok(staff::end_session(conn, &key)?))
            .await?;
        tracing::info!(username = %logged_name(&signed_in.session.username), "staff signed out");
    }
    let mut response = see_other("login");
    response.headers_mut().append(
        header::SET_COOKIE,
        session::set_cookie(&state, &headers, SESSION_COOKIE, None),
    );
    Ok(response)
}

#[derive(Deserialize)]
struct FollowUp {
    csrf: String,
    status: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    follow_up_on: String,
}

async fn follow_up(
    State(state): State<AppState>,
    ClientIp(client): ClientIp,
    headers: HeaderMap,
    Path(id): Path<String>,
    request: Request,
) -> Result<Response, StaffError> {
    state
        .staff_limit
        .check(client, now_ms())
        .map_err(StaffError::RateLimited)?;
    let Some(SignedIn { session, .. }) = session::current(&state, &headers).await? else {
        return Ok(see_other("../login"));
    };
    let form: FollowUp = read_form(request, &state).await?;
    if !session::allowed(&headers, &session.csrf, &form.csrf) {
        return Err(StaffError::Stale);
    }
    let status = LeadStatus::parse(&form.status).ok_or(StaffError::Malformed)?;
    // The welder's own text rule (invisible and direction-changing characters removed, line
    // ends kept): a note is read by colleagues in the inbox and in the CSV.
    let note = normalise_note(&form.note, NOTE_MAX_CHARS).map_err(|error| StaffError::Note {
        enquiry: id.clone(),
        error,
    })?;
    let follow_up_on = staff_date(&form.follow_up_on).map_err(|()| StaffError::Date {
        enquiry: id.clone(),
        first: EARLIEST_DAY.0,
        last: LATEST_DAY.0,
    })?;
    let change = enquiries::Change {
        status,
        note,
        follow_up_on,
    };
    let by = session.username.clone();
    let key = id.clone();
    let now = staff_now(&state);
    let reference = state
        .db
        .call(move |conn| Ok(enquiries::follow_up(conn, &key, &change, &by, now)?))
        .await?;
    let Some(reference) = reference else {
        return Err(StaffError::NotFound);
    };
    tracing::info!(
        %id,
        %reference,
        status = status.as_str(),
        username = %logged_name(&session.username),
        "enquiry followed up"
    );
    // Back to the enquiry's own page (its random id is no personal data).
    let location = format!("{id}?saved=1");
    Ok((
        StatusCode::SEE_OTHER,
        [(
            header::LOCATION,
            HeaderValue::from_str(&location).unwrap_or_else(|_| HeaderValue::from_static("../")),
        )],
    )
        .into_response())
}

async fn export(
    State(state): State<AppState>,
    ClientIp(client): ClientIp,
    headers: HeaderMap,
) -> Result<Response, StaffError> {
    let Some(signed_in) = session::current(&state, &headers).await? else {
        return Ok(see_other("login"));
    };
    let rows = state.db.call(|conn| Ok(enquiries::all(conn)?)).await?;
    tracing::info!(
        rows = rows.len(),
        username = %logged_name(&signed_in.session.username),
        client = %masked(client),
        "enquiries exported"
    );
    Ok(csv_download(
        csv::export(&rows),
        &format!("fushen-enquiries-{}.csv", china_today(now_ms())),
    ))
}
