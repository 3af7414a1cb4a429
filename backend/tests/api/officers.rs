//! The officer's console API: sign-in, roles, a round from creation to published result, and
//! the audit trail of it all.

use reqwest::Method;
use sea_orm::EntityTrait;
use serde_json::json;

use crate::helpers::{DEMO_OFFICER, Db, TestApp, spawn_app};
use crate::on_both_databases;

on_both_databases!(
    sessions_use_strict_host_cookies_and_end_on_sign_out,
    wrong_passwords_are_refused_and_limited,
    every_officer_endpoint_refuses_anonymous_callers,
    only_admins_manage_officers,
    a_round_goes_from_draft_to_published_results_that_re_tally,
    nothing_changes_once_voting_opens,
    hidden_live_results_stay_hidden_until_close,
    a_ballot_can_be_changed_with_code_and_receipt,
    officers_saving_at_once_are_all_served,
    officers_signing_in_and_issuing_codes_at_once_are_all_served,
);

async fn sessions_use_strict_host_cookies_and_end_on_sign_out(db: Db) {
    let Some(app) = spawn_app(db).await else {
        return;
    };
    let response = app
        .client
        .post(format!("{}/api/session", app.address))
        .json(&json!({"email": DEMO_OFFICER.0.to_uppercase(), "password": DEMO_OFFICER.1}))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 200);
    let cookie = response
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .expect("cookie")
        .to_owned();
    for part in [
        "__Host-cairn-session=",
        "HttpOnly",
        "Secure",
        "SameSite=Strict",
        "Path=/",
    ] {
        assert!(cookie.contains(part), "{cookie}");
    }
    let session = cookie.split(';').next().expect("pair").to_owned();
    let (status, me) = app
        .send(Method::GET, "/api/session", Some(&session), None)
        .await;
    assert_eq!(status, 200);
    assert_eq!(me["email"], DEMO_OFFICER.0);
    assert_eq!(me["role"], "admin");
    // A second sign-in gets a different session id, even when it sends the first one along:
    // no one can plant a session id in a browser and wait for its owner to sign in with it.
    let planted = format!(
        "{}={}",
        cairn_backend::auth::session::COOKIE,
        "f".repeat(64)
    );
    for sent in [&session, &planted] {
        let response = app
            .client
            .post(format!("{}/api/session", app.address))
            .header("cookie", sent.as_str())
            .json(&json!({"email": DEMO_OFFICER.0, "password": DEMO_OFFICER.1}))
            .send()
            .await
            .expect("request");
        let fresh = response
            .headers()
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .expect("a new cookie")
            .to_owned();
        assert_ne!(&fresh, sent);
    }
    let (status, _) = app
        .send(Method::GET, "/api/session", Some(&planted), None)
        .await;
    assert_eq!(status, 401, "a planted id never becomes a session");
    let other = app.sign_in_demo().await;
    assert_ne!(other, session);
    // The database keeps a hash of each session id, never the id the browser holds.
    let rows = cairn_backend::db::entities::session::Entity::find()
        .all(&app.db)
        .await
        .expect("sessions");
    let token = session.split_once('=').expect("name=value").1;
    assert!(rows.len() >= 3);
    assert!(rows.iter().all(|row| !format!("{row:?}").contains(token)));

    let (status, _) = app
        .send(Method::DELETE, "/api/session", Some(&session), None)
        .await;
    assert_eq!(status, 204);
    let (status, body) = app
        .send(Method::GET, "/api/session", Some(&session), None)
        .await;
    assert_eq!(status, 401, "{body}");
    assert_eq!(body["error"]["code"], "unauthorized");
    // The other session is untouched.
    let (status, _) = app
        .send(Method::GET, "/api/session", Some(&other), None)
        .await;
    assert_eq!(status, 200);
}

