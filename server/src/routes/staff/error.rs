//! Every way a staff request can fail, each with its status and its Chinese words in one place,
//! answered as a page in the staff style with the way back to the inbox. A browser never shows
//! staff raw JSON; the JSON receiver (`/api/enquiries`) keeps its own [`crate::error::ApiError`].
//!
//! The way back is a relative address, and only the request knows how deep its page sits under
//! `/staff/`: so [`StaffError`] answers with its status and a [`Problem`] attached, and the
//! staff router's [`render_problems`] layer turns that into the page.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use fushen_domain::enquiry::FieldError;

use super::enquiry::NOTE_MAX_CHARS;
use super::{pages, FORM_LIMIT};
use crate::db::DbError;

/// A staff request the server will not (or cannot now) carry out.
#[derive(Debug, thiserror::Error)]
pub enum StaffError {
    /// No such enquiry: a wrong address, or one deleted on request or at the end of retention.
    #[error("no such enquiry")]
    NotFound,
    /// A form without its session's token, or from another site: a page left open too long.
    #[error("stale form")]
    Stale,
    /// Too many forms from this address; try again after this many seconds.
    #[error("rate limited")]
    RateLimited(u64),
    /// A form larger than [`FORM_LIMIT`].
    #[error("form too large")]
    TooLarge,
    /// A form that could not be read, or with a field no page of ours sends.
    #[error("malformed form")]
    Malformed,
    /// A note that breaks the text rule; `enquiry` is the enquiry's id, for the way back.
    #[error("note refused")]
    Note { enquiry: String, error: FieldError },
    /// A next-contact date that is not a plain date in the years staff may type.
    #[error("follow-up date refused")]
    Date {
        enquiry: String,
        first: i32,
        last: i32,
    },
    /// The address exists, the method does not.
    #[error("method not allowed")]
    Method,
    /// No page at this address under `/staff/`.
    #[error("no such page")]
    NoPage,
    /// The request took longer than the server allows ([`crate::app::REQUEST_TIMEOUT`]).
    #[error("timeout")]
    Timeout,
    /// The database failed; nothing was changed.
    #[error("database: {0}")]
    Database(#[from] DbError),
}

/// What the page says: a title, a sentence, and perhaps a way back other than the inbox
/// (relative to the request's own address).
#[derive(Clone, Debug)]
pub struct Problem {
    title: &'static str,
    message: String,
    back: Option<(String, &'static str)>,
}

impl StaffError {
    /// The status and the words for staff.
    fn parts(&self) -> (StatusCode, Problem) {
        let says = |title, message: String| Problem {
            title,
            message,
            back: None,
        };
        // Only the enquiry's own form (at `enquiries/{id}`) is refused with these.
        let to_enquiry =
            |enquiry: &str| Some((format!("./{}", crate::url::encode(enquiry)), "返回这条咨询"));
        match self {
            StaffError::NotFound => (
                StatusCode::NOT_FOUND,
                says(
                    "找不到这条咨询",
                    "没有这条咨询：地址可能不完整，或者它已经按本人的要求删除、或过了保存期限被清除。".into(),
                ),
            ),
            StaffError::Stale => (
                StatusCode::FORBIDDEN,
                says(
                    "页面已过期",
                    "这个页面已经过期（或者表单不是从收件箱提交的），这次的改动没有保存。请刷新页面后重试。"
                        .into(),
                ),
            ),
            StaffError::RateLimited(seconds) => (
                StatusCode::TOO_MANY_REQUESTS,
                says(
                    "操作太频繁",
                    format!(
                        "这个地址提交得太频繁了，这次的改动没有保存。请 {} 秒后再试。",
                        seconds.max(&1)
                    ),
                ),
            ),
            StaffError::TooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                says(
                    "提交的内容太长",
                    format!(
                        "一次最多提交 {} KB（备注最多 {} 个字），这次的改动没有保存。请把备注写短一些再提交。",
                        FORM_LIMIT / 1024,
                        NOTE_MAX_CHARS
                    ),
                ),
            ),
            StaffError::Malformed => (
                StatusCode::BAD_REQUEST,
                says(
                    "提交的内容读不出来",
                    "提交的内容读不出来，这次的改动没有保存。请刷新页面后重试。".into(),
                ),
            ),
            StaffError::Note { enquiry, error } => (
                StatusCode::UNPROCESSABLE_ENTITY,
                Problem {
                    title: "备注不能保存",
                    message: format!(
                        "备注：{}。这次的改动没有保存，请返回修改。",
                        error.message()
                    ),
                    back: to_enquiry(enquiry),
                },
            ),
            StaffError::Date {
                enquiry,
                first,
                last,
            } => (
                StatusCode::UNPROCESSABLE_ENTITY,
                Problem {
                    title: "日期不对",
                    message: format!(
                        "下次联系的日期要写成 2026-12-10 这样（年-月-日），在 {first} 年到 {last} 年之间。\
                         这次的改动没有保存，请返回重新填写。"
                    ),
                    back: to_enquiry(enquiry),
                },
            ),
            StaffError::Method => (
                StatusCode::METHOD_NOT_ALLOWED,
                says("打不开这个页面", "这个地址不接受这种请求。".into()),
            ),
            StaffError::NoPage => (
                StatusCode::NOT_FOUND,
                says(
                    "没有这个页面",
                    "收件箱里没有这个地址的页面：链接可能不完整，或者抄错了。".into(),
                ),
            ),
            StaffError::Timeout => (
                StatusCode::REQUEST_TIMEOUT,
                says(
                    "等待太久",
                    "这次请求等得太久，服务器没有处理完。改动可能没有保存：请刷新页面看一看，需要的话再试一次。"
                        .into(),
                ),
            ),
            // A panic inside a database call is a fault of this program, not a passing trouble.
            StaffError::Database(DbError::Panicked) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                says(
                    "服务器出错了",
                    "服务器出了问题（已经记在日志里），这次没有改动任何内容。请稍后再试；一直这样的话，请告诉管理员。"
                        .into(),
                ),
            ),
            StaffError::Database(_) => (
                StatusCode::SERVICE_UNAVAILABLE,
                says(
                    "数据库暂时用不了",
                    "数据库暂时用不了，这次没有改动任何内容。请过一会儿再试；一直这样的话，请告诉管理员。"
                        .into(),
                ),
            ),
        }
    }
}

