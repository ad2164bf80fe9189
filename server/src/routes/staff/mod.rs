//! The staff inbox under `/staff/`: sign in; find any enquiry (search, filters, every page);
//! open one, call or copy the number, set its status and next-contact date, add notes (kept as
//! an append-only history); see the season's numbers; download the CSV; sign out.
//!
//! One file per room, each handler beside its request types and limits: [`sign_in`] (sign in
//! and out), [`inbox`], [`enquiry`] (one enquiry and its follow-up), [`season`], [`export`].
//! What every handler needs is an extractor: [`session::SignedIn`] (or the way to the sign-in
//! page), [`forms::WithinLimit`] (the per-address allowance of forms). Every refusal is a
//! [`StaffError`] page; templates in [`pages`] only render.
//!
//! Addresses in the pages and redirects are relative, so the inbox works under any sub-path a
//! reverse proxy mounts the server at. No personal data goes into an address or a log line:
//! enquiries are named by their random id and reference number only.

mod enquiry;
mod error;
mod export;
mod forms;
mod inbox;
mod pages;
mod season;
mod session;
mod sign_in;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::Router;

use crate::app::AppState;

pub use error::{is_staff_path, page_at, render_problems, StaffError};
pub use forms::FORM_LIMIT;

/// The inbox's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff", get(|| async { see_other("staff/") }))
        .route("/staff/", get(inbox::page))
        .route("/staff/login", get(sign_in::page).post(sign_in::sign_in))
        .route("/staff/logout", post(sign_in::sign_out))
        .route(
            "/staff/enquiries/{id}",
            get(enquiry::page).post(enquiry::follow_up),
        )
        .route("/staff/season", get(season::page))
        .route("/staff/season.csv", get(season::csv))
        .route("/staff/export.csv", get(export::csv))
        .route(
            "/staff/staff.css",
            get(|| async { asset("text/css; charset=utf-8", STYLE) }),
        )
        .route(
            "/staff/staff.js",
            get(|| async { asset("text/javascript; charset=utf-8", SCRIPT) }),
        )
        // Any other address under /staff/ is a page too, not the site's JSON 404.
        .route("/staff/{*rest}", any(|| async { StaffError::NoPage }))
        .layer(DefaultBodyLimit::max(FORM_LIMIT))
        .method_not_allowed_fallback(|| async { StaffError::Method })
        // Last, so that every refusal above, the extractors' included, becomes its page.
        .layer(axum::middleware::from_fn(error::render_problems))
}

/// An account's name as the log shows it: escaped (a name cannot forge a log line) and cut
/// short. A name that is no account's is never logged (see `sign_in`).
fn logged_name(username: &str) -> String {
    let short: String = username.chars().take(32).collect();
    format!("{short:?}")
}

/// A redirect to `location`, relative to the request's address.
fn see_other(location: &str) -> Response {
    let location =
        HeaderValue::from_str(location).unwrap_or_else(|_| HeaderValue::from_static("./"));
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
