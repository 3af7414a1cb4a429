//! The client side: casting ballots and checking receipts over HTTP, and what came back.

use std::time::Duration;

use serde_json::json;

/// What one submission got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// 201 with this receipt.
    Created(String),
    /// Any other status, with the body for the failure message.
    Status(u16, String),
    /// The client timed out: the server hung.
    TimedOut,
    /// The connection failed or broke (refused, reset, closed) before an answer.
    ConnectionLost(String),
}

impl Answer {
    pub fn status(&self) -> Option<u16> {
        match self {
            Answer::Created(_) => Some(201),
            Answer::Status(status, _) => Some(*status),
            _ => None,
        }
    }
}

/// A client that gives up after `timeout`; a server slower than that counts as hung.
pub fn client(timeout: Duration) -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(timeout)
        .build()
        .expect("client")
}

/// The demo round's ballot that every test casts: valid in Riverside.
pub fn ballot(code: &str) -> serde_json::Value {
    json!({"code": code, "district": "riverside", "approvals": ["1", "3"]})
}

pub async fn cast(client: &reqwest::Client, base: &str, round: &str, code: &str) -> Answer {
    let request = client
        .post(format!("{base}/api/rounds/{round}/ballots"))
        .json(&ballot(code));
    answer(request).await
}

/// Replaces a ballot (the demo round allows it).
pub async fn change(
    client: &reqwest::Client,
    base: &str,
    round: &str,
    code: &str,
    receipt: &str,
) -> Answer {
    let body =
        json!({"code": code, "receipt": receipt, "district": "riverside", "approvals": ["2"]});
    answer(
        client
            .put(format!("{base}/api/rounds/{round}/ballots"))
            .json(&body),
    )
    .await
}

async fn answer(request: reqwest::RequestBuilder) -> Answer {
    match request.send().await {
        Ok(response) => {
            let status = response.status().as_u16();
            match response.text().await {
                Ok(text) if status == 201 => {
                    let body: serde_json::Value =
                        serde_json::from_str(&text).unwrap_or(serde_json::Value::Null);
                    match body["receipt"].as_str() {
                        Some(receipt) => Answer::Created(receipt.to_owned()),
                        None => Answer::Status(status, text),
                    }
                }
                Ok(text) => Answer::Status(status, text),
                Err(err) if err.is_timeout() => Answer::TimedOut,
                Err(err) => Answer::ConnectionLost(err.to_string()),
            }
        }
        Err(err) if err.is_timeout() => Answer::TimedOut,
        Err(err) => Answer::ConnectionLost(format!("{err:?}")),
    }
}

/// `GET /api/receipts/{r}`: the status, or why there was none.
pub async fn receipt_status(
    client: &reqwest::Client,
    base: &str,
    receipt: &str,
) -> Result<u16, String> {
    client
        .get(format!("{base}/api/receipts/{receipt}"))
        .send()
        .await
        .map(|r| r.status().as_u16())
        .map_err(|e| e.to_string())
}
