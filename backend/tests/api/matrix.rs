//! Who may do what, and from where, generated from `/api/openapi.json`: every documented
//! operation is called by every kind of caller, and by a browser on another site, with a body
//! the server would accept. An operation added to the API joins these matrices by itself; one
//! with a request body and no sample here fails until it gets one.
//!
//! - **Authorization**: anonymous, a resident (a voting code, tried as a session too), an
//!   officer, an admin, and an admin of another organisation × every operation. A caller
//!   without the role the document names gets 401 or 403 (another organisation's rounds are
//!   404: they do not exist for it), never a 2xx, and nothing in the database changes.
//! - **CSRF**: every write × content type × `Origin` × `Sec-Fetch-Site`, sent with an admin's
//!   cookie: whatever a browser marks as coming from another site is refused with 403 and
//!   changes nothing; a write that is not JSON is never accepted.

use std::collections::BTreeMap;

use chrono::Utc;
use reqwest::Method;
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};
use serde_json::{Value, json};

use cairn_backend::db::entities::organisation;
use cairn_backend::services::{audit::Actor, officers};
use cairn_shared::api::{NewOfficer, Role};

use crate::helpers::{Db, TestApp, spawn_app};
use crate::officers::round_settings;
use crate::openapi::{Route, document, operations, published_round, required_roles};

const PASSWORD: &str = "a long pass phrase";

/// The rounds the samples act on.
struct Fixture {
    draft: String,
    draft_project: String,
    voting: String,
    published: String,
    funded_project: String,
    code: String,
    revocable: String,
}

impl Fixture {
    async fn new(app: &TestApp, admin: &str) -> Fixture {
        let (status, body) = app
            .send(
                Method::POST,
                "/api/officer/rounds",
                Some(admin),
                Some(&round_settings("Matrix draft")),
            )
            .await;
        assert_eq!(status, 201, "{body}");
        let draft = body["id"].as_str().expect("a round id").to_owned();
        let (status, body) = app
            .send(
                Method::POST,
                &format!("/api/officer/rounds/{draft}/projects"),
                Some(admin),
                Some(&json!({"district": "all", "title": "Benches", "cost": 100})),
            )
            .await;
        assert_eq!(status, 201, "{body}");
        let draft_project = body["id"].as_str().expect("a project id").to_owned();
        let voting = app.open_round().await;
        let published = published_round(app).await;
        let (_, results) = app
            .get_json(&format!("/api/rounds/{published}/results"))
            .await;
        let funded_project = results
            .pointer("/districts/0/projects")
            .and_then(Value::as_array)
            .and_then(|projects| projects.iter().find(|p| p["funded"] == true))
            .and_then(|p| p["id"].as_str())
            .unwrap_or_else(|| panic!("a funded project in {results}"))
            .to_owned();
        let mut codes = app.issue_codes(&voting, None, 2).await;
        Fixture {
            draft,
            draft_project,
            voting,
            published,
            funded_project,
            code: codes.remove(0),
            revocable: codes.remove(0),
        }
    }

