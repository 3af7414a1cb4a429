//! The one error type of the HTTP API and its one JSON shape (`cairn_shared::api::ErrorBody`).
//!
//! Client mistakes become 4xx with a sentence a person can act on. Server faults are logged
//! here, once, with their detail, and the client only learns that something went wrong on our
//! side: internals never leak into a response.

use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use cairn_shared::api::{ErrorBody, ErrorDetail};
use cairn_shared::ballot::Violation;
use sea_orm::{DbErr, RuntimeErr};

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    MethodNotAllowed(String),
    #[error("{message}")]
    Invalid {
        message: String,
        violations: Vec<Violation>,
    },
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    Unauthorized(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    PayloadTooLarge(String),
    #[error("{0}")]
    TooManyRequests(String),
    #[error("{0}")]
    UnsupportedMediaType(String),
    #[error("the database is unavailable")]
    Unavailable(#[source] DbErr),
    /// The connection to the database broke while a write was being committed: it may or may
    /// not have been saved, and nothing here can tell which.
    #[error("the database connection broke during a commit")]
    CommitInterrupted(#[source] DbErr),
    #[error("internal error: {0}")]
    Internal(#[from] anyhow::Error),
}

impl ApiError {
    pub fn not_found(what: impl std::fmt::Display) -> Self {
        ApiError::NotFound(format!("There is no {what}."))
    }

    pub fn payload_too_large() -> Self {
        ApiError::PayloadTooLarge("The request body is too large.".into())
    }

    fn status_and_code(&self) -> (StatusCode, &'static str) {
        match self {
            ApiError::BadRequest(_) => (StatusCode::BAD_REQUEST, "bad-request"),
            ApiError::NotFound(_) => (StatusCode::NOT_FOUND, "not-found"),
            ApiError::MethodNotAllowed(_) => (StatusCode::METHOD_NOT_ALLOWED, "method-not-allowed"),
            ApiError::Invalid { .. } => (StatusCode::UNPROCESSABLE_ENTITY, "invalid"),
            ApiError::Conflict(_) => (StatusCode::CONFLICT, "conflict"),
            ApiError::Unauthorized(_) => (StatusCode::UNAUTHORIZED, "unauthorized"),
            ApiError::Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden"),
            ApiError::PayloadTooLarge(_) => (StatusCode::PAYLOAD_TOO_LARGE, "payload-too-large"),
            ApiError::TooManyRequests(_) => (StatusCode::TOO_MANY_REQUESTS, "too-many-requests"),
            ApiError::UnsupportedMediaType(_) => {
                (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type")
            }
            ApiError::Unavailable(_) | ApiError::CommitInterrupted(_) => {
                (StatusCode::SERVICE_UNAVAILABLE, "unavailable")
            }
            ApiError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        }
    }
}

/// Connection-level failures mean the database is down or unreachable: 503, and the pool
/// reconnects by itself when it returns. Anything else is our fault: 500.
impl From<DbErr> for ApiError {
    fn from(err: DbErr) -> Self {
        if is_unavailable(&err) {
            ApiError::Unavailable(err)
        } else {
            ApiError::Internal(anyhow::Error::new(err))
        }
    }
}

/// Whether a database error says the database is out of reach or refusing work for a while
/// (gone, restarting, shutting down, busy), rather than that the statement was wrong.
///
/// Not only failures to get a connection: a connection the pool handed out can die under a
/// running statement (PostgreSQL restarted, a network cut, a proxy dropping connections),
/// and sea-orm reports that as a failed query or execution with the driver's I/O error, or
/// with the server's own "terminating connection" error. Those are outages too, and end by
/// themselves, so they are 503 with `Retry-After`, never 500.
pub fn is_unavailable(err: &DbErr) -> bool {
    match err {
        DbErr::Conn(_) | DbErr::ConnectionAcquire(_) => true,
        DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e)) => {
            driver_unavailable(e)
        }
        _ => false,
    }
}

fn driver_unavailable(err: &sea_orm::sqlx::Error) -> bool {
    use sea_orm::sqlx::Error;
    match err {
        Error::Io(_)
        | Error::Tls(_)
        | Error::PoolTimedOut
        | Error::PoolClosed
        | Error::WorkerCrashed => true,
        Error::Database(db) => db.code().is_some_and(|code| unavailable_code(&code)),
        _ => false,
    }
}

/// PostgreSQL's SQLSTATEs (always five characters) for a lost or refused connection (class
/// 08), a server shutting down or starting up (57P01–57P03) and no connection slot left
/// (53300); SQLite's result code (a shorter number) for a database still locked when the busy
/// timeout ran out (`SQLITE_BUSY`, with or without its extended bits).
fn unavailable_code(code: &str) -> bool {
    if code.len() < 5 {
        return code.parse::<i32>().is_ok_and(|sqlite| sqlite & 0xff == 5);
    }
    code.starts_with("08") || matches!(code, "57P01" | "57P02" | "57P03" | "53300")
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        let message = match &self {
            ApiError::Unavailable(err) => {
                tracing::warn!(error = %err, "database unavailable");
                "The service is briefly unavailable. Nothing was saved; please try again in a moment.".to_owned()
            }
            ApiError::CommitInterrupted(err) => {
                tracing::warn!(error = %err, "database connection lost during a commit");
                "The service was interrupted while saving this, so it may or may not have been saved. Please check, or try again in a moment: a voting code never counts twice.".to_owned()
            }
            ApiError::Internal(err) => {
                tracing::error!(error = ?err, "internal error");
                "Something went wrong on our side. Nothing was saved; please try again.".to_owned()
            }
            other => other.to_string(),
        };
        let violations = match self {
            ApiError::Invalid { violations, .. } => violations,
            _ => Vec::new(),
        };
        let body = ErrorBody {
            error: ErrorDetail {
                code: code.to_owned(),
                message,
                violations,
            },
        };
        let mut response = (status, axum::Json(body)).into_response();
        if status == StatusCode::SERVICE_UNAVAILABLE {
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from_static("2"),
            );
        }
        response
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        match rejection {
            JsonRejection::MissingJsonContentType(_) => ApiError::UnsupportedMediaType(
                "Send the request body as JSON with Content-Type: application/json.".into(),
            ),
            JsonRejection::JsonSyntaxError(e) => ApiError::BadRequest(format!(
                "The request body is not valid JSON: {}",
                e.body_text()
            )),
            JsonRejection::JsonDataError(e) => ApiError::Invalid {
                message: format!("The request body has the wrong shape: {}", e.body_text()),
                violations: vec![],
            },
            JsonRejection::BytesRejection(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                ApiError::payload_too_large()
            }
            other => ApiError::BadRequest(other.body_text()),
        }
    }
}

