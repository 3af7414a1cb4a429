//! `GET /api/openapi.json` against the router and the running server: every route the router
//! registers is documented with its methods and nothing else is; every documented operation is
//! served, answers only with statuses it documents, in the media types it documents, with JSON
//! bodies that match their schemas; and every error response is the one `ErrorBody`.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use reqwest::Method;
use serde_json::{Value, json};

use cairn_backend::routes::openapi;

use crate::helpers::{Db, TestApp, assert_error_shape, spawn_app};

const METHODS: [&str; 5] = ["GET", "POST", "PUT", "DELETE", "PATCH"];

/// `(METHOD, path)`, with axum's and OpenAPI's shared `{name}` parameter syntax.
pub type Route = (String, String);

pub async fn document(app: &TestApp) -> Value {
    let response = app.get("/api/openapi.json").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/json")
    );
    let doc: Value = response.json().await.expect("the document is JSON");
    assert!(
        doc["openapi"]
            .as_str()
            .is_some_and(|v| v.starts_with("3.1")),
        "{}",
        doc["openapi"]
    );
    doc
}

/// Every operation of the document, with its method in upper case.
pub fn operations(doc: &Value) -> BTreeMap<Route, &Value> {
    let mut out = BTreeMap::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, operation) in item.as_object().expect("a path item") {
            let method = method.to_uppercase();
            if METHODS.contains(&method.as_str()) {
                out.insert((method, path.clone()), operation);
            }
        }
    }
    out
}

/// The routes `routes/mod.rs` registers, read from its source: every `Router::new()` chain of
/// `.route("path", get(…).post(…))` and `.nest("prefix", name)` calls, prefixed by where the
/// chain is nested. Services nested with `.nest_service(…)` (the web apps) must stay outside
/// `/api`. A registration in another form fails here instead of going unseen.
fn routes_in_source() -> BTreeSet<Route> {
    let source = include_str!("../../src/routes/mod.rs");
    let start = source.find("pub fn router(").expect("the router function");
    let body = &source[start..];
    let body = &body[..body.find("\n}\n").expect("the end of the router function")];
    for unsupported in [".merge(", ".route_service("] {
        assert!(
            !body.contains(unsupported),
            "teach this test to read {unsupported}"
        );
    }
    let mut chains: Vec<Chain> = Vec::new();
    let starts: Vec<usize> = body
        .match_indices("Router::new()")
        .map(|(i, _)| i)
        .collect();
    for (n, &at) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(body.len());
        let statement = &body[body[..at].rfind([';', '{']).expect("a statement") + 1..at];
        let name = statement
            .trim()
            .strip_prefix("let ")
            .and_then(|rest| rest.split_once('='))
            .map(|(name, _)| name.trim().to_owned())
            .unwrap_or_default();
        let chain = &body[at..end];
        chains.push(Chain {
            name,
            routes: calls(chain, ".route("),
            nests: calls(chain, ".nest("),
            services: calls(chain, ".nest_service("),
        });
    }
    let count = |needle: &str| body.matches(needle).count();
    assert_eq!(
        chains.iter().map(|c| c.routes.len()).sum::<usize>(),
        count(".route("),
        "every .route( call was read"
    );
    assert_eq!(
        chains.iter().map(|c| c.nests.len()).sum::<usize>(),
        count(".nest("),
        "every .nest( call was read"
    );
    let mut prefixes: BTreeMap<String, String> = BTreeMap::from([(String::new(), String::new())]);
    while prefixes.len() < chains.len() {
        let before = prefixes.len();
        for chain in &chains {
            let Some(outer) = prefixes.get(&chain.name).cloned() else {
                continue;
            };
            for (prefix, inner) in &chain.nests {
                prefixes.insert(inner.trim().to_owned(), format!("{outer}{prefix}"));
            }
        }
        assert!(
            prefixes.len() > before,
            "a chain is never nested: {chains:?}"
        );
    }
    let mut routes = BTreeSet::new();
    for chain in &chains {
        for (prefix, _) in &chain.services {
            let full = format!("{}{prefix}", prefixes[&chain.name]);
            assert!(
                !full.starts_with("/api"),
                "a service inside the API: {full}"
            );
        }
        for (path, methods) in &chain.routes {
            let full = format!("{}{path}", prefixes[&chain.name]);
            let found = methods_called(methods);
            assert!(!found.is_empty(), "no method for {full}: {methods}");
            for method in found {
                routes.insert((method, full.clone()));
            }
        }
    }
    routes
}