    /// The concrete path and a body the server accepts from a caller allowed to send it.
    fn sample(&self, method: &str, path: &str) -> (String, Option<Value>) {
        let round = if path.starts_with("/api/officer/rounds/{round_id}/codes")
            || path.starts_with("/api/officer/rounds/{round_id}/paper-ballots")
            || path.starts_with("/api/rounds/{round_id}/ballots")
        {
            &self.voting
        } else if path.starts_with("/api/officer/rounds/{round_id}/updates")
            || path.starts_with("/api/rounds/")
        {
            &self.published
        } else {
            &self.draft
        };
        let concrete = path
            .replace("{round_id}", round)
            .replace("{project_id}", &self.draft_project)
            .replace("{receipt}", "NOT-A-RECEIPT");
        let ballot = json!({"code": self.code, "district": "old-town", "approvals": ["5", "7"]});
        let body = match (method, path) {
            ("POST", "/api/rounds/{round_id}/ballots") => ballot,
            ("PUT", "/api/rounds/{round_id}/ballots") => {
                json!({"code": self.code, "receipt": "NOT-A-RECEIPT", "district": "old-town", "approvals": ["5"]})
            }
            ("POST", "/api/session") => {
                json!({"email": crate::helpers::DEMO_OFFICER.0, "password": "not the password"})
            }
            ("POST", "/api/officer/rounds") => round_settings("Matrix new round"),
            ("PUT", "/api/officer/rounds/{round_id}") => round_settings("Matrix draft, renamed"),
            ("POST", "/api/officer/rounds/{round_id}/projects")
            | ("PUT", "/api/officer/rounds/{round_id}/projects/{project_id}") => {
                json!({"district": "all", "title": "Picnic tables", "cost": 250})
            }
            ("POST", "/api/officer/rounds/{round_id}/import") => {
                json!({"format": "csv", "content": "district,title,cost\nall,Bike racks,300\n"})
            }
            ("POST", "/api/officer/rounds/{round_id}/phase") => json!({"to": "proposals"}),
            ("POST", "/api/officer/rounds/{round_id}/publish") => json!({}),
            ("POST", "/api/officer/rounds/{round_id}/codes") => json!({"count": 1}),
            ("POST", "/api/officer/rounds/{round_id}/codes/revoke") => {
                json!({"code": self.revocable})
            }
            ("POST", "/api/officer/rounds/{round_id}/paper-ballots") => {
                json!({"district": "old-town", "approvals": ["5", "7"]})
            }
            ("POST", "/api/officer/rounds/{round_id}/updates") => {
                json!({"project": self.funded_project, "status": "planned", "note": "Work starts in spring."})
            }
            ("POST", "/api/officer/officers") => {
                json!({"email": format!("new-{}@example.org", uuid::Uuid::new_v4().simple()), "name": "New", "role": "officer", "password": PASSWORD})
            }
            (_, _) if method == "GET" || method == "DELETE" => return (concrete, None),
            _ => panic!("{method} {path} is new: give it a sample body in tests/api/matrix.rs"),
        };
        (concrete, Some(body))
    }
}

