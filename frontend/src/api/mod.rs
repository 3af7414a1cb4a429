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
use std::future::Future;
use std::pin::Pin;

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
    parse(&fetch_text(Request::get(path).build().map_err(|_| ApiError::Network)).await?)
}

/// Sends `body` as JSON and reads a JSON answer.
pub(crate) async fn send<B: Serialize, T: DeserializeOwned>(
    request: RequestBuilder,
    body: &B,
) -> Result<T, ApiError> {
    parse(&fetch_text(json_request(request, body)).await?)
}

/// `request` with `body` as JSON, as gloo-net's `RequestBuilder::json` makes it; only the
/// serialisation depends on the body's type.
pub(crate) fn json_request<B: Serialize>(
    request: RequestBuilder,
    body: &B,
) -> Result<Request, ApiError> {
    let json = serde_json::to_string(body).map_err(|_| ApiError::Network)?;
    with_json_body(request, json)
}

fn with_json_body(request: RequestBuilder, json: String) -> Result<Request, ApiError> {
    request
        .header("Content-Type", "application/json")
        .body(json)
        .map_err(|_| ApiError::Network)
}

/// A successful answer's body. Not generic, and boxed, so the Wasm carries one copy of the
/// request and error handling however many types the answers are read as.
pub(crate) fn fetch_text(
    request: Result<Request, ApiError>,
) -> Pin<Box<dyn Future<Output = Result<String, ApiError>>>> {
    Box::pin(async move {
        let response = request?.send().await.map_err(|_| ApiError::Network)?;
        if response.ok() {
            response.text().await.map_err(|_| ApiError::Network)
        } else {
            Err(error_of(response).await)
        }
    })
}

/// A successful answer read as `T`; an answer that is not a `T` counts as a failed request.
fn parse<T: DeserializeOwned>(text: &str) -> Result<T, ApiError> {
    serde_json::from_str(text).map_err(|_| ApiError::Network)
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

/// The round list the server wrote into the home page with its first screen, taken once: the
/// portal shows it at once instead of asking again; later visits to the portal ask afresh.
pub fn first_screen_rounds() -> Option<Vec<RoundSummary>> {
    let element = web_sys::window()?
        .document()?
        .get_element_by_id("first-screen-data")?;
    element.remove();
    serde_json::from_str(&element.text_content()?).ok()
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
