//! One typed function per API endpoint, over the wire types in `cairn_shared::api`.

use cairn_shared::api::{CastBallot, ErrorBody, Receipt, ReceiptCheck, RoundDetail, RoundSummary};
use cairn_shared::ballot::Violation;
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
        matches!(self, ApiError::Status { status: 404, .. })
    }
}

async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    let response = gloo_net::http::Request::get(path)
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    read(response).await
}

async fn read<T: DeserializeOwned>(response: gloo_net::http::Response) -> Result<T, ApiError> {
    if response.ok() {
        return response.json::<T>().await.map_err(|_| ApiError::Network);
    }
    let status = response.status();
    match response.json::<ErrorBody>().await {
        Ok(body) => Err(ApiError::Status {
            status,
            code: body.error.code,
            message: body.error.message,
            violations: body.error.violations,
        }),
        Err(_) => Err(ApiError::Status {
            status,
            code: "unknown".into(),
            message: response.status_text(),
            violations: Vec::new(),
        }),
    }
}

pub async fn list_rounds() -> Result<Vec<RoundSummary>, ApiError> {
    get("/api/rounds").await
}

pub async fn get_round(id: &str) -> Result<RoundDetail, ApiError> {
    get(&format!("/api/rounds/{}", urlencode(id))).await
}

pub async fn cast_ballot(round: &str, ballot: &CastBallot) -> Result<Receipt, ApiError> {
    let request =
        gloo_net::http::Request::post(&format!("/api/rounds/{}/ballots", urlencode(round)))
            .json(ballot)
            .map_err(|_| ApiError::Network)?;
    read(request.send().await.map_err(|_| ApiError::Network)?).await
}

pub async fn check_receipt(receipt: &str) -> Result<ReceiptCheck, ApiError> {
    get(&format!("/api/receipts/{}", urlencode(receipt.trim()))).await
}

fn urlencode(segment: &str) -> String {
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
