//! Residents' and observers' ballot endpoints: cast, change, live counts, receipts.

use std::convert::Infallible;
use std::net::IpAddr;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use cairn_shared::api::{
    CastBallot, ChangeBallot, ErrorBody, LiveTally, Receipt, ReceiptCheck, RoundDetail,
};
use cairn_shared::round::Phase;

use super::AppState;
use super::params::{ReceiptPath, RoundPath};
use crate::client::ClientAddress;
use crate::error::{ApiError, ApiResult, Json, Path};
use crate::services::ballots::{self, CastError};

fn ensure_counts_visible(round: &RoundDetail) -> ApiResult<()> {
    if round.counts_visible() {
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

/// Runs an attempt that may be a guess (a voting code or a receipt). An address that has made
/// too many failed guesses is refused before the attempt, whatever it holds; a failed guess
/// counts against its address. Valid attempts are never counted.
async fn guarded<T>(
    state: &AppState,
    address: IpAddr,
    attempt: impl Future<Output = Result<T, CastError>>,
) -> ApiResult<T> {
    if state.guesses.is_blocked(address) {
        return Err(too_many_guesses());
    }
    match attempt.await {
        Ok(done) => Ok(done),
        Err(CastError::Guess(err)) => {
            state.guesses.record_failure(address);
            Err(err)
        }
        Err(CastError::Other(err)) => Err(err),
    }
}

fn created(receipt: String) -> (StatusCode, Json<Receipt>) {
    (StatusCode::CREATED, Json(Receipt { receipt }))
}

/// Cast a ballot with a voting code
///
/// The body holds the code, the district and exactly one of `approvals`, `points` or
/// `ranking`, as the round's ballot rules say. The ballot is checked against every rule (the
/// same check the browser runs) and stored only once durable. Unknown codes count against the
/// address they come from; after 20 in 15 minutes it gets 429, whatever it sends.
#[utoipa::path(
    post,
    path = "/api/rounds/{round_id}/ballots",
    tag = "ballots",
    params(RoundPath),
    request_body = CastBallot,
    responses(
        (status = 201, description = "Counted; keep the receipt to check or change the ballot", body = Receipt),
        (status = 400, description = "An optional answer is not one the ballot offers", body = ErrorBody),
        (status = 403, description = "The voting code is unknown, cancelled, or for another area", body = ErrorBody),
        (status = 404, description = "There is no such public round", body = ErrorBody),
        (status = 409, description = "The code has already cast a ballot, or the round is not open for voting", body = ErrorBody),
        (status = 422, description = "The ballot breaks the round's rules: `violations` lists every one", body = ErrorBody),
        (status = 429, description = "Too many unknown codes or receipts from this address", body = ErrorBody),
    )
)]
#[tracing::instrument(skip_all, fields(round = %round_id))]
pub async fn cast_ballot(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    Path(RoundPath { round_id }): Path<RoundPath>,
    Json(request): Json<CastBallot>,
) -> ApiResult<(StatusCode, Json<Receipt>)> {
    guarded(
        &state,
        address,
        ballots::cast(&state, &round_id, &request.code, request.ballot),
    )
    .await
    .map(created)
}

/// Change a ballot
///
/// In rounds that allow it, while voting is open: the code that cast the ballot and its
/// receipt replace it with a new one, under a new receipt; the old receipt stops counting.
/// Failed guesses are limited as for casting.
#[utoipa::path(
    put,
    path = "/api/rounds/{round_id}/ballots",
    tag = "ballots",
    params(RoundPath),
    request_body = ChangeBallot,
    responses(
        (status = 201, description = "Replaced; the new receipt", body = Receipt),
        (status = 400, description = "An optional answer is not one the ballot offers", body = ErrorBody),
        (status = 403, description = "The voting code is unknown, cancelled, or for another area", body = ErrorBody),
        (status = 404, description = "No such public round, or no ballot in this area has this receipt", body = ErrorBody),
        (status = 409, description = "Voting is closed, the round does not allow changes, or the code has not voted yet", body = ErrorBody),
        (status = 422, description = "The new ballot breaks the round's rules: `violations` lists every one", body = ErrorBody),
        (status = 429, description = "Too many unknown codes or receipts from this address", body = ErrorBody),
    )
)]
#[tracing::instrument(skip_all, fields(round = %round_id))]
pub async fn change_ballot(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    Path(RoundPath { round_id }): Path<RoundPath>,
    Json(request): Json<ChangeBallot>,
) -> ApiResult<(StatusCode, Json<Receipt>)> {
    guarded(
        &state,
        address,
        ballots::change(
            &state,
            &round_id,
            &request.code,
            &request.receipt,
            request.ballot,
        ),
    )
    .await
    .map(created)
}

