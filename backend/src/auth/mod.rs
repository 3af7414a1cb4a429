//! Who is calling: officers sign in with a password ([`password`]) and hold a server-side
//! session ([`session`]). Handlers ask for an [`OfficerAuth`] or [`AdminAuth`] argument; the
//! extractor refuses the request with 401 or 403 before the handler runs.

pub mod password;
pub mod session;

use axum::extract::FromRequestParts;
use axum::http::header::COOKIE;
use axum::http::request::Parts;
use cairn_shared::api::Role;

use crate::db::entities::officer;
use crate::error::ApiError;
use crate::routes::AppState;
use crate::services::audit::Actor;

/// A signed-in officer of either role.
#[derive(Debug, Clone)]
pub struct OfficerAuth {
    pub officer: officer::Model,
    pub role: Role,
}

impl OfficerAuth {
    pub fn actor(&self) -> Actor {
        Actor(self.officer.email.clone())
    }
}

/// A signed-in admin.
#[derive(Debug, Clone)]
pub struct AdminAuth(pub OfficerAuth);

impl FromRequestParts<AppState> for OfficerAuth {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = parts
            .headers
            .get_all(COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(session::token_from_cookies)
            .ok_or_else(|| ApiError::Unauthorized("Please sign in as a council officer.".into()))?;
        let officer = session::resolve(&state.db, token, chrono::Utc::now())
            .await?
            .ok_or_else(|| {
                ApiError::Unauthorized("Your session has ended. Please sign in again.".into())
            })?;
        let role = Role::parse(&officer.role).ok_or_else(|| {
            ApiError::Internal(anyhow::anyhow!("officer {} has a bad role", officer.id))
        })?;
        Ok(OfficerAuth { officer, role })
    }
}

impl FromRequestParts<AppState> for AdminAuth {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let auth = OfficerAuth::from_request_parts(parts, state).await?;
        if auth.role != Role::Admin {
            return Err(ApiError::Forbidden(
                "Only an administrator can do this.".into(),
            ));
        }
        Ok(AdminAuth(auth))
    }
}
