use cairn_backend::db::entities::round;
use sea_orm::{ActiveModelTrait, EntityTrait, Set};

use crate::helpers::{Db, assert_error_shape, spawn_app};
use crate::on_both_databases;

on_both_databases!(
    health_names_the_database,
    portal_lists_public_rounds,
    a_round_has_districts_projects_and_rules,
    bad_ids_and_routes_get_json_errors,
    drafts_are_not_public,
    every_response_has_security_headers,
    client_routes_get_the_app,
    the_home_page_arrives_with_its_first_screen,
);

async fn health_names_the_database(db: Db) {
    let Some(app) = spawn_app(db).await else {
        return;
    };
    let (status, body) = app.get_json("/api/health").await;
    assert_eq!(status, 200);
    assert_eq!(body["status"], "ok");
    let expected = match db {
        Db::Sqlite => "sqlite",
        Db::Postgres => "postgres",
    };
    assert_eq!(body["database"], expected);
}

async fn portal_lists_public_rounds(db: Db) {
    let Some(app) = spawn_app(db).await else {
        return;
    };
    let (status, body) = app.get_json("/api/rounds").await;
    assert_eq!(status, 200);
    let rounds = body.as_array().expect("a list");
    assert_eq!(rounds.len(), 3, "{body}");
    let phases: Vec<&str> = rounds.iter().filter_map(|r| r["phase"].as_str()).collect();
    for phase in ["voting", "published", "proposals"] {
        assert!(phases.contains(&phase), "{phases:?}");
    }
    let open = rounds
        .iter()
        .find(|r| r["phase"] == "voting")
        .expect("an open round");
    assert!(open["id"].is_string(), "round ids are strings");
    assert_eq!(open["budget"], 15_000_000);
    assert_eq!(open["districts"], 3);
    assert_eq!(open["projects"], 14);
    assert_eq!(open["organisation"]["name"], "Glenmoray Council");
}

async fn a_round_has_districts_projects_and_rules(db: Db) {
    let Some(app) = spawn_app(db).await else {
        return;
    };
    let (_, list) = app.get_json("/api/rounds").await;
    let id = list
        .as_array()
        .and_then(|l| l.iter().find(|r| r["phase"] == "voting"))
        .map(|r| r["id"].as_str().expect("id").to_owned());
    let id = id.expect("an open round");
    let (status, round) = app.get_json(&format!("/api/rounds/{id}")).await;
    assert_eq!(status, 200);
    let districts: Vec<&str> = round["districts"]
        .as_array()
        .expect("districts")
        .iter()
        .filter_map(|d| d["id"].as_str())
        .collect();
    assert_eq!(districts, ["riverside", "old-town", "hillhead"]);
    assert_eq!(round["ballot"]["type"], "approval");
    assert_eq!(round["ballot"]["max_length"], 5);
    let projects = round["projects"].as_array().expect("projects");
    assert_eq!(projects.len(), 14);
    let meadow = projects.iter().find(|p| p["id"] == "1").expect("project 1");
    assert_eq!(meadow["title"], "Riverside wildflower meadow");
    assert_eq!(meadow["cost"], 1_850_000);
    assert_eq!(meadow["district"], "riverside");
    assert_eq!(meadow["category"], "green");
    let stage = projects.iter().find(|p| p["id"] == "8").expect("project 8");
    assert_eq!(stage["feasibility"], "not-feasible");
    assert!(
        stage["feasibility_reason"]
            .as_str()
            .is_some_and(|r| r.contains("scheduled monument"))
    );
    // The typed client in the browser reads the same JSON.
    let typed: cairn_shared::api::RoundDetail =
        serde_json::from_value(round).expect("matches the shared DTO");
    // Hillhead: five projects, one withdrawn.
    assert_eq!(
        typed
            .candidates("hillhead")
            .iter()
            .filter(|c| c.eligible)
            .count(),
        4
    );
}

