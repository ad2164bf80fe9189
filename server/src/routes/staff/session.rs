//! Staff sign-in state: the session cookie (`HttpOnly`, `SameSite=Strict`, `Secure` over HTTPS),
//! the session's CSRF token that every change must carry, and the double-submit token that
//! protects the sign-in form itself. Cookies carry no `Path`, so the browser scopes them to the
//! inbox's own folder, wherever the site is mounted.

use axum::extract::{FromRequestParts, OptionalFromRequestParts};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};

use super::error::root_of;
use super::{see_other, StaffError};
use crate::app::{secure_cookies, AppState};
use crate::clock::DAY_MS;
use crate::db::{sha256_hex, staff, DbError};
use crate::password;

/// The session cookie.
pub const SESSION_COOKIE: &str = "fushen_staff";
/// The sign-in form's double-submit cookie.
pub const SIGN_IN_COOKIE: &str = "fushen_sign_in";
/// How long a sign-in lasts.
pub const SESSION_DAYS: i64 = 7;

/// A signed-in request. As an extractor, a request without a valid session is sent to the
/// sign-in page (relative to its own address); `Option<SignedIn>` lets a handler go on without.
#[derive(Clone, Debug)]
pub struct SignedIn {
    /// The SHA-256 of the cookie (the session's key in the database).
    pub token_hash: String,
    /// The session.
    pub session: staff::Session,
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<SignedIn, Response> {
        match current(state, &parts.headers).await {
            Ok(Some(signed_in)) => Ok(signed_in),
            Ok(None) => Err(see_other(&format!("{}login", root_of(parts.uri.path())))),
            Err(error) => Err(StaffError::from(error).into_response()),
        }
    }
}

impl OptionalFromRequestParts<AppState> for SignedIn {
    type Rejection = StaffError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Option<SignedIn>, StaffError> {
        Ok(current(state, &parts.headers).await?)
    }
}

/// The value of cookie `name` in the request.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_string())
}

/// The request's session, if it is signed in.
async fn current(state: &AppState, headers: &HeaderMap) -> Result<Option<SignedIn>, DbError> {
    let Some(token) = cookie(headers, SESSION_COOKIE) else {
        return Ok(None);
    };
    let token_hash = sha256_hex(token.as_bytes());
    let key = token_hash.clone();
    let now = state.clock.now_ms();
    let session = state
        .db
        .call(move |conn| Ok(staff::session(conn, &key, now)?))
        .await?;
    Ok(session.map(|session| SignedIn {
        token_hash,
        session,
    }))
}

/// Starts a session for account `staff_id`; returns the cookie's value.
pub async fn start(state: &AppState, staff_id: i64) -> Result<String, DbError> {
    let token = password::token();
    let csrf = password::token();
    let token_hash = sha256_hex(token.as_bytes());
    let now = state.clock.now_ms();
    let expires_at = now + SESSION_DAYS * DAY_MS;
    state
        .db
        .call(move |conn| {
            staff::end_expired_sessions(conn, now)?;
            Ok(staff::start_session(
                conn,
                staff_id,
                &token_hash,
                &csrf,
                expires_at,
            )?)
        })
        .await?;
    Ok(token)
}

/// A `Set-Cookie` value for `name`; `None` clears it.
pub fn set_cookie(
    state: &AppState,
    request: &HeaderMap,
    name: &str,
    value: Option<&str>,
) -> HeaderValue {
    let secure = if secure_cookies(&state.config, request) {
        "; Secure"
    } else {
        ""
    };
    let text = match value {
        Some(value) => format!(
            "{name}={value}; Max-Age={}; HttpOnly; SameSite=Strict{secure}",
            SESSION_DAYS * 24 * 60 * 60
        ),
        None => format!("{name}=; Max-Age=0; HttpOnly; SameSite=Strict{secure}"),
    };
    // Tokens are URL-safe base64: always a valid header value.
    HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// Whether a change request may go ahead: its form token matches, and the browser does not say
/// that it came from another site.
pub fn allowed(headers: &HeaderMap, expected: &str, given: &str) -> bool {
    let cross_site = headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == "cross-site");
    !cross_site && !expected.is_empty() && password::same(expected, given)
}
