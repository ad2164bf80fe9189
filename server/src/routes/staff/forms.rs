//! What every staff form shares: the per-address allowance checked before anything else, the
//! body read only after the checks that cost nothing, its size limit, and the dates staff type.

use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Query, Request};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::Form;
use chrono::NaiveDate;
use serde::de::DeserializeOwned;

use super::StaffError;
use crate::app::{AppState, ClientIp};

/// The largest staff form accepted: a note of [`NOTE_MAX_CHARS`](super::enquiry::NOTE_MAX_CHARS)
/// four-byte characters,
/// URL-encoded, and the token fit in it.
pub const FORM_LIMIT: usize = 16 * 1024;

/// A staff form post from an address within its allowance
/// ([`crate::app::STAFF_FORMS_PER_MINUTE`]); past it, refused with the wait. Put it first among
/// a handler's extractors: it costs nothing and comes before the session's database lookup.
pub struct WithinLimit;

impl FromRequestParts<AppState> for WithinLimit {
    type Rejection = StaffError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<WithinLimit, StaffError> {
        let client = match ClientIp::from_request_parts(parts, state).await {
            Ok(ClientIp(client)) => client,
            Err(never) => match never {},
        };
        state
            .staff_limit
            .check(client, state.clock.now_ms())
            .map_err(StaffError::RateLimited)?;
        Ok(WithinLimit)
    }
}

/// Reads a form's body, only once the request has passed the checks that cost nothing (rate
/// limit, session): a stranger's body is not read at all.
pub async fn read_form<T: DeserializeOwned>(
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

/// An address's parameters; ones no page of ours writes are a [`StaffError`] page, not axum's
/// plain-text rejection.
pub fn query<T>(params: Result<Query<T>, QueryRejection>) -> Result<T, StaffError> {
    params
        .map(|Query(params)| params)
        .map_err(|_| StaffError::Malformed)
}

/// The earliest and latest dates staff may type: anything outside is a slip of the keyboard
/// (chrono alone would read `+262142-12-31`).
pub const EARLIEST_DAY: (i32, u32, u32) = (2000, 1, 1);
pub const LATEST_DAY: (i32, u32, u32) = (2099, 12, 31);

/// A date staff typed (or a date field sent): empty is none; otherwise a plain `YYYY-MM-DD`
/// between [`EARLIEST_DAY`] and [`LATEST_DAY`], or `Err`.
pub fn staff_date(text: &str) -> Result<Option<NaiveDate>, ()> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let plain = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    let day = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .filter(|_| plain)
        .ok_or(())?;
    let bound = |(y, m, d): (i32, u32, u32)| NaiveDate::from_ymd_opt(y, m, d);
    let within = bound(EARLIEST_DAY).is_some_and(|first| day >= first)
        && bound(LATEST_DAY).is_some_and(|last| day <= last);
    if within {
        Ok(Some(day))
    } else {
        Err(())
    }
}