async fn bad_ids_and_routes_get_json_errors(db: Db) {
    let Some(app) = spawn_app(db).await else {
        return;
    };
    for path in [
        "/api/rounds/abc",
        "/api/rounds/0",
        "/api/rounds/-1",
        "/api/rounds/99999999999",
        "/api/rounds/424242",
        "/api/rounds/%F0%9F%90%8D",
    ] {
        let (status, body) = app.get_json(path).await;
        assert_eq!(status, 404, "{path}");
        assert_error_shape(&body, "not-found");
    }
    let (status, body) = app.get_json("/api/no-such-thing").await;
    assert_eq!(status, 404);
    assert_error_shape(&body, "not-found");
    let response = app
        .client
        .post(format!("{}/api/rounds", app.address))
        .body("{not json")
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 405);
    assert_error_shape(&response.json().await.expect("json"), "method-not-allowed");
    let response = app
        .client
        .delete(format!("{}/api/rounds/1", app.address))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 405);
}

async fn drafts_are_not_public(db: Db) {
    let Some(app) = spawn_app(db).await else {
        return;
    };
    let open = round::Entity::find()
        .one(&app.db)
        .await
        .expect("query")
        .expect("a round");
    let mut draft: round::ActiveModel = open.into();
    draft.id = sea_orm::ActiveValue::NotSet;
    draft.title = Set("Secret draft".into());
    draft.phase = Set("draft".into());
    let draft = draft.insert(&app.db).await.expect("insert draft");
    let (status, body) = app.get_json(&format!("/api/rounds/{}", draft.id)).await;
    assert_eq!(status, 404);
    assert_error_shape(&body, "not-found");
    let (_, list) = app.get_json("/api/rounds").await;
    assert!(!list.to_string().contains("Secret draft"));
}

async fn every_response_has_security_headers(db: Db) {
    let Some(app) = spawn_app(db).await else {
        return;
    };
    // Answers of every kind: success, the app, and refusals from handlers, extractors and the
    // layers in front of them.
    let url = |path: &str| format!("{}{path}", app.address);
    let requests = [
        ("/api/health", app.client.get(url("/api/health"))),
        ("/api/rounds/abc", app.client.get(url("/api/rounds/abc"))),
        ("/", app.client.get(url("/"))),
        ("/rounds/1", app.client.get(url("/rounds/1"))),
        ("401", app.client.get(url("/api/officer/rounds"))),
        ("405", app.client.delete(url("/api/rounds"))),
        (
            "415",
            app.client
                .post(url("/api/session"))
                .header("content-type", "text/plain")
                .body("x"),
        ),
        (
            "413",
            app.client
                .post(url("/api/session"))
                .header("content-type", "application/json")
                .body(vec![b' '; cairn_backend::startup::MAX_BODY_BYTES + 1]),
        ),
        (
            "403 cross-site",
            app.client
                .post(url("/api/session"))
                .header("sec-fetch-site", "cross-site")
                .json(&serde_json::json!({})),
        ),
    ];
    for (path, request) in requests {
        let response = request.send().await.expect("request");
        if let Some(status) = path
            .split(' ')
            .next()
            .filter(|s| s.len() == 3 && !s.contains('/'))
        {
            assert_eq!(response.status().as_str(), status, "{path}");
        }
        let headers = response.headers();
        let csp = headers
            .get("content-security-policy")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        assert!(
            csp.contains("frame-ancestors 'none'")
                && csp.contains("object-src 'none'")
                && csp.contains("base-uri 'none'"),
            "{path}: {csp}"
        );
        assert!(
            csp.contains("'wasm-unsafe-eval'") && !csp.contains("unsafe-inline"),
            "{path}: {csp}"
        );
        // The one inline script of the test index.html, `init()`, is allowed by its hash and nothing else is.
        assert!(
            csp.contains("'sha256-w4ujnOpjBoH2vcasx+reJRUwYivG8Q3afx/XevGJod8='"),
            "{path}: {csp}"
        );
        assert_eq!(
            headers.get("x-content-type-options").map(|v| v.as_bytes()),
            Some(&b"nosniff"[..]),
            "{path}"
        );
        assert!(headers.get("referrer-policy").is_some(), "{path}");
    }
}

async fn client_routes_get_the_app(db: Db) {
    let Some(app) = spawn_app(db).await else {
        return;
    };
    for path in ["/", "/rounds/1", "/some/client/route"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(
            response
                .headers()
                .get("cache-control")
                .map(|v| v.as_bytes()),
            Some(&b"no-cache"[..])
        );
        let page = response.text().await.expect("body");
        if path == "/" {
            assert!(page.contains(" — Cairn</title>"), "{page}");
        } else {
            assert!(page.contains("<title>Cairn</title>"), "{path}");
            assert!(page.contains("Loading Cairn…"), "{path}");
        }
    }
    let css = app.get("/app.css").await;
    assert_eq!(css.status(), 200);
    assert!(
        css.headers()
            .get("cache-control")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("immutable"))
    );
}

