//! `X-Forwarded-For` and `X-Forwarded-Proto`: believed from a configured reverse proxy only.
//! A client that sends its own header cannot reset the guess or sign-in limits, and cannot
//! make the server claim TLS it does not have.

use std::net::{IpAddr, Ipv4Addr};

use reqwest::Method;
use serde_json::json;

use crate::helpers::{Db, TestApp, spawn_app, spawn_app_behind};

/// A receipt lookup that matches nothing: a failed guess.
async fn guess(app: &TestApp, forwarded_for: &str, n: usize) -> u16 {
    app.client
        .get(format!(
            "{}/api/receipts/AAAAAA-AAAAAA-AAAAAA-AAAAAA-{n:02}",
            app.address
        ))
        .header("x-forwarded-for", forwarded_for)
        .send()
        .await
        .expect("request")
        .status()
        .as_u16()
}

async fn sign_in(app: &TestApp, forwarded_for: &str, password: &str) -> u16 {
    app.client
        .post(format!("{}/api/session", app.address))
        .header("x-forwarded-for", forwarded_for)
        .json(&json!({"email": crate::helpers::DEMO_OFFICER.0, "password": password}))
        .send()
        .await
        .expect("request")
        .status()
        .as_u16()
}

#[tokio::test]
async fn a_forged_forwarded_for_does_not_reset_the_limits() {
    let Some(app) = spawn_app(Db::Sqlite).await else {
        return;
    };
    // Every guess claims to come from somewhere new; the server counts the real peer.
    for n in 0..20 {
        assert_eq!(guess(&app, &format!("203.0.113.{n}"), n).await, 404);
    }
    assert_eq!(guess(&app, "198.51.100.1", 20).await, 429);
    for n in 0..10 {
        assert_eq!(sign_in(&app, &format!("203.0.113.{n}"), "wrong").await, 401);
    }
    assert_eq!(sign_in(&app, "198.51.100.1", "wrong").await, 429);
    // Even the right password waits now: the limit is on the address, not the account.
    let (_, right) = crate::helpers::DEMO_OFFICER;
    assert_eq!(sign_in(&app, "198.51.100.2", right).await, 429);
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_client_has_its_own_limit() {
    let app = spawn_app_behind(IpAddr::V4(Ipv4Addr::LOCALHOST)).await;
    for n in 0..20 {
        assert_eq!(guess(&app, "203.0.113.7", n).await, 404);
    }
    assert_eq!(guess(&app, "203.0.113.7", 20).await, 429);
    // The client cannot get out of it by prepending an address of its choice: the proxy
    // appends the address it saw, and that is the one counted.
    assert_eq!(guess(&app, "192.0.2.1, 203.0.113.7", 21).await, 429);
    // Another client behind the same proxy is not held up.
    assert_eq!(guess(&app, "203.0.113.8", 22).await, 404);
}

async fn hsts(app: &TestApp, path: &str, proto: Option<&str>) -> Option<String> {
    let mut request = app.client.get(format!("{}{path}", app.address));
    if let Some(proto) = proto {
        request = request
            .header("x-forwarded-proto", proto)
            .header("x-forwarded-for", "203.0.113.9");
    }
    let response = request.send().await.expect("request");
    response
        .headers()
        .get("strict-transport-security")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

#[tokio::test]
async fn hsts_is_sent_when_a_trusted_proxy_says_the_request_came_over_tls() {
    let direct = spawn_app(Db::Sqlite).await.expect("SQLite is always there");
    let proxied = spawn_app_behind(IpAddr::V4(Ipv4Addr::LOCALHOST)).await;
    for path in ["/api/health", "/api/rounds/nope", "/", "/api/nothing-here"] {
        // Plain HTTP, or a client's own claim of TLS: no HSTS, which would be ignored or a lie.
        assert_eq!(hsts(&direct, path, None).await, None, "{path}");
        assert_eq!(hsts(&direct, path, Some("https")).await, None, "{path}");
        assert_eq!(hsts(&proxied, path, Some("http")).await, None, "{path}");
        let header = hsts(&proxied, path, Some("https")).await;
        assert!(
            header
                .as_deref()
                .is_some_and(|h| h.starts_with("max-age=63072000")),
            "{path}: {header:?}"
        );
    }
    // Errors from the layers in front of the handlers get it too.
    let response = proxied
        .client
        .request(Method::POST, format!("{}/api/session", proxied.address))
        .header("x-forwarded-proto", "https")
        .header("content-type", "application/json")
        .body(vec![b' '; cairn_backend::startup::MAX_BODY_BYTES + 1])
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 413);
    assert!(response.headers().contains_key("strict-transport-security"));
}
