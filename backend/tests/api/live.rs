//! The live tally: pushed to observers as server-sent events within a second of each ballot,
//! and shared between replicas over one PostgreSQL.

use std::time::{Duration, Instant};

use serde_json::json;

use crate::helpers::{Db, TestApp, spawn_app, spawn_app_on};
use crate::on_both_databases;

on_both_databases!(an_observer_sees_each_ballot_within_a_second);

/// Reads server-sent events until one carries `ballots == want`, or fails after `limit`.
async fn wait_for_count(response: &mut reqwest::Response, want: u64, limit: Duration) -> Duration {
    let start = Instant::now();
    let mut buffer = String::new();
    loop {
        let chunk = tokio::time::timeout(limit.saturating_sub(start.elapsed()), response.chunk())
            .await
            .unwrap_or_else(|_| panic!("no event with {want} ballots within {limit:?}: {buffer}"))
            .expect("stream")
            .expect("stream open");
        buffer.push_str(&String::from_utf8_lossy(&chunk));
        for event in buffer.split("\n\n") {
            let data: String = event
                .lines()
                .filter_map(|l| l.strip_prefix("data:"))
                .map(str::trim)
                .collect();
            if let Ok(tally) = serde_json::from_str::<serde_json::Value>(&data)
                && tally["ballots"].as_u64() == Some(want)
            {
                return start.elapsed();
            }
        }
    }
}

async fn cast(app: &TestApp, round: &str, code: &str) {
    let (status, body) = app
        .post_json(
            &format!("/api/rounds/{round}/ballots"),
            &json!({"code": code, "district": "hillhead", "approvals": ["12"]}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
}

async fn an_observer_sees_each_ballot_within_a_second(db: Db) {
    let Some(app) = spawn_app(db).await else {
        return;
    };
    let round = app.open_round().await;
    let before = app.counted(&round).await;
    let mut events = app.get(&format!("/api/rounds/{round}/events")).await;
    assert_eq!(events.status(), 200);
    assert!(
        events
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/event-stream"))
    );
    wait_for_count(&mut events, before, Duration::from_secs(2)).await;
    for (n, code) in app.issue_codes(&round, None, 3).await.iter().enumerate() {
        cast(&app, &round, code).await;
        let took = wait_for_count(&mut events, before + n as u64 + 1, Duration::from_secs(1)).await;
        assert!(took < Duration::from_secs(1), "took {took:?}");
    }
}

/// Two `cairn serve` processes over one PostgreSQL: a ballot cast on one is in the live tally
/// (and the event stream) of the other.
#[tokio::test]
async fn two_replicas_over_one_postgres_share_the_live_tally() {
    let Some(database) = crate::helpers::fresh_postgres().await else {
        return;
    };
    let Some(first) = spawn_app_on(&database, true).await else {
        return;
    };
    let Some(second) = spawn_app_on(&database, false).await else {
        return;
    };
    let round = first.open_round().await;
    let before = second.counted(&round).await;
    let mut events = second.get(&format!("/api/rounds/{round}/events")).await;
    wait_for_count(&mut events, before, Duration::from_secs(2)).await;
    let codes = first.issue_codes(&round, None, 2).await;
    cast(&first, &round, &codes[0]).await;
    wait_for_count(&mut events, before + 1, Duration::from_secs(2)).await;
    assert_eq!(second.counted(&round).await, before + 1);
    // And the other way round, with the code already used on the first replica refused.
    let (status, _) = second
        .post_json(
            &format!("/api/rounds/{round}/ballots"),
            &json!({"code": codes[0], "district": "hillhead", "approvals": ["12"]}),
        )
        .await;
    assert_eq!(status, 409);
    cast(&second, &round, &codes[1]).await;
    let deadline = Instant::now() + Duration::from_secs(2);
    while first.counted(&round).await != before + 2 {
        assert!(
            Instant::now() < deadline,
            "the first replica never saw the second's ballot"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