/// Officers saving at the same moment are all served: on SQLite a transaction that reads before
/// it writes could otherwise be refused at once with "database is locked".
async fn officers_saving_at_once_are_all_served(db: Db) {
    let Some(app) = spawn_app(db).await else {
        return;
    };
    let cookie = app.sign_in_demo().await;
    let round = create_round(&app, &cookie, round_settings("Busy round")).await;
    let saves = (0..16).map(|n| {
        let (app, cookie, round) = (&app, &cookie, &round);
        async move {
            if n % 2 == 0 {
                app.send(
                    Method::POST,
                    &format!("/api/officer/rounds/{round}/projects"),
                    Some(cookie),
                    Some(&json!({"district": "all", "title": format!("Project {n}"), "cost": 100})),
                )
                .await
            } else {
                app.send(
                    Method::POST,
                    "/api/officer/rounds",
                    Some(cookie),
                    Some(&round_settings(&format!("Round {n}"))),
                )
                .await
            }
        }
    });
    for (status, body) in futures::future::join_all(saves).await {
        assert_eq!(status, 201, "{body}");
    }
}

/// Actions that only add an audit entry (a sign-in, issuing codes) read the chain's end and
/// then write; on SQLite, in a deferred transaction, one of two at once was refused (503).
async fn officers_signing_in_and_issuing_codes_at_once_are_all_served(db: Db) {
    let Some(app) = spawn_app(db).await else {
        return;
    };
    let cookie = app.sign_in_demo().await;
    let round = create_round(&app, &cookie, round_settings("Audited round")).await;
    let requests = (0..16).map(|n| {
        let (app, cookie, round) = (&app, &cookie, &round);
        async move {
            if n % 2 == 0 {
                app.send(
                    Method::POST,
                    "/api/session",
                    None,
                    Some(&json!({"email": DEMO_OFFICER.0, "password": DEMO_OFFICER.1})),
                )
                .await
            } else {
                app.send(
                    Method::POST,
                    &format!("/api/officer/rounds/{round}/codes"),
                    Some(cookie),
                    Some(&json!({"count": 1})),
                )
                .await
            }
        }
    });
    for (status, body) in futures::future::join_all(requests).await {
        assert!(status == 200 || status == 201, "{status}: {body}");
    }
}

async fn wrong_passwords_are_refused_and_limited(db: Db) {
    let Some(app) = spawn_app(db).await else {
        return;
    };
    for attempt in 0..10 {
        let (status, body) = app
            .send(
                Method::POST,
                "/api/session",
                None,
                Some(&json!({"email": DEMO_OFFICER.0, "password": format!("wrong {attempt}")})),
            )
            .await;
        assert_eq!(status, 401, "{body}");
    }
    // Now even the right password waits: the address is limited, not the account.
    let (status, body) = app
        .send(
            Method::POST,
            "/api/session",
            None,
            Some(&json!({"email": DEMO_OFFICER.0, "password": DEMO_OFFICER.1})),
        )
        .await;
    assert_eq!(status, 429, "{body}");
}

/// Every route under `/api/officer`, with a body that would be valid.
fn officer_operations(round: &str) -> Vec<(Method, String, serde_json::Value)> {
    let r = |p: &str| format!("/api/officer/rounds/{round}{p}");
    vec![
        (Method::GET, "/api/officer/rounds".into(), json!(null)),
        (
            Method::POST,
            "/api/officer/rounds".into(),
            round_settings("x"),
        ),
        (Method::GET, r(""), json!(null)),
        (Method::PUT, r(""), round_settings("x")),
        (
            Method::POST,
            r("/projects"),
            json!({"district": "all", "title": "T", "cost": 100}),
        ),
        (
            Method::PUT,
            r("/projects/1"),
            json!({"district": "all", "title": "T", "cost": 100}),
        ),
        (
            Method::POST,
            r("/import"),
            json!({"format": "csv", "content": "title,cost\nA,1\n"}),
        ),
        (Method::POST, r("/phase"), json!({"to": "closed"})),
        (Method::POST, r("/publish"), json!({})),
        (Method::POST, r("/codes"), json!({"count": 1})),
        (Method::POST, r("/codes/revoke"), json!({"code": "X"})),
        (
            Method::POST,
            r("/paper-ballots"),
            json!({"district": "all", "approvals": ["1"]}),
        ),
        (
            Method::POST,
            r("/updates"),
            json!({"project": "1", "status": "planned", "note": "n"}),
        ),
        (Method::GET, "/api/officer/audit".into(), json!(null)),
        (Method::GET, "/api/officer/officers".into(), json!(null)),
        (
            Method::POST,
            "/api/officer/officers".into(),
            json!({"email": "a@b.example", "name": "A", "role": "admin", "password": "long enough password"}),
        ),
    ]
}

