use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Path, State};
use axum::http::StatusCode;
use cairn_shared::api::{CastBallot, LiveTally, Receipt, ReceiptCheck};
use cairn_shared::round::Phase;

use super::AppState;
use crate::error::{ApiError, ApiResult, Json};
use crate::services::ballots::{self, CastError, Method};
use crate::services::{rounds, tally};

/// `POST /api/rounds/{round_id}/ballots`
#[tracing::instrument(skip_all, fields(round = %round_id))]
pub async fn cast_ballot(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(round_id): Path<String>,
    Json(request): Json<CastBallot>,
) -> ApiResult<(StatusCode, Json<Receipt>)> {
    let address = peer.ip();
    if state.guesses.is_blocked(address) {
        return Err(ApiError::TooManyRequests(
            "Too many unknown voting codes were tried from this address. Please wait a few minutes and try again.".into(),
        ));
    }
    let marks = request.marks().ok_or_else(|| ApiError::Invalid {
        message: "Send exactly one of \"approvals\", \"points\" or \"ranking\".".into(),
        violations: vec![],
    })?;
    match ballots::cast(
        &state.db,
        &state.code_key,
        &round_id,
        &request.code,
        &request.district,
        marks,
        Method::Online,
    )
    .await
    {
        Ok(receipt) => Ok((StatusCode::CREATED, Json(Receipt { receipt }))),
        Err(CastError::UnknownCode(err)) => {
            state.guesses.record_failure(address);
            Err(err)
        }
        Err(CastError::Other(err)) => Err(err),
    }
}

/// `GET /api/rounds/{round_id}/tally`
pub async fn get_tally(
    State(state): State<AppState>,
    Path(round_id): Path<String>,
) -> ApiResult<Json<LiveTally>> {
    let round = rounds::get_public(&state.db, &round_id).await?;
    let hidden =
        round.phase < Phase::Voting || (round.phase == Phase::Voting && !round.live_results_public);
    if hidden {
        return Err(ApiError::Forbidden(
            "This round shows its counts only after voting closes.".into(),
        ));
    }
    let pk = rounds::parse_round_id(&round_id)?;
    Ok(Json(tally::live(&state.db, &round, pk).await?))
}

/// `GET /api/receipts/{receipt}`
pub async fn check_receipt(
    State(state): State<AppState>,
    Path(receipt): Path<String>,
) -> ApiResult<Json<ReceiptCheck>> {
    match ballots::find_receipt(&state.db, &receipt).await? {
        Some(round) => Ok(Json(ReceiptCheck {
            counted: true,
            round: round.to_string(),
        })),
        None => Err(ApiError::NotFound(
            "No counted ballot has this receipt. Check that it was typed exactly as printed."
                .into(),
        )),
    }
}
