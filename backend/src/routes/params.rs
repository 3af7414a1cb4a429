//! The path parameters of the API, by name: each handler extracts one of these, and the same
//! type describes the parameter in the OpenAPI document, so the two cannot disagree.

use serde::Deserialize;
use utoipa::IntoParams;

/// `{round_id}`
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct RoundPath {
    /// The round's id, as `GET /api/rounds` lists it (a string of digits).
    pub round_id: String,
}

/// `{round_id}` and `{project_id}`
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct ProjectPath {
    /// The round's id.
    pub round_id: String,
    /// The project's id within its round.
    pub project_id: String,
}

/// `{receipt}`
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct ReceiptPath {
    /// A ballot's receipt as printed for the voter; only its letters and digits count, in
    /// either case.
    pub receipt: String,
}
