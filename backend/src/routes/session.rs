//! Officer sign-in and sign-out: `POST`, `GET` and `DELETE /api/session`.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use cairn_shared::api::{Officer, SignIn};
use serde_json::json;

use super::AppState;
use crate::auth::{OfficerAuth, session};
use crate::error::{ApiError, ApiResult, Json};
use crate::services::audit;
use crate::services::officers;

/// `POST /api/session`
pub async fn sign_in(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Json(request): Json<SignIn>,
) -> ApiResult<Response> {
    let address = peer.ip();
    if state.sign_ins.is_blocked(address) {
        return Err(ApiError::TooManyRequests(
            "Too many failed sign-ins from this address. Please wait 15 minutes and try again."
                .into(),
        ));
    }
    if request.password.len() > 1024 || request.email.len() > 254 {
        return Err(ApiError::BadRequest(
            "That email or password is too long.".into(),
        ));
    }
    let Some(officer) =
        officers::check_credentials(&state.db, &request.email, request.password).await?
    else {
        state.sign_ins.record_failure(address);
        return Err(ApiError::Unauthorized(
            "That email and password do not match an officer account.".into(),
        ));
    };
    let token = session::start(&state.db, officer.id).await?;
    let txn = sea_orm::TransactionTrait::begin(&state.db).await?;
    audit::append(
        &txn,
        &audit::Actor(officer.email.clone()),
        "officer.sign-in",
        None,
        json!({}),
    )
    .await?;
    txn.commit().await?;
    let body = officers::to_api(&state.db, &officer).await?;
    Ok((
        StatusCode::OK,
        [(SET_COOKIE, session::set_cookie(&token))],
        Json(body),
    )
        .into_response())
}

/// `GET /api/session`: who is signed in (401 if nobody).
pub async fn current(State(state): State<AppState>, auth: OfficerAuth) -> ApiResult<Json<Officer>> {
    Ok(Json(officers::to_api(&state.db, &auth.officer).await?))
}

/// `DELETE /api/session`: ends the session on the server and clears the cookie.
pub async fn sign_out(State(state): State<AppState>, headers: HeaderMap) -> ApiResult<Response> {
    if let Some(token) = headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(session::token_from_cookies)
    {
        session::end(&state.db, token).await?;
    }
    Ok((
        StatusCode::NO_CONTENT,
        [(SET_COOKIE, session::clear_cookie())],
    )
        .into_response())
}
