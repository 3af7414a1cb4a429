//! Observers' endpoints after (or during) the count: results, open data, statistics, delivery.

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use cairn_shared::api::{DeliveryUpdate, ErrorBody, Participation, RoundResults};
use serde::Deserialize;
use utoipa::IntoParams;

use super::AppState;
use super::params::RoundPath;
use crate::error::{ApiError, ApiResult, Json, Path, Query};
use crate::services::{delivery, results, rounds, stats};

/// The published result
///
/// The rule and tie-break used, the funded projects of every district, and for each project
/// the numbers behind its outcome (`reason`) and the same in plain English.
#[utoipa::path(
    get,
    path = "/api/rounds/{round_id}/results",
    tag = "results",
    params(RoundPath),
    responses(
        (status = 200, description = "The result", body = RoundResults),
        (status = 404, description = "No such public round, or its results are not published yet", body = ErrorBody),
    )
)]
pub async fn get_results(
    State(state): State<AppState>,
    Path(RoundPath { round_id }): Path<RoundPath>,
) -> ApiResult<Json<RoundResults>> {
    let round = rounds::get_public(&state.db, &round_id).await?;
    let pk = rounds::parse_round_id(&round_id)?;
    Ok(Json(results::published(&state.db, &round, pk).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// The district's id; needed only when the round has more than one.
    district: Option<String>,
}

/// The anonymised ballots
///
/// One district's ballots as a Pabulib file, in a random voter order: exactly the file its
/// result was counted from, so `cairn tally` recomputes the published result from it.
#[utoipa::path(
    get,
    path = "/api/rounds/{round_id}/ballots.pb",
    tag = "results",
    params(RoundPath, ExportQuery),
    responses(
        (status = 200, description = "The Pabulib file, as an attachment", body = String, content_type = "text/csv",
            headers(
                ("content-disposition" = String, description = "`attachment` with a file name"),
                ("x-content-sha256" = String, description = "SHA-256 of the file in hex, as the result's `export_sha256` says"),
            )),
        (status = 400, description = "The round has several districts and none was named", body = ErrorBody),
        (status = 404, description = "No such public round or district, or the results are not published yet", body = ErrorBody),
    )
)]
pub async fn get_export(
    State(state): State<AppState>,
    Path(RoundPath { round_id }): Path<RoundPath>,
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

/// Participation
///
/// Ballots by district, method, age band, gender and day, with small groups suppressed. Shown
/// once the round's counts are (see the live counts).
#[utoipa::path(
    get,
    path = "/api/rounds/{round_id}/stats",
    tag = "results",
    params(RoundPath),
    responses(
        (status = 200, description = "The figures", body = Participation),
        (status = 403, description = "The figures are shown after voting closes", body = ErrorBody),
        (status = 404, description = "There is no such public round", body = ErrorBody),
    )
)]
pub async fn get_stats(
    State(state): State<AppState>,
    Path(RoundPath { round_id }): Path<RoundPath>,
) -> ApiResult<Json<Participation>> {
    let round = rounds::get_public(&state.db, &round_id).await?;
    if !round.counts_visible() {
        return Err(ApiError::Forbidden(
            "Participation figures for this round are shown after voting closes.".into(),
        ));
    }
    let pk = rounds::parse_round_id(&round_id)?;
    Ok(Json(stats::participation(&state.db, &round, pk).await?))
}

/// Delivery updates
///
/// What the council reports on the funded projects, newest first.
#[utoipa::path(
    get,
    path = "/api/rounds/{round_id}/updates",
    tag = "results",
    params(RoundPath),
    responses(
        (status = 200, description = "The updates", body = Vec<DeliveryUpdate>),
        (status = 404, description = "There is no such public round", body = ErrorBody),
    )
)]
pub async fn get_updates(
    State(state): State<AppState>,
    Path(RoundPath { round_id }): Path<RoundPath>,
) -> ApiResult<Json<Vec<DeliveryUpdate>>> {
    rounds::get_public(&state.db, &round_id).await?;
    let pk = rounds::parse_round_id(&round_id)?;
    Ok(Json(delivery::list(&state.db, pk).await?))
}
