//! Residents' and observers' ballot endpoints: cast, change, live counts, receipts.

use std::convert::Infallible;
use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Path, State};
use axum::http::StatusCode;
use axum::response::sse::{Event, KeepAlive, Sse};
use cairn_shared::api::{CastBallot, ChangeBallot, LiveTally, Receipt, ReceiptCheck, RoundDetail};
use cairn_shared::round::Phase;
use futures::Stream;

use super::AppState;
use crate::error::{ApiError, ApiResult, Json};
use crate::services::ballots::{self, CastError};

/// Counts are public during voting only if the round says so, and always once voting closes.
pub fn counts_visible(round: &RoundDetail) -> bool {
    round.phase >= Phase::Closed || (round.phase == Phase::Voting && round.live_results_public)
}

fn ensure_counts_visible(round: &RoundDetail) -> ApiResult<()> {
    if counts_visible(round) {
        Ok(())
    } else if round.phase < Phase::Voting {
        Err(ApiError::Forbidden(
            "Voting has not started in this round yet.".into(),
        ))
    } else {
        Err(ApiError::Forbidden(
            "This round shows its counts only after voting closes.".into(),
        ))
    }
}

fn too_many_guesses() -> ApiError {
    ApiError::TooManyRequests(
        "Too many unknown voting codes or receipts were tried from this address. Please wait a few minutes and try again.".into(),
    )
}

async fn guarded(
    state: &AppState,
    peer: SocketAddr,
    attempt: impl Future<Output = Result<String, CastError>>,
) -> ApiResult<(StatusCode, Json<Receipt>)> {
    let address = peer.ip();
    if state.guesses.is_blocked(address) {
        return Err(too_many_guesses());
    }
    match attempt.await {
        Ok(receipt) => Ok((StatusCode::CREATED, Json(Receipt { receipt }))),
        Err(CastError::Guess(err)) => {
            state.guesses.record_failure(address);
            Err(err)
        }
        Err(CastError::Other(err)) => Err(err),
    }
}

/// `POST /api/rounds/{round_id}/ballots`
#[tracing::instrument(skip_all, fields(round = %round_id))]
pub async fn cast_ballot(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(round_id): Path<String>,
    Json(request): Json<CastBallot>,
) -> ApiResult<(StatusCode, Json<Receipt>)> {
    guarded(
        &state,
        peer,
        ballots::cast(&state, &round_id, &request.code, request.ballot),
    )
    .await
}

/// `PUT /api/rounds/{round_id}/ballots`: replace a ballot with code + receipt.
#[tracing::instrument(skip_all, fields(round = %round_id))]
pub async fn change_ballot(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(round_id): Path<String>,
    Json(request): Json<ChangeBallot>,
) -> ApiResult<(StatusCode, Json<Receipt>)> {
    guarded(
        &state,
        peer,
        ballots::change(
            &state,
            &round_id,
            &request.code,
            &request.receipt,
            request.ballot,
        ),
    )
    .await
}

/// `GET /api/rounds/{round_id}/tally`
pub async fn get_tally(
    State(state): State<AppState>,
    Path(round_id): Path<String>,
) -> ApiResult<Json<LiveTally>> {
    let round = state.rounds.get(&state.db, &round_id).await?;
    ensure_counts_visible(&round.detail)?;
    Ok(Json(state.hub.tally(round.pk, &round.detail).await?))
}

/// `GET /api/rounds/{round_id}/events`: the live counts as server-sent events, the current
/// counts first, then every change (at most one event per publishing tick).
pub async fn tally_events(
    State(state): State<AppState>,
    Path(round_id): Path<String>,
) -> ApiResult<Sse<impl Stream<Item = Result<Event, Infallible>>>> {
    let round = state.rounds.get(&state.db, &round_id).await?;
    ensure_counts_visible(&round.detail)?;
    let mut updates = state.hub.subscribe(round.pk, &round.detail).await?;
    updates.mark_changed();
    let stream = futures::stream::unfold(updates, |mut updates| async move {
        updates.changed().await.ok()?;
        let json = updates.borrow_and_update().clone();
        Some((Ok(Event::default().event("tally").data(&*json)), updates))
    });
    Ok(Sse::new(stream).keep_alive(KeepAlive::default()))
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
