use serde_json::json;

use crate::helpers::{Db, assert_error_shape, spawn_app};
use crate::on_both_databases;

on_both_databases!(
    a_ballot_is_counted_once_and_its_receipt_checks,
    every_broken_rule_is_reported_and_nothing_is_saved,
    unknown_used_and_wrong_area_codes_are_refused,
    two_hundred_parallel_submissions_of_one_code_give_one_ballot,
    closed_or_upcoming_rounds_refuse_ballots,
    the_codes_the_demo_prints_can_vote,
    unknown_receipts_count_as_guesses,
);

async fn the_codes_the_demo_prints_can_vote(db: Db) {
    let Some(app) = spawn_app(db).await else {
        return;
    };
    assert_eq!(app.demo_codes.len(), 5);
    let round = app.open_round().await;
    let before = app.counted(&round).await;
    for code in &app.demo_codes {
        let (status, body) = app
            .post_json(
                &format!("/api/rounds/{round}/ballots"),
                &json!({"code": code, "district": "hillhead", "approvals": ["11", "14"]}),
            )
            .await;
        assert_eq!(status, 201, "{body}");
    }
    assert_eq!(app.counted(&round).await, before + 5);
}

async fn a_ballot_is_counted_once_and_its_receipt_checks(db: Db) {
    let Some(app) = spawn_app(db).await else {
        return;
    };
    let round = app.open_round().await;
    let codes = app.issue_codes(&round, None, 2).await;
    let (_, before) = app.get_json(&format!("/api/rounds/{round}/tally")).await;
    let stored_before = {
        use sea_orm::{EntityTrait, PaginatorTrait};
        cairn_backend::db::entities::ballot::Entity::find()
            .count(&app.db)
            .await
            .expect("count")
    };
    let (status, body) = app
        .post_json(&format!("/api/rounds/{round}/ballots"), &json!({"code": codes[0].to_lowercase(), "district": "riverside", "approvals": ["1", "3"]}))
        .await;
    assert_eq!(status, 201, "{body}");
    let receipt = body["receipt"].as_str().expect("a receipt").to_owned();
    let (status, check) = app.get_json(&format!("/api/receipts/{receipt}")).await;
    assert_eq!(status, 200);
    assert_eq!(check["counted"], true);
    assert_eq!(check["round"], round.as_str());
    let (status, _) = app
        .get_json("/api/receipts/AAAAAA-AAAAAA-AAAAAA-AAAAAA-AA")
        .await;
    assert_eq!(status, 404);

    let (status, tally) = app.get_json(&format!("/api/rounds/{round}/tally")).await;
    assert_eq!(status, 200);
    assert_eq!(
        tally["ballots"].as_u64(),
        before["ballots"].as_u64().map(|n| n + 1)
    );
    assert_eq!(tally["districts"][0]["id"], "riverside");
    let votes = |t: &serde_json::Value, id: &str| {
        t["districts"][0]["projects"]
            .as_array()
            .and_then(|p| p.iter().find(|p| p["id"] == id))
            .and_then(|p| p["votes"].as_u64())
            .unwrap_or(0)
    };
    assert_eq!(votes(&tally, "1"), votes(&before, "1") + 1);
    assert_eq!(votes(&tally, "2"), votes(&before, "2"));

    // The stored ballot has no trace of the code, in clear or hashed.
    use sea_orm::EntityTrait;
    let ballots = cairn_backend::db::entities::ballot::Entity::find()
        .all(&app.db)
        .await
        .expect("ballots");
    assert_eq!(ballots.len() as u64, stored_before + 1);
    let code = codes[0].replace('-', "");
    for ballot in &ballots {
        let row = format!("{ballot:?}");
        assert!(!row.contains(&code) && !row.contains(&codes[0]));
    }
}

