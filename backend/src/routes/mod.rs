//! The HTTP surface: `/api/…` (JSON) and the single-page app for everything else.

mod ballots;
mod feed;
mod first_screen;
mod health;
mod officer;
pub mod openapi;
mod params;
mod results;
mod rounds;
mod session;
mod spa;

use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use axum::http::Method;
use axum::response::IntoResponse;
use axum::routing::{get, post, put};
use sea_orm::DatabaseConnection;

use crate::client::TrustedProxies;
use crate::error::ApiError;
use crate::limiter::GuessLimiter;
use crate::live::cache::RoundCache;
use crate::live::hub::Hub;
use crate::live::writer::Writer;
use crate::secrets::CodeKey;

pub use feed::calendar;
pub use spa::CONSOLE_DIR;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub static_dir: PathBuf,
    pub code_key: CodeKey,
    /// Failed guesses of voting codes and receipts, per address.
    pub guesses: Arc<GuessLimiter>,
    /// Failed officer sign-ins, per address.
    pub sign_ins: Arc<GuessLimiter>,
    pub rounds: Arc<RoundCache>,
    pub hub: Arc<Hub>,
    pub writer: Writer,
    pub proxies: TrustedProxies,
}

impl axum::extract::FromRef<AppState> for TrustedProxies {
    fn from_ref(state: &AppState) -> Self {
        state.proxies.clone()
    }
}

pub fn router(state: AppState) -> Router {
    let officer = Router::new()
        .route(
            "/rounds",
            get(officer::list_rounds).post(officer::create_round),
        )
        .route(
            "/rounds/{round_id}",
            get(officer::get_round).put(officer::update_round),
        )
        .route("/rounds/{round_id}/projects", post(officer::create_project))
        .route(
            "/rounds/{round_id}/projects/{project_id}",
            put(officer::update_project),
        )
        .route("/rounds/{round_id}/import", post(officer::import))
        .route("/rounds/{round_id}/phase", post(officer::move_phase))
        .route("/rounds/{round_id}/publish", post(officer::publish))
        .route("/rounds/{round_id}/codes", post(officer::issue_codes))
        .route(
            "/rounds/{round_id}/codes/revoke",
            post(officer::revoke_code),
        )
        .route(
            "/rounds/{round_id}/paper-ballots",
            post(officer::enter_paper_ballot),
        )
        .route("/rounds/{round_id}/updates", post(officer::post_update))
        .route("/audit", get(officer::audit_log))
        .route(
            "/officers",
            get(officer::list_officers).post(officer::add_officer),
        );
    let api = Router::new()
        .route("/health", get(health::get_health))
        .route("/openapi.json", get(openapi::openapi_json))
        .route(
            "/session",
            get(session::current)
                .post(session::sign_in)
                .delete(session::sign_out),
        )
        .route("/feed.json", get(feed::feed_json))
        .route("/feed.ics", get(feed::feed_ics))
        .route("/rounds", get(rounds::list_rounds))
        .route("/rounds/{round_id}", get(rounds::get_round))
        .route(
            "/rounds/{round_id}/ballots",
            post(ballots::cast_ballot).put(ballots::change_ballot),
        )
        .route("/rounds/{round_id}/tally", get(ballots::get_tally))
        .route("/rounds/{round_id}/events", get(ballots::tally_events))
        .route("/rounds/{round_id}/results", get(results::get_results))
        .route("/rounds/{round_id}/ballots.pb", get(results::get_export))
        .route("/rounds/{round_id}/stats", get(results::get_stats))
        .route("/rounds/{round_id}/updates", get(results::get_updates))
        .route("/receipts/{receipt}", get(ballots::check_receipt))
        .nest("/officer", officer)
        .fallback(api_fallback)
        .method_not_allowed_fallback(method_not_allowed);
    Router::new()
        .nest("/api", api)
        // The officers' console is a separate build of the web app (see `frontend/console.html`),
        // so residents never download it.
        .nest_service(
            "/officer",
            spa::service(&state.static_dir.join(CONSOLE_DIR)),
        )
        .fallback_service(spa::residents(state.clone()))
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