async fn every_officer_endpoint_refuses_anonymous_callers(db: Db) {
    let Some(app) = spawn_app(db).await else {
        return;
    };
    let round = app.open_round().await;
    // A resident holds a voting code, which opens nothing here.
    let code = app.issue_codes(&round, None, 1).await.remove(0);
    for (method, path, body) in officer_operations(&round) {
        let body = (!body.is_null()).then_some(&body);
        let (status, answer) = app.send(method.clone(), &path, None, body).await;
        assert_eq!(status, 401, "{method} {path}: {answer}");
        assert_eq!(answer["error"]["code"], "unauthorized");
        let forged = format!("__Host-cairn-session={}", "a".repeat(64));
        let (status, _) = app.send(method.clone(), &path, Some(&forged), body).await;
        assert_eq!(status, 401, "{method} {path} with a forged session");
        let resident = format!("__Host-cairn-session={}", code.replace('-', ""));
        let (status, _) = app.send(method.clone(), &path, Some(&resident), body).await;
        assert_eq!(status, 401, "{method} {path} with a voting code as cookie");
    }
}

async fn only_admins_manage_officers(db: Db) {
    let Some(app) = spawn_app(db).await else {
        return;
    };
    let admin = app.sign_in_demo().await;
    let (status, body) = app
        .send(
            Method::POST,
            "/api/officer/officers",
            Some(&admin),
            Some(&json!({"email": "Sam@Glenmoray.example", "name": "Sam", "role": "officer", "password": "short"})),
        )
        .await;
    assert_eq!(status, 400, "{body}");
    let (status, body) = app
        .send(
            Method::POST,
            "/api/officer/officers",
            Some(&admin),
            Some(&json!({"email": "Sam@Glenmoray.example", "name": "Sam", "role": "officer", "password": "a long pass phrase"})),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["email"], "sam@glenmoray.example");
    let officer = app
        .sign_in("sam@glenmoray.example", "a long pass phrase")
        .await;
    let (status, _) = app
        .send(Method::GET, "/api/officer/officers", Some(&officer), None)
        .await;
    assert_eq!(status, 403);
    let (status, _) = app
        .send(Method::GET, "/api/officer/rounds", Some(&officer), None)
        .await;
    assert_eq!(status, 200);
    let (status, list) = app
        .send(Method::GET, "/api/officer/officers", Some(&admin), None)
        .await;
    assert_eq!(status, 200);
    assert_eq!(list.as_array().map(Vec::len), Some(2));
}

pub fn round_settings(title: &str) -> serde_json::Value {
    json!({
        "title": title,
        "summary": "Test round",
        "currency": "GBP",
        "ballot": {"type": "approval", "min_length": 1, "max_length": 2, "cost_limit": {"kind": "district-budget"}, "min_spend_percent": null},
        "rule": "greedy",
        "live_results_public": true,
        "revote_allowed": true,
        "districts": [{"id": "all", "name": "Everywhere", "budget": 100000}],
        "categories": [{"id": "parks", "name": "Parks"}]
    })
}

