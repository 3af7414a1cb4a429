//! The officers' console API under `/api/officer`. Every handler takes an [`OfficerAuth`] (or
//! [`AdminAuth`]), so anonymous and resident callers are refused before any work is done, and
//! every round is looked up within the officer's own organisation.

use axum::extract::State;
use axum::http::StatusCode;
use cairn_shared::api::{
    AuditEntry, BallotBody, ErrorBody, ImportReport, ImportRequest, IssuedCodes, NewCodeBatch,
    NewDeliveryUpdate, NewOfficer, Officer, OfficerRound, PhaseChange, ProjectInput, Publish,
    Receipt, RevokeCode, RoundResults, RoundSettings, RoundSummary,
};
use cairn_shared::round::Phase;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, ToSchema};

use super::AppState;
use super::params::{ProjectPath, RoundPath};
use crate::auth::{AdminAuth, OfficerAuth};
use crate::error::{ApiError, ApiResult, Json, Path, Query};
use crate::services::{
    audit, ballots, codes, delivery, lifecycle, manage, officers, results, rounds,
};

/// The id of what was just created.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Created {
    pub id: String,
}

/// After any change to a round, this replica forgets its copies at once.
fn changed(state: &AppState, pk: i32) {
    state.rounds.evict(pk);
    state.hub.forget(pk);
}

/// The organisation's rounds
///
/// Every round of the officer's organisation, drafts included.
#[utoipa::path(
    get,
    path = "/api/officer/rounds",
    tag = "officer",
    operation_id = "officer_list_rounds",
    security(("officer_session" = ["officer"])),
    responses((status = 200, description = "The rounds", body = Vec<RoundSummary>))
)]
pub async fn list_rounds(
    State(state): State<AppState>,
    auth: OfficerAuth,
) -> ApiResult<Json<Vec<RoundSummary>>> {
    Ok(Json(
        rounds::list_for_organisation(&state.db, auth.officer.organisation_id).await?,
    ))
}

/// Create a round
///
/// A new draft round of the officer's organisation with these settings.
#[utoipa::path(
    post,
    path = "/api/officer/rounds",
    tag = "officer",
    security(("officer_session" = ["officer"])),
    request_body = RoundSettings,
    responses(
        (status = 201, description = "Created; the new round's id", body = Created),
        (status = 422, description = "The settings could not work: the message lists every problem", body = ErrorBody),
    )
)]
pub async fn create_round(
    State(state): State<AppState>,
    auth: OfficerAuth,
    Json(settings): Json<RoundSettings>,
) -> ApiResult<(StatusCode, Json<Created>)> {
    let id = manage::create_round(
        &state.db,
        &auth.actor(),
        auth.officer.organisation_id,
        &settings,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

/// A round as officers see it
///
/// The public detail plus the minimum age, code batches, ballot count and the phases it may
/// move to next.
#[utoipa::path(
    get,
    path = "/api/officer/rounds/{round_id}",
    tag = "officer",
    operation_id = "officer_get_round",
    security(("officer_session" = ["officer"])),
    params(RoundPath),
    responses(
        (status = 200, description = "The round", body = OfficerRound),
        (status = 404, description = "The officer's organisation has no such round", body = ErrorBody),
    )
)]
pub async fn get_round(
    State(state): State<AppState>,
    auth: OfficerAuth,
    Path(RoundPath { round_id }): Path<RoundPath>,
) -> ApiResult<Json<OfficerRound>> {
    let row = manage::own_round(&state.db, auth.officer.organisation_id, &round_id).await?;
    let round = rounds::get_any(&state.db, &round_id).await?;
    let ballots = {
        use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
        crate::db::entities::ballot::Entity::find()
            .filter(crate::db::entities::ballot::Column::RoundId.eq(row.id))
            .count(&state.db)
            .await?
    };
    let next_phases = Phase::ALL
        .into_iter()
        .filter(|p| round.phase.can_move_to(*p))
        .collect();
    Ok(Json(OfficerRound {
        min_age: row.min_age.and_then(|a| u8::try_from(a).ok()),
        district_bound_codes: row.district_bound_codes,
        ballots,
        code_batches: codes::batches(&state.db, row.id).await?,
        next_phases,
        round,
    }))
}

