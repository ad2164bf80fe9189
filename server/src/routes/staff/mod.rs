//! The staff inbox under `/staff/`: sign in, see enquiries newest first (repeat enquiries from
//! one phone together), set each one's status and note, download the CSV, sign out.
//!
//! Addresses in the pages and redirects are relative, so the inbox works under any sub-path a
//! reverse proxy mounts the server at. No personal data goes into an address or a log line:
//! enquiries are named by their random id and reference number only.

mod pages;
mod session;

use axum::extract::rejection::FormRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;

use crate::app::{AppState, ClientIp};
use crate::clock::{china_today, now_ms};
use crate::db::enquiries::{self, LeadStatus};
use crate::db::staff;
use crate::error::ApiError;
use crate::{csv, password};

use pages::NOTE_MAX_CHARS;
use session::{SignedIn, SESSION_COOKIE, SIGN_IN_COOKIE};

/// The inbox shows at most this many enquiries (the CSV has them all).
pub const INBOX_LIMIT: usize = 500;

/// The inbox's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff", get(|| async { see_other("staff/") }))
        .route("/staff/", get(inbox))
        .route("/staff/login", get(sign_in_page).post(sign_in))
        .route("/staff/logout", post(sign_out))
        .route("/staff/enquiries/{id}", post(follow_up))
        .route("/staff/export.csv", get(export))
        .method_not_allowed_fallback(|| async { ApiError::Method("GET, HEAD, POST") })
}

/// A redirect to `location`, relative to the request's address.
fn see_other(location: &'static str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response()
}

/// An HTML page that no cache keeps (it shows names and phone numbers), and no other site frames.
fn html(status: StatusCode, body: String) -> Response {
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; \
             frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    response
}

#[derive(Deserialize)]
struct Filter {
    status: Option<String>,
    saved: Option<String>,
}

async fn inbox(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(filter): Query<Filter>,
) -> Result<Response, ApiError> {
    let Some(SignedIn { session, .. }) = session::current(&state, &headers).await? else {
        return Ok(see_other("login"));
    };
    let status = filter.status.as_deref().and_then(LeadStatus::parse);
    let (list, counts) = state
        .db
        .call(move |conn| {
            let list = enquiries::newest(conn, status, INBOX_LIMIT + 1)?;
            Ok((list, enquiries::counts(conn)?))
        })
        .await?;
    let truncated = list.len() > INBOX_LIMIT;
    let shown = &list[..list.len().min(INBOX_LIMIT)];
    let page = pages::inbox(&pages::Inbox {
        institution: state.config.institution.as_deref(),
        username: &session.username,
        csrf: &session.csrf,
        enquiries: shown,
        counts: &counts,
        filter: status,
        saved: filter.saved.as_deref(),
        truncated,
        today: china_today(now_ms()),
    });
    Ok(html(StatusCode::OK, page))
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
    let mut response = html(status, page);
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
    form: Result<Form<SignIn>, FormRejection>,
) -> Result<Response, ApiError> {
    state
        .sign_in_limit
        .check(client, now_ms())
        .map_err(ApiError::RateLimited)?;
    let Form(form) = form.map_err(|_| ApiError::Malformed)?;
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
    let account = state
        .db
        .call(move |conn| Ok(staff::password_hash(conn, &username)?))
        .await?;
    let password_given = form.password;
    let (staff_id, stored) = match account {
        Some((id, hash)) => (Some(id), hash),
        None => (None, password::decoy().to_string()),
    };
    // argon2 takes tens of milliseconds of CPU: off the async threads.
    let matches = tokio::task::spawn_blocking(move || password::verify(&password_given, &stored))
        .await
        .unwrap_or(false);
    let Some(staff_id) = staff_id.filter(|_| matches) else {
        tracing::info!("staff sign-in failed");
        return Ok(sign_in_form(
            &state,
            &headers,
            StatusCode::UNAUTHORIZED,
            Some("用户名或密码不对"),
        ));
    };
    let token = session::start(&state, staff_id).await?;
    tracing::info!(staff_id, "staff signed in");
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
    headers: HeaderMap,
    form: Result<Form<Token>, FormRejection>,
) -> Result<Response, ApiError> {
    let Form(form) = form.map_err(|_| ApiError::Malformed)?;
    if let Some(signed_in) = session::current(&state, &headers).await? {
        if !session::allowed(&headers, &signed_in.session.csrf, &form.csrf) {
            return Err(ApiError::Forbidden);
        }
        let key = signed_in.token_hash;
        state
            .db
            .call(move |conn| Ok(staff::end_session(conn, &key)?))
            .await?;
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
}

async fn follow_up(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    form: Result<Form<FollowUp>, FormRejection>,
) -> Result<Response, ApiError> {
    let Some(SignedIn { session, .. }) = session::current(&state, &headers).await? else {
        return Ok(see_other("../login"));
    };
    let Form(form) = form.map_err(|_| ApiError::Malformed)?;
    if !session::allowed(&headers, &session.csrf, &form.csrf) {
        return Err(ApiError::Forbidden);
    }
    let status = LeadStatus::parse(&form.status).ok_or(ApiError::Malformed)?;
    let note: String = form
        .note
        .replace("\r\n", "\n")
        .trim()
        .chars()
        .take(NOTE_MAX_CHARS)
        .collect();
    let by = session.username.clone();
    let key = id.clone();
    let reference = state
        .db
        .call(move |conn| {
            Ok(enquiries::follow_up(
                conn,
                &key,
                status,
                &note,
                &by,
                now_ms(),
            )?)
        })
        .await?;
    let Some(reference) = reference else {
        return Err(ApiError::NotFound);
    };
    tracing::info!(%id, %reference, status = status.as_str(), "enquiry followed up");
    let location = format!("../?saved={reference}#e-{reference}");
    Ok((
        StatusCode::SEE_OTHER,
        [(
            header::LOCATION,
            HeaderValue::from_str(&location).unwrap_or_else(|_| HeaderValue::from_static("../")),
        )],
    )
        .into_response())
}

async fn export(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, ApiError> {
    if session::current(&state, &headers).await?.is_none() {
        return Ok(see_other("login"));
    }
    let rows = state.db.call(|conn| Ok(enquiries::all(conn)?)).await?;
    tracing::info!(rows = rows.len(), "enquiries exported");
    let filename = format!(
        "attachment; filename=\"fushen-enquiries-{}.csv\"",
        china_today(now_ms())
    );
    let mut response = csv::export(&rows).into_response();
    let out = response.headers_mut();
    out.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    out.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(value) = HeaderValue::from_str(&filename) {
        out.insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}