async fn create_round(app: &TestApp, cookie: &str, settings: serde_json::Value) -> String {
    let (status, body) = app
        .send(
            Method::POST,
            "/api/officer/rounds",
            Some(cookie),
            Some(&settings),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    body["id"].as_str().expect("id").to_owned()
}

async fn move_to(app: &TestApp, cookie: &str, round: &str, to: &str) -> (u16, serde_json::Value) {
    app.send(
        Method::POST,
        &format!("/api/officer/rounds/{round}/phase"),
        Some(cookie),
        Some(&json!({"to": to})),
    )
    .await
}

async fn a_round_goes_from_draft_to_published_results_that_re_tally(db: Db) {
    let Some(app) = spawn_app(db).await else {
        return;
    };
    let officer = app.sign_in_demo().await;
    let round = create_round(&app, &officer, round_settings("Park benches")).await;
    // Drafts are not public.
    let (status, _) = app
        .send(Method::GET, &format!("/api/rounds/{round}"), None, None)
        .await;
    assert_eq!(status, 404);

    // Import: a dry run reports every bad line and saves nothing; a clean file is saved.
    let bad = "title,cost,category\nBenches,400,parks\n,100,\nLights,lots,\n";
    let (status, report) = app
        .send(
            Method::POST,
            &format!("/api/officer/rounds/{round}/import"),
            Some(&officer),
            Some(&json!({"format": "csv", "content": bad})),
        )
        .await;
    assert_eq!(status, 422, "{report}");
    assert_eq!(report["saved"], false);
    let lines: Vec<_> = report["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| e["line"].clone())
        .collect();
    assert_eq!(lines, [json!(3), json!(4)]);
    let good = "title,cost,category\nBenches,400,parks\nTrees,700,parks\nBins,300,\n";
    let (status, report) = app
        .send(
            Method::POST,
            &format!("/api/officer/rounds/{round}/import"),
            Some(&officer),
            Some(&json!({"format": "csv", "content": good})),
        )
        .await;
    assert_eq!(status, 201, "{report}");
    let (status, body) = app
        .send(
            Method::POST,
            &format!("/api/officer/rounds/{round}/projects"),
            Some(&officer),
            Some(&json!({"district": "all", "title": "Mural", "cost": 250, "feasibility": "not-feasible"})),
        )
        .await;
    assert_eq!(status, 422, "a not-feasible project needs a reason: {body}");

    // Voting cannot skip to results, and opens only when ready.
    let (status, _) = move_to(&app, &officer, &round, "published").await;
    assert_eq!(status, 409);
    let (status, body) = move_to(&app, &officer, &round, "voting").await;
    assert_eq!(status, 200, "{body}");
    let (status, issued) = app
        .send(
            Method::POST,
            &format!("/api/officer/rounds/{round}/codes"),
            Some(&officer),
            Some(&json!({"count": 3, "label": "Library"})),
        )
        .await;
    assert_eq!(status, 201, "{issued}");
    let codes: Vec<String> = serde_json::from_value(issued["codes"].clone()).expect("codes");
    assert_eq!(codes.len(), 3);

    let ballots = [json!(["2"]), json!(["2", "3"]), json!(["1", "3"])];
    for (code, approvals) in codes.iter().zip(&ballots) {
        let (status, body) = app
            .post_json(
                &format!("/api/rounds/{round}/ballots"),
                &json!({"code": code, "district": "all", "approvals": approvals}),
            )
            .await;
        assert_eq!(status, 201, "{body}");
    }
    // A paper ballot, validated like any other.
    let (status, body) = app
        .send(
            Method::POST,
            &format!("/api/officer/rounds/{round}/paper-ballots"),
            Some(&officer),
            Some(&json!({"district": "all", "approvals": ["1", "2", "3"]})),
        )
        .await;
    assert_eq!(status, 422, "three picks break max 2: {body}");
    let (status, _) = app
        .send(
            Method::POST,
            &format!("/api/officer/rounds/{round}/paper-ballots"),
            Some(&officer),
            Some(&json!({"district": "all", "approvals": ["2", "3"]})),
        )
        .await;
    assert_eq!(status, 201);
    assert_eq!(app.counted(&round).await, 4);

    let (status, _) = move_to(&app, &officer, &round, "closed").await;
    assert_eq!(status, 200);
    let (status, results) = app
        .send(
            Method::POST,
            &format!("/api/officer/rounds/{round}/publish"),
            Some(&officer),
            Some(&json!({})),
        )
        .await;
    assert_eq!(status, 200, "{results}");
    // Greedy over 1000: 2 and 3 have 3 votes each (2 first by id), 700 + 300 spend it all,
    // and 1 (1 vote, 400) no longer fits.
    assert_eq!(results["selected"], json!(["2", "3"]));
    let (status, public) = app.get_json(&format!("/api/rounds/{round}/results")).await;
    assert_eq!(status, 200);
    assert_eq!(public, results);
    let district = &public["districts"][0];
    assert_eq!(district["ballots"], 4);
    let one = district["projects"]
        .as_array()
        .expect("projects")
        .iter()
        .find(|p| p["id"] == "1")
        .expect("project 1");
    assert_eq!(one["funded"], false);
    assert!(
        one["explanation"]
            .as_str()
            .expect("text")
            .contains("not funded"),
        "{one}"
    );

    // The published file hashes to the published digest and re-tallies to the same outcome.
    let response = app.get(&format!("/api/rounds/{round}/ballots.pb")).await;
    assert_eq!(response.status(), 200);
    let file = response.text().await.expect("text");
    let digest = cairn_backend::services::results::sha256_hex(&file);
    assert_eq!(json!(digest), district["export_sha256"]);
    assert!(!file.contains("receipt") && !file.contains("age_band"));
    let election = cairn_shared::pabulib::parse(&file).expect("parses");
    assert_eq!(election.voters().len(), 4);
    let outcome = cairn_shared::rules::tally(
        &election,
        cairn_shared::rules::Rule::Greedy,
        cairn_shared::rules::TieBreak::Lexico,
    )
    .expect("tally");
    assert_eq!(json!(outcome.selected), public["selected"]);

    // Participation is public after close; small groups are suppressed.
    let (status, stats) = app.get_json(&format!("/api/rounds/{round}/stats")).await;
    assert_eq!(status, 200);
    assert_eq!(stats["ballots"], 4);
    assert_eq!(stats["by_district"][0]["ballots"], serde_json::Value::Null);

    // Delivery updates only for funded projects.
    let path = format!("/api/officer/rounds/{round}/updates");
    let (status, _) = app
        .send(
            Method::POST,
            &path,
            Some(&officer),
            Some(&json!({"project": "1", "status": "planned", "note": "No"})),
        )
        .await;
    assert_eq!(status, 409);
    let (status, _) = app
        .send(
            Method::POST,
            &path,
            Some(&officer),
            Some(&json!({"project": "2", "status": "in-progress", "note": "Digging"})),
        )
        .await;
    assert_eq!(status, 201);
    let (_, updates) = app.get_json(&format!("/api/rounds/{round}/updates")).await;
    assert_eq!(updates[0]["project"], "2");
    assert_eq!(updates[0]["status"], "in-progress");

    // Everything above is in the audit log, whose chain verifies.
    let (status, audit) = app
        .send(
            Method::GET,
            &format!("/api/officer/audit?round={round}"),
            Some(&officer),
            None,
        )
        .await;
    assert_eq!(status, 200);
    let actions: Vec<&str> = audit
        .as_array()
        .expect("entries")
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    for action in [
        "round.create",
        "project.import",
        "round.phase",
        "codes.issue",
        "ballot.paper",
        "round.publish",
        "delivery.update",
    ] {
        assert!(
            actions.contains(&action),
            "{action} missing from {actions:?}"
        );
    }
    let verified = cairn_backend::services::audit::verify(&app.db)
        .await
        .expect("reads");
    assert!(verified.is_ok(), "{verified:?}");
}

async fn nothing_changes_once_voting_opens(db: Db) {
    let Some(app) = spawn_app(db).await else {
        return;
    };
    let officer = app.sign_in_demo().await;
    let round = app.open_round().await;
    let (status, body) = app
        .send(
            Method::PUT,
            &format!("/api/officer/rounds/{round}"),
            Some(&officer),
            Some(&round_settings("Changed")),
        )
        .await;
    assert_eq!(status, 409, "{body}");
    let (status, _) = app
        .send(
            Method::PUT,
            &format!("/api/officer/rounds/{round}/projects/1"),
            Some(&officer),
            Some(&json!({"district": "riverside", "title": "Cheaper", "cost": 1})),
        )
        .await;
    assert_eq!(status, 409);
    let (status, _) = move_to(&app, &officer, &round, "review").await;
    assert_eq!(status, 409, "rounds never move back");
    let (_, detail) = app.get_json(&format!("/api/rounds/{round}")).await;
    assert_ne!(detail["title"], "Changed");
}

async fn hidden_live_results_stay_hidden_until_close(db: Db) {
    let Some(app) = spawn_app(db).await else {
        return;
    };
    let officer = app.sign_in_demo().await;
    let mut settings = round_settings("Quiet round");
    settings["live_results_public"] = json!(false);
    let round = create_round(&app, &officer, settings).await;
    app.send(
        Method::POST,
        &format!("/api/officer/rounds/{round}/projects"),
        Some(&officer),
        Some(&json!({"district": "all", "title": "Benches", "cost": 400})),
    )
    .await;
    let (status, _) = move_to(&app, &officer, &round, "voting").await;
    assert_eq!(status, 200);
    let code = app.issue_codes(&round, None, 1).await.remove(0);
    let (status, _) = app
        .post_json(
            &format!("/api/rounds/{round}/ballots"),
            &json!({"code": code, "district": "all", "approvals": ["1"]}),
        )
        .await;
    assert_eq!(status, 201);
    for path in ["tally", "events", "stats", "results", "ballots.pb"] {
        let (status, body) = app.get_json(&format!("/api/rounds/{round}/{path}")).await;
        assert!(
            status == 403 || status == 404,
            "{path} revealed something: {status} {body}"
        );
    }
    move_to(&app, &officer, &round, "closed").await;
    assert_eq!(app.counted(&round).await, 1);
}

async fn a_ballot_can_be_changed_with_code_and_receipt(db: Db) {
    let Some(app) = spawn_app(db).await else {
        return;
    };
    let officer = app.sign_in_demo().await;
    let round = create_round(&app, &officer, round_settings("Second thoughts")).await;
    for title in ["Benches", "Trees"] {
        app.send(
            Method::POST,
            &format!("/api/officer/rounds/{round}/projects"),
            Some(&officer),
            Some(&json!({"district": "all", "title": title, "cost": 400})),
        )
        .await;
    }
    move_to(&app, &officer, &round, "voting").await;
    let codes = app.issue_codes(&round, None, 2).await;
    let path = format!("/api/rounds/{round}/ballots");
    let (_, first) = app
        .post_json(
            &path,
            &json!({"code": codes[0], "district": "all", "approvals": ["1"]}),
        )
        .await;
    let receipt = first["receipt"].as_str().expect("receipt").to_owned();
    // Another code cannot pose as this one without its receipt; an unused code cannot revote.
    let (status, _) = app
        .send(Method::PUT, &path, None, Some(&json!({"code": codes[1], "receipt": receipt, "district": "all", "approvals": ["2"]})))
        .await;
    assert_eq!(status, 409);
    let (status, body) = app
        .send(Method::PUT, &path, None, Some(&json!({"code": codes[0], "receipt": "AAAAAA-AAAAAA-AAAAAA-AAAAAA-AA", "district": "all", "approvals": ["2"]})))
        .await;
    assert_eq!(status, 404, "{body}");
    let (status, second) = app
        .send(Method::PUT, &path, None, Some(&json!({"code": codes[0], "receipt": receipt, "district": "all", "approvals": ["2"]})))
        .await;
    assert_eq!(status, 201, "{second}");
    let new_receipt = second["receipt"].as_str().expect("receipt");
    let (status, _) = app.get_json(&format!("/api/receipts/{receipt}")).await;
    assert_eq!(status, 404, "the old receipt leaves the board");
    let (status, _) = app.get_json(&format!("/api/receipts/{new_receipt}")).await;
    assert_eq!(status, 200);
    let (_, tally) = app.get_json(&format!("/api/rounds/{round}/tally")).await;
    assert_eq!(tally["ballots"], 1);
    let votes: Vec<_> = tally["districts"][0]["projects"]
        .as_array()
        .expect("projects")
        .iter()
        .map(|p| p["votes"].clone())
        .collect();
    assert_eq!(votes, [json!(0), json!(1)]);
}
