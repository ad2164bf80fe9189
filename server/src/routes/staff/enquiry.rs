//! One enquiry: its page (with the other enquiries from the same phone and its history), and
//! its follow-up form (status, note, next-contact date).

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use fushen_domain::enquiry::text::normalise_note;

use super::forms::{query, read_form, staff_date, WithinLimit, EARLIEST_DAY, LATEST_DAY};
use super::session::{self, SignedIn};
use super::{html_page, logged_name, pages, StaffError};
use crate::app::AppState;
use crate::clock::china_today;
use crate::db::enquiries::{self, LeadStatus};
use crate::db::inbox;

/// The longest note staff can add at once, in characters.
pub const NOTE_MAX_CHARS: usize = 1000;

/// The enquiry's id from its address; one that cannot even be decoded names no enquiry.
fn enquiry_id(path: Result<Path<String>, PathRejection>) -> Result<String, StaffError> {
    path.map(|Path(id)| id).map_err(|_| StaffError::NotFound)
}

#[derive(Deserialize)]
pub struct Saved {
    saved: Option<String>,
}

/// The enquiry's page; `?saved=1` after a follow-up was stored.
pub async fn page(
    State(state): State<AppState>,
    SignedIn { session, .. }: SignedIn,
    id: Result<Path<String>, PathRejection>,
    saved: Result<Query<Saved>, QueryRejection>,
) -> Result<Response, StaffError> {
    let id = enquiry_id(id)?;
    let saved = query(saved)?;
    let today = china_today(state.clock.now_ms());
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
    let (enquiry, same_phone, history) = found.ok_or(StaffError::NotFound)?;
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

#[derive(Deserialize)]
struct FollowUp {
    csrf: String,
    status: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    follow_up_on: String,
}

/// A follow-up: the status, perhaps a note and a next-contact date, stored with who and when;
/// then back to the enquiry's page.
pub async fn follow_up(
    State(state): State<AppState>,
    _: WithinLimit,
    SignedIn { session, .. }: SignedIn,
    headers: HeaderMap,
    id: Result<Path<String>, PathRejection>,
    request: Request,
) -> Result<Response, StaffError> {
    let id = enquiry_id(id)?;
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
    let now = state.clock.now_ms();
    let reference = state
        .db
        .call(move |conn| Ok(enquiries::follow_up(conn, &key, &change, &by, now)?))
        .await?
        .ok_or(StaffError::NotFound)?;
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
