//! Observers' endpoints after (or during) the count: results, open data, statistics, delivery.

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::IntoResponse;
use cairn_shared::api::{DeliveryUpdate, Participation, RoundResults};
use serde::Deserialize;

use super::AppState;
use super::ballots::counts_visible;
use crate::error::{ApiError, ApiResult, Json};
use crate::services::{delivery, results, rounds, stats};

/// `GET /api/rounds/{round_id}/results`
pub async fn get_results(
    State(state): State<AppState>,
    Path(round_id): Path<String>,
) -> ApiResult<Json<RoundResults>> {
    let round = rounds::get_public(&state.db, &round_id).await?;
    let pk = rounds::parse_round_id(&round_id)?;
    Ok(Json(results::published(&state.db, &round, pk).await?))
}

#[derive(Debug, Deserialize)]
pub struct ExportQuery {
    district: Option<String>,
}

/// `GET /api/rounds/{round_id}/ballots.pb[?district=ID]`: the file the result was counted from.
pub async fn get_export(
    State(state): State<AppState>,
    Path(round_id): Path<String>,
    Query(query): Query<ExportQuery>,
) -> ApiResult<impl IntoResponse> {
    let round = rounds::get_public(&state.db, &round_id).await?;
    let pk = rounds::parse_round_id(&round_id)?;
    let (file, digest) =
        results::published_export(&state.db, &round, pk, query.district.as_deref()).await?;
    let name = format!(
        "attachment; filename=\"cairn-round-{round_id}-{}.pb\"",
        query.district.as_deref().unwrap_or("ballots")
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, name),
            (header::HeaderName::from_static("x-content-sha256"), digest),
        ],
        file,
    ))
}

/// `GET /api/rounds/{round_id}/stats`
pub async fn get_stats(
    State(state): State<AppState>,
    Path(round_id): Path<String>,
) -> ApiResult<Json<Participation>> {
    let round = rounds::get_public(&state.db, &round_id).await?;
    if !counts_visible(&round) {
        return Err(ApiError::Forbidden(
            "Participation figures for this round are shown after voting closes.".into(),
        ));
    }
    let pk = rounds::parse_round_id(&round_id)?;
    Ok(Json(stats::participation(&state.db, &round, pk).await?))
}

/// `GET /api/rounds/{round_id}/updates`
pub async fn get_updates(
    State(state): State<AppState>,
    Path(round_id): Path<String>,
) -> ApiResult<Json<Vec<DeliveryUpdate>>> {
    rounds::get_public(&state.db, &round_id).await?;
    let pk = rounds::parse_round_id(&round_id)?;
    Ok(Json(delivery::list(&state.db, pk).await?))
}
