use axum::extract::State;
use cairn_shared::api::{ErrorBody, RoundDetail, RoundSummary};

use super::AppState;
use super::params::RoundPath;
use crate::error::{ApiResult, Json, Path};
use crate::services::rounds;

/// Every public round
#[utoipa::path(
    get,
    path = "/api/rounds",
    tag = "rounds",
    responses((status = 200, description = "Every round but drafts, newest voting first", body = Vec<RoundSummary>))
)]
#[tracing::instrument(skip(state))]
pub async fn list_rounds(State(state): State<AppState>) -> ApiResult<Json<Vec<RoundSummary>>> {
    Ok(Json(rounds::list_public(&state.db).await?))
}

/// A round with everything a voter needs
///
/// Its districts, projects, ballot rules and phase.
#[utoipa::path(
    get,
    path = "/api/rounds/{round_id}",
    tag = "rounds",
    params(RoundPath),
    responses(
        (status = 200, description = "The round", body = RoundDetail),
        (status = 404, description = "There is no such public round", body = ErrorBody),
    )
)]
#[tracing::instrument(skip(state))]
pub async fn get_round(
    State(state): State<AppState>,
    Path(RoundPath { round_id }): Path<RoundPath>,
) -> ApiResult<Json<RoundDetail>> {
    Ok(Json(rounds::get_public(&state.db, &round_id).await?))
}