/// Counts and the newest audit entry: any write the server accepts changes one of them.
async fn fingerprint(app: &TestApp) -> Vec<String> {
    let mut out = Vec::new();
    for query in [
        "SELECT COUNT(*) FROM audit_log",
        "SELECT COUNT(*) FROM ballot",
        "SELECT COUNT(*) FROM voting_code WHERE used OR revoked",
        "SELECT COUNT(*) FROM voting_code",
        "SELECT COUNT(*) FROM project",
        "SELECT COUNT(*) FROM round",
        "SELECT COUNT(*) FROM officer",
        "SELECT COUNT(*) FROM session",
        "SELECT COUNT(*) FROM delivery_update",
    ] {
        let row = app
            .db
            .query_one_raw(sea_orm::Statement::from_string(
                app.db.get_database_backend(),
                query,
            ))
            .await
            .expect(query)
            .expect("a row");
        let count: i64 = row.try_get_by_index(0).expect("a count");
        out.push(format!("{query}: {count}"));
    }
    let (_, round) = app.get_json("/api/rounds").await;
    out.push(round.to_string());
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Caller {
    Anonymous,
    Resident,
    Officer,
    Admin,
    OtherOrganisation,
}

struct Callers {
    cookies: BTreeMap<&'static str, Option<String>>,
}

impl Callers {
    async fn new(app: &TestApp, admin: &str, resident_code: &str) -> Callers {
        let email = "matrix-officer@glenmoray.example";
        let (status, body) = app
            .send(
                Method::POST,
                "/api/officer/officers",
                Some(admin),
                Some(&json!({"email": email, "name": "Officer", "role": "officer", "password": PASSWORD})),
            )
            .await;
        assert_eq!(status, 201, "{body}");
        let officer = app.sign_in(email, PASSWORD).await;
        let other = organisation::ActiveModel {
            slug: Set("elsewhere".into()),
            name: Set("Elsewhere Council".into()),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .expect("another organisation");
        officers::add(
            &app.db,
            &Actor("test".into()),
            Some(other.id),
            NewOfficer {
                email: "admin@elsewhere.example".into(),
                name: "Elsewhere admin".into(),
                role: Role::Admin,
                password: PASSWORD.into(),
            },
        )
        .await
        .expect("an admin elsewhere");
        let elsewhere = app.sign_in("admin@elsewhere.example", PASSWORD).await;
        let resident = format!(
            "{}={}",
            cairn_backend::auth::session::COOKIE,
            resident_code.replace('-', "")
        );
        Callers {
            cookies: BTreeMap::from([
                ("anonymous", None),
                ("resident", Some(resident)),
                ("officer", Some(officer)),
                ("admin", Some(admin.to_owned())),
                ("other organisation", Some(elsewhere)),
            ]),
        }
    }

    fn cookie(&self, caller: Caller) -> Option<&str> {
        let name = match caller {
            Caller::Anonymous => "anonymous",
            Caller::Resident => "resident",
            Caller::Officer => "officer",
            Caller::Admin => "admin",
            Caller::OtherOrganisation => "other organisation",
        };
        self.cookies[name].as_deref()
    }
}

/// What a caller must get from an operation that needs `roles`: `None` when allowed.
fn refusal(caller: Caller, roles: &[String], path: &str) -> Option<&'static [u16]> {
    if roles.is_empty() {
        return None;
    }
    let admin_only = roles.iter().all(|r| r == "admin");
    match caller {
        Caller::Anonymous | Caller::Resident => Some(&[401]),
        Caller::Officer if admin_only => Some(&[403]),
        Caller::OtherOrganisation if path.contains("{round_id}") => Some(&[404]),
        _ => None,
    }
}

async fn every_caller_gets_only_what_its_role_allows(db: Db) {
    let Some(app) = spawn_app(db).await else {
        return;
    };
    let doc = document(&app).await;
    let admin = app.sign_in_demo().await;
    let fixture = Fixture::new(&app, &admin).await;
    let callers = Callers::new(&app, &admin, &fixture.code).await;
    let order = [
        Caller::Anonymous,
        Caller::Resident,
        Caller::OtherOrganisation,
        Caller::Officer,
        Caller::Admin,
    ];
    let mut succeeded: Vec<Route> = Vec::new();
    for ((method, path), operation) in writes_last(operations(&doc)) {
        let roles = required_roles(operation);
        if roles.is_empty() {
            // Public operations are the other tests' subject; here only who may not.
            continue;
        }
        for caller in order {
            // Fresh for each caller: a new officer's email, for one, can be used only once.
            let (url, body) = fixture.sample(&method, &path);
            let before = fingerprint(&app).await;
            let (status, answer) = app
                .send(
                    Method::from_bytes(method.as_bytes()).expect("a method"),
                    &url,
                    callers.cookie(caller),
                    body.as_ref(),
                )
                .await;
            let what = format!("{caller:?} {method} {path}: {status} {answer}");
            match refusal(caller, &roles, &path) {
                Some(expected) => {
                    assert!(expected.contains(&status), "{what}");
                    assert_eq!(before, fingerprint(&app).await, "{what} changed data");
                }
                None => {
                    assert!(status != 401 && status != 403 && status < 500, "{what}");
                    if caller == Caller::OtherOrganisation {
                        let text = answer.to_string();
                        let ours = [
                            format!("\"round\":\"{}\"", fixture.draft),
                            format!("\"round\":\"{}\"", fixture.voting),
                            "Matrix draft".to_owned(),
                            "glenmoray".to_owned(),
                        ];
                        for ours in ours {
                            assert!(
                                !text.contains(&ours),
                                "{what} shows another council's {ours}"
                            );
                        }
                    } else if (200..300).contains(&status) {
                        succeeded.push((method.clone(), path.clone()));
                    }
                }
            }
        }
    }
    // The samples are bodies the server accepts, so the refusals above are about who asked.
    for ((method, path), operation) in operations(&doc) {
        let needs_role = !required_roles(operation).is_empty();
        let may_fail = path.ends_with("/publish"); // the draft has no count to publish
        if needs_role && !may_fail {
            assert!(
                succeeded.contains(&(method.clone(), path.clone())),
                "no allowed caller succeeded with the sample of {method} {path}"
            );
        }
    }
}

/// Reads before writes, and the moves that change a round's phase or end a session last, so
/// that each sample still fits the round it acts on.
fn writes_last(operations: BTreeMap<Route, &Value>) -> Vec<(Route, &Value)> {
    let mut list: Vec<_> = operations.into_iter().collect();
    list.sort_by_key(|((method, path), _)| {
        (
            method == "DELETE",
            path.ends_with("/phase") || path.ends_with("/publish"),
            method != "GET",
        )
    });
    list
}

const CONTENT_TYPES: [&str; 4] = [
    "application/json",
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
];

async fn no_cross_site_write_is_accepted(db: Db) {
    let Some(app) = spawn_app(db).await else {
        return;
    };
    let doc = document(&app).await;
    let admin = app.sign_in_demo().await;
    let fixture = Fixture::new(&app, &admin).await;
    let own_origin = app.address.clone();
    let origins = [
        None,
        Some(own_origin.as_str()),
        Some("https://evil.example"),
        Some("null"),
    ];
    let sites = [
        None,
        Some("same-origin"),
        Some("none"),
        Some("same-site"),
        Some("cross-site"),
    ];
    let mut refused = 0;
    for ((method, path), _) in writes_last(operations(&doc)) {
        if method == "GET" {
            continue;
        }
        let (url, body) = fixture.sample(&method, &path);
        let bytes = body.as_ref().map(Value::to_string).unwrap_or_default();
        let before = fingerprint(&app).await;
        for content_type in CONTENT_TYPES {
            for origin in origins {
                for site in sites {
                    let cross = match site {
                        Some(site) => site == "same-site" || site == "cross-site",
                        None => origin.is_some_and(|o| o != own_origin),
                    };
                    let json = content_type == "application/json";
                    // A same-site sign-out would end the session the other requests use.
                    if !cross && (method == "DELETE" || json) {
                        continue;
                    }
                    let mut request = app
                        .client
                        .request(
                            Method::from_bytes(method.as_bytes()).expect("a method"),
                            format!("{}{url}", app.address),
                        )
                        .header("cookie", &admin)
                        .header("content-type", content_type)
                        .body(bytes.clone());
                    if let Some(origin) = origin {
                        request = request.header("origin", origin);
                    }
                    if let Some(site) = site {
                        request = request.header("sec-fetch-site", site);
                    }
                    let response = request.send().await.expect("request");
                    let status = response.status().as_u16();
                    let what = format!(
                        "{method} {path} as {content_type} from {origin:?} ({site:?}): {status}"
                    );
                    if cross {
                        assert_eq!(status, 403, "{what}");
                        refused += 1;
                    } else {
                        assert!(!(200..300).contains(&status) && status < 500, "{what}");
                    }
                }
            }
        }
        assert_eq!(
            before,
            fingerprint(&app).await,
            "{method} {path} changed data"
        );
    }
    assert!(refused > 500, "only {refused} cross-site writes were tried");
    // The admin's session survived every cross-site sign-out.
    let (status, _) = app
        .send(Method::GET, "/api/session", Some(&admin), None)
        .await;
    assert_eq!(status, 200);
}

crate::on_both_databases!(
    every_caller_gets_only_what_its_role_allows,
    no_cross_site_write_is_accepted
);