#[tokio::test]
async fn cross_site_writes_are_refused() {
    let Some(app) = spawn_app(Db::Sqlite).await else {
        return;
    };
    let path = format!("{}/api/rounds/1/ballots", app.address);
    let body = serde_json::json!({"code": "x", "district": "riverside", "approvals": ["1"]});
    for (name, value) in [
        ("sec-fetch-site", "cross-site"),
        ("sec-fetch-site", "same-site"),
        ("origin", "https://evil.example"),
    ] {
        let response = app
            .client
            .post(&path)
            .header(name, value)
            .json(&body)
            .send()
            .await
            .expect("request");
        assert_eq!(response.status(), 403, "{name}: {value}");
    }
    let host = app.address.trim_start_matches("http://").to_owned();
    let response = app
        .client
        .post(&path)
        .header("sec-fetch-site", "same-origin")
        .header("origin", format!("http://{host}"))
        .json(&body)
        .send()
        .await
        .expect("request");
    // It reaches the handler, which judges the (malformed) voting code instead.
    let body: serde_json::Value = response.json().await.expect("json");
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("voting code")),
        "{body}"
    );
}

/// `GET /` carries the portal itself, in the visitor's language, and the rounds as data that
/// equal the API's.
async fn the_home_page_arrives_with_its_first_screen(db: Db) {
    let Some(app) = spawn_app(db).await else {
        return;
    };
    let (_, rounds) = app.get_json("/api/rounds").await;
    let home = |language: &'static str| {
        app.client
            .get(format!("{}/", app.address))
            .header("accept-language", language)
            .send()
    };
    let response = home("en-GB").await.expect("request");
    let vary = response
        .headers()
        .get_all("vary")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect::<Vec<_>>()
        .join(", ");
    assert!(
        vary.contains("Accept-Language") && vary.contains("Cookie"),
        "{vary}"
    );
    let page = response.text().await.expect("body");
    assert!(!page.contains("Loading Cairn…"));
    assert!(page.contains("<html lang=\"en\">"));
    assert!(
        page.contains(
            "<h1 tabindex=\"-1\">Have your say on how your council spends its budget</h1>"
        )
    );
    let first = rounds[0]["id"].as_str().expect("round id");
    assert!(
        page.contains(&format!("<a href=\"/rounds/{first}\">")),
        "{page}"
    );
    let data = page
        .split("<script type=\"application/json\" id=\"first-screen-data\">")
        .nth(1)
        .and_then(|rest| rest.split("</script>").next())
        .expect("the rounds as data");
    let data: serde_json::Value = serde_json::from_str(data).expect("JSON");
    assert_eq!(data, rounds);

    let gaelic = home("gd")
        .await
        .expect("request")
        .text()
        .await
        .expect("body");
    assert!(gaelic.contains("<html lang=\"gd\">"));
    assert!(gaelic.contains("Fosgailte airson bhòtadh"));
}

#[tokio::test]
async fn assets_are_sent_compressed_as_built() {
    let Some(app) = spawn_app(Db::Sqlite).await else {
        return;
    };
    for (accepts, encoding, body) in [
        ("br, gzip", Some("br"), "brotli bytes"),
        ("gzip", Some("gzip"), "gzip bytes"),
        ("identity", None, "body{}"),
    ] {
        let response = app
            .client
            .get(format!("{}/app.css", app.address))
            .header("accept-encoding", accepts)
            .send()
            .await
            .expect("request");
        let headers = response.headers().clone();
        assert_eq!(
            headers
                .get("content-encoding")
                .and_then(|v| v.to_str().ok()),
            encoding,
            "{accepts}"
        );
        assert!(
            headers.get_all("vary").iter().any(|v| v
                .to_str()
                .is_ok_and(|v| v.eq_ignore_ascii_case("accept-encoding"))),
            "{accepts}: {headers:?}"
        );
        assert_eq!(response.text().await.expect("body"), body);
    }
}
