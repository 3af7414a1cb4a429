//! The officers' console API under `/api/officer`. Every handler takes an [`OfficerAuth`] (or
//! [`AdminAuth`]), so anonymous and resident callers are refused before any work is done, and
//! every round is looked up within the officer's own organisation.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use cairn_shared::api::{
    AuditEntry, BallotBody, ImportReport, ImportRequest, IssuedCodes, NewCodeBatch,
    NewDeliveryUpdate, NewOfficer, Officer, OfficerRound, PhaseChange, ProjectInput, Publish,
    Receipt, RevokeCode, RoundResults, RoundSettings, RoundSummary,
};
use cairn_shared::round::Phase;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::AppState;
use crate::auth::{AdminAuth, OfficerAuth};
use crate::error::{ApiError, ApiResult, Json};
use crate::services::{
    audit, ballots, codes, delivery, lifecycle, manage, officers, results, rounds,
};

#[derive(Debug, Serialize, Deserialize)]
pub struct Created {
    pub id: String,
}

/// After any change to a round, this replica forgets its copies at once.
fn changed(state: &AppState, pk: i32) {
    state.rounds.evict(pk);
    state.hub.forget(pk);
}

/// `GET /api/officer/rounds`
pub async fn list_rounds(
    State(state): State<AppState>,
    auth: OfficerAuth,
) -> ApiResult<Json<Vec<RoundSummary>>> {
    Ok(Json(
        rounds::list_for_organisation(&state.db, auth.officer.organisation_id).await?,
    ))
}

/// `POST /api/officer/rounds`
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

/// `GET /api/officer/rounds/{id}`
pub async fn get_round(
    State(state): State<AppState>,
    auth: OfficerAuth,
    Path(round_id): Path<String>,
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

/// `PUT /api/officer/rounds/{id}`
pub async fn update_round(
    State(state): State<AppState>,
    auth: OfficerAuth,
    Path(round_id): Path<String>,
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

/// `POST /api/officer/rounds/{id}/projects`
pub async fn create_project(
    State(state): State<AppState>,
    auth: OfficerAuth,
    Path(round_id): Path<String>,
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

/// `PUT /api/officer/rounds/{id}/projects/{project_id}`
pub async fn update_project(
    State(state): State<AppState>,
    auth: OfficerAuth,
    Path((round_id, project_id)): Path<(String, String)>,
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

/// `POST /api/officer/rounds/{id}/import`
pub async fn import(
    State(state): State<AppState>,
    auth: OfficerAuth,
    Path(round_id): Path<String>,
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

#[derive(Debug, Serialize, Deserialize)]
pub struct PhaseNow {
    pub phase: Phase,
}

/// `POST /api/officer/rounds/{id}/phase`
pub async fn move_phase(
    State(state): State<AppState>,
    auth: OfficerAuth,
    Path(round_id): Path<String>,
    Json(request): Json<PhaseChange>,
) -> ApiResult<Json<PhaseNow>> {
    let row = manage::own_round(&state.db, auth.officer.organisation_id, &round_id).await?;
    let phase = lifecycle::move_to(&state.db, &auth.actor(), &round_id, request.to).await?;
    changed(&state, row.id);
    Ok(Json(PhaseNow { phase }))
}

/// `POST /api/officer/rounds/{id}/publish`
pub async fn publish(
    State(state): State<AppState>,
    auth: OfficerAuth,
    Path(round_id): Path<String>,
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

/// `POST /api/officer/rounds/{id}/codes`: the only time these codes are ever shown.
pub async fn issue_codes(
    State(state): State<AppState>,
    auth: OfficerAuth,
    Path(round_id): Path<String>,
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
    let txn = sea_orm::TransactionTrait::begin(&state.db).await?;
    audit::append(
        &txn,
        &auth.actor(),
        "codes.issue",
        Some(row.id),
        json!({ "count": request.count, "district": request.district, "label": label }),
    )
    .await?;
    txn.commit().await?;
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

/// `POST /api/officer/rounds/{id}/codes/revoke`
pub async fn revoke_code(
    State(state): State<AppState>,
    auth: OfficerAuth,
    Path(round_id): Path<String>,
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

/// `POST /api/officer/rounds/{id}/paper-ballots`
pub async fn enter_paper_ballot(
    State(state): State<AppState>,
    auth: OfficerAuth,
    Path(round_id): Path<String>,
    Json(body): Json<BallotBody>,
) -> ApiResult<(StatusCode, Json<Receipt>)> {
    manage::own_round(&state.db, auth.officer.organisation_id, &round_id).await?;
    let receipt = ballots::enter_paper(&state, &auth, &round_id, body).await?;
    Ok((StatusCode::CREATED, Json(Receipt { receipt })))
}

/// `POST /api/officer/rounds/{id}/updates`
pub async fn post_update(
    State(state): State<AppState>,
    auth: OfficerAuth,
    Path(round_id): Path<String>,
    Json(update): Json<NewDeliveryUpdate>,
) -> ApiResult<StatusCode> {
    let row = manage::own_round(&state.db, auth.officer.organisation_id, &round_id).await?;
    let round = rounds::get_any(&state.db, &round_id).await?;
    delivery::post(&state.db, &auth.actor(), &round, row.id, update).await?;
    Ok(StatusCode::CREATED)
}

#[derive(Debug, Deserialize)]
pub struct AuditQuery {
    round: Option<String>,
    limit: Option<u64>,
}

/// `GET /api/officer/audit[?round=ID&limit=N]`
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
    let rows = audit::recent(&state.db, round, query.limit.unwrap_or(200).min(1000)).await?;
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

/// `GET /api/officer/officers` (admins)
pub async fn list_officers(
    State(state): State<AppState>,
    AdminAuth(auth): AdminAuth,
) -> ApiResult<Json<Vec<Officer>>> {
    Ok(Json(
        officers::list(&state.db, auth.officer.organisation_id).await?,
    ))
}

/// `POST /api/officer/officers` (admins)
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
