//! The officers' console endpoints (`/api/officer/…` and the session). The browser adds
//! `Sec-Fetch-Site: same-origin` to these requests, which is what the server's CSRF guard
//! checks; the session cookie is `SameSite=Strict` and sent by itself.

use cairn_shared::api::{
    AuditEntry, BallotBody, ImportReport, ImportRequest, IssuedCodes, NewCodeBatch,
    NewDeliveryUpdate, NewOfficer, Officer, OfficerRound, PhaseChange, ProjectInput, Publish,
    Receipt, RevokeCode, RoundSettings, RoundSummary, SignIn,
};
use gloo_net::http::Request;
use serde::Deserialize;

use gloo_net::http::RequestBuilder;
use serde::Serialize;

use super::{ApiError, error_of, fetch_text, get, json_request, send, urlencode};

/// The body of `201 Created` answers that name what was made.
#[derive(Debug, Clone, Deserialize)]
pub struct Created {
    pub id: String,
}

/// Like [`send`], for answers without a body (`204 No Content`).
async fn send_expecting_nothing<B: Serialize>(
    request: RequestBuilder,
    body: &B,
) -> Result<(), ApiError> {
    expect_nothing(json_request(request, body)).await
}

/// Sends `request`; a success's body, if any, is not needed.
async fn expect_nothing(request: Result<Request, ApiError>) -> Result<(), ApiError> {
    fetch_text(request).await.map(drop)
}

fn officer_round_path(round: &str, rest: &str) -> String {
    format!("/api/officer/rounds/{}{rest}", urlencode(round))
}

pub async fn current_officer() -> Result<Officer, ApiError> {
    get("/api/session").await
}

pub async fn sign_in(details: &SignIn) -> Result<Officer, ApiError> {
    send(Request::post("/api/session"), details).await
}

pub async fn sign_out() -> Result<(), ApiError> {
    expect_nothing(
        Request::delete("/api/session")
            .build()
            .map_err(|_| ApiError::Network),
    )
    .await
}

pub async fn officer_rounds() -> Result<Vec<RoundSummary>, ApiError> {
    get("/api/officer/rounds").await
}

pub async fn officer_round(round: &str) -> Result<OfficerRound, ApiError> {
    get(&officer_round_path(round, "")).await
}

pub async fn create_round(settings: &RoundSettings) -> Result<Created, ApiError> {
    send(Request::post("/api/officer/rounds"), settings).await
}

pub async fn update_round(round: &str, settings: &RoundSettings) -> Result<(), ApiError> {
    send_expecting_nothing(Request::put(&officer_round_path(round, "")), settings).await
}

pub async fn save_project(round: &str, project: &ProjectInput) -> Result<(), ApiError> {
    match &project.id {
        Some(id) => {
            let path = officer_round_path(round, &format!("/projects/{}", urlencode(id)));
            send_expecting_nothing(Request::put(&path), project).await
        }
        None => send::<_, Created>(
            Request::post(&officer_round_path(round, "/projects")),
            project,
        )
        .await
        .map(|_| ()),
    }
}

/// A file with faulty lines comes back as `422` with the same report, naming each line.
pub async fn import(round: &str, request: &ImportRequest) -> Result<ImportReport, ApiError> {
    let request = json_request(
        Request::post(&officer_round_path(round, "/import")),
        request,
    )?;
    let response = request.send().await.map_err(|_| ApiError::Network)?;
    if !(response.ok() || response.status() == 422) {
        return Err(error_of(response).await);
    }
    let status = response.status();
    let text = response.text().await.map_err(|_| ApiError::Network)?;
    serde_json::from_str::<ImportReport>(&text).map_err(|_| super::error_from_text(status, &text))
}

#[derive(Debug, Clone, Deserialize)]
pub struct PhaseNow {
    pub phase: cairn_shared::round::Phase,
}

pub async fn move_phase(round: &str, change: &PhaseChange) -> Result<PhaseNow, ApiError> {
    send(Request::post(&officer_round_path(round, "/phase")), change).await
}

pub async fn publish(round: &str, request: &Publish) -> Result<(), ApiError> {
    send::<_, serde_json::Value>(
        Request::post(&officer_round_path(round, "/publish")),
        request,
    )
    .await
    .map(|_| ())
}

pub async fn issue_codes(round: &str, batch: &NewCodeBatch) -> Result<IssuedCodes, ApiError> {
    send(Request::post(&officer_round_path(round, "/codes")), batch).await
}

pub async fn revoke_code(round: &str, code: &RevokeCode) -> Result<(), ApiError> {
    send_expecting_nothing(
        Request::post(&officer_round_path(round, "/codes/revoke")),
        code,
    )
    .await
}

pub async fn enter_paper_ballot(round: &str, ballot: &BallotBody) -> Result<Receipt, ApiError> {
    send(
        Request::post(&officer_round_path(round, "/paper-ballots")),
        ballot,
    )
    .await
}

pub async fn post_update(round: &str, update: &NewDeliveryUpdate) -> Result<(), ApiError> {
    send_expecting_nothing(
        Request::post(&officer_round_path(round, "/updates")),
        update,
    )
    .await
}

pub async fn audit_log(round: Option<&str>) -> Result<Vec<AuditEntry>, ApiError> {
    match round {
        Some(round) => get(&format!("/api/officer/audit?round={}", urlencode(round))).await,
        None => get("/api/officer/audit").await,
    }
}

pub async fn list_officers() -> Result<Vec<Officer>, ApiError> {
    get("/api/officer/officers").await
}

pub async fn add_officer(officer: &NewOfficer) -> Result<Officer, ApiError> {
    send(Request::post("/api/officer/officers"), officer).await
}
