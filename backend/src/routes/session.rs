//! Officer sign-in and sign-out: `POST`, `GET` and `DELETE /api/session`.

use axum::extract::State;
use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use cairn_shared::api::{ErrorBody, Officer, SignIn};
use serde_json::json;

use super::AppState;
use crate::auth::{OfficerAuth, session};
use crate::client::ClientAddress;
use crate::error::{ApiError, ApiResult, Json};
use crate::services::audit;
use crate::services::officers;

/// Sign in as an officer
///
/// Sets the session cookie that the officers' operations need. Failed sign-ins are counted per
/// address; after 10 in 15 minutes the address waits.
#[utoipa::path(
    post,
    path = "/api/session",
    tag = "session",
    request_body = SignIn,
    responses(
        (status = 200, description = "Signed in; the cookie is set", body = Officer,
            headers(("set-cookie" = String, description = "The session cookie"))),
        (status = 400, description = "The email or password is too long", body = ErrorBody),
        (status = 401, description = "The email and password do not match an officer", body = ErrorBody),
        (status = 429, description = "Too many failed sign-ins from this address", body = ErrorBody),
    )
)]
pub async fn sign_in(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    Json(request): Json<SignIn>,
) -> ApiResult<Response> {
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
    audit::record(
        &state.db,
        &audit::Actor(officer.email.clone()),
        "officer.sign-in",
        None,
        json!({}),
    )
    .await?;
    let body = officers::to_api(&state.db, &officer).await?;
    Ok((
        StatusCode::OK,
        [(SET_COOKIE, session::set_cookie(&token))],
        Json(body),
    )
        .into_response())
}

/// The signed-in officer
#[utoipa::path(
    get,
    path = "/api/session",
    tag = "session",
    security(("officer_session" = ["officer"])),
    responses((status = 200, description = "Who is signed in", body = Officer))
)]
pub async fn current(State(state): State<AppState>, auth: OfficerAuth) -> ApiResult<Json<Officer>> {
    Ok(Json(officers::to_api(&state.db, &auth.officer).await?))
}

/// Sign out
///
/// Ends the session named by the cookie, if there is one, and clears the cookie. Answers 204
/// either way.
#[utoipa::path(
    delete,
    path = "/api/session",
    tag = "session",
    security((), ("officer_session" = [])),
    responses(
        (status = 204, description = "Signed out; the cookie is cleared",
            headers(("set-cookie" = String, description = "An expired session cookie"))),
    )
)]
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