/// Change a round's settings
///
/// Until voting opens. Districts and categories are matched by id; those left out are removed
/// if no project uses them.
#[utoipa::path(
    put,
    path = "/api/officer/rounds/{round_id}",
    tag = "officer",
    security(("officer_session" = ["officer"])),
    params(RoundPath),
    request_body = RoundSettings,
    responses(
        (status = 204, description = "Saved"),
        (status = 404, description = "The officer's organisation has no such round", body = ErrorBody),
        (status = 409, description = "Voting has opened, or a district to remove still has projects", body = ErrorBody),
        (status = 422, description = "The settings could not work: the message lists every problem", body = ErrorBody),
    )
)]
pub async fn update_round(
    State(state): State<AppState>,
    auth: OfficerAuth,
    Path(RoundPath { round_id }): Path<RoundPath>,
    Json(settings): Json<RoundSettings>,
) -> ApiResult<StatusCode> {
    manage::update_round(
        &state.db,
        &auth.actor(),
        auth.officer.organisation_id,
        &round_id,
        &settings,
    )
    .await?;
    changed(&state, rounds::parse_round_id(&round_id)?);
    Ok(StatusCode::NO_CONTENT)
}

/// Add a project
///
/// Until voting opens. Without an `id` the server gives the next free number.
#[utoipa::path(
    post,
    path = "/api/officer/rounds/{round_id}/projects",
    tag = "officer",
    security(("officer_session" = ["officer"])),
    params(RoundPath),
    request_body = ProjectInput,
    responses(
        (status = 201, description = "Created; the project's id", body = Created),
        (status = 404, description = "The officer's organisation has no such round", body = ErrorBody),
        (status = 409, description = "Voting has opened, or the round already has a project with this id", body = ErrorBody),
        (status = 422, description = "The project cannot be saved (the message says why), or its district or category is not the round's", body = ErrorBody),
    )
)]
pub async fn create_project(
    State(state): State<AppState>,
    auth: OfficerAuth,
    Path(RoundPath { round_id }): Path<RoundPath>,
    Json(input): Json<ProjectInput>,
) -> ApiResult<(StatusCode, Json<Created>)> {
    let id = manage::save_project(
        &state.db,
        &auth.actor(),
        auth.officer.organisation_id,
        &round_id,
        None,
        input,
    )
    .await?;
    changed(&state, rounds::parse_round_id(&round_id)?);
    Ok((StatusCode::CREATED, Json(Created { id })))
}

/// Change a project
///
/// Until voting opens.
#[utoipa::path(
    put,
    path = "/api/officer/rounds/{round_id}/projects/{project_id}",
    tag = "officer",
    security(("officer_session" = ["officer"])),
    params(ProjectPath),
    request_body = ProjectInput,
    responses(
        (status = 204, description = "Saved"),
        (status = 404, description = "The officer's organisation has no such round, or the round no such project", body = ErrorBody),
        (status = 409, description = "Voting has opened: the round's rules, budget and projects can no longer change", body = ErrorBody),
        (status = 422, description = "The project cannot be saved (the message says why), or its district or category is not the round's", body = ErrorBody),
    )
)]
pub async fn update_project(
    State(state): State<AppState>,
    auth: OfficerAuth,
    Path(ProjectPath {
        round_id,
        project_id,
    }): Path<ProjectPath>,
    Json(input): Json<ProjectInput>,
) -> ApiResult<StatusCode> {
    manage::save_project(
        &state.db,
        &auth.actor(),
        auth.officer.organisation_id,
        &round_id,
        Some(&project_id),
        input,
    )
    .await?;
    changed(&state, rounds::parse_round_id(&round_id)?);
    Ok(StatusCode::NO_CONTENT)
}

/// What an import answers with 422: the report naming each line with an error, or the one
/// error shape when the request body itself cannot be read.
#[derive(ToSchema)]
#[serde(untagged)]
#[allow(dead_code)] // Only a schema: the handler sends the report, the extractor the error.
enum ImportRefused {
    Report(ImportReport),
    Error(ErrorBody),
}