/// One `Router::new()` chain of calls.
#[derive(Debug)]
struct Chain {
    /// The variable it is bound to; empty for the router returned.
    name: String,
    /// `("path", method router expression)` of each `.route(…)`.
    routes: Vec<(String, String)>,
    /// `("prefix", variable)` of each `.nest(…)`.
    nests: Vec<(String, String)>,
    /// `("prefix", service)` of each `.nest_service(…)`.
    services: Vec<(String, String)>,
}

/// The `("literal", rest)` arguments of each `needle` call in `text`.
fn calls(text: &str, needle: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices(needle) {
        let args = &text[at + needle.len()..];
        let mut depth = 1;
        let end = args
            .char_indices()
            .find(|&(_, c)| {
                depth += match c {
                    '(' => 1,
                    ')' => -1,
                    _ => 0,
                };
                depth == 0
            })
            .map(|(i, _)| i)
            .expect("balanced parentheses");
        let args = args[..end].trim();
        let literal = args.strip_prefix('"').expect("a path literal first");
        let (literal, rest) = literal.split_once('"').expect("a closed literal");
        let rest = rest.trim_start().trim_start_matches(',');
        out.push((literal.to_owned(), rest.to_owned()));
    }
    out
}

/// The HTTP methods a method router expression such as `get(a::b).post(a::c)` names.
fn methods_called(expression: &str) -> Vec<String> {
    let mut out = Vec::new();
    for method in METHODS {
        let call = format!("{}(", method.to_lowercase());
        for (at, _) in expression.match_indices(&call) {
            let before = expression[..at].chars().next_back();
            if !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                out.push(method.to_owned());
            }
        }
    }
    out
}

#[tokio::test]
async fn every_route_of_the_router_is_documented_with_its_methods() {
    let Some(app) = spawn_app(Db::Sqlite).await else {
        return;
    };
    let doc = document(&app).await;
    let documented: BTreeSet<Route> = operations(&doc).into_keys().collect();
    let registered = routes_in_source();
    assert!(registered.len() > 30, "{registered:?}");
    let missing: Vec<_> = registered.difference(&documented).collect();
    let invented: Vec<_> = documented.difference(&registered).collect();
    assert!(
        missing.is_empty() && invented.is_empty(),
        "routed but not documented: {missing:?}; documented but not routed: {invented:?}"
    );
    // And the methods a path does not document are refused by the router itself.
    let paths: BTreeSet<&String> = documented.iter().map(|(_, path)| path).collect();
    for path in paths {
        for method in METHODS {
            if documented.contains(&(method.to_owned(), path.clone())) {
                continue;
            }
            let (status, body) = call(&app, method, &concrete(path, "1"), None, None).await;
            assert_eq!(status, 405, "{method} {path}: {body}");
            assert_eq!(body["error"]["code"], "method-not-allowed", "{body}");
        }
    }
}

#[tokio::test]
async fn every_operation_answers_as_documented() {
    let Some(app) = spawn_app(Db::Sqlite).await else {
        return;
    };
    let doc = document(&app).await;
    let published = published_round(&app).await;
    let cookie = app.sign_in_demo().await;
    let mut seen_success = 0;
    for ((method, path), operation) in operations(&doc) {
        let roles = required_roles(operation);
        let body = operation.get("requestBody").map(|_| json!({}));
        let url = concrete(&path, &published);
        // Anonymous: the officers' operations, and only they, refuse with 401.
        let (status, answer) = call(&app, &method, &url, None, body.as_ref()).await;
        assert_eq!(
            status == 401,
            !roles.is_empty(),
            "{method} {path} anonymously: {status} {answer}"
        );
        let mut answers = vec![(status, answer)];
        if !roles.is_empty() {
            answers.push(call(&app, &method, &url, Some(&cookie), body.as_ref()).await);
        }
        for (status, answer) in answers {
            let what = format!("{method} {path}: {status} {answer}");
            let is_fallback = status == 404
                && answer["error"]["message"]
                    .as_str()
                    .is_some_and(|m| m.starts_with("There is no API endpoint"));
            assert!(!is_fallback && status != 405, "not routed: {what}");
            let response = resolve(&doc, &operation["responses"][status.to_string()]);
            assert!(response.is_object(), "undocumented status: {what}");
            if (200..300).contains(&status) {
                seen_success += 1;
            }
            if let Some(schema) = response.pointer("/content/application~1json/schema")
                && !answer.is_null()
            {
                check(&doc, schema, &answer, "$").unwrap_or_else(|e| panic!("{what}\n{e}"));
            }
        }
    }
    assert!(seen_success > 12, "too few operations succeeded to check");
}

