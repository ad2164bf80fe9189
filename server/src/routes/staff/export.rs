//! The export: every enquiry as a CSV file, named by today's date on the server's clock.

use axum::extract::State;
use axum::response::Response;

use super::session::SignedIn;
use super::{csv_download, logged_name, StaffError};
use crate::app::{masked, AppState, ClientIp};
use crate::clock::china_today;
use crate::csv as export_csv;
use crate::db::enquiries;

/// Every enquiry as a CSV file.
pub async fn csv(
    State(state): State<AppState>,
    ClientIp(client): ClientIp,
    signed_in: SignedIn,
) -> Result<Response, StaffError> {
    let rows = state.db.call(|conn| Ok(enquiries::all(conn)?)).await?;
    tracing::info!(
        rows = rows.len(),
        username = %logged_name(&signed_in.session.username),
        client = %masked(client),
        "enquiries exported"
    );
    Ok(csv_download(
        export_csv::export(&rows),
        &format!("fushen-enquiries-{}.csv", china_today(state.clock.now_ms())),
    ))
}