/// Import projects from CSV or Pabulib
///
/// Until voting opens. Every line is checked first; the projects are saved only if there is
/// no error and `dry_run` is false. Line errors come back in the report with 422.
#[utoipa::path(
    post,
    path = "/api/officer/rounds/{round_id}/import",
    tag = "officer",
    security(("officer_session" = ["officer"])),
    params(RoundPath),
    request_body = ImportRequest,
    responses(
        (status = 200, description = "Checked; nothing was saved (a dry run, or no projects)", body = ImportReport),
        (status = 201, description = "Checked and saved", body = ImportReport),
        (status = 400, description = "The format is neither `csv` nor `pabulib`", body = ErrorBody),
        (status = 404, description = "The officer's organisation has no such round", body = ErrorBody),
        (status = 409, description = "Voting has opened, or two projects share an id", body = ErrorBody),
        (status = 422, description = "Lines with errors (an ImportReport whose `errors` name each line; nothing was saved), or a body of the wrong shape (an ErrorBody)",
            body = ImportRefused),
    )
)]
pub async fn import(
    State(state): State<AppState>,
    auth: OfficerAuth,
    Path(RoundPath { round_id }): Path<RoundPath>,
    Json(request): Json<ImportRequest>,
) -> ApiResult<(StatusCode, Json<ImportReport>)> {
    let report = manage::import(
        &state.db,
        &auth.actor(),
        auth.officer.organisation_id,
        &round_id,
        request,
    )
    .await?;
    changed(&state, rounds::parse_round_id(&round_id)?);
    let status = if !report.errors.is_empty() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else if report.saved {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(report)))
}

/// The round's phase after the move.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PhaseNow {
    pub phase: Phase,
}

/// Move a round to another phase
///
/// Rounds only move forward, and voting closes before results are published; moving to
/// `published` counts and publishes with the round's rule. Opening the vote needs a round that
/// is ready (districts, budgets and projects on the ballot).
#[utoipa::path(
    post,
    path = "/api/officer/rounds/{round_id}/phase",
    tag = "officer",
    security(("officer_session" = ["officer"])),
    params(RoundPath),
    request_body = PhaseChange,
    responses(
        (status = 200, description = "Moved", body = PhaseNow),
        (status = 400, description = "The round's stored rule or tie-break is unknown (when publishing)", body = ErrorBody),
        (status = 404, description = "The officer's organisation has no such round", body = ErrorBody),
        (status = 409, description = "The move is not allowed from here, the round is not ready, or someone else moved it first", body = ErrorBody),
    )
)]
pub async fn move_phase(
    State(state): State<AppState>,
    auth: OfficerAuth,
    Path(RoundPath { round_id }): Path<RoundPath>,
    Json(request): Json<PhaseChange>,
) -> ApiResult<Json<PhaseNow>> {
    let row = manage::own_round(&state.db, auth.officer.organisation_id, &round_id).await?;
    let phase = lifecycle::move_to(&state.db, &auth.actor(), &round_id, request.to).await?;
    changed(&state, row.id);
    Ok(Json(PhaseNow { phase }))
}

/// Count and publish the result
///
/// For a closed round: counts every district with the round's rule and tie-break (or those
/// given), stores the anonymised ballots the result was counted from, and publishes both.
#[utoipa::path(
    post,
    path = "/api/officer/rounds/{round_id}/publish",
    tag = "officer",
    security(("officer_session" = ["officer"])),
    params(RoundPath),
    request_body = Publish,
    responses(
        (status = 200, description = "Published; the result", body = RoundResults),
        (status = 400, description = "Unknown counting rule or tie-break", body = ErrorBody),
        (status = 404, description = "The officer's organisation has no such round", body = ErrorBody),
        (status = 409, description = "The round is not closed (or already published), or someone else moved it first", body = ErrorBody),
    )
)]
pub async fn publish(
    State(state): State<AppState>,
    auth: OfficerAuth,
    Path(RoundPath { round_id }): Path<RoundPath>,
    Json(request): Json<Publish>,
) -> ApiResult<Json<RoundResults>> {
    let row = manage::own_round(&state.db, auth.officer.organisation_id, &round_id).await?;
    lifecycle::publish(
        &state.db,
        &auth.actor(),
        &round_id,
        request.rule.as_deref(),
        request.tie_break.as_deref(),
    )
    .await?;
    changed(&state, row.id);
    let round = rounds::get_any(&state.db, &round_id).await?;
    Ok(Json(results::published(&state.db, &round, row.id).await?))
}