#[tokio::test]
async fn successes_have_their_documented_media_types() {
    let Some(app) = spawn_app(Db::Sqlite).await else {
        return;
    };
    let doc = document(&app).await;
    let published = published_round(&app).await;
    let mut checked = BTreeSet::new();
    for ((method, path), operation) in operations(&doc) {
        if method != "GET" || !required_roles(operation).is_empty() {
            continue;
        }
        let response = app
            .client
            .get(format!("{}{}", app.address, concrete(&path, &published)))
            .timeout(Duration::from_secs(10))
            .send()
            .await
            .expect("request");
        let status = response.status().as_u16();
        if !(200..300).contains(&status) {
            continue;
        }
        let media_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .expect("a content type")
            .trim()
            .to_owned();
        let documented = resolve(&doc, &operation["responses"][status.to_string()]);
        assert!(
            documented["content"].get(&media_type).is_some(),
            "GET {path} answers {media_type}, documented: {}",
            documented["content"]
        );
        checked.insert(media_type);
    }
    for media_type in [
        "application/json",
        "text/event-stream",
        "text/calendar",
        "text/csv",
    ] {
        assert!(checked.contains(media_type), "{media_type}: {checked:?}");
    }
}

#[tokio::test]
async fn every_error_is_an_error_body_and_officer_operations_need_a_session() {
    let Some(app) = spawn_app(Db::Sqlite).await else {
        return;
    };
    let doc = document(&app).await;
    let error_body = json!({"$ref": "#/components/schemas/ErrorBody"});
    for ((method, path), operation) in operations(&doc) {
        let responses = operation["responses"].as_object().expect("responses");
        assert!(
            responses.keys().any(|s| s.starts_with('2')),
            "{method} {path} documents no success"
        );
        for (status, response) in responses {
            if status.starts_with('2') {
                continue;
            }
            let response = resolve(&doc, response);
            let content = response["content"].as_object().expect("error content");
            assert_eq!(content.len(), 1, "{method} {path} {status}: {response}");
            let schema = &response["content"]["application/json"]["schema"];
            let resolved = resolve(&doc, schema);
            let alternatives = resolved["oneOf"].as_array();
            assert!(
                *schema == error_body || alternatives.is_some_and(|a| a.contains(&error_body)),
                "{method} {path} {status}: {schema}"
            );
        }
        // 500 everywhere; 503 wherever the database is reached (all but this document).
        assert!(responses.contains_key("500"), "{method} {path}");
        assert_eq!(
            responses.contains_key("503"),
            path != openapi::DOCUMENT_PATH,
            "{method} {path}"
        );
        let roles = required_roles(operation);
        let officers_only =
            path.starts_with("/api/officer/") || (method == "GET" && path == "/api/session");
        assert_eq!(!roles.is_empty(), officers_only, "{path}: {roles:?}");
        if !roles.is_empty() {
            assert!(responses.contains_key("401"), "{path}");
        }
        if roles.iter().any(|r| r == "admin") {
            assert!(responses.contains_key("403"), "{path}");
        }
    }
    // The refusals the document adds for parameters are the error shape too.
    let cookie = app.sign_in_demo().await;
    for (path, cookie) in [
        ("/api/rounds/%FF", None),
        ("/api/officer/audit?limit=many", Some(cookie.as_str())),
    ] {
        let (status, body) = app.send(Method::GET, path, cookie, None).await;
        assert_eq!(status, 400, "{path}: {body}");
        assert_error_shape(&body, "bad-request");
    }
    let scheme = &doc["components"]["securitySchemes"][openapi::SESSION_SCHEME];
    assert_eq!(scheme["type"], "apiKey", "{scheme}");
    assert_eq!(scheme["in"], "cookie");
    assert_eq!(scheme["name"], cairn_backend::auth::session::COOKIE);
}

