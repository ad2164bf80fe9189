//! Every way a request can fail, mapped in one place to a status and a Chinese
//! `{"message": "…"}` that the enquiry form shows as it is ("提交没有被接收：…").

use axum::extract::rejection::BytesRejection;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

use fushen_domain::enquiry::receive::Refusal;

use crate::db::DbError;

/// A request the server will not (or cannot now) carry out.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// Malformed JSON, or a body that could not be read.
    #[error("malformed body")]
    Malformed,
    /// JSON of the wrong shape (a field missing or of the wrong kind). serde's own words are
    /// not kept: they may quote what the user typed.
    #[error("wrong shape")]
    Shape,
    /// Not `Content-Type: application/json`.
    #[error("unsupported media type")]
    MediaType,
    /// Larger than the limit.
    #[error("body too large")]
    TooLarge,
    /// No `Idempotency-Key` header.
    #[error("no idempotency key")]
    NoKey,
    /// The `Idempotency-Key` is not the enquiry's id.
    #[error("idempotency key differs from the id")]
    KeyMismatch,
    /// The enquiry breaks a rule of the form.
    #[error("refused: {0}")]
    Refused(#[from] Refusal),
    /// The id was used before for another enquiry.
    #[error("id reused with other content")]
    IdReused,
    /// Too many requests from this client; try again after this many seconds.
    #[error("rate limited")]
    RateLimited(u64),
    /// The request took too long.
    #[error("timeout")]
    Timeout,
    /// No such address.
    #[error("not found")]
    NotFound,
    /// The address exists, the method does not; these are allowed.
    #[error("method not allowed")]
    Method(&'static str),
    /// The database failed; the enquiry was not stored.
    #[error("database: {0}")]
    Database(#[from] DbError),
}

#[derive(Serialize)]
struct Message {
    message: String,
}

impl ApiError {
    /// The status and the words for the user.
    fn parts(&self) -> (StatusCode, String) {
        const REFRESH: &str = "请刷新页面后再提交";
        match self {
            ApiError::Malformed => (
                StatusCode::BAD_REQUEST,
                format!("提交的内容读不出来，{REFRESH}"),
            ),
            ApiError::Shape => (
                StatusCode::UNPROCESSABLE_ENTITY,
                format!("提交的内容缺少必要的部分，{REFRESH}"),
            ),
            ApiError::MediaType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "只接收 JSON 格式的咨询（Content-Type: application/json）".into(),
            ),
            ApiError::TooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "提交的内容太长，请把留言写短一些".into(),
            ),
            ApiError::NoKey => (
                StatusCode::BAD_REQUEST,
                format!("缺少 Idempotency-Key 请求头，{REFRESH}"),
            ),
            ApiError::KeyMismatch => (
                StatusCode::UNPROCESSABLE_ENTITY,
                format!("Idempotency-Key 和咨询的 id 不一致，{REFRESH}"),
            ),
            ApiError::Refused(refusal) => (StatusCode::UNPROCESSABLE_ENTITY, refusal.message()),
            ApiError::IdReused => (
                StatusCode::UNPROCESSABLE_ENTITY,
                format!("这个咨询编号已经用于另一条内容不同的咨询，{REFRESH}"),
            ),
            ApiError::RateLimited(_) => (
                StatusCode::TOO_MANY_REQUESTS,
                "提交太频繁了，请稍后再试".into(),
            ),
            ApiError::Timeout => (StatusCode::REQUEST_TIMEOUT, "等待太久，请稍后再试".into()),
            ApiError::NotFound => (StatusCode::NOT_FOUND, "没有这个地址".into()),
            ApiError::Method(_) => (
                StatusCode::METHOD_NOT_ALLOWED,
                "这个地址不接受这种请求".into(),
            ),
            ApiError::Database(_) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "暂时无法保存，请稍后再试".into(),
            ),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, message) = self.parts();
        if let ApiError::Database(error) = &self {
            tracing::error!(%error, "database unavailable");
        }
        let mut response = (status, Json(Message { message })).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        match self {
            ApiError::RateLimited(seconds) => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds.max(1)));
            }
            ApiError::Database(_) => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
            }
            ApiError::Method(allowed) => {
                headers.insert(header::ALLOW, HeaderValue::from_static(allowed));
            }
            _ => {}
        }
        response
    }
}

impl From<BytesRejection> for ApiError {
    fn from(rejection: BytesRejection) -> ApiError {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::TooLarge
        } else {
            ApiError::Malformed
        }
    }
}

impl From<serde_json::Error> for ApiError {
    fn from(error: serde_json::Error) -> ApiError {
        match error.classify() {
            serde_json::error::Category::Data => ApiError::Shape,
            _ => ApiError::Malformed,
        }
    }
}