/// Issue voting codes
///
/// A batch of new codes, for the whole round or one district. This answer is the only time
/// the codes are ever shown: only their keyed hashes are stored.
#[utoipa::path(
    post,
    path = "/api/officer/rounds/{round_id}/codes",
    tag = "officer",
    security(("officer_session" = ["officer"])),
    params(RoundPath),
    request_body = NewCodeBatch,
    responses(
        (status = 201, description = "The batch and its codes", body = IssuedCodes),
        (status = 400, description = "A batch holds between 1 and the most the server allows", body = ErrorBody),
        (status = 404, description = "The officer's organisation has no such round, or the round no such district", body = ErrorBody),
        (status = 409, description = "Voting in this round has closed", body = ErrorBody),
    )
)]
pub async fn issue_codes(
    State(state): State<AppState>,
    auth: OfficerAuth,
    Path(RoundPath { round_id }): Path<RoundPath>,
    Json(request): Json<NewCodeBatch>,
) -> ApiResult<(StatusCode, Json<IssuedCodes>)> {
    let row = manage::own_round(&state.db, auth.officer.organisation_id, &round_id).await?;
    let label = if request.label.trim().is_empty() {
        format!("Batch of {}", request.count)
    } else {
        request.label.trim().chars().take(100).collect()
    };
    let issued = codes::issue(
        &state.db,
        &state.code_key,
        &round_id,
        request.district.as_deref(),
        request.count,
        &label,
    )
    .await?;
    audit::record(
        &state.db,
        &auth.actor(),
        "codes.issue",
        Some(row.id),
        json!({ "count": request.count, "district": request.district, "label": label }),
    )
    .await?;
    let batch = codes::batches(&state.db, row.id)
        .await?
        .pop()
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("the new batch is missing")))?;
    Ok((
        StatusCode::CREATED,
        Json(IssuedCodes {
            batch,
            codes: issued.iter().map(|c| c.grouped()).collect(),
        }),
    ))
}

/// Revoke a voting code
///
/// A lost or stolen code that has not voted can no longer be used.
#[utoipa::path(
    post,
    path = "/api/officer/rounds/{round_id}/codes/revoke",
    tag = "officer",
    security(("officer_session" = ["officer"])),
    params(RoundPath),
    request_body = RevokeCode,
    responses(
        (status = 204, description = "Revoked"),
        (status = 400, description = "This is not a voting code", body = ErrorBody),
        (status = 404, description = "The officer's organisation has no such round, or the round no such code", body = ErrorBody),
        (status = 409, description = "The code has already voted, or is already revoked", body = ErrorBody),
    )
)]
pub async fn revoke_code(
    State(state): State<AppState>,
    auth: OfficerAuth,
    Path(RoundPath { round_id }): Path<RoundPath>,
    Json(request): Json<RevokeCode>,
) -> ApiResult<StatusCode> {
    let row = manage::own_round(&state.db, auth.officer.organisation_id, &round_id).await?;
    codes::revoke(
        &state.db,
        &state.code_key,
        &auth.actor(),
        row.id,
        &request.code,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Enter a paper ballot
///
/// While voting is open or after it closes, until results are published. Checked against the
/// round's rules like any ballot, and counted as `paper`.
#[utoipa::path(
    post,
    path = "/api/officer/rounds/{round_id}/paper-ballots",
    tag = "officer",
    security(("officer_session" = ["officer"])),
    params(RoundPath),
    request_body = BallotBody,
    responses(
        (status = 201, description = "Counted; its receipt", body = Receipt),
        (status = 400, description = "An optional answer is not one the ballot offers", body = ErrorBody),
        (status = 404, description = "The officer's organisation has no such round", body = ErrorBody),
        (status = 409, description = "The round does not take ballots now", body = ErrorBody),
        (status = 422, description = "The ballot breaks the round's rules: `violations` lists every one", body = ErrorBody),
    )
)]
pub async fn enter_paper_ballot(
    State(state): State<AppState>,
    auth: OfficerAuth,
    Path(RoundPath { round_id }): Path<RoundPath>,
    Json(body): Json<BallotBody>,
) -> ApiResult<(StatusCode, Json<Receipt>)> {
    manage::own_round(&state.db, auth.officer.organisation_id, &round_id).await?;
    let receipt = ballots::enter_paper(&state, &auth, &round_id, body).await?;
    Ok((StatusCode::CREATED, Json(Receipt { receipt })))
}

