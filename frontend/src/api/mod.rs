//! One typed function per API endpoint, over the wire types in `cairn_shared::api`. The
//! residents' app and the officers' console share this client; each calls its own part.
#![cfg_attr(feature = "console", allow(dead_code))]

#[cfg(feature = "console")]
mod officer;
#[cfg(feature = "console")]
pub use officer::*;

use cairn_shared::api::{
    CastBallot, ChangeBallot, DeliveryUpdate, ErrorBody, Participation, Receipt, ReceiptCheck,
    RoundDetail, RoundResults, RoundSummary,
};
use cairn_shared::ballot::Violation;
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Why a request failed, in terms the page can explain.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The server could not be reached at all.
    Network,
    /// The server answered with an error; `message` is its plain-words explanation and
    /// `violations` every broken ballot rule, if that was the problem.
    Status {
        status: u16,
        code: String,
        message: String,
        violations: Vec<Violation>,
    },
}

impl ApiError {
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(404)
    }

    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Network => None,
            ApiError::Status { status, .. } => Some(*status),
        }
    }
}

pub(crate) async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    read(
        Request::get(path)
            .send()
            .await
            .map_err(|_| ApiError::Network)?,
    )
    .await
}

/// Sends `body` as JSON and reads a JSON answer.
pub(crate) async fn send<B: Serialize, T: DeserializeOwned>(
    request: RequestBuilder,
    body: &B,
) -> Result<T, ApiError> {
    let request = request.json(body).map_err(|_| ApiError::Network)?;
    read(request.send().await.map_err(|_| ApiError::Network)?).await
}

async fn read<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    if response.ok() {
        return response.json::<T>().await.map_err(|_| ApiError::Network);
    }
    Err(error_of(response).await)
}

/// An error answer already read as text.
pub(crate) fn error_from_text(status: u16, text: &str) -> ApiError {
    match serde_json::from_str::<ErrorBody>(text) {
        Ok(body) => ApiError::Status {
            status,
            code: body.error.code,
            message: body.error.message,
            violations: body.error.violations,
        },
        Err(_) => ApiError::Status {
            status,
            code: "unknown".into(),
            message: text.chars().take(200).collect(),
            violations: Vec::new(),
        },
    }
}

pub(crate) async fn error_of(response: Response) -> ApiError {
    let text = response.text().await.unwrap_or_default();
    // An empty body (a proxy's error, say) still gets words: the status line's.
    let text = if text.trim().is_empty() {
        response.status_text()
    } else {
        text
    };
    error_from_text(response.status(), &text)
}

pub(crate) fn round_path(round: &str, rest: &str) -> String {
    format!("/api/rounds/{}{rest}", urlencode(round))
}

// Residents and observers.

pub async fn list_rounds() -> Result<Vec<RoundSummary>, ApiError> {
    get("/api/rounds").await
}

pub async fn get_round(id: &str) -> Result<RoundDetail, ApiError> {
    get(&round_path(id, "")).await
}

pub async fn cast_ballot(round: &str, ballot: &CastBallot) -> Result<Receipt, ApiError> {
    send(Request::post(&round_path(round, "/ballots")), ballot).await
}

pub async fn change_ballot(round: &str, ballot: &ChangeBallot) -> Result<Receipt, ApiError> {
    send(Request::put(&round_path(round, "/ballots")), ballot).await
}

pub async fn check_receipt(receipt: &str) -> Result<ReceiptCheck, ApiError> {
    get(&format!("/api/receipts/{}", urlencode(receipt.trim()))).await
}

pub async fn get_results(round: &str) -> Result<RoundResults, ApiError> {
    get(&round_path(round, "/results")).await
}

pub async fn get_stats(round: &str) -> Result<Participation, ApiError> {
    get(&round_path(round, "/stats")).await
}

pub async fn get_updates(round: &str) -> Result<Vec<DeliveryUpdate>, ApiError> {
    get(&round_path(round, "/updates")).await
}

/// Where the live counts of a round stream from (server-sent events).
pub fn events_url(round: &str) -> String {
    round_path(round, "/events")
}

/// Where a district's anonymised ballots can be downloaded.
pub fn export_url(round: &str, district: &str) -> String {
    round_path(
        round,
        &format!("/ballots.pb?district={}", urlencode(district)),
    )
}

pub(crate) fn urlencode(segment: &str) -> String {
    segment
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}