async fn every_broken_rule_is_reported_and_nothing_is_saved(db: Db) {
    let Some(app) = spawn_app(db).await else {
        return;
    };
    let round = app.open_round().await;
    let codes = app.issue_codes(&round, None, 1).await;
    let path = format!("/api/rounds/{round}/ballots");
    // Over the £60,000 budget, a project from another area and one named twice.
    let (status, body) = app
        .post_json(
            &path,
            &json!({"code": codes[0], "district": "riverside", "approvals": ["2", "3", "5", "2"]}),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    let keys: Vec<&str> = body["error"]["violations"]
        .as_array()
        .expect("violations")
        .iter()
        .filter_map(|v| v["key"].as_str())
        .collect();
    assert!(
        keys.contains(&"project-unknown") && keys.contains(&"project-repeated"),
        "{keys:?}"
    );
    // Still unused: the same code now works.
    let (status, _) = app
        .post_json(
            &path,
            &json!({"code": codes[0], "district": "riverside", "approvals": ["2"]}),
        )
        .await;
    assert_eq!(status, 201);
    for bad in [
        json!({"code": codes[0], "district": "riverside"}),
        json!({"code": codes[0], "district": "riverside", "approvals": ["1"], "ranking": ["1"]}),
        json!({"code": codes[0], "district": "nowhere", "approvals": ["1"]}),
        json!({"code": codes[0], "district": "riverside", "points": {"1": 3}}),
    ] {
        let (status, body) = app.post_json(&path, &bad).await;
        assert_eq!(status, 422, "{bad} → {body}");
        assert_error_shape(&body, "invalid");
    }
    let response = app
        .client
        .post(format!("{}{path}", app.address))
        .header("content-type", "application/json")
        .body("{\"code\":")
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 400);
    assert_error_shape(&response.json().await.expect("JSON"), "bad-request");
    let response = app
        .client
        .post(format!("{}{path}", app.address))
        .body("code=1")
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 415);
    assert_error_shape(
        &response.json().await.expect("JSON"),
        "unsupported-media-type",
    );
    // Refused by its Content-Length before any handler runs, still in the error shape.
    let huge = "x".repeat(3 * 1024 * 1024);
    let response = app
        .client
        .post(format!("{}{path}", app.address))
        .header("content-type", "application/json")
        .body(huge)
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 413);
    assert_error_shape(&response.json().await.expect("JSON"), "payload-too-large");
}

async fn unknown_used_and_wrong_area_codes_are_refused(db: Db) {
    let Some(app) = spawn_app(db).await else {
        return;
    };
    let round = app.open_round().await;
    let path = format!("/api/rounds/{round}/ballots");
    let hillhead = app.issue_codes(&round, Some("hillhead"), 1).await;
    let (status, body) = app
        .post_json(
            &path,
            &json!({"code": hillhead[0], "district": "riverside", "approvals": ["1"]}),
        )
        .await;
    assert_eq!(status, 403, "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("another area"))
    );
    let (status, _) = app
        .post_json(
            &path,
            &json!({"code": hillhead[0], "district": "hillhead", "approvals": ["10"]}),
        )
        .await;
    assert_eq!(status, 201);
    let (status, body) = app
        .post_json(
            &path,
            &json!({"code": hillhead[0], "district": "hillhead", "approvals": ["10"]}),
        )
        .await;
    assert_eq!(status, 409, "{body}");
    assert_error_shape(&body, "conflict");
    // A well-formed code that was never issued, and a mistyped one.
    let stranger = cairn_shared::code::VotingCode::generate(|b| b.fill(42)).grouped();
    let (status, body) = app
        .post_json(
            &path,
            &json!({"code": stranger, "district": "riverside", "approvals": ["1"]}),
        )
        .await;
    assert_eq!(status, 403);
    assert_error_shape(&body, "forbidden");
    // Guessing is limited per address: after 20 unknown codes, even a good one waits.
    for _ in 0..19 {
        app.post_json(
            &path,
            &json!({"code": "ABCDEF-GHJKMN-PQRSTU", "district": "riverside", "approvals": ["1"]}),
        )
        .await;
    }
    let good = app.issue_codes(&round, None, 1).await;
    let (status, body) = app
        .post_json(
            &path,
            &json!({"code": good[0], "district": "riverside", "approvals": ["1"]}),
        )
        .await;
    assert_eq!(status, 429, "{body}");
    assert_error_shape(&body, "too-many-requests");
}

