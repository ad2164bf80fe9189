//! Signing in and out. The sign-in form carries its own double-submit token; every refusal of
//! a sign-in (too many attempts, a stale form, the password checks busy, a wrong name or
//! password) answers with the form again, its reason above it.

use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use serde::Deserialize;

use super::forms::{read_form, WithinLimit};
use super::session::{self, SignedIn, SESSION_COOKIE, SIGN_IN_COOKIE};
use super::{html_page, logged_name, pages, see_other, StaffError};
use crate::app::{masked, AppState, ClientIp};
use crate::db::{staff, DbError};
use crate::password;

/// How long a sign-in waits for a free password check before it is asked to come back.
const PASSWORD_QUEUE_WAIT: Duration = Duration::from_secs(3);

#[derive(Deserialize)]
struct SignIn {
    username: String,
    password: String,
    csrf: String,
}

#[derive(Deserialize)]
struct Token {
    csrf: String,
}

/// Why a sign-in did not go through: each is answered with the form again.
enum Refusal {
    /// Too many attempts from this address; this many seconds to wait.
    TooMany(u64),
    /// The form is not the one this browser was given (or came from another site).
    Stale,
    /// Every password check is taken.
    Busy,
    /// No such account, or not its password.
    Wrong,
}

impl Refusal {
    /// The status, the words above the form, and the `Retry-After` (seconds).
    fn parts(&self) -> (StatusCode, String, Option<u64>) {
        match self {
            Refusal::TooMany(seconds) => (
                StatusCode::TOO_MANY_REQUESTS,
                format!("登录尝试太多，请 {seconds} 秒后再试"),
                Some((*seconds).max(1)),
            ),
            Refusal::Stale => (StatusCode::FORBIDDEN, "页面已过期，请重新登录".into(), None),
            Refusal::Busy => (
                StatusCode::SERVICE_UNAVAILABLE,
                "现在登录的人太多，请过一会儿再试".into(),
                Some(5),
            ),
            Refusal::Wrong => (StatusCode::UNAUTHORIZED, "用户名或密码不对".into(), None),
        }
    }
}

/// A sign-in that did not go through: refused (the form again), or failed (a [`StaffError`]
/// page: a form that cannot be read, the database).
enum Refused {
    Again(Refusal),
    Failed(StaffError),
}

impl From<Refusal> for Refused {
    fn from(refusal: Refusal) -> Refused {
        Refused::Again(refusal)
    }
}

impl From<StaffError> for Refused {
    fn from(error: StaffError) -> Refused {
        Refused::Failed(error)
    }
}

impl From<DbError> for Refused {
    fn from(error: DbError) -> Refused {
        Refused::Failed(error.into())
    }
}

/// The sign-in page.
pub async fn page(State(state): State<AppState>, headers: HeaderMap) -> Response {
    form(&state, &headers, None)
}

/// The sign-in form with a fresh double-submit token; `refused` says why the last attempt
/// did not go through.
fn form(state: &AppState, headers: &HeaderMap, refused: Option<&Refusal>) -> Response {
    let (status, problem, retry_after) = match refused.map(Refusal::parts) {
        Some((status, problem, retry_after)) => (status, Some(problem), retry_after),
        None => (StatusCode::OK, None, None),
    };
    let token = password::token();
    let page = pages::sign_in(
        state.config.institution.as_deref(),
        &token,
        problem.as_deref(),
    );
    let mut response = html_page(status, page);
    let out = response.headers_mut();
    out.append(
        header::SET_COOKIE,
        session::set_cookie(state, headers, SIGN_IN_COOKIE, Some(&token)),
    );
    if let Some(seconds) = retry_after {
        out.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    }
    response
}

/// A sign-in: on success a new session and the way to the inbox.
pub async fn sign_in(
    State(state): State<AppState>,
    ClientIp(client): ClientIp,
    headers: HeaderMap,
    request: Request,
) -> Result<Response, StaffError> {
    let (staff_id, username) = match check(&state, client, &headers, request).await {
        Ok(account) => account,
        Err(Refused::Again(refusal)) => return Ok(form(&state, &headers, Some(&refusal))),
        Err(Refused::Failed(error)) => return Err(error),
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

/// The account a sign-in names and proves, with the name as typed (trimmed).
async fn check(
    state: &AppState,
    client: IpAddr,
    headers: &HeaderMap,
    request: Request,
) -> Result<(i64, String), Refused> {
    if let Err(seconds) = state.sign_in_limit.check(client, state.clock.now_ms()) {
        tracing::info!(client = %masked(client), "staff sign-in refused: too many attempts");
        return Err(Refusal::TooMany(seconds).into());
    }
    let form: SignIn = read_form(request, state).await?;
    let expected = session::cookie(headers, SIGN_IN_COOKIE).unwrap_or_default();
    if !session::allowed(headers, &expected, &form.csrf) {
        return Err(Refusal::Stale.into());
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
        Arc::clone(&state.password_checks).acquire_owned(),
    )
    .await;
    let Ok(Ok(permit)) = permit else {
        tracing::warn!(client = %masked(client), "staff sign-in refused: password checks busy");
        return Err(Refusal::Busy.into());
    };
    // Off the async threads.
    let matches = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        password::verify(&password_given, &stored)
    })
    .await
    .unwrap_or(false);
    match staff_id {
        Some(staff_id) if matches => Ok((staff_id, username)),
        Some(_) => {
            tracing::info!(
                username = %logged_name(&username),
                known = true,
                client = %masked(client),
                "staff sign-in failed"
            );
            Err(Refusal::Wrong.into())
        }
        None => {
            // Not an account's name: perhaps a password typed into the wrong field. Only its
            // length is kept, which gives nothing typed back.
            tracing::info!(
                username_chars = username.chars().count(),
                known = false,
                client = %masked(client),
                "staff sign-in failed"
            );
            Err(Refusal::Wrong.into())
        }
    }
}

/// Signing out ends the session (the form's token required) and clears the cookie; without a
/// session the body is not read and the browser is sent to the sign-in page all the same.
pub async fn sign_out(
    State(state): State<AppState>,
    _: WithinLimit,
    signed_in: Option<SignedIn>,
    headers: HeaderMap,
    request: Request,
) -> Result<Response, StaffError> {
    if let Some(signed_in) = signed_in {
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
