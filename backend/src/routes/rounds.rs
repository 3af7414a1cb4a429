use axum::extract::{Path, State};
use cairn_shared::api::{RoundDetail, RoundSummary};

use super::AppState;
use crate::error::{ApiResult, Json};
use crate::services::rounds;

#[tracing::instrument(skip(state))]
pub async fn list_rounds(State(state): State<AppState>) -> ApiResult<Json<Vec<RoundSummary>>> {
    Ok(Json(rounds::list_public(&state.db).await?))
}

#[tracing::instrument(skip(state))]
pub async fn get_round(
    State(state): State<AppState>,
    Path(round_id): Path<String>,
) -> ApiResult<Json<RoundDetail>> {
    Ok(Json(rounds::get_public(&state.db, &round_id).await?))
}
