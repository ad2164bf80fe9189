//! The inbox: one page of enquiries in the order of the day's work, found by the search and
//! filters kept in the address.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use fushen_domain::certificate::{CertificateKind, OTHER_SLUG};
use fushen_domain::enquiry::search::SearchTerm;

use super::forms::{query, staff_date};
use super::session::SignedIn;
use super::{html_page, pages, StaffError};
use crate::app::AppState;
use crate::clock::china_today;
use crate::db::enquiries::LeadStatus;
use crate::db::inbox;

/// The inbox's address parameters, as given.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct InboxParams {
    /// The search text.
    pub q: Option<String>,
    /// A status word.
    pub status: Option<String>,
    /// A certificate code.
    pub cert: Option<String>,
    /// Received from (YYYY-MM-DD).
    pub from: Option<String>,
    /// Received to (YYYY-MM-DD).
    pub to: Option<String>,
    /// `1`: only open review windows.
    pub window: Option<String>,
    /// The page, from 1.
    pub page: Option<usize>,
}

impl InboxParams {
    /// Whether a filter other than the status is given.
    pub fn filtering(&self) -> bool {
        [&self.cert, &self.from, &self.to, &self.window]
            .iter()
            .any(|v| v.as_deref().is_some_and(|v| !v.is_empty()))
    }

    /// The filter the address asks for; parts that cannot be read are left out.
    fn filter(&self) -> inbox::Filter {
        let day =
            |text: &Option<String>| text.as_deref().and_then(|t| staff_date(t).ok().flatten());
        inbox::Filter {
            search: self.q.as_deref().and_then(SearchTerm::parse),
            status: self.status.as_deref().and_then(LeadStatus::parse),
            certificate: self
                .cert
                .as_deref()
                .filter(|c| *c == OTHER_SLUG || CertificateKind::from_slug(c).is_some())
                .map(str::to_string),
            from: day(&self.from),
            to: day(&self.to),
            window_open: self.window.as_deref() == Some("1"),
        }
    }
}

/// The inbox's page.
pub async fn page(
    State(state): State<AppState>,
    params: Result<Query<InboxParams>, QueryRejection>,
    SignedIn { session, .. }: SignedIn,
) -> Result<Response, StaffError> {
    let mut params = query(params)?;
    // Bounded before anything counts with it (the page's links add and subtract one).
    params.page = params.page.map(|page| page.clamp(1, inbox::MAX_PAGE));
    let today = china_today(state.clock.now_ms());
    let filter = params.filter();
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
