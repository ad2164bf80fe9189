//! `POST /api/enquiries`: the form's JSON (docs/developer.md, "Enquiry endpoint"), read with the form's own
//! types, checked with the form's own rules, stored once per id, answered only after the commit.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};

use fushen_domain::enquiry::payload::{china_time_rfc3339, EnquiryPayload};
use fushen_domain::enquiry::receive;

use crate::app::{AppState, ClientIp};
use crate::db::enquiries::{NewEnquiry, Stored};
use crate::error::ApiError;
use crate::notify;

/// The largest body accepted (enforced by the router's `DefaultBodyLimit`, which answers 413). The
/// biggest enquiry the form can send (a 500-character message of four-byte characters, every
/// other field full) is under 4 KB.
pub const BODY_LIMIT: usize = 16 * 1024;

/// The answer to an accepted enquiry; a retry gets the same one.
#[derive(Serialize)]
struct Receipt {
    id: String,
    reference: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    received_at: Option<String>,
}

/// The form's hidden field that people leave empty (docs/developer.md, "Enquiry endpoint"): the form never
/// sends a filled one, so a body that has it comes from a bot.
#[derive(Deserialize)]
struct Honeypot {
    website: Option<String>,
}

/// Receives one enquiry.
pub async fn receive(
    State(state): State<AppState>,
    ClientIp(client): ClientIp,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let now = state.clock.now_ms();
    state
        .enquiry_limit
        .check(client, now)
        .map_err(ApiError::RateLimited)?;
    if !is_json(&headers) {
        return Err(ApiError::MediaType);
    }
    let body = body?;
    let key = idempotency_key(&headers).ok_or(ApiError::NoKey)?;
    let payload: EnquiryPayload = serde_json::from_slice(&body).map_err(|error| {
        // A struct also reads from a JSON array, so a broken array fails as a wrong shape;
        // whether the text is JSON at all decides between 400 and 422.
        match serde_json::from_slice::<IgnoredAny>(&body) {
            Ok(_) => ApiError::from(error),
            Err(_) => ApiError::Malformed,
        }
    })?;
    if key != payload.id {
        return Err(ApiError::KeyMismatch);
    }
    // The id goes into log lines: it must be the form's UUID before anything logs it (a client
    // could otherwise write `name=… phone=…` into the log).
    if !receive::is_v4_uuid(&payload.id) {
        return Err(receive::Refusal::Id.into());
    }
    if honeypot_filled(&body) {
        tracing::info!(id = %payload.id, "enquiry with the honeypot filled: not stored");
        return Ok(receipt(StatusCode::ACCEPTED, &payload, None));
    }

    let checked = receive::check(payload, now).inspect_err(|refusal| {
        tracing::info!(%refusal, "enquiry refused");
    })?;
    let line = state
        .config
        .webhook
        .as_ref()
        .map(|_| notify::line(checked.payload()));
    let stored = state.db.store(NewEnquiry::new(&checked, now, line)).await?;
    let payload = checked.payload();
    let (id, reference) = (&payload.id, &payload.reference);
    match stored {
        Stored::Created { received_at } => {
            tracing::info!(%id, %reference, "enquiry stored");
            Ok(receipt(StatusCode::CREATED, payload, Some(received_at)))
        }
        Stored::Replayed { received_at } => {
            tracing::info!(%id, %reference, "enquiry received again; already stored");
            Ok(receipt(StatusCode::CREATED, payload, Some(received_at)))
        }
        Stored::Forgotten => {
            tracing::info!(%id, "enquiry deleted earlier received again; not stored");
            Ok(receipt(StatusCode::OK, payload, None))
        }
        Stored::Conflict => {
            tracing::info!(%id, "id used before for another enquiry");
            Err(ApiError::IdReused)
        }
    }
}

/// Whether the body has a non-empty `website` field (read only when the word is there at all).
fn honeypot_filled(body: &[u8]) -> bool {
    body.windows(9).any(|w| w == b"\"website\"")
        && serde_json::from_slice::<Honeypot>(body)
            .ok()
            .and_then(|t| t.website)
            .is_some_and(|w| !w.trim().is_empty())
}

fn receipt(status: StatusCode, payload: &EnquiryPayload, received_at: Option<i64>) -> Response {
    let body = Receipt {
        id: payload.id.clone(),
        reference: payload.reference.clone(),
        received_at: received_at.map(china_time_rfc3339),
    };
    let mut response = (status, Json(body)).into_response();
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    response
}

/// `application/json`, with or without parameters (`; charset=utf-8`).
fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"))
}

/// The `Idempotency-Key` header: the form sends the id as it is; the IETF draft writes it as a
/// quoted string. Both are read.
fn idempotency_key(headers: &HeaderMap) -> Option<String> {
    let value = headers.get("idempotency-key")?.to_str().ok()?.trim();
    let value = value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .unwrap_or(value);
    (!value.is_empty()).then(|| value.to_string())
}
