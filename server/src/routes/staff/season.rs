//! The season's numbers up to today: as a page, and as a CSV to download.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use super::session::SignedIn;
use super::{csv_download, html_page, pages, StaffError};
use crate::app::AppState;
use crate::clock::china_today;
use crate::db::inbox;

/// The season's page.
pub async fn page(State(state): State<AppState>, _: SignedIn) -> Result<Response, StaffError> {
    let (season, today) = season_now(&state).await?;
    Ok(html_page(StatusCode::OK, pages::season(&season, today)))
}

/// The season's numbers as a CSV file.
pub async fn csv(State(state): State<AppState>, _: SignedIn) -> Result<Response, StaffError> {
    let (season, today) = season_now(&state).await?;
    Ok(csv_download(
        pages::season_csv(&season),
        &format!("fushen-season-{today}.csv"),
    ))
}

/// The season's numbers up to today, and today.
async fn season_now(state: &AppState) -> Result<(inbox::Season, chrono::NaiveDate), StaffError> {
    let today = china_today(state.clock.now_ms());
    let season = state
        .db
        .call(move |conn| Ok(inbox::season(conn, today)?))
        .await?;
    Ok((season, today))
}