async fn unknown_receipts_count_as_guesses(db: Db) {
    let Some(app) = spawn_app(db).await else {
        return;
    };
    let round = app.open_round().await;
    let path = format!("/api/rounds/{round}/ballots");
    let ballot =
        |code: &str| json!({"code": code, "district": "old-town", "approvals": ["5", "7"]});
    let code = app.issue_codes(&round, None, 1).await.remove(0);
    let (status, body) = app.post_json(&path, &ballot(&code)).await;
    assert_eq!(status, 201, "{body}");
    let receipt = body["receipt"].as_str().expect("a receipt").to_owned();
    // Checking a good receipt never counts, however often.
    for _ in 0..25 {
        let (status, _) = app.get_json(&format!("/api/receipts/{receipt}")).await;
        assert_eq!(status, 200);
    }
    // Twenty unknown receipts are each answered 404...
    for n in 0..20 {
        let (status, body) = app
            .get_json(&format!("/api/receipts/AAAAAA-AAAAAA-AAAAAA-AAAAAA-{n:02}"))
            .await;
        assert_eq!(status, 404, "{body}");
        assert_error_shape(&body, "not-found");
    }
    // ...then the address waits, for unknown and good receipts alike, as for codes.
    for path in [
        "/api/receipts/AAAAAA-AAAAAA-AAAAAA-AAAAAA-99".to_owned(),
        format!("/api/receipts/{receipt}"),
    ] {
        let (status, body) = app.get_json(&path).await;
        assert_eq!(status, 429, "{path}: {body}");
        assert_error_shape(&body, "too-many-requests");
        assert!(
            body["error"]["message"]
                .as_str()
                .is_some_and(|m| m.contains("receipts") && m.contains("wait")),
            "{body}"
        );
    }
    // Codes and receipts share the count: a good code from this address waits too.
    let good = app.issue_codes(&round, None, 1).await.remove(0);
    let (status, body) = app.post_json(&path, &ballot(&good)).await;
    assert_eq!(status, 429, "{body}");
}

async fn two_hundred_parallel_submissions_of_one_code_give_one_ballot(db: Db) {
    let Some(app) = spawn_app(db).await else {
        return;
    };
    let round = app.open_round().await;
    let code = app.issue_codes(&round, None, 1).await.remove(0);
    let before = app.counted(&round).await;
    let path = format!("{}/api/rounds/{round}/ballots", app.address);
    let body = json!({"code": code, "district": "old-town", "approvals": ["5", "7"]});
    let attempts = (0..200).map(|_| {
        let client = app.client.clone();
        let path = path.clone();
        let body = body.clone();
        tokio::spawn(async move {
            client
                .post(path)
                .json(&body)
                .send()
                .await
                .map(|r| r.status().as_u16())
        })
    });
    let mut statuses = Vec::new();
    for attempt in attempts {
        statuses.push(attempt.await.expect("task").expect("response"));
    }
    let created = statuses.iter().filter(|&&s| s == 201).count();
    let conflicts = statuses.iter().filter(|&&s| s == 409).count();
    assert_eq!((created, conflicts), (1, 199), "{statuses:?}");
    assert_eq!(app.counted(&round).await, before + 1);
}

async fn closed_or_upcoming_rounds_refuse_ballots(db: Db) {
    let Some(app) = spawn_app(db).await else {
        return;
    };
    let (_, list) = app.get_json("/api/rounds").await;
    for phase in ["proposals", "published"] {
        let id = list
            .as_array()
            .and_then(|l| l.iter().find(|r| r["phase"] == phase))
            .and_then(|r| r["id"].as_str())
            .expect("round");
        let (status, body) = app
            .post_json(
                &format!("/api/rounds/{id}/ballots"),
                &json!({"code": "x", "district": "all", "approvals": ["1"]}),
            )
            .await;
        assert_eq!(status, 409, "{phase}: {body}");
    }
    let upcoming = list
        .as_array()
        .and_then(|l| l.iter().find(|r| r["phase"] == "proposals"))
        .and_then(|r| r["id"].as_str())
        .expect("round");
    let (status, _) = app.get_json(&format!("/api/rounds/{upcoming}/tally")).await;
    assert_eq!(status, 403, "no counts before voting");
}