/// Report on a funded project's delivery
///
/// After publication, for projects the result funded.
#[utoipa::path(
    post,
    path = "/api/officer/rounds/{round_id}/updates",
    tag = "officer",
    security(("officer_session" = ["officer"])),
    params(RoundPath),
    request_body = NewDeliveryUpdate,
    responses(
        (status = 201, description = "Posted"),
        (status = 400, description = "The note is empty or longer than 5,000 characters", body = ErrorBody),
        (status = 404, description = "The officer's organisation has no such round, or the round no such project", body = ErrorBody),
        (status = 409, description = "The results are not published, or the project was not funded", body = ErrorBody),
    )
)]
pub async fn post_update(
    State(state): State<AppState>,
    auth: OfficerAuth,
    Path(RoundPath { round_id }): Path<RoundPath>,
    Json(update): Json<NewDeliveryUpdate>,
) -> ApiResult<StatusCode> {
    let row = manage::own_round(&state.db, auth.officer.organisation_id, &round_id).await?;
    let round = rounds::get_any(&state.db, &round_id).await?;
    delivery::post(&state.db, &auth.actor(), &round, row.id, update).await?;
    Ok(StatusCode::CREATED)
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Only this round's entries (a round of the officer's organisation).
    round: Option<String>,
    /// How many of the newest entries; 200 by default, 1000 at most.
    limit: Option<u64>,
}

/// The audit log
///
/// The newest entries of the hash-chained log of officers' actions, newest first: those for
/// the officer's own organisation's rounds and officers when several councils share a server.
#[utoipa::path(
    get,
    path = "/api/officer/audit",
    tag = "officer",
    security(("officer_session" = ["officer"])),
    params(AuditQuery),
    responses(
        (status = 200, description = "The entries", body = Vec<AuditEntry>),
        (status = 404, description = "The officer's organisation has no such round", body = ErrorBody),
    )
)]
pub async fn audit_log(
    State(state): State<AppState>,
    auth: OfficerAuth,
    Query(query): Query<AuditQuery>,
) -> ApiResult<Json<Vec<AuditEntry>>> {
    let round = match &query.round {
        Some(id) => Some(
            manage::own_round(&state.db, auth.officer.organisation_id, id)
                .await?
                .id,
        ),
        None => None,
    };
    let rows = audit::recent_for_organisation(
        &state.db,
        auth.officer.organisation_id,
        round,
        query.limit.unwrap_or(200).min(1000),
    )
    .await?;
    Ok(Json(
        rows.into_iter()
            .map(|row| AuditEntry {
                seq: row.id,
                at: row.at,
                actor: row.actor,
                action: row.action,
                round: row.round_id.map(|r| r.to_string()),
                detail: serde_json::from_str(&row.detail).unwrap_or(serde_json::Value::Null),
                hash: row.hash,
            })
            .collect(),
    ))
}

/// The organisation's officers
#[utoipa::path(
    get,
    path = "/api/officer/officers",
    tag = "admin",
    security(("officer_session" = ["admin"])),
    responses((status = 200, description = "The officers", body = Vec<Officer>))
)]
pub async fn list_officers(
    State(state): State<AppState>,
    AdminAuth(auth): AdminAuth,
) -> ApiResult<Json<Vec<Officer>>> {
    Ok(Json(
        officers::list(&state.db, auth.officer.organisation_id).await?,
    ))
}

/// Add an officer
///
/// An officer or administrator of the admin's own organisation.
#[utoipa::path(
    post,
    path = "/api/officer/officers",
    tag = "admin",
    security(("officer_session" = ["admin"])),
    request_body = NewOfficer,
    responses(
        (status = 201, description = "Added", body = Officer),
        (status = 400, description = "The email is not an address, or the password is too short", body = ErrorBody),
        (status = 409, description = "There is already an officer with this email", body = ErrorBody),
    )
)]
pub async fn add_officer(
    State(state): State<AppState>,
    AdminAuth(auth): AdminAuth,
    Json(new): Json<NewOfficer>,
) -> ApiResult<(StatusCode, Json<Officer>)> {
    let row = officers::add(
        &state.db,
        &auth.actor(),
        Some(auth.officer.organisation_id),
        new,
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(officers::to_api(&state.db, &row).await?),
    ))
}
