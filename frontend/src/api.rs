//! One typed function per API endpoint, over the wire types in `cairn_shared::api`.

use cairn_shared::api::{ErrorBody, RoundDetail, RoundSummary};
use serde::de::DeserializeOwned;

/// Why a request failed, in terms the page can explain.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The server could not be reached at all.
    Network,
    /// The server answered with an error; `message` is its plain-words explanation.
    Status {
        status: u16,
        code: String,
        message: String,
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
    if response.ok() {
        return response.json::<T>().await.map_err(|_| ApiError::Network);
    }
    let status = response.status();
    match response.json::<ErrorBody>().await {
        Ok(body) => Err(ApiError::Status {
            status,
            code: body.error.code,
            message: body.error.message,
        }),
        Err(_) => Err(ApiError::Status {
            status,
            code: "unknown".into(),
            message: response.status_text(),
        }),
    }
}

pub async fn list_rounds() -> Result<Vec<RoundSummary>, ApiError> {
    get("/api/rounds").await
}

pub async fn get_round(id: &str) -> Result<RoundDetail, ApiError> {
    get(&format!("/api/rounds/{}", urlencode(id))).await
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