impl From<PathRejection> for ApiError {
    fn from(rejection: PathRejection) -> Self {
        ApiError::BadRequest(rejection.body_text())
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> Self {
        ApiError::BadRequest(rejection.body_text())
    }
}

/// `axum::Json`, but a malformed body answers in the API's error shape.
#[derive(Debug, Clone, Copy, Default)]
pub struct Json<T>(pub T);

impl<T, S> FromRequest<S> for Json<T>
where
    axum::Json<T>: FromRequest<S, Rejection = JsonRejection>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let axum::Json(value) = axum::Json::<T>::from_request(req, state).await?;
        Ok(Json(value))
    }
}

impl<T: serde::Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}

/// `axum::extract::Path`, but a path that cannot be read answers in the API's error shape.
#[derive(Debug, Clone, Copy, FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct Path<T>(pub T);

/// `axum::extract::Query`, but a query that cannot be read answers in the API's error shape.
#[derive(Debug, Clone, Copy, FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(ApiError))]
pub struct Query<T>(pub T);

pub type ApiResult<T> = Result<T, ApiError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outages_are_told_apart_from_faults_by_their_codes() {
        for code in [
            "08006", "08001", "57P01", "57P02", "57P03", "53300", "5", "517", "773",
        ] {
            assert!(unavailable_code(code), "{code}");
        }
        // Unique violation, serialization failure, SQLite's constraint and I/O errors.
        for code in ["23505", "40001", "42P01", "19", "2067", "10"] {
            assert!(!unavailable_code(code), "{code}");
        }
    }

    #[test]
    fn a_connection_dying_under_a_statement_is_an_outage() {
        use std::sync::Arc;
        let reset = || {
            Arc::new(sea_orm::sqlx::Error::Io(std::io::Error::from(
                std::io::ErrorKind::ConnectionReset,
            )))
        };
        for err in [
            DbErr::Query(RuntimeErr::SqlxError(reset())),
            DbErr::Exec(RuntimeErr::SqlxError(reset())),
            DbErr::Query(RuntimeErr::SqlxError(Arc::new(
                sea_orm::sqlx::Error::PoolTimedOut,
            ))),
        ] {
            assert!(matches!(ApiError::from(err), ApiError::Unavailable(_)));
        }
        let not_found = DbErr::Query(RuntimeErr::SqlxError(Arc::new(
            sea_orm::sqlx::Error::RowNotFound,
        )));
        assert!(matches!(ApiError::from(not_found), ApiError::Internal(_)));
        assert!(matches!(
            ApiError::from(DbErr::Custom("bug".into())),
            ApiError::Internal(_)
        ));
    }
}