/// Live counts
///
/// Ballots and votes per project so far. Shown during voting only if the round says so, and
/// always once voting has closed.
#[utoipa::path(
    get,
    path = "/api/rounds/{round_id}/tally",
    tag = "live",
    params(RoundPath),
    responses(
        (status = 200, description = "The counts now", body = LiveTally),
        (status = 403, description = "Voting has not started, or the round hides its counts until voting closes", body = ErrorBody),
        (status = 404, description = "There is no such public round", body = ErrorBody),
    )
)]
pub async fn get_tally(
    State(state): State<AppState>,
    Path(RoundPath { round_id }): Path<RoundPath>,
) -> ApiResult<Json<LiveTally>> {
    let round = state.rounds.get(&state.db, &round_id).await?;
    ensure_counts_visible(&round.detail)?;
    Ok(Json(state.hub.tally(round.pk, &round.detail).await?))
}

/// Live counts as server-sent events
///
/// A `text/event-stream` of events named `tally`, each with a `LiveTally` JSON object as its
/// data: the current counts first, then the counts after every change (at most five a
/// second). Comments keep the connection alive. Refused, like the counts, while hidden.
#[utoipa::path(
    get,
    path = "/api/rounds/{round_id}/events",
    tag = "live",
    params(RoundPath),
    responses(
        (status = 200, description = "The stream: `event: tally`, `data:` a LiveTally as JSON", body = String, content_type = "text/event-stream"),
        (status = 403, description = "Voting has not started, or the round hides its counts until voting closes", body = ErrorBody),
        (status = 404, description = "There is no such public round", body = ErrorBody),
    )
)]
pub async fn tally_events(
    State(state): State<AppState>,
    Path(RoundPath { round_id }): Path<RoundPath>,
) -> ApiResult<Response> {
    let round = state.rounds.get(&state.db, &round_id).await?;
    ensure_counts_visible(&round.detail)?;
    let mut updates = state.hub.subscribe(round.pk, &round.detail).await?;
    updates.mark_changed();
    // The hub sends each change as a finished event, the same bytes for every observer.
    let stream = futures::stream::unfold(updates, |mut updates| async move {
        let event = match tokio::time::timeout(KEEP_ALIVE, updates.changed()).await {
            Ok(Ok(())) => updates.borrow_and_update().clone(),
            Ok(Err(_)) => return None,
            // A comment, so that proxies do not close a quiet connection.
            Err(_) => Bytes::from_static(b":\n\n"),
        };
        Some((Ok::<_, Infallible>(event), updates))
    });
    Ok((
        [
            (header::CONTENT_TYPE, "text/event-stream"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        Body::from_stream(stream),
    )
        .into_response())
}

/// How long a live-counts stream may stay silent before a comment is sent on it.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// Check a receipt
///
/// Whether the ballot with this receipt is counted, and in which round. A receipt that
/// matches nothing counts as a guess against the address, as unknown voting codes do; after
/// 20 in 15 minutes the address gets 429, even for a good receipt.
#[utoipa::path(
    get,
    path = "/api/receipts/{receipt}",
    tag = "ballots",
    params(ReceiptPath),
    responses(
        (status = 200, description = "The ballot is counted", body = ReceiptCheck),
        (status = 404, description = "No counted ballot has this receipt", body = ErrorBody),
        (status = 429, description = "Too many unknown codes or receipts from this address", body = ErrorBody),
    )
)]
pub async fn check_receipt(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    Path(ReceiptPath { receipt }): Path<ReceiptPath>,
) -> ApiResult<Json<ReceiptCheck>> {
    guarded(&state, address, async {
        match ballots::find_receipt(&state.db, &receipt).await? {
            Some(round) => Ok(Json(ReceiptCheck {
                counted: true,
                round: round.to_string(),
            })),
            None => Err(CastError::Guess(ApiError::NotFound(
                "No counted ballot has this receipt. Check that it was typed exactly as printed."
                    .into(),
            ))),
        }
    })
    .await
}