impl IntoResponse for StaffError {
    fn into_response(self) -> Response {
        if let StaffError::Database(error) = &self {
            tracing::error!(%error, "staff request failed: database");
        }
        let (status, problem) = self.parts();
        let mut response = status.into_response();
        let headers = response.headers_mut();
        match self {
            StaffError::RateLimited(seconds) => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds.max(1)));
            }
            StaffError::Database(_) => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
            }
            StaffError::Method => {
                headers.insert(header::ALLOW, HeaderValue::from_static("GET, HEAD, POST"));
            }
            _ => {}
        }
        response.extensions_mut().insert(problem);
        response
    }
}

/// The way back to `/staff/` from the page at `path`: `""` for `/staff/…`, `"../"` for
/// `/staff/enquiries/…`, `"staff/"` for `/staff` itself.
pub fn root_of(path: &str) -> String {
    match path.strip_prefix("/staff/") {
        Some(rest) => "../".repeat(rest.matches('/').count()),
        None => "staff/".into(),
    }
}

/// The staff router's last layer: an answer that carries a [`Problem`] becomes its page, with
/// the ways back made relative to the request's address.
pub async fn render_problems(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_string();
    let response = next.run(request).await;
    render(&path, response)
}

/// Whether `path` is the staff side's (`/staff` and everything under `/staff/`).
pub fn is_staff_path(path: &str) -> bool {
    path == "/staff" || path.starts_with("/staff/")
}

/// `error` as the page at `path`, for an answer made outside the staff router (the app-wide
/// time limit).
pub fn page_at(path: &str, error: StaffError) -> Response {
    render(path, error.into_response())
}

/// `response` as its page when it carries a [`Problem`], the ways back relative to `path`.
fn render(path: &str, mut response: Response) -> Response {
    let root = root_of(path);
    let Some(problem) = response.extensions_mut().remove::<Problem>() else {
        return response;
    };
    let page = pages::problem(
        &root,
        problem.title,
        &problem.message,
        problem
            .back
            .as_ref()
            .map(|(href, label)| (href.as_str(), *label)),
    );
    let (parts, _) = response.into_parts();
    let mut response = Response::from_parts(parts, Body::from(page));
    super::html_headers(response.headers_mut());
    response
}
