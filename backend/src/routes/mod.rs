//! The HTTP surface: `/api/…` (JSON) and the single-page app for everything else.

mod ballots;
mod health;
mod rounds;
mod spa;

use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use axum::http::Method;
use axum::response::IntoResponse;
use sea_orm::DatabaseConnection;

use crate::error::ApiError;
use crate::limiter::GuessLimiter;
use crate::secrets::CodeKey;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub static_dir: PathBuf,
    pub code_key: CodeKey,
    pub guesses: Arc<GuessLimiter>,
}

pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .route("/health", axum::routing::get(health::get_health))
        .route("/rounds", axum::routing::get(rounds::list_rounds))
        .route("/rounds/{round_id}", axum::routing::get(rounds::get_round))
        .route(
            "/rounds/{round_id}/ballots",
            axum::routing::post(ballots::cast_ballot),
        )
        .route(
            "/rounds/{round_id}/tally",
            axum::routing::get(ballots::get_tally),
        )
        .route(
            "/receipts/{receipt}",
            axum::routing::get(ballots::check_receipt),
        )
        .fallback(api_fallback)
        .method_not_allowed_fallback(method_not_allowed);
    Router::new()
        .nest("/api", api)
        .fallback_service(spa::service(&state.static_dir))
        .with_state(state)
}

async fn api_fallback(axum::extract::OriginalUri(uri): axum::extract::OriginalUri) -> ApiError {
    ApiError::NotFound(format!("There is no API endpoint at {}.", uri.path()))
}

async fn method_not_allowed(
    method: Method,
    axum::extract::OriginalUri(uri): axum::extract::OriginalUri,
) -> impl IntoResponse {
    ApiError::MethodNotAllowed(format!("{} does not accept {method}.", uri.path()))
}