/// Sample bodies as clients send them fit the documented request schemas (which are closed:
/// a field the schema forgets fails too).
#[tokio::test]
async fn request_bodies_as_clients_send_them_fit_their_schemas() {
    let Some(app) = spawn_app(Db::Sqlite).await else {
        return;
    };
    let doc = document(&app).await;
    let samples = [
        (
            "POST",
            "/api/rounds/{round_id}/ballots",
            json!({"code": "ABCDEF-GHJKMN-PQRSTU", "district": "old-town", "approvals": ["5", "7"]}),
        ),
        (
            "POST",
            "/api/rounds/{round_id}/ballots",
            json!({"code": "x", "district": "d", "points": {"1": 3, "2": 1}, "answers": {"age_band": "25-44"}}),
        ),
        (
            "PUT",
            "/api/rounds/{round_id}/ballots",
            json!({"code": "x", "receipt": "y", "district": "d", "ranking": ["2", "1"]}),
        ),
        (
            "POST",
            "/api/officer/rounds/{round_id}/paper-ballots",
            json!({"district": "d", "approvals": []}),
        ),
        (
            "POST",
            "/api/session",
            json!({"email": "a@b.example", "password": "secret"}),
        ),
        (
            "POST",
            "/api/officer/rounds",
            json!({
                "title": "Parks", "currency": "GBP",
                "ballot": {"type": "approval", "min_length": 1, "max_length": null,
                    "cost_limit": {"kind": "amount", "amount": 500000}, "min_spend_percent": null},
                "districts": [{"id": "all", "name": "All", "budget": 1000000}]
            }),
        ),
        (
            "PUT",
            "/api/officer/rounds/{round_id}",
            json!({
                "title": "Parks", "currency": "GBP",
                "ballot": {"type": "cumulative", "max_sum_points": 10, "max_points": 5, "min_points": 0},
                "districts": []
            }),
        ),
        (
            "POST",
            "/api/officer/rounds/{round_id}/phase",
            json!({"to": "voting"}),
        ),
        ("POST", "/api/officer/rounds/{round_id}/publish", json!({})),
    ];
    let operations = operations(&doc);
    for (method, path, sample) in samples {
        let operation = operations[&(method.to_owned(), path.to_owned())];
        let schema = &operation["requestBody"]["content"]["application/json"]["schema"];
        check(&doc, schema, &sample, "$").unwrap_or_else(|e| panic!("{method} {path}: {e}"));
    }
    // And the closed check does catch a field that is not in the schema.
    let cast = operations[&(
        "POST".to_owned(),
        "/api/rounds/{round_id}/ballots".to_owned(),
    )];
    let schema = &cast["requestBody"]["content"]["application/json"]["schema"];
    let stray = json!({"code": "x", "district": "d", "approvals": [], "votes": 1});
    assert!(check(&doc, schema, &stray, "$").is_err());
}

/// The id of the demo round whose results are out: every public `GET` succeeds on it.
pub async fn published_round(app: &TestApp) -> String {
    let (_, rounds) = app.get_json("/api/rounds").await;
    rounds
        .as_array()
        .and_then(|l| l.iter().find(|r| r["phase"] == "published"))
        .and_then(|r| r["id"].as_str())
        .expect("the demo's published round")
        .to_owned()
}

/// A documented path with its parameters filled in.
fn concrete(path: &str, round: &str) -> String {
    path.replace("{round_id}", round)
        .replace("{project_id}", "1")
        .replace("{receipt}", "NOT-A-RECEIPT")
}

async fn call(
    app: &TestApp,
    method: &str,
    path: &str,
    cookie: Option<&str>,
    body: Option<&Value>,
) -> (u16, Value) {
    let method = Method::from_bytes(method.as_bytes()).expect("a method");
    app.send(method, path, cookie, body).await
}

pub fn required_roles(operation: &Value) -> Vec<String> {
    openapi::required_roles(&operation["security"])
}

/// Follows a `$ref` within the document (one level at a time, as often as needed).
fn resolve<'a>(doc: &'a Value, mut value: &'a Value) -> &'a Value {
    while let Some(reference) = value["$ref"].as_str() {
        let pointer = reference
            .strip_prefix('#')
            .expect("a reference within the document");
        value = doc
            .pointer(pointer)
            .unwrap_or_else(|| panic!("{reference} does not resolve"));
    }
    value
}

