//! `GET /healthz`: 200 when the database answers and the writer runs, 503 otherwise; for a
//! monitor or a reverse proxy's health check. It says nothing else.

use axum::extract::State;
use axum::http::StatusCode;

use crate::app::AppState;

/// Checks the database.
pub async fn check(State(state): State<AppState>) -> (StatusCode, &'static str) {
    if state.db.is_usable().await {
        (StatusCode::OK, "ok\n")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n")
    }
}