/// The property names an object schema allows, through `$ref` and `allOf`.
fn property_names(doc: &Value, schema: &Value, out: &mut BTreeSet<String>) {
    let schema = resolve(doc, schema);
    if let Some(properties) = schema["properties"].as_object() {
        out.extend(properties.keys().cloned());
    }
    for part in schema["allOf"].as_array().into_iter().flatten() {
        property_names(doc, part, out);
    }
}

/// Checks a value against a schema of the document, as far as this API's schemas go: `$ref`,
/// `allOf`, `oneOf` (exactly one), `type` (with 3.1's lists), `enum`, `properties`,
/// `required`, `additionalProperties`, `items` and `minimum`. Objects are closed: serde sends
/// no field the type lacks, so a property the schema does not name is an error.
fn check(doc: &Value, schema: &Value, value: &Value, at: &str) -> Result<(), String> {
    check_with(doc, schema, value, at, &BTreeSet::new())
}

fn check_with(
    doc: &Value,
    schema: &Value,
    value: &Value,
    at: &str,
    also_allowed: &BTreeSet<String>,
) -> Result<(), String> {
    let schema = resolve(doc, schema);
    if let Some(parts) = schema["allOf"].as_array() {
        let mut allowed = also_allowed.clone();
        property_names(doc, schema, &mut allowed);
        for part in parts {
            check_with(doc, part, value, at, &allowed)?;
        }
    }
    if let Some(alternatives) = schema["oneOf"].as_array() {
        let results: Vec<_> = alternatives
            .iter()
            .map(|a| check_with(doc, a, value, at, also_allowed))
            .collect();
        let matching = results.iter().filter(|r| r.is_ok()).count();
        if matching != 1 {
            return Err(format!(
                "{at}: {matching} of the oneOf alternatives match {value}: {results:?}"
            ));
        }
    }
    if let Some(types) = schema.get("type") {
        let types: Vec<&str> = match types {
            Value::String(t) => vec![t.as_str()],
            Value::Array(list) => list.iter().filter_map(Value::as_str).collect(),
            other => return Err(format!("{at}: unexpected type {other}")),
        };
        let fits = types.iter().any(|t| match *t {
            "null" => value.is_null(),
            "boolean" => value.is_boolean(),
            "object" => value.is_object(),
            "array" => value.is_array(),
            "string" => value.is_string(),
            "integer" => value.is_i64() || value.is_u64(),
            "number" => value.is_number(),
            _ => false,
        });
        if !fits {
            return Err(format!("{at}: {value} is not {types:?}"));
        }
    }
    if let Some(allowed) = schema["enum"].as_array()
        && !allowed.contains(value)
    {
        return Err(format!("{at}: {value} is not one of {allowed:?}"));
    }
    if let (Some(minimum), Some(n)) = (schema["minimum"].as_f64(), value.as_f64())
        && n < minimum
    {
        return Err(format!("{at}: {n} is below {minimum}"));
    }
    if let Some(items) = schema.get("items")
        && let Some(values) = value.as_array()
    {
        for (i, item) in values.iter().enumerate() {
            check(doc, items, item, &format!("{at}[{i}]"))?;
        }
    }
    if let Some(object) = value.as_object()
        && (schema.get("properties").is_some() || schema.get("required").is_some())
    {
        let properties = schema["properties"]
            .as_object()
            .cloned()
            .unwrap_or_default();
        for required in schema["required"].as_array().into_iter().flatten() {
            let name = required.as_str().unwrap_or_default();
            if !object.contains_key(name) {
                return Err(format!(
                    "{at}: the required {name:?} is missing from {value}"
                ));
            }
        }
        for (name, field) in object {
            match properties.get(name) {
                Some(property) => check(doc, property, field, &format!("{at}.{name}"))?,
                None => match schema.get("additionalProperties") {
                    Some(Value::Bool(true)) => {}
                    Some(extra) if extra.is_object() => {
                        check(doc, extra, field, &format!("{at}.{name}"))?;
                    }
                    _ if also_allowed.contains(name) => {}
                    _ => return Err(format!("{at}: {name:?} is not in the schema")),
                },
            }
        }
    } else if let (Some(extra), Some(object)) =
        (schema.get("additionalProperties"), value.as_object())
        && extra.is_object()
    {
        for (name, field) in object {
            check(doc, extra, field, &format!("{at}.{name}"))?;
        }
    }
    Ok(())
}
